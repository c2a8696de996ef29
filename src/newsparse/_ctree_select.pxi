# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- selections


cdef inline tree.xmlNode* _first_element(tree.xmlNode* c_node) noexcept nogil:
    while c_node is not NULL and c_node.type != tree.XML_ELEMENT_NODE:
        c_node = c_node.next
    return c_node


cdef enum:
    _MAX_TAGS = 64  # the most tag names a selection takes


cdef struct _TagSet:
    # Tag names (UTF-8, no namespace) an element is tested against: the first bytes they
    # open with rule most elements out with one look.
    int count
    const char* names[_MAX_TAGS]
    unsigned char first[256]


cdef int _tag_set(_TagSet* tags, tuple names) except -1:
    """Fill ``tags`` from ``names`` (bytes, kept alive by the caller)."""
    cdef bytes name
    cdef int i = 0
    if len(names) > _MAX_TAGS:
        raise ValueError(f"{len(names)} tag names: at most {_MAX_TAGS} are taken")
    memset(tags.first, 0, sizeof(tags.first))
    for name in names:
        tags.names[i] = <const char*>name
        tags.first[<unsigned char>(<const char*>name)[0]] = 1
        i += 1
    tags.count = i
    return 0


cdef inline bint _in_tags(tree.xmlNode* c_node, _TagSet* tags) noexcept nogil:
    """Whether ``el.tag`` is one of ``tags`` (no namespace)."""
    cdef const char* c_name = <const char*>c_node.name
    cdef int i
    if c_node.ns is not NULL or not tags.first[<unsigned char>c_name[0]]:
        return False
    for i in range(tags.count):
        if strcmp(c_name, tags.names[i]) == 0:
            return True
    return False


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
    cdef _TagSet wanted
    if names is not None:
        _tag_set(&wanted, names)
    if c_top.type != tree.XML_ELEMENT_NODE:
        return found
    while True:
        if c_node.properties is not NULL and (names is None or _in_tags(c_node, &wanted)):
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


def sized(root, sizes not None, Py_ssize_t low, Py_ssize_t high, tags=None, first=None,
          bint unlinked=False, share=None, Py_ssize_t limit=0):
    """``_tree.sized_py``: ``(element, size, links)`` for each element of
    ``root.iter(*tags)`` (``tags`` as bytes; every element when None) whose size in
    ``sizes`` (a :class:`Sizes`, or a dict of the reference's; ``(0, 0)`` when absent) is
    between ``low`` and ``high``, both included, in document order; only those without
    link text when ``unlinked``, those whose link text is at least the share ``share``
    (``(num, den)``: ``links * den >= size * num``) of their text when given, and those
    whose first visible character ``first`` (a ``FirstChar``: its ``judge``, each
    character asked once, remembered for this call only) accepts when given; the first ``limit`` of them when ``limit`` > 0."""
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef list found = []
    cdef tuple names = tuple(tags) if tags is not None else None
    cdef _TagSet wanted
    cdef bint in_nodes = isinstance(sizes, Sizes) and (<Sizes>sizes)._doc is doc
    cdef dict table = None if isinstance(sizes, Sizes) else <dict?>sizes
    cdef dict memo = None
    cdef object judge = None
    cdef const unsigned char* verdicts = NULL  # first.ascii
    cdef bytes ascii_verdicts = None
    cdef str ideographs = None
    cdef object el
    cdef object entry
    cdef uintptr_t packed
    cdef Py_ssize_t size, links
    cdef Py_ssize_t share_num = 0, share_den = 1
    if first is not None:
        memo = {}
        judge = first.judge
        ascii_verdicts = getattr(first, "ascii", None)
        if ascii_verdicts is not None and len(ascii_verdicts) == 128:
            verdicts = <const unsigned char*>ascii_verdicts
        ideographs = getattr(first, "ideographs", None)
    if share is not None:
        share_num, share_den = share
    if names is not None:
        _tag_set(&wanted, names)
    if c_top.type != tree.XML_ELEMENT_NODE:
        return found
    while True:
        if names is None or _in_tags(c_node, &wanted):
            el = None
            size = links = 0
            if in_nodes:
                packed = _sized(c_node)
                if packed & 1:
                    size = <Py_ssize_t>(packed >> 32)
                    links = <Py_ssize_t>((packed >> 1) & _MAX_SIZE)
            elif table is not None:
                el = elementFactory(doc, c_node)
                entry = table.get(el)
                if entry is not None:
                    size = (<tuple>entry)[0]
                    links = (<tuple>entry)[1]
            if (
                low <= size <= high
                and not (unlinked and links)
                and links * share_den >= size * share_num
                and (memo is None or _first_accepted(c_node, memo, judge, verdicts, ideographs))
            ):
                found.append((elementFactory(doc, c_node) if el is None else el, size, links))
                if len(found) == limit:
                    return found
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


cdef bint _first_accepted(
    tree.xmlNode* c_node, dict memo, object judge, const unsigned char* verdicts, str ideographs
) except -1:
    """Whether ``FirstChar`` accepts the first visible character of ``c_node``'s text (not
    when it has none): an ASCII one by ``verdicts`` (its ``ascii``; NULL: none), a CJK
    ideograph (U+4E00..U+9FFF) when it is in ``ideographs`` (its ``ideographs``; None:
    none), any other by ``memo``, else ``judge``, remembered in ``memo``."""
    cdef Py_UCS4 c = _first_visible_char(c_node)
    cdef Py_ssize_t i, count
    cdef int kind
    cdef void* data
    if c == 0:
        return False
    if c < 128 and verdicts is not NULL:
        return verdicts[c] != 0
    if ideographs is not None and 0x4E00 <= c <= 0x9FFF:
        # The kind and data of the str read once, not at every character.
        kind = PyUnicode_KIND(ideographs)
        data = PyUnicode_DATA(ideographs)
        count = len(ideographs)
        for i in range(count):
            if PyUnicode_READ(kind, data, i) == c:
                return True
        return False
    char = chr(c)
    known = memo.get(char)
    if known is None:
        known = memo[char] = judge(char)
    return bool(known)


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
    cdef Py_UCS4 c
    if top._c_node.type != tree.XML_ELEMENT_NODE:
        return None
    c = _first_visible_char(top._c_node)
    return None if c == 0 else chr(c)


cdef Py_UCS4 _first_visible_char(tree.xmlNode* c_top) noexcept nogil:
    """:func:`first_visible` of the element ``c_top`` (0 when none)."""
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef Py_UCS4 c
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
            return 0
    return c


def tagged(root, tags):
    """``_tree.tagged_py``: the elements of ``root.iter(*tags)`` (``tags`` as bytes), in
    document order."""
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef tuple names = tuple(tags)
    cdef list found = []
    cdef _TagSet wanted
    _tag_set(&wanted, names)
    if c_top.type != tree.XML_ELEMENT_NODE:
        return found
    while True:
        if _in_tags(c_node, &wanted):
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
