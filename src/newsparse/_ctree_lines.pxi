# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- lines of a header


cdef inline bint _flat_unsafe(Py_UCS4 c) noexcept nogil:
    """A character ``newsparse.formats._flatyaml._UNSAFE`` matches (left to YAML)."""
    if c < 0x7F:
        return c < 0x20 and c != 0x0A
    if c < 0xA0:
        return True
    if c < 0x2028:
        return False
    if c < 0x202A:
        return True
    if c < 0xD800:
        return False
    if c < 0xE000:
        return True
    if c < 0xFEFF:
        return False
    if c < 0xFF00:
        return True
    return 0xFFFE <= c < 0x10000


cdef inline bint _key_start(Py_UCS4 c) noexcept nogil:
    return c == 0x5F or (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A)


cdef inline bint _key_char(Py_UCS4 c) noexcept nogil:
    return _key_start(c) or (0x30 <= c <= 0x39) or c == 0x2D


def flat_lines(str text not None):
    """``newsparse.formats._flatyaml.flat_lines_py``: the ``(key, value)`` of each
    non-empty line of ``text`` (``value`` None when the line has none), or None when a
    character is left to YAML or a line is not a short plain ``key: value``."""
    cdef Py_ssize_t n = len(text), i, pos = 0, end, key_end, last, first
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef list pairs = []
    for i in range(n):
        if _flat_unsafe(PyUnicode_READ(kind, data, i)):
            return None
    while pos < n:
        end = pos
        while end < n and PyUnicode_READ(kind, data, end) != 0x0A:
            end += 1
        if end == pos:
            pos = end + 1
            continue
        if not _key_start(PyUnicode_READ(kind, data, pos)):
            return None
        i = pos + 1
        while i < end and i - pos < 100 and _key_char(PyUnicode_READ(kind, data, i)):
            i += 1
        if i >= end or PyUnicode_READ(kind, data, i) != 0x3A:
            return None
        key_end = i
        i += 1
        last = end
        while last > i and PyUnicode_READ(kind, data, last - 1) == 0x20:
            last -= 1
        if last == i:
            pairs.append((text[pos:key_end], None))
        else:
            if PyUnicode_READ(kind, data, i) != 0x20:
                return None
            first = i
            while PyUnicode_READ(kind, data, first) == 0x20:
                first += 1
            pairs.append((text[pos:key_end], text[first:last]))
        pos = end + 1
    return pairs


cdef enum:
    # The shapes of a flat value (``newsparse.formats._flatyaml``: EMPTY, QUOTED, LISTED, PLAIN).
    _FLAT_EMPTY = 0
    _FLAT_QUOTED = 1
    _FLAT_LISTED = 2
    _FLAT_PLAIN = 3


cdef inline bint _flat_indicator(Py_UCS4 c) noexcept nogil:
    """A character of ``newsparse.formats._flatyaml._INDICATORS``: ``-?:,[]{}#&*!|>'"%@```."""
    return c < 0x80 and memchr(b"-?:,[]{}#&*!|>'\"%@`", <int>c, 19) is not NULL


cdef inline bint _flow_forbidden(Py_UCS4 c) noexcept nogil:
    """What the inside of a one-line flow list may not hold: ``[]{}"'#:``."""
    return c < 0x80 and memchr(b"[]{}\"'#:", <int>c, 8) is not NULL


cdef int _flat_shape(str raw) except -2:
    """The shape of one value (``_flatyaml.flat_pairs_py``), or -1 when YAML must read it."""
    cdef Py_ssize_t n = len(raw), i
    cdef int kind = PyUnicode_KIND(raw)
    cdef void* data = PyUnicode_DATA(raw)
    cdef Py_UCS4 first = PyUnicode_READ(kind, data, 0), c, before
    cdef Py_UCS4 last = PyUnicode_READ(kind, data, n - 1)
    if first == 0x22:  # "…": no quote or backslash inside
        if n < 2 or last != 0x22:
            return -1
        for i in range(1, n - 1):
            c = PyUnicode_READ(kind, data, i)
            if c == 0x22 or c == 0x5C:
                return -1
        return _FLAT_QUOTED
    if first == 0x5B:  # […]: none of []{}"'#: inside
        if n < 2 or last != 0x5D:
            return -1
        for i in range(1, n - 1):
            if _flow_forbidden(PyUnicode_READ(kind, data, i)):
                return -1
        return _FLAT_LISTED
    if _flat_indicator(first) or last == 0x3A:
        return -1
    before = first
    for i in range(1, n):  # ": " or " #" anywhere
        c = PyUnicode_READ(kind, data, i)
        if (before == 0x3A and c == 0x20) or (before == 0x20 and c == 0x23):
            return -1
        before = c
    return _FLAT_PLAIN


def flat_pairs(str text not None):
    """``newsparse.formats._flatyaml.flat_pairs_py``: ``(key, value, shape)`` for each
    non-empty line of a flat front matter (:func:`flat_lines`), the value as its shape
    reads it (the inside of quotes or brackets), or None when YAML must read the block."""
    cdef list lines = flat_lines(text)
    if lines is None:
        return None
    cdef list out = []
    cdef int shape
    for key, raw in lines:
        if raw is None:
            out.append((key, "", _FLAT_EMPTY))
            continue
        shape = _flat_shape(raw)
        if shape < 0:
            return None
        if shape == _FLAT_QUOTED or shape == _FLAT_LISTED:
            out.append((key, raw[1 : len(raw) - 1], shape))  # wraparound is off
        else:
            out.append((key, raw, shape))
    return out
