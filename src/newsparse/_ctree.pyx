# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled facts about an lxml tree: the optional accelerator of :mod:`newsparse`.

Each function here computes exactly what a pure-Python reference function of the body
extractor computes (the reference is named in each docstring), by reading libxml2's node
structs through lxml's public C API (``lxml.includes.etreepublic``). Nothing here decides
what is content: the decisions stay in Python, next to the reference functions.

lxml's wheels do not export libxml2's functions, so this module calls none: it reads the
node structs (``tree.xmlNode``) and calls only lxml's own C API (``elementFactory``,
``namespacedName``).
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.ref cimport PyObject
from libc.string cimport memcpy, memset, strcmp, strlen

cimport lxml.includes.etreepublic as cetree
from lxml.includes cimport tree
from lxml.includes.etreepublic cimport (
    _Document,
    _Element,
    attributeValue,
    elementFactory,
    namespacedName,
)

cdef extern from "Python.h":
    object PyUnicode_DecodeUTF8(const char* data, Py_ssize_t size, const char* errors)
    ctypedef unsigned char Py_UCS1
    ctypedef unsigned short Py_UCS2
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    unsigned int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index) nogil
    void PyUnicode_WRITE(int kind, void* data, Py_ssize_t index, Py_UCS4 value) nogil
    Py_UCS1* PyUnicode_1BYTE_DATA(object text)
    Py_UCS2* PyUnicode_2BYTE_DATA(object text)
    Py_UCS4* PyUnicode_4BYTE_DATA(object text)
    int PyUnicode_1BYTE_KIND
    int PyUnicode_2BYTE_KIND
    int PyUnicode_4BYTE_KIND
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch) nogil


cetree.import_lxml__etree()

BUILT_LXML = (<bytes>cetree.LXML_VERSION_STRING).decode("ascii")
"""The lxml version this module was compiled against."""
BUILT_LIBXML = tree.LIBXML_VERSION
"""The libxml2 version (as libxml2's integer, 21406 for 2.14.6) of lxml's headers."""


# ---------------------------------------------------------------------------- node tests


cdef inline bint _is_element_like(tree.xmlNode* c_node) noexcept nogil:
    """What lxml iterates as an element: elements, comments, entity references, PIs."""
    return (
        c_node.type == tree.XML_ELEMENT_NODE
        or c_node.type == tree.XML_COMMENT_NODE
        or c_node.type == tree.XML_ENTITY_REF_NODE
        or c_node.type == tree.XML_PI_NODE
    )


cdef inline tree.xmlNode* _first_child(tree.xmlNode* c_node) noexcept nogil:
    cdef tree.xmlNode* c = c_node.children
    while c is not NULL and not _is_element_like(c):
        c = c.next
    return c


cdef inline tree.xmlNode* _next_sibling(tree.xmlNode* c_node) noexcept nogil:
    cdef tree.xmlNode* c = c_node.next
    while c is not NULL and not _is_element_like(c):
        c = c.next
    return c


cdef inline tree.xmlNode* _text_node(tree.xmlNode* c_node) noexcept nogil:
    """lxml's ``_textNodeOrSkip``: the text node at ``c_node``, skipping XInclude markers."""
    while c_node is not NULL:
        if c_node.type == tree.XML_TEXT_NODE or c_node.type == tree.XML_CDATA_SECTION_NODE:
            return c_node
        if c_node.type == tree.XML_XINCLUDE_START or c_node.type == tree.XML_XINCLUDE_END:
            c_node = c_node.next
        else:
            return NULL
    return NULL


cdef inline bint _has_text(tree.xmlNode* c_node) noexcept nogil:
    """Whether the text run from ``c_node`` (``el.text`` or ``el.tail``) is not empty."""
    c_node = _text_node(c_node)
    while c_node is not NULL:
        if c_node.content is not NULL and c_node.content[0] != 0:
            return True
        c_node = _text_node(c_node.next)
    return False


cdef inline Py_ssize_t _nonspace_utf8(const unsigned char* s) noexcept nogil:
    """Characters of the UTF-8 string ``s`` that are not white space to ``str.split``."""
    cdef Py_ssize_t count = 0
    cdef unsigned char c, c1, c2
    if s is NULL:
        return 0
    while s[0] != 0:
        c = s[0]
        if c < 0x80:
            if not ((0x09 <= c <= 0x0D) or (0x1C <= c <= 0x20)):
                count += 1
            s += 1
        elif c < 0xE0:
            # Two bytes: U+0085 and U+00A0 are white space.
            if not (c == 0xC2 and (s[1] == 0x85 or s[1] == 0xA0)):
                count += 1
            s += 2 if s[1] != 0 else 1
        elif c < 0xF0:
            c1 = s[1]
            c2 = s[2] if c1 != 0 else 0
            # U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
            if not (
                (c == 0xE1 and c1 == 0x9A and c2 == 0x80)
                or (c == 0xE2 and c1 == 0x80 and (c2 <= 0x8A or c2 == 0xA8 or c2 == 0xA9 or c2 == 0xAF))
                or (c == 0xE2 and c1 == 0x81 and c2 == 0x9F)
                or (c == 0xE3 and c1 == 0x80 and c2 == 0x80)
            ):
                count += 1
            if c1 == 0:
                s += 1
            elif c2 == 0:
                s += 2
            else:
                s += 3
        else:
            count += 1
            # Four bytes (or a stray continuation byte: libxml2 stores valid UTF-8).
            if s[1] == 0:
                s += 1
            elif s[2] == 0:
                s += 2
            elif s[3] == 0:
                s += 3
            else:
                s += 4
    return count


cdef inline Py_ssize_t _nonspace_run(tree.xmlNode* c_node) noexcept nogil:
    """:func:`_nonspace_utf8` of the text run starting at ``c_node`` (a text or a tail)."""
    cdef Py_ssize_t count = 0
    c_node = _text_node(c_node)
    while c_node is not NULL:
        count += _nonspace_utf8(<const unsigned char*>c_node.content)
        c_node = _text_node(c_node.next)
    return count


cdef inline bint _has_attribute(tree.xmlNode* c_node, const char* name) noexcept nogil:
    """Whether ``c_node`` has the attribute ``name`` outside any namespace (``el.get``)."""
    cdef tree.xmlAttr* attr = c_node.properties
    while attr is not NULL:
        if attr.ns is NULL and strcmp(<const char*>attr.name, name) == 0:
            return True
        attr = attr.next
    return False


cdef object _attribute(tree.xmlNode* c_node, const char* name):
    """``el.get(name)`` for an attribute outside any namespace (None when absent)."""
    cdef tree.xmlAttr* attr = c_node.properties
    while attr is not NULL:
        if attr.ns is NULL and strcmp(<const char*>attr.name, name) == 0:
            return attributeValue(c_node, attr)
        attr = attr.next
    return None


cdef inline bint _is_plain_name(tree.xmlNode* c_node, const char* name) noexcept nogil:
    """Whether ``el.tag == name`` (no namespace)."""
    return c_node.ns is NULL and strcmp(<const char*>c_node.name, name) == 0


cdef _Element _root_of(object root):
    if not isinstance(root, _Element):
        raise TypeError(f"expected an lxml element, not {type(root).__name__}")
    cdef _Element el = <_Element>root
    if el._c_node is NULL:
        raise ValueError("the element has no node")
    return el


# ---------------------------------------------------------------------------- text runs


cdef object _text_run(tree.xmlNode* c_node):
    """``el.text`` (from ``c_node.children``) or ``el.tail`` (from ``c_node.next``); None
    when empty, as lxml gives it."""
    cdef tree.xmlNode* first = _text_node(c_node)
    cdef tree.xmlNode* second
    if first is NULL:
        return None
    second = _text_node(first.next)
    if second is NULL:
        if first.content is NULL or first.content[0] == 0:
            return None
        return (<const char*>first.content).decode("utf-8")
    parts = []
    while first is not NULL:
        if first.content is not NULL:
            parts.append(<const char*>first.content)
        first = _text_node(first.next)
    joined = b"".join(parts)
    if not joined:
        return None
    return joined.decode("utf-8")


# ---------------------------------------------------------------------------- measure


def measure(root):
    """``body.measure``: map each element below and including ``root`` to
    ``(text, link text)``, the counts of non-space characters of its whole text.

    Comments, processing instructions and entities map to ``(0, 0)``; the tail of an
    element counts for its parent; an ``<a href>`` is all link text. The keys are lxml's
    element proxies, as in the reference.
    """
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef Py_ssize_t depth = 0
    cdef Py_ssize_t capacity = 64
    cdef Py_ssize_t* totals = <Py_ssize_t*>PyMem_Malloc(capacity * sizeof(Py_ssize_t))
    cdef Py_ssize_t* links = <Py_ssize_t*>PyMem_Malloc(capacity * sizeof(Py_ssize_t))
    cdef Py_ssize_t* grown
    cdef Py_ssize_t total, linked
    cdef dict sizes = {}
    cdef tuple empty = (0, 0)
    if totals is NULL or links is NULL:
        PyMem_Free(totals)
        PyMem_Free(links)
        raise MemoryError()
    try:
        # Enter c_node at depth: its own text opens its count.
        totals[0] = _nonspace_run(c_node.children) if c_node.type == tree.XML_ELEMENT_NODE else 0
        links[0] = 0
        while True:
            c_next = _first_child(c_node) if c_node.type == tree.XML_ELEMENT_NODE else NULL
            if c_next is not NULL:
                depth += 1
                if depth == capacity:
                    capacity *= 2
                    grown = <Py_ssize_t*>PyMem_Realloc(totals, capacity * sizeof(Py_ssize_t))
                    if grown is NULL:
                        raise MemoryError()
                    totals = grown
                    grown = <Py_ssize_t*>PyMem_Realloc(links, capacity * sizeof(Py_ssize_t))
                    if grown is NULL:
                        raise MemoryError()
                    links = grown
                c_node = c_next
                totals[depth] = (
                    _nonspace_run(c_node.children) if c_node.type == tree.XML_ELEMENT_NODE else 0
                )
                links[depth] = 0
                continue
            # Leave c_node, then its ancestors while they have no next sibling.
            while True:
                total = totals[depth]
                linked = links[depth]
                if c_node.type != tree.XML_ELEMENT_NODE or not (total or linked):
                    total = linked = 0
                    sizes[elementFactory(doc, c_node)] = empty
                else:
                    if _is_plain_name(c_node, "a") and _has_attribute(c_node, "href"):
                        linked = total
                    sizes[elementFactory(doc, c_node)] = (total, linked)
                if c_node is c_top:
                    return sizes
                totals[depth - 1] += total + _nonspace_run(c_node.next)
                links[depth - 1] += linked
                c_next = _next_sibling(c_node)
                if c_next is not NULL:
                    c_node = c_next
                    totals[depth] = (
                        _nonspace_run(c_node.children)
                        if c_node.type == tree.XML_ELEMENT_NODE
                        else 0
                    )
                    links[depth] = 0
                    break
                depth -= 1
                c_node = c_node.parent
    finally:
        PyMem_Free(totals)
        PyMem_Free(links)


# ---------------------------------------------------------------------------- the walk


cdef struct _Nodes:
    # The element-like nodes of a subtree in document order, with, for each: the number of
    # nodes of its subtree (itself included), its flags (_PLAIN, _FOLDABLE, _BLOCK) and
    # whether all its descendants are foldable ("calm"). ``stack`` and ``links`` are
    # scratch space of the same capacity (a depth never exceeds the node count).
    tree.xmlNode** node
    Py_ssize_t* span
    unsigned char* flags
    unsigned char* calm
    Py_ssize_t* stack
    unsigned char* links
    # Per open element of the events loop (by depth): the index of its start item, -1
    # when it has none.
    Py_ssize_t* opened
    Py_ssize_t count
    Py_ssize_t capacity
    # The UTF-8 text of the folded block being gathered (scratch, reused block to block).
    char* text
    Py_ssize_t text_size
    Py_ssize_t text_capacity


cdef int _nodes_grow(_Nodes* nodes) except -1:
    cdef Py_ssize_t capacity = nodes.capacity * 2 if nodes.capacity else 256
    cdef void* grown
    grown = PyMem_Realloc(nodes.node, capacity * sizeof(tree.xmlNode*))
    if grown is NULL:
        raise MemoryError()
    nodes.node = <tree.xmlNode**>grown
    grown = PyMem_Realloc(nodes.span, capacity * sizeof(Py_ssize_t))
    if grown is NULL:
        raise MemoryError()
    nodes.span = <Py_ssize_t*>grown
    grown = PyMem_Realloc(nodes.flags, capacity * sizeof(unsigned char))
    if grown is NULL:
        raise MemoryError()
    nodes.flags = <unsigned char*>grown
    grown = PyMem_Realloc(nodes.calm, capacity * sizeof(unsigned char))
    if grown is NULL:
        raise MemoryError()
    nodes.calm = <unsigned char*>grown
    grown = PyMem_Realloc(nodes.stack, capacity * sizeof(Py_ssize_t))
    if grown is NULL:
        raise MemoryError()
    nodes.stack = <Py_ssize_t*>grown
    grown = PyMem_Realloc(nodes.links, capacity * sizeof(unsigned char))
    if grown is NULL:
        raise MemoryError()
    nodes.links = <unsigned char*>grown
    grown = PyMem_Realloc(nodes.opened, capacity * sizeof(Py_ssize_t))
    if grown is NULL:
        raise MemoryError()
    nodes.opened = <Py_ssize_t*>grown
    nodes.capacity = capacity
    return 0


cdef void _nodes_free(_Nodes* nodes) noexcept:
    PyMem_Free(nodes.text)
    PyMem_Free(nodes.node)
    PyMem_Free(nodes.span)
    PyMem_Free(nodes.flags)
    PyMem_Free(nodes.calm)
    PyMem_Free(nodes.stack)
    PyMem_Free(nodes.links)
    PyMem_Free(nodes.opened)


cdef struct _NameSlot:
    const tree.xmlChar* name
    PyObject* entry


cdef enum:
    _PLAIN = 1  # the walker only takes its text (not special, no mark), or a comment
    _FOLDABLE = 2  # the same, or an unmarked element of the fold tags
    _BLOCK = 4  # an element of the block tags
    _LINK = 8  # an <a> element with an href


cdef int _collect(
    _Nodes* nodes, tree.xmlNode* c_top, list tags, frozenset special, frozenset fold,
    frozenset blocks, tuple marks,
) except -1:
    """Fill ``nodes`` (and ``tags``: each node's lower-cased tag, None for a comment)."""
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef Py_ssize_t i, parent, depth = 0
    cdef unsigned char flags
    cdef bytes mark
    cdef object tag, key, entry
    cdef dict names = {}  # per node name pointer: (lower-cased tag, flags but marks)
    cdef _NameSlot cache[64]  # entries of names (kept alive there) by name pointer
    cdef size_t slot = 0
    memset(cache, 0, sizeof(cache))
    while True:
        # Enter c_node.
        if nodes.count == nodes.capacity:
            _nodes_grow(nodes)
        i = nodes.count
        nodes.count += 1
        nodes.node[i] = c_node
        nodes.calm[i] = 1
        if c_node.type == tree.XML_ELEMENT_NODE:
            # libxml2 keeps a document's names in a dictionary: one pointer per distinct
            # name (a name outside it only costs another entry); nothing is freed here.
            entry = None
            if c_node.ns is NULL:
                # The last entries met, by name pointer: most names repeat.
                slot = (<size_t>c_node.name >> 4) & 63
                if cache[slot].name == c_node.name:
                    entry = <object>cache[slot].entry
                    key = None
                else:
                    key = <Py_ssize_t>c_node.name
                    entry = names.get(key)
                    if entry is not None:
                        cache[slot].name = c_node.name
                        cache[slot].entry = <PyObject*>entry
            else:
                key = None
            if entry is None:
                tag = namespacedName(c_node).lower()
                flags = 0
                if tag not in special:
                    flags = _PLAIN | _FOLDABLE
                elif tag in fold:
                    flags = _FOLDABLE
                if tag in blocks:
                    flags |= _BLOCK
                entry = (tag, flags)
                if key is not None:
                    names[key] = entry
                    cache[slot].name = c_node.name
                    cache[slot].entry = <PyObject*>entry
            tag = (<tuple>entry)[0]
            flags = (<tuple>entry)[1]
            if c_node.properties is not NULL:
                if flags & (_PLAIN | _FOLDABLE):
                    for mark in marks:
                        if _has_attribute(c_node, mark):
                            flags &= ~(_PLAIN | _FOLDABLE)
                            break
                if tag == "a" and _has_attribute(c_node, "href"):
                    flags |= _LINK
            c_next = _first_child(c_node)
        else:
            tag = None
            flags = _PLAIN | _FOLDABLE
            c_next = NULL
        tags.append(tag)
        nodes.flags[i] = flags
        if c_next is not NULL:
            nodes.stack[depth] = i
            depth += 1
            c_node = c_next
            continue
        # Leave c_node, then its ancestors while they have no next sibling.
        while True:
            nodes.span[i] = nodes.count - i
            if c_node is c_top:
                return 0
            parent = nodes.stack[depth - 1]
            if not (nodes.calm[i] and nodes.flags[i] & _FOLDABLE):
                nodes.calm[parent] = 0
            c_next = _next_sibling(c_node)
            if c_next is not NULL:
                c_node = c_next
                break
            c_node = c_node.parent
            depth -= 1
            i = nodes.stack[depth]


cdef tuple _fold(_Nodes* nodes, Py_ssize_t first, Py_ssize_t base, object el, object tag):
    """The folded item of the block at ``first`` (all its descendants foldable): its
    element, tag, whole text (as the walker would gather it), the non-space characters
    inside ``<a href>`` links and in all, and the ``href`` of each such link. The scratch
    stack is used from ``base`` up (below it: the block's open ancestors)."""
    cdef Py_ssize_t stop = first + nodes.span[first]
    cdef Py_ssize_t i, depth = base
    cdef Py_ssize_t links = 0, total = 0
    cdef list hrefs = []
    cdef tree.xmlNode* c_node
    cdef bint in_link = False
    cdef bint is_link
    nodes.text_size = 0
    # nodes.stack/links hold the open descendants (index, whether their parent is in a link).
    _fold_run(nodes, nodes.node[first].children, False, &links, &total)
    for i in range(first + 1, stop):
        # Close the descendants that end before i: their tails, outside them.
        while depth > base and nodes.stack[depth - 1] + nodes.span[nodes.stack[depth - 1]] <= i:
            depth -= 1
            in_link = nodes.links[depth]
            _fold_run(nodes, nodes.node[nodes.stack[depth]].next, in_link, &links, &total)
        c_node = nodes.node[i]
        if c_node.type == tree.XML_ELEMENT_NODE:
            is_link = nodes.flags[i] & _LINK
            if is_link:
                hrefs.append(_attribute(c_node, "href"))
            _fold_run(nodes, c_node.children, in_link or is_link, &links, &total)
            nodes.stack[depth] = i
            nodes.links[depth] = in_link
            depth += 1
            in_link = in_link or is_link
        else:
            _fold_run(nodes, c_node.next, in_link, &links, &total)
    while depth > base:
        depth -= 1
        in_link = nodes.links[depth]
        _fold_run(nodes, nodes.node[nodes.stack[depth]].next, in_link, &links, &total)
    if nodes.text_size == 0:
        raw = ""
    else:
        raw = PyUnicode_DecodeUTF8(nodes.text, nodes.text_size, NULL)
    return (el, tag, raw, links, total, hrefs)


cdef inline int _fold_run(
    _Nodes* nodes, tree.xmlNode* run, bint in_link, Py_ssize_t* links, Py_ssize_t* total
) except -1:
    """Gather the text run from ``run`` into ``nodes.text`` and count its characters."""
    cdef Py_ssize_t count, size, capacity
    cdef void* grown
    run = _text_node(run)
    while run is not NULL:
        if run.content is not NULL and run.content[0] != 0:
            size = <Py_ssize_t>strlen(<const char*>run.content)
            if nodes.text_size + size > nodes.text_capacity:
                capacity = max(2 * nodes.text_capacity, nodes.text_size + size, 256)
                grown = PyMem_Realloc(nodes.text, capacity)
                if grown is NULL:
                    raise MemoryError()
                nodes.text = <char*>grown
                nodes.text_capacity = capacity
            memcpy(nodes.text + nodes.text_size, run.content, size)
            nodes.text_size += size
            count = _nonspace_utf8(<const unsigned char*>run.content)
            total[0] += count
            if in_link:
                links[0] += count
        run = _text_node(run.next)
    return 0


def walk_events(root, special, marks, blocks=None, fold=None):
    """The events of ``etree.iterwalk(root, events=("start", "end"))`` as ``body``'s
    walker reads them, with the elements it has nothing to decide about folded away.

    Returns a list. A ``str`` item is a piece of text to gather (an element's text, or
    the tail of an element, comment or processing instruction). An element whose lower-
    cased tag is in ``special``, or that has one of the attributes ``marks`` (bytes), is a
    tuple ``(element, lowered tag, end)`` that appears twice: at its start, where ``end``
    is the index of its second appearance, and at its end. Its text follows its start
    item; its tail follows its end item. Any other element contributes only its text,
    its children's items and its tail, in document order.

    With ``blocks`` and ``fold`` (tags), an element with a tag in ``blocks`` whose
    descendants are all comments or elements of ``fold`` or outside ``special``, none
    with a mark, is one item ``(element, lowered tag, text, links, total, hrefs)``
    followed by its tail: ``text`` is all the text inside it joined in document order,
    ``total`` its non-space characters, ``links`` those inside ``<a href>`` elements and
    ``hrefs`` the ``href`` of each of those, in order.
    """
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef frozenset special_tags = frozenset(special)
    cdef frozenset fold_tags = frozenset(fold) if fold is not None else frozenset()
    cdef frozenset block_tags = frozenset(blocks) if blocks is not None else frozenset()
    cdef bint folding = blocks is not None
    cdef _Nodes nodes
    cdef list tags = []
    cdef list events = []
    cdef Py_ssize_t i, n, depth = 0
    cdef tree.xmlNode* c_node
    nodes.node = NULL
    nodes.span = NULL
    nodes.flags = NULL
    nodes.calm = NULL
    nodes.stack = NULL
    nodes.links = NULL
    nodes.opened = NULL
    nodes.count = 0
    nodes.capacity = 0
    nodes.text = NULL
    nodes.text_size = 0
    nodes.text_capacity = 0
    try:
        _collect(&nodes, top._c_node, tags, special_tags, fold_tags, block_tags, tuple(marks))
        n = nodes.count
        # _collect is done with nodes.stack: it now holds the open elements.
        i = 0
        while i < n:
            while depth and nodes.stack[depth - 1] + nodes.span[nodes.stack[depth - 1]] <= i:
                depth -= 1
                _close(&nodes, depth, doc, events, tags)
            c_node = nodes.node[i]
            if c_node.type != tree.XML_ELEMENT_NODE:
                if _has_text(c_node.next):
                    events.append(_text_run(c_node.next))
                i += 1
                continue
            if folding and nodes.calm[i] and nodes.flags[i] & _BLOCK:
                events.append(_fold(&nodes, i, depth, elementFactory(doc, c_node), tags[i]))
                if _has_text(c_node.next):
                    events.append(_text_run(c_node.next))
                i += nodes.span[i]
                continue
            if nodes.flags[i] & _PLAIN:
                nodes.opened[depth] = -1
            else:
                # Its start item, made at its end (once the end's index is known).
                nodes.opened[depth] = len(events)
                events.append(None)
            if _has_text(c_node.children):
                events.append(_text_run(c_node.children))
            nodes.stack[depth] = i
            depth += 1
            i += 1
        while depth:
            depth -= 1
            _close(&nodes, depth, doc, events, tags)
    finally:
        _nodes_free(&nodes)
    return events


cdef int _close(_Nodes* nodes, Py_ssize_t depth, _Document doc, list events, list tags) except -1:
    """The end of the open element at ``depth``: its item (when it has one: the same
    tuple at its start and here), then its tail."""
    cdef Py_ssize_t i = nodes.stack[depth]
    cdef Py_ssize_t start = nodes.opened[depth]
    cdef tree.xmlNode* c_node = nodes.node[i]
    cdef tuple item
    if start >= 0:
        item = (elementFactory(doc, c_node), tags[i], len(events))
        events[start] = item
        events.append(item)
    if _has_text(c_node.next):
        events.append(_text_run(c_node.next))
    return 0


# ---------------------------------------------------------------------------- selections


cdef inline tree.xmlNode* _first_element(tree.xmlNode* c_node) noexcept nogil:
    while c_node is not NULL and c_node.type != tree.XML_ELEMENT_NODE:
        c_node = c_node.next
    return c_node


cdef inline bint _name_in(tree.xmlNode* c_node, tuple names):
    """Whether ``el.tag`` is one of ``names`` (bytes, no namespace)."""
    cdef bytes name
    if c_node.ns is not NULL:
        return False
    for name in names:
        if strcmp(<const char*>c_node.name, name) == 0:
            return True
    return False


def suspects(root, tags):
    """``chrome.suspects_py``: the elements below ``root`` (not ``root`` itself), in
    document order, that have an attribute or a tag in ``tags`` (bytes), each as
    ``(element, tag, classes, hidden, style)`` (``classes`` as ``_tree._classes`` makes
    it, ``hidden`` whether it has ``hidden`` or ``aria-hidden="true"``, ``style`` its
    attribute or None), and for each the position in that list of the first one after
    its subtree."""
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef tuple names = tuple(tags)
    cdef list found = []
    cdef list after = []
    cdef list open_at = []  # per open candidate: (its depth, its position)
    cdef Py_ssize_t depth = 0
    if c_top.type != tree.XML_ELEMENT_NODE:
        return found, after
    while True:
        if c_node is not c_top:
            while open_at and <Py_ssize_t>(<tuple>open_at[len(open_at) - 1])[0] >= depth:
                after[<Py_ssize_t>(<tuple>open_at.pop())[1]] = len(found)
            if c_node.properties is not NULL:
                open_at.append((depth, len(found)))
                after.append(0)
                found.append(_suspect(doc, c_node))
            elif _name_in(c_node, names):
                open_at.append((depth, len(found)))
                after.append(0)
                found.append((elementFactory(doc, c_node), namespacedName(c_node), "", False, None))
        c_next = _first_element(c_node.children)
        if c_next is not NULL:
            c_node = c_next
            depth += 1
            continue
        while c_node is not c_top:
            c_next = _first_element(c_node.next)
            if c_next is not NULL:
                c_node = c_next
                break
            c_node = c_node.parent
            depth -= 1
        if c_node is c_top:
            break
    while open_at:
        after[<Py_ssize_t>(<tuple>open_at.pop())[1]] = len(found)
    return found, after


cdef tuple _suspect(_Document doc, tree.xmlNode* c_node):
    """A suspect with attributes, as :func:`suspects` gives it."""
    cls = _attribute(c_node, "class")
    ident = _attribute(c_node, "id")
    if ident is None:
        classes = cls.strip() if cls else ""
    else:
        classes = ((cls or "") + " " + ident).strip()
    hidden = _has_attribute(c_node, "hidden") or _attribute(c_node, "aria-hidden") == "true"
    return (
        elementFactory(doc, c_node),
        namespacedName(c_node),
        classes,
        hidden,
        _attribute(c_node, "style"),
    )


def marked(root, tags):
    """``_tree.marked_py``: ``(element, class, id)`` for each element of
    ``root.iter(*tags)`` (``tags`` as bytes; every element when None) that has a class or
    an id attribute, in document order."""
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef tuple names = tuple(tags) if tags is not None else None
    cdef list found = []
    if c_top.type != tree.XML_ELEMENT_NODE:
        return found
    while True:
        if c_node.properties is not NULL and (names is None or _name_in(c_node, names)):
            cls = _attribute(c_node, "class")
            ident = _attribute(c_node, "id")
            if cls is not None or ident is not None:
                found.append((elementFactory(doc, c_node), cls, ident))
        c_next = _first_element(c_node.children)
        if c_next is not NULL:
            c_node = c_next
            continue
        while c_node is not c_top:
            c_next = _first_element(c_node.next)
            if c_next is not NULL:
                c_node = c_next
                break
            c_node = c_node.parent
        if c_node is c_top:
            return found


def sized(root, dict sizes not None, Py_ssize_t low, Py_ssize_t high, tags=None):
    """``_tree.sized_py``: ``(element, size, links)`` for each element of
    ``root.iter(*tags)`` (``tags`` as bytes; every element when None) whose size in
    ``sizes`` (``(0, 0)`` when absent) is between ``low`` and ``high``, both included, in
    document order."""
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef list found = []
    cdef bint zero = low <= 0 <= high
    cdef tuple names = tuple(tags) if tags is not None else None
    if c_top.type != tree.XML_ELEMENT_NODE:
        return found
    while True:
        if names is None or _name_in(c_node, names):
            _size_of(found, elementFactory(doc, c_node), sizes, low, high, zero)
        c_next = _first_element(c_node.children)
        if c_next is not NULL:
            c_node = c_next
            continue
        while c_node is not c_top:
            c_next = _first_element(c_node.next)
            if c_next is not NULL:
                c_node = c_next
                break
            c_node = c_node.parent
        if c_node is c_top:
            return found


cdef inline int _size_of(
    list found, object el, dict sizes, Py_ssize_t low, Py_ssize_t high, bint zero
) except -1:
    cdef object entry = sizes.get(el)
    cdef Py_ssize_t size
    if entry is None:
        if zero:
            found.append((el, 0, 0))
        return 0
    size = (<tuple>entry)[0]
    if low <= size <= high:
        found.append((el, size, (<tuple>entry)[1]))
    return 0


def having(root, bytes name not None):
    """``_tree.having_py``: the elements of ``root.iter()`` (``root`` too) that have the
    attribute ``name`` (outside any namespace), in document order."""
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef list found = []
    if c_top.type != tree.XML_ELEMENT_NODE:
        return found
    while True:
        if c_node.properties is not NULL and _has_attribute(c_node, name):
            found.append(elementFactory(doc, c_node))
        c_next = _first_element(c_node.children)
        if c_next is not NULL:
            c_node = c_next
            continue
        while c_node is not c_top:
            c_next = _first_element(c_node.next)
            if c_next is not NULL:
                c_node = c_next
                break
            c_node = c_node.parent
        if c_node is c_top:
            return found


cdef inline Py_UCS4 _utf8_char(const unsigned char* s, Py_ssize_t* width) noexcept nogil:
    """The character that the (valid) UTF-8 string ``s`` opens with, and its byte count."""
    cdef unsigned char c = s[0]
    if c < 0x80:
        width[0] = 1
        return c
    if c < 0xE0 and s[1] != 0:
        width[0] = 2
        return ((c & 0x1F) << 6) | (s[1] & 0x3F)
    if c < 0xF0 and s[1] != 0 and s[2] != 0:
        width[0] = 3
        return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F)
    if s[1] != 0 and s[2] != 0 and s[3] != 0:
        width[0] = 4
        return ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F)
    width[0] = 1
    return 0xFFFD


cdef inline Py_UCS4 _visible_in_run(tree.xmlNode* c_node) noexcept nogil:
    """The first character of the text run from ``c_node`` that is neither white space
    nor invisible (0 when none)."""
    cdef const unsigned char* s
    cdef Py_UCS4 c
    cdef Py_ssize_t width = 0
    c_node = _text_node(c_node)
    while c_node is not NULL:
        s = <const unsigned char*>c_node.content
        if s is not NULL:
            while s[0] != 0:
                c = _utf8_char(s, &width)
                if not (Py_UNICODE_ISSPACE(c) or _invisible(c)):
                    return c
                s += width
        c_node = _text_node(c_node.next)
    return 0


def first_visible(root):
    """``_tree.first_visible_py``: the first character of ``root.itertext()`` that is
    neither white space nor invisible, or None."""
    cdef _Element top = _root_of(root)
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef Py_UCS4 c
    if c_top.type != tree.XML_ELEMENT_NODE:
        return None
    c = _visible_in_run(c_top.children)
    while c == 0:
        # c_node's text is read: on to its first child, else its tail and the next.
        c_next = _first_child(c_node) if c_node.type == tree.XML_ELEMENT_NODE else NULL
        if c_next is not NULL:
            c_node = c_next
            if c_node.type == tree.XML_ELEMENT_NODE:
                c = _visible_in_run(c_node.children)
            continue
        while c_node is not c_top:
            c = _visible_in_run(c_node.next)
            if c != 0:
                break
            c_next = _next_sibling(c_node)
            if c_next is not NULL:
                c_node = c_next
                if c_node.type == tree.XML_ELEMENT_NODE:
                    c = _visible_in_run(c_node.children)
                break
            c_node = c_node.parent
        if c_node is c_top and c == 0:
            return None
    return chr(c)


# ---------------------------------------------------------------------------- text



cdef inline bint _invisible(Py_UCS4 c) noexcept nogil:
    """A character of ``newsparse._text.INVISIBLE_CHARS``."""
    return (
        c <= 0x08 or c == 0x0B or c == 0x0C or 0x0E <= c <= 0x1F or 0x7F <= c <= 0x9F
        or c == 0xAD or 0x200B <= c <= 0x200D or c == 0x2060 or c == 0xFEFF
    )


cdef inline bint _cjk_core(Py_UCS4 c) noexcept nogil:
    """A character of ``newsparse._text._CJK_CORE``."""
    return (
        0x2E80 <= c <= 0x2FFF or 0x3000 <= c <= 0x303F or 0x3040 <= c <= 0x30FF
        or 0x3100 <= c <= 0x312F or 0x3190 <= c <= 0x31FF or 0x3400 <= c <= 0x4DBF
        or 0x4E00 <= c <= 0x9FFF or 0xAC00 <= c <= 0xD7AF or 0xF900 <= c <= 0xFAFF
        or 0xFE30 <= c <= 0xFE4F or 0xFF00 <= c <= 0xFFEF
    )


cdef inline bint _ambiguous(Py_UCS4 c) noexcept nogil:
    """A character of ``newsparse._text._AMBIGUOUS``."""
    return (
        c == 0x2018 or c == 0x2019 or c == 0x201C or c == 0x201D or c == 0x2014
        or c == 0x2015 or c == 0x2026 or c == 0x00B7
    )


cdef inline bint _segment_break(Py_UCS4 c) noexcept nogil:
    """A character of ``_BREAK_RUN``'s runs: space, tab, CR, FF, LF."""
    return c == 0x20 or c == 0x09 or c == 0x0D or c == 0x0C or c == 0x0A


cdef object _from_ucs4(Py_UCS4* buffer, Py_ssize_t size):
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, size)


cdef inline bint _invisible_branchy(Py_UCS4 c) noexcept nogil:
    """:func:`_invisible`, the common characters decided by one or two comparisons."""
    if c < 0xA0:
        if c < 0x20:
            return c != 0x09 and c != 0x0A and c != 0x0D
        return c >= 0x7F
    if c < 0x200B:
        return c == 0xAD
    return c <= 0x200D or c == 0x2060 or c == 0xFEFF


ctypedef fused _unit:
    # A code unit of a str's storage (one, two or four bytes a character).
    unsigned char
    unsigned short
    Py_UCS4


cdef enum:
    # Code units tested at once, without a branch per unit (the compiler vectorises it).
    _INVISIBLE_BLOCK = 32


cdef inline bint _block_visible(const _unit* data) noexcept nogil:
    """Whether none of the :data:`_INVISIBLE_BLOCK` units from ``data`` is invisible."""
    cdef unsigned int found = 0
    cdef Py_UCS4 c
    cdef int j
    for j in range(_INVISIBLE_BLOCK):
        c = data[j]
        found |= (
            ((c < 0x20) & (c != 0x09) & (c != 0x0A) & (c != 0x0D))
            | ((c >= 0x7F) & (c < 0xA0))
            | (c == 0xAD)
            | ((c >= 0x200B) & (c <= 0x200D))
            | (c == 0x2060)
            | (c == 0xFEFF)
        )
    return found == 0


cdef Py_ssize_t _first_invisible_in(const _unit* data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i = 0
    while i + _INVISIBLE_BLOCK <= n and _block_visible(data + i):
        i += _INVISIBLE_BLOCK
    while i < n:
        if _invisible_branchy(data[i]):
            return i
        i += 1
    return -1


cdef Py_ssize_t _first_invisible(str text):
    """The index of the first invisible character of ``text`` (-1 when none), read in
    the string's own storage, a block of units at a time."""
    cdef Py_ssize_t n = len(text)
    cdef unsigned int kind = PyUnicode_KIND(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _first_invisible_in(<const unsigned char*>PyUnicode_DATA(text), n)
    if kind == PyUnicode_2BYTE_KIND:
        return _first_invisible_in(<const unsigned short*>PyUnicode_DATA(text), n)
    return _first_invisible_in(<const Py_UCS4*>PyUnicode_DATA(text), n)


def clean_invisible(str text not None):
    """``newsparse._text.clean_invisible``: ``text`` without its invisible characters
    (``text`` itself when it has none)."""
    cdef Py_ssize_t n = len(text), i, m = 0
    cdef Py_ssize_t first = _first_invisible(text)
    cdef Py_UCS4 c
    cdef Py_UCS4* out
    if first < 0:
        return text
    out = <Py_UCS4*>PyMem_Malloc(max(n, 1) * sizeof(Py_UCS4))
    if out is NULL:
        raise MemoryError()
    try:
        for i in range(n):
            c = text[i]
            if not _invisible(c):
                out[m] = c
                m += 1
        return _from_ucs4(out, m)
    finally:
        PyMem_Free(out)


def normalize_block(str text not None):
    """``newsparse._text.normalize_block``: white space collapsed as a browser renders a
    block, a line break between CJK characters removed, the ends stripped.

    In one pass: every run of white space (``str.isspace``) inside the stripped text
    becomes one space, except a run made only of spaces, tabs, CR, FF and LF, holding a
    LF, between a CJK character and a CJK-class one (or an ambiguous one and a CJK one),
    which goes. A run that holds other white space keeps a space either way: the
    reference removes only the break characters from it. Text whose white space is
    already single spaces between words comes back as it is (or its stripped slice);
    other text is rewritten in the string's own storage (one, two or four bytes a
    character).
    """
    cdef Py_ssize_t n = len(text), start = 0, end = n, i, j, m = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef void* out
    cdef Py_UCS4 c, before, after
    cdef bint breaks_only, has_newline, same = True
    while start < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start)):
        start += 1
    while end > start and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)):
        end -= 1
    if start == end:
        return ""
    # Unchanged unless some white space is not a single space between two characters.
    i = start
    while i < end:
        c = PyUnicode_READ(kind, data, i)
        if Py_UNICODE_ISSPACE(c) and (
            c != 0x20 or Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i + 1))
        ):
            same = False
            break
        i += 1
    if same:
        return text if start == 0 and end == n else text[start:end]
    out = PyMem_Malloc((end - start) * kind)
    if out is NULL:
        raise MemoryError()
    try:
        i = start
        while i < end:
            c = PyUnicode_READ(kind, data, i)
            if not Py_UNICODE_ISSPACE(c):
                PyUnicode_WRITE(kind, out, m, c)
                m += 1
                i += 1
                continue
            j = i
            breaks_only = True
            has_newline = False
            while j < end:
                c = PyUnicode_READ(kind, data, j)
                if not Py_UNICODE_ISSPACE(c):
                    break
                if c == 0x0A:
                    has_newline = True
                elif not _segment_break(c):
                    breaks_only = False
                j += 1
            # A run inside the stripped text: both neighbours exist and are not space.
            before = PyUnicode_READ(kind, data, i - 1)
            after = PyUnicode_READ(kind, data, j)
            if not (
                breaks_only
                and has_newline
                and (
                    (_cjk_core(before) and (_cjk_core(after) or _ambiguous(after)))
                    or (_ambiguous(before) and _cjk_core(after))
                )
            ):
                PyUnicode_WRITE(kind, out, m, 0x20)
                m += 1
            i = j
        return PyUnicode_FromKindAndData(kind, out, m)
    finally:
        PyMem_Free(out)


def normalize_line(str text not None):
    """``newsparse._text.normalize_line``: invisible characters out, white space collapsed
    to single spaces, the ends stripped."""
    cdef Py_ssize_t n = len(text), i, m = 0
    cdef Py_UCS4 c
    cdef Py_UCS4* out
    cdef bint pending = False  # white space seen since the last character kept
    out = <Py_UCS4*>PyMem_Malloc(max(n, 1) * sizeof(Py_UCS4))
    if out is NULL:
        raise MemoryError()
    try:
        for i in range(n):
            c = text[i]
            if _invisible(c):
                continue
            if Py_UNICODE_ISSPACE(c):
                pending = True
                continue
            if pending and m:
                out[m] = 0x20
                m += 1
            pending = False
            out[m] = c
            m += 1
        return _from_ucs4(out, m)
    finally:
        PyMem_Free(out)


# --- text scans

from libc.stdint cimport uint8_t, uint16_t, uint32_t

from cpython.unicode cimport (
    PyUnicode_1BYTE_KIND,
    PyUnicode_2BYTE_KIND,
    PyUnicode_DATA,
    PyUnicode_KIND,
)


ctypedef fused _code_unit:
    uint8_t
    uint16_t
    uint32_t


cdef enum:
    # Code units tested at once, without a branch per unit (the compiler vectorises it).
    _SCAN_BLOCK = 32


cdef inline bint _run_control(uint32_t c) noexcept nogil:
    """A character of ``newsparse.encoding``'s control runs: U+0000-U+0008, U+000E-U+001F."""
    return c < 0x20 and (c < 0x09 or c > 0x0D)


cdef inline bint _block_without_controls(const _code_unit* data) noexcept nogil:
    """Whether none of the :data:`_SCAN_BLOCK` units from ``data`` is a :func:`_run_control`."""
    cdef unsigned int found = 0
    cdef uint32_t c
    cdef int j
    for j in range(_SCAN_BLOCK):
        c = data[j]
        found |= (c < 0x20) & ((c < 0x09) | (c > 0x0D))
    return found == 0


cdef (Py_ssize_t, Py_ssize_t) _control_runs(
    const _code_unit* data, Py_ssize_t n, Py_ssize_t shortest
) noexcept nogil:
    cdef Py_ssize_t i = 0, start, count = 0, first = -1
    while i < n:
        if i + _SCAN_BLOCK <= n and _block_without_controls(data + i):
            i += _SCAN_BLOCK
            continue
        if not _run_control(data[i]):
            i += 1
            continue
        start = i
        i += 1
        while i < n and _run_control(data[i]):
            i += 1
        if i - start >= shortest:
            count += i - start
            if first < 0:
                first = start
    return count, first


def control_runs(str text not None, Py_ssize_t shortest):
    """``newsparse.encoding.control_runs_py``: how many characters the runs of at least
    ``shortest`` (≥ 1) control characters (U+0000-U+0008, U+000E-U+001F) hold, and the
    index where the first run starts (-1 when there is none)."""
    if shortest < 1:
        raise ValueError(f"a run is at least one character long, not {shortest}")
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _control_runs(<const uint8_t*>data, n, shortest)
    if kind == PyUnicode_2BYTE_KIND:
        return _control_runs(<const uint16_t*>data, n, shortest)
    return _control_runs(<const uint32_t*>data, n, shortest)


cdef bint _any_surrogate(const _code_unit* data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i = 0
    cdef unsigned int found
    cdef int j
    while i + _SCAN_BLOCK <= n:
        found = 0
        for j in range(_SCAN_BLOCK):
            found |= (data[i + j] & 0xFFFFF800u) == 0xD800
        if found:
            return True
        i += _SCAN_BLOCK
    while i < n:
        if (data[i] & 0xFFFFF800u) == 0xD800:
            return True
        i += 1
    return False


def has_surrogates(str text not None):
    """``newsparse.encoding.has_surrogates_py``: whether ``text`` holds a surrogate code
    point (U+D800-U+DFFF)."""
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == PyUnicode_1BYTE_KIND:
        return False
    if kind == PyUnicode_2BYTE_KIND:
        return _any_surrogate(<const uint16_t*>data, n)
    return _any_surrogate(<const uint32_t*>data, n)


cdef Py_ssize_t _count_controls(const _code_unit* data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i, count = 0
    for i in range(n):
        count += _run_control(data[i])
    return count


def count_controls(str text not None, Py_ssize_t end):
    """``newsparse.formats.count_controls_py``: how many of the first ``end`` characters
    of ``text`` are control characters (U+0000-U+0008, U+000E-U+001F)."""
    cdef Py_ssize_t n = min(max(end, 0), len(text))
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _count_controls(<const uint8_t*>data, n)
    if kind == PyUnicode_2BYTE_KIND:
        return _count_controls(<const uint16_t*>data, n)
    return _count_controls(<const uint32_t*>data, n)
