# Included by _ctree.pyx (one extension module; see its docstring for the rules).

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


cdef inline bint _block_visible(const _unit* data) noexcept nogil:
    """Whether none of the :data:`_UNITS_AT_ONCE` units from ``data`` is invisible."""
    cdef unsigned int found = 0
    cdef _unit c
    cdef int j
    for j in range(_UNITS_AT_ONCE):
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
    while i + _UNITS_AT_ONCE <= n and _block_visible(data + i):
        i += _UNITS_AT_ONCE
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
    other text is built in a new buffer of the string's own width (one, two or four bytes a
    character; the input is only read).
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


cdef bint _normal_line(str text):
    """Whether ``normalize_line(text)`` is ``text``: no invisible character, no white space
    but single spaces between two other characters."""
    cdef Py_ssize_t n = len(text), i
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef bint space = True  # a space here would lead, or follow another
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if c == 0x20:
            if space:
                return False
            space = True
        elif _invisible(c) or Py_UNICODE_ISSPACE(c):
            return False
        else:
            space = False
    return n == 0 or not space


def normalize_line(str text not None):
    """``newsparse._text.normalize_line``: invisible characters out, white space collapsed
    to single spaces, the ends stripped (``text`` itself when that changes nothing)."""
    cdef Py_ssize_t n = len(text), i, m = 0
    cdef Py_UCS4 c
    cdef Py_UCS4* out
    cdef bint pending = False  # white space seen since the last character kept
    if _normal_line(text):
        return text
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
