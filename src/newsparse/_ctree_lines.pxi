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
