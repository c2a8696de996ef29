# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- a block's text
#
# The text of a folded block (see ``_ctree_walk.pxi``), read from libxml2's UTF-8: its
# non-space characters counted, and decoded, whole or normalised, in one pass.


cdef enum:
    _NOT_UTF8 = 4  # (widest) a byte that opens no UTF-8 character


cdef Py_ssize_t _nonspace_spacing(const unsigned char* s, _Nodes* nodes) noexcept nogil:
    """:func:`_nonspace_utf8` of ``s``, following the text's white space in ``nodes``
    (``spacing``, ``irregular``) as it goes on from the runs before it."""
    cdef Py_ssize_t count = 0
    cdef unsigned char c, c1, c2
    cdef unsigned char spacing = nodes.spacing
    cdef bint irregular = nodes.irregular
    cdef Py_ssize_t chars = 0
    cdef unsigned char widest = nodes.widest
    while s[0] != 0:
        c = s[0]
        chars += 1
        if c < 0x80:
            if (0x09 <= c <= 0x0D) or (0x1C <= c <= 0x20):
                if c == 0x20 and spacing == 1:
                    spacing = 2
                else:
                    irregular = True
            else:
                count += 1
                spacing = 1
            s += 1
        elif c < 0xE0:
            # Two bytes: U+0085 and U+00A0 are white space.
            if c == 0xC2 and (s[1] == 0x85 or s[1] == 0xA0):
                irregular = True
            else:
                count += 1
                spacing = 1
            if c >= 0xC4:
                if widest < 2:
                    widest = 2
            elif c >= 0xC2:
                if widest < 1:
                    widest = 1
            else:
                widest = _NOT_UTF8
            s += 2 if s[1] != 0 else 1
        elif c < 0xF0:
            c1 = s[1]
            c2 = s[2] if c1 != 0 else 0
            # U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
            if (
                (c == 0xE1 and c1 == 0x9A and c2 == 0x80)
                or (c == 0xE2 and c1 == 0x80 and (c2 <= 0x8A or c2 == 0xA8 or c2 == 0xA9 or c2 == 0xAF))
                or (c == 0xE2 and c1 == 0x81 and c2 == 0x9F)
                or (c == 0xE3 and c1 == 0x80 and c2 == 0x80)
            ):
                irregular = True
            else:
                count += 1
                spacing = 1
            if widest < 2:
                widest = 2
            if c1 == 0:
                s += 1
            elif c2 == 0:
                s += 2
            else:
                s += 3
        else:
            count += 1
            spacing = 1
            widest = 3 if c <= 0xF4 and widest <= 3 else _NOT_UTF8
            if s[1] == 0:
                s += 1
            elif s[2] == 0:
                s += 2
            elif s[3] == 0:
                s += 3
            else:
                s += 4
    nodes.spacing = spacing
    nodes.irregular = irregular
    nodes.chars += chars
    nodes.widest = widest
    return count


cdef extern from "Python.h":
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)


cdef object _decode_text(_Nodes* nodes):
    """``nodes.text`` decoded (``PyUnicode_DecodeUTF8``), into a str of the width its
    widest character needs, known from :func:`_nonspace_spacing`: no buffer to widen or
    shrink. Text that is not plain UTF-8 goes to ``PyUnicode_DecodeUTF8`` itself."""
    cdef const unsigned char* s = <const unsigned char*>nodes.text
    cdef Py_ssize_t size = nodes.text_size, chars = nodes.chars, i = 0, k = 0
    cdef unsigned char c, c1, c2, c3
    cdef Py_UCS4 code
    cdef int kind
    cdef void* data
    if nodes.widest == 0 or nodes.widest == _NOT_UTF8:
        return PyUnicode_DecodeUTF8(nodes.text, size, NULL)  # ASCII: a copy
    text = PyUnicode_New(
        chars, 0xFF if nodes.widest == 1 else 0xFFFF if nodes.widest == 2 else 0x10FFFF
    )
    kind = PyUnicode_KIND(text)
    data = PyUnicode_DATA(text)
    while i < size:
        c = s[i]
        if c < 0x80:
            code = c
            i += 1
        elif c < 0xE0:
            if c < 0xC2 or i + 1 >= size:
                break
            c1 = s[i + 1]
            if c1 & 0xC0 != 0x80:
                break
            code = ((c & 0x1F) << 6) | (c1 & 0x3F)
            i += 2
        elif c < 0xF0:
            if i + 2 >= size:
                break
            c1 = s[i + 1]
            c2 = s[i + 2]
            if c1 & 0xC0 != 0x80 or c2 & 0xC0 != 0x80:
                break
            code = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F)
            if code < 0x800 or 0xD800 <= code <= 0xDFFF:
                break
            i += 3
        else:
            if i + 3 >= size:
                break
            c1 = s[i + 1]
            c2 = s[i + 2]
            c3 = s[i + 3]
            if c1 & 0xC0 != 0x80 or c2 & 0xC0 != 0x80 or c3 & 0xC0 != 0x80:
                break
            code = ((c & 0x07) << 18) | ((c1 & 0x3F) << 12) | ((c2 & 0x3F) << 6) | (c3 & 0x3F)
            if code < 0x10000 or code > 0x10FFFF:
                break
            i += 4
        if k == chars:
            break
        PyUnicode_WRITE(kind, data, k, code)
        k += 1
    if i != size or k != chars:
        return PyUnicode_DecodeUTF8(nodes.text, size, NULL)  # not plain UTF-8
    return text


cdef inline bint _white(Py_UCS4 code) noexcept nogil:
    """``str.isspace`` of one character (the white space :func:`_nonspace_spacing` reads)."""
    if code < 0x80:
        return 0x09 <= code <= 0x0D or 0x1C <= code <= 0x20
    return (
        code == 0x85 or code == 0xA0 or code == 0x1680 or 0x2000 <= code <= 0x200A
        or code == 0x2028 or code == 0x2029 or code == 0x202F or code == 0x205F
        or code == 0x3000
    )


cdef object _decode_normal(_Nodes* nodes):
    """``normalize_block(_decode_text(nodes))`` in one pass over ``nodes.text`` (plain
    UTF-8 holding some character that is not white space): each character decoded is
    written to the scratch buffer ``nodes.out`` unless it is white space; a run of white
    space between two other characters becomes one space, or nothing where
    ``normalize_block`` removes it (a run of spaces, tabs, CR, FF and LF holding a LF
    between a CJK character and a CJK-class one, or an ambiguous one and a CJK one). None
    when the text is not plain UTF-8."""
    cdef const unsigned char* s = <const unsigned char*>nodes.text
    cdef Py_ssize_t size = nodes.text_size, i = 0, m = 0
    cdef unsigned char c, c1, c2, c3
    cdef Py_UCS4 code, before = 0
    cdef bint run = False, breaks_only = False, has_newline = False
    cdef int kind = 1 if nodes.widest <= 1 else 2 if nodes.widest == 2 else 4
    cdef void* out
    cdef void* grown
    if nodes.chars * kind > nodes.out_capacity:
        grown = PyMem_Realloc(nodes.out, max(nodes.chars * kind, 2 * nodes.out_capacity, 256))
        if grown is NULL:
            raise MemoryError()
        nodes.out = grown
        nodes.out_capacity = max(nodes.chars * kind, 2 * nodes.out_capacity, 256)
    out = nodes.out
    while i < size:
        c = s[i]
        if c < 0x80:
            code = c
            i += 1
        elif c < 0xE0:
            if c < 0xC2 or i + 1 >= size:
                return None
            c1 = s[i + 1]
            if c1 & 0xC0 != 0x80:
                return None
            code = ((c & 0x1F) << 6) | (c1 & 0x3F)
            i += 2
        elif c < 0xF0:
            if i + 2 >= size:
                return None
            c1 = s[i + 1]
            c2 = s[i + 2]
            if c1 & 0xC0 != 0x80 or c2 & 0xC0 != 0x80:
                return None
            code = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F)
            if code < 0x800 or 0xD800 <= code <= 0xDFFF:
                return None
            i += 3
        else:
            if i + 3 >= size:
                return None
            c1 = s[i + 1]
            c2 = s[i + 2]
            c3 = s[i + 3]
            if c1 & 0xC0 != 0x80 or c2 & 0xC0 != 0x80 or c3 & 0xC0 != 0x80:
                return None
            code = ((c & 0x07) << 18) | ((c1 & 0x3F) << 12) | ((c2 & 0x3F) << 6) | (c3 & 0x3F)
            if code < 0x10000 or code > 0x10FFFF:
                return None
            i += 4
        if _white(code):
            if m == 0:
                continue  # the stripped start
            if not run:
                run = True
                breaks_only = True
                has_newline = False
            if code == 0x0A:
                has_newline = True
            elif not _segment_break(code):
                breaks_only = False
            continue
        if run:
            run = False
            if not (
                breaks_only
                and has_newline
                and (
                    (_cjk_core(before) and (_cjk_core(code) or _ambiguous(code)))
                    or (_ambiguous(before) and _cjk_core(code))
                )
            ):
                if m >= nodes.chars:
                    return None  # (more characters than counted: not plain UTF-8)
                PyUnicode_WRITE(kind, out, m, 0x20)
                m += 1
        if m >= nodes.chars:
            return None  # (more characters than counted: not plain UTF-8)
        PyUnicode_WRITE(kind, out, m, code)
        m += 1
        before = code
    # (a closing run is the stripped end)
    return PyUnicode_FromKindAndData(kind, out, m)
