# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- measure
#
# The sizes are kept in the nodes themselves, in libxml2's ``psvi`` field (a pointer for
# schema validation, which an HTML tree never uses; libxml2 keeps big line numbers there
# only for text nodes): no element proxy is made and no dict is filled for the elements
# no rule asks about. A measured node holds ``total << 32 | links << 1 | 1``; a node that
# was never measured holds 0 (libxml2 zeroes new nodes), so it reads as absent.

from libc.stdint cimport uintptr_t

cdef extern from "libxml/tree.h":
    ctypedef struct _SizedNode "xmlNode":
        void* psvi


cdef enum:
    _MAX_SIZE = 0x7FFFFFFF  # the most characters a count holds (a body is at most 4 MB)


if sizeof(void*) < 8:
    # Two counts of 31 bits and a mark do not fit a 32-bit pointer: no accelerator there
    # (``_accel`` takes an ImportError for "not built" and runs the pure path).
    raise ImportError("newsparse._ctree keeps its sizes in pointer-sized node fields: it needs a 64-bit build")


cdef inline uintptr_t _sized(tree.xmlNode* c_node) noexcept nogil:
    """The packed sizes of a measured element-like node (0 when never measured)."""
    return <uintptr_t>(<_SizedNode*>c_node).psvi


cdef enum:
    _COUNT_BYTES = 32  # bytes counted at once by _nonspace_block (the compiler vectorises it)
    _COUNT_READS = _COUNT_BYTES + 2  # ... which reads two bytes past them


cdef inline unsigned int _nonspace_block(const unsigned char* p) noexcept nogil:
    """How many characters that are not white space to ``str.split`` open in the
    :data:`_COUNT_BYTES` bytes from ``p`` (valid UTF-8; ``p`` readable for
    :data:`_COUNT_READS` bytes): the bytes that open a character (not ``0b10xxxxxx``) and
    are not ASCII white space, less the white space of two or three bytes opening there
    (U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
    Bytes throughout and no branch a byte, so that the compiler vectorises the loop."""
    cdef unsigned char count = 0
    cdef unsigned char c, c1, c2, opens, blank, wide
    cdef int j
    for j in range(_COUNT_BYTES):
        c = p[j]
        c1 = p[j + 1]
        c2 = p[j + 2]
        opens = (c & 0xC0) != 0x80
        blank = (<unsigned char>(c - 0x09) <= 4) | (<unsigned char>(c - 0x1C) <= 4)
        wide = (
            ((c == 0xC2) & ((c1 == 0x85) | (c1 == 0xA0)))
            | ((c == 0xE1) & (c1 == 0x9A) & (c2 == 0x80))
            | (
                (c == 0xE2)
                & (
                    (
                        (c1 == 0x80)
                        & (
                            (<unsigned char>(c2 - 0x80) <= 0x0A)
                            | (c2 == 0xA8)
                            | (c2 == 0xA9)
                            | (c2 == 0xAF)
                        )
                    )
                    | ((c1 == 0x81) & (c2 == 0x9F))
                )
            )
            | ((c == 0xE3) & (c1 == 0x80) & (c2 == 0x80))
        )
        count += (opens & (blank ^ 1)) - wide
    return count


cdef inline Py_ssize_t _nonspace_fast(const unsigned char* s) noexcept nogil:
    """:func:`_nonspace_utf8` of the valid UTF-8 string ``s`` (what libxml2 stores): a
    short one byte by byte, a longer one :data:`_COUNT_BYTES` bytes at a time, its last
    bytes copied into a buffer padded with a continuation byte (``0x80``: it opens no
    character and no white space), so that no byte past the string is read."""
    cdef Py_ssize_t n, i = 0, rest
    cdef Py_ssize_t count = 0
    cdef unsigned char tail[2 * _COUNT_BYTES + 2]
    if s is NULL:
        return 0
    n = <Py_ssize_t>strlen(<const char*>s)
    if n < _COUNT_READS:
        return _nonspace_utf8(s)
    while i + _COUNT_READS <= n:
        count += _nonspace_block(s + i)
        i += _COUNT_BYTES
    rest = n - i
    memset(tail, 0x80, sizeof(tail))
    memcpy(tail, s + i, rest)
    count += _nonspace_block(tail)
    if rest > _COUNT_BYTES:
        count += _nonspace_block(tail + _COUNT_BYTES)
    return count


cdef inline Py_ssize_t _nonspace_fast_run(tree.xmlNode* c_node) noexcept nogil:
    """:func:`_nonspace_fast` of the text run starting at ``c_node`` (a text or a tail)."""
    cdef Py_ssize_t count = 0
    c_node = _text_node(c_node)
    while c_node is not NULL:
        count += _nonspace_fast(<const unsigned char*>c_node.content)
        c_node = _text_node(c_node.next)
    return count


cdef class Sizes:
    """``body.measure``'s result on the compiled path: ``(text, link text)`` of each
    element measured, read from its node; :meth:`get` reads it as ``dict.get`` reads the
    reference's dict (``default`` for an element that was not measured). It reads what
    the last :func:`measure` of the tree wrote in each node: measuring part of the tree
    again changes what it reads there (``parse`` measures each document once)."""

    cdef readonly object root
    cdef _Document _doc

    def __cinit__(self, _Element root not None):
        self.root = root
        self._doc = root._doc

    def get(self, el, default=None):
        """``(text, link text)`` of ``el``, or ``default`` when it was not measured."""
        cdef tree.xmlNode* c_node
        cdef uintptr_t packed
        if not isinstance(el, _Element) or (<_Element>el)._doc is not self._doc:
            return default
        c_node = (<_Element>el)._c_node
        if c_node is NULL or not _is_element_like(c_node):
            return default
        packed = _sized(c_node)
        if not packed & 1:
            return default
        return (<Py_ssize_t>(packed >> 32), <Py_ssize_t>((packed >> 1) & _MAX_SIZE))


cdef inline int _store(tree.xmlNode* c_node, Py_ssize_t total, Py_ssize_t linked) except -1:
    if total > _MAX_SIZE:
        raise OverflowError(f"{total} characters of text under one element: too many to count")
    (<_SizedNode*>c_node).psvi = <void*>((<uintptr_t>total << 32) | (<uintptr_t>linked << 1) | 1)
    return 0


def measure(root):
    """``body.measure_py``: ``(text, link text)`` for each element below and including
    ``root``, the counts of non-space characters of its whole text, as a :class:`Sizes`.

    Comments, processing instructions and entities measure ``(0, 0)``; the tail of an
    element counts for its parent; an ``<a href>`` is all link text.
    """
    return _measure(root, None)


cdef Sizes _measure(object root, object picker):
    """:func:`measure` of ``root``; and when ``picker`` is a ``_Picker``, each element met
    (in document order, as it is entered) is offered to it (``_pick_node``)."""
    cdef _Element top = _root_of(root)
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef Py_ssize_t depth = 0
    cdef Py_ssize_t capacity = 64
    cdef Py_ssize_t* totals = <Py_ssize_t*>PyMem_Malloc(capacity * sizeof(Py_ssize_t))
    cdef Py_ssize_t* links = <Py_ssize_t*>PyMem_Malloc(capacity * sizeof(Py_ssize_t))
    cdef Py_ssize_t* grown
    cdef Py_ssize_t total, linked
    cdef Sizes sizes = Sizes(top)
    cdef _Document doc = top._doc
    if totals is NULL or links is NULL:
        PyMem_Free(totals)
        PyMem_Free(links)
        raise MemoryError()
    try:
        # Enter c_node at depth: its own text opens its count.
        totals[0] = _nonspace_fast_run(c_node.children) if c_node.type == tree.XML_ELEMENT_NODE else 0
        links[0] = 0
        if picker is not None and c_node.type == tree.XML_ELEMENT_NODE:
            _pick_node(picker, c_node, doc)
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
                    _nonspace_fast_run(c_node.children) if c_node.type == tree.XML_ELEMENT_NODE else 0
                )
                links[depth] = 0
                if picker is not None and c_node.type == tree.XML_ELEMENT_NODE:
                    _pick_node(picker, c_node, doc)
                continue
            # Leave c_node, then its ancestors while they have no next sibling.
            while True:
                total = totals[depth]
                linked = links[depth]
                if c_node.type != tree.XML_ELEMENT_NODE or not (total or linked):
                    total = linked = 0
                elif _is_plain_name(c_node, "a") and _has_attribute(c_node, "href"):
                    linked = total
                _store(c_node, total, linked)
                if c_node is c_top:
                    return sizes
                totals[depth - 1] += total + _nonspace_fast_run(c_node.next)
                links[depth - 1] += linked
                c_next = _next_sibling(c_node)
                if c_next is not NULL:
                    c_node = c_next
                    totals[depth] = (
                        _nonspace_fast_run(c_node.children)
                        if c_node.type == tree.XML_ELEMENT_NODE
                        else 0
                    )
                    links[depth] = 0
                    if picker is not None and c_node.type == tree.XML_ELEMENT_NODE:
                        _pick_node(picker, c_node, doc)
                    break
                depth -= 1
                c_node = c_node.parent
    finally:
        PyMem_Free(totals)
        PyMem_Free(links)
