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
from cpython.object cimport Py_TYPE, PyTypeObject
from cpython.ref cimport PyObject, Py_DECREF, Py_INCREF
from cpython.tuple cimport PyTuple_GET_ITEM
from libc.string cimport memchr, memcmp, memcpy, memset, strcmp, strlen

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
INTERFACE = 14
"""The revision of what the functions return (``_accel.INTERFACE``): 2, the walk's
folded blocks carry their normalised text and style facts (``styles``); 3, ``measure``
returns a :class:`Sizes` kept in the nodes; 4, ``walk_blocks`` plays the walker's
gatherer over a root; 5, its plan names the figure-box tag and word; 6, ``flagged``
replaces ``suspects``; 7, ``walk_blocks``' plan
holds the block class's slots; 8, ``tagged`` (the elements of some tags); 9, ``flagged``
and ``sized`` keep their memos for one call (``rules.new_memos()``); 10, ``walk_blocks``'
plan names the caption tags; 11, ``flagged`` judges the rules' data (``mark_table``) in C,
and ``marks_of``; 12, ``walk_blocks``' plan names boxes (tags with their words); 13, ``walk_plan``
reads the plan once into a ``WalkPlan`` that ``walk_blocks`` takes; 14, ``FlagWalk``
(``flagged``'s picks one at a time, a subtree passed over on request)."""


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


ctypedef fused _unit:
    # A code unit of a str's storage (one, two or four bytes a character).
    unsigned char
    unsigned short
    Py_UCS4


cdef enum:
    # Code units tested at once, without a branch per unit (the compiler vectorises it).
    _UNITS_AT_ONCE = 32


# The rest of the module, by concern (Cython includes: one module, one namespace).
include "_ctree_sizes.pxi"
include "_ctree_walk.pxi"
include "_ctree_decode.pxi"
include "_ctree_words.pxi"
include "_ctree_play.pxi"
include "_ctree_plan.pxi"
include "_ctree_facts.pxi"
include "_ctree_select.pxi"
include "_ctree_marks.pxi"
include "_ctree_flagwalk.pxi"
include "_ctree_text.pxi"
include "_ctree_scan.pxi"
include "_ctree_blockfacts.pxi"
include "_ctree_blocks.pxi"
include "_ctree_lines.pxi"
include "_ctree_tags.pxi"
include "_ctree_needles.pxi"
