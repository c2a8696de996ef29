# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- facts of a decision
#
# What one decision of the walker reads around an element, gathered in one call instead
# of through an lxml proxy per element it looks at.


cdef bint _named(tree.xmlNode* c_node, tuple names) except -1:
    """Whether ``el.tag`` is one of ``names`` (bytes; no namespace)."""
    cdef bytes name
    cdef const char* c_name = <const char*>c_node.name
    cdef const char* wanted
    if c_node.ns is not NULL:
        return False
    for name in names:
        wanted = name
        if c_name[0] == wanted[0] and strcmp(c_name, wanted) == 0:
            return True
    return False


cdef object _value_of(tree.xmlNode* c_node, const char* name):
    """``el.get(name)`` for an attribute outside any namespace (None when absent),
    decoded from its one text node without the copy lxml makes, when it is one."""
    cdef tree.xmlAttr* attr = c_node.properties
    cdef tree.xmlNode* text
    while attr is not NULL:
        if attr.ns is NULL and strcmp(<const char*>attr.name, name) == 0:
            text = attr.children
            if text is NULL:
                return ""
            if text.type == tree.XML_TEXT_NODE and text.next is NULL and text.content is not NULL:
                return PyUnicode_DecodeUTF8(
                    <const char*>text.content, <Py_ssize_t>strlen(<const char*>text.content), NULL
                )
            return attributeValue(c_node, attr)
        attr = attr.next
    return None


def climb_marks(el, Py_ssize_t levels, tuple stop):
    """``body.images.climb_marks_py``: the ``class`` and ``id`` values (those present, in
    that order) of ``el`` and its ancestors, ``levels`` nodes in all at most (``el``
    counts, whatever it is), up to the first ancestor whose tag is in ``stop`` (bytes),
    joined by spaces; and the ``href`` values of those of them that are ``<a>`` elements,
    in order from ``el`` up."""
    cdef _Element start = _root_of(el)
    cdef tree.xmlNode* c_node = start._c_node
    cdef list marks = []
    cdef list hrefs = []
    cdef Py_ssize_t k
    for k in range(levels):
        if c_node.type == tree.XML_ELEMENT_NODE:
            if k and _named(c_node, stop):
                break
            if c_node.properties is not NULL:
                value = _value_of(c_node, "class")
                if value is not None:
                    marks.append(value)
                value = _value_of(c_node, "id")
                if value is not None:
                    marks.append(value)
                if _is_plain_name(c_node, "a"):
                    value = _value_of(c_node, "href")
                    if value is not None:
                        hrefs.append(value)
        # el.getparent(): None above the root or from a node that is no element.
        if not _is_element_like(c_node):
            break
        c_node = c_node.parent
        if c_node is NULL or not _is_element_like(c_node):
            break
    return " ".join(marks), hrefs


def shape_picks(root, tuple heads, tuple times, bytes name not None):
    """``body.structure.shape_picks_py``: the elements of ``root.iter()`` (``root`` too),
    in document order, whose tag is in ``heads`` (bytes; no namespace), those whose tag
    is in ``times``, and those that have the attribute ``name`` (outside any namespace):
    three lists, from one pass."""
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef list found_heads = []
    cdef list found_times = []
    cdef list found_having = []
    cdef const char* c_name = name
    if c_top.type != tree.XML_ELEMENT_NODE:
        return found_heads, found_times, found_having
    while True:
        if c_node.type == tree.XML_ELEMENT_NODE:
            if _named(c_node, heads):
                found_heads.append(elementFactory(doc, c_node))
            if _named(c_node, times):
                found_times.append(elementFactory(doc, c_node))
            if c_node.properties is not NULL and _has_attribute(c_node, c_name):
                found_having.append(elementFactory(doc, c_node))
            c_next = _first_child(c_node)
        else:
            c_next = NULL
        if c_next is not NULL:
            c_node = c_next
            continue
        while c_node is not c_top:
            c_next = _next_sibling(c_node)
            if c_next is not NULL:
                c_node = c_next
                break
            c_node = c_node.parent
        if c_node is c_top:
            return found_heads, found_times, found_having
