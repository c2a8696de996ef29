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
                elif _is_plain_name(c_node, "a") and _has_attribute(c_node, "href"):
                    linked = total
                _store(c_node, total, linked)
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
