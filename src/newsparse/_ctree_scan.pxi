# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- text scans

cdef inline bint _run_control(Py_UCS4 c) noexcept nogil:
    """A character of ``newsparse.encoding``'s control runs: U+0000-U+0008, U+000E-U+001F."""
    return c < 0x20 and (c < 0x09 or c > 0x0D)


cdef inline bint _block_without_controls(const _unit* data) noexcept nogil:
    """Whether none of the :data:`_UNITS_AT_ONCE` units from ``data`` is a :func:`_run_control`."""
    cdef unsigned int found = 0
    cdef Py_UCS4 c
    cdef int j
    for j in range(_UNITS_AT_ONCE):
        c = data[j]
        found |= (c < 0x20) & ((c < 0x09) | (c > 0x0D))
    return found == 0


cdef (Py_ssize_t, Py_ssize_t) _control_runs(
    const _unit* data, Py_ssize_t n, Py_ssize_t shortest
) noexcept nogil:
    cdef Py_ssize_t i = 0, start, count = 0, first = -1
    while i < n:
        if i + _UNITS_AT_ONCE <= n and _block_without_controls(data + i):
            i += _UNITS_AT_ONCE
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
        return _control_runs(<const unsigned char*>data, n, shortest)
    if kind == PyUnicode_2BYTE_KIND:
        return _control_runs(<const unsigned short*>data, n, shortest)
    return _control_runs(<const Py_UCS4*>data, n, shortest)


cdef bint _any_surrogate(const _unit* data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i = 0
    cdef unsigned int found
    cdef int j
    while i + _UNITS_AT_ONCE <= n:
        found = 0
        for j in range(_UNITS_AT_ONCE):
            found |= (<unsigned int>data[i + j] & 0xFFFFF800u) == 0xD800
        if found:
            return True
        i += _UNITS_AT_ONCE
    while i < n:
        if (<unsigned int>data[i] & 0xFFFFF800u) == 0xD800:
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
        return _any_surrogate(<const unsigned short*>data, n)
    return _any_surrogate(<const Py_UCS4*>data, n)


cdef Py_ssize_t _count_controls(const _unit* data, Py_ssize_t n) noexcept nogil:
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
        return _count_controls(<const unsigned char*>data, n)
    if kind == PyUnicode_2BYTE_KIND:
        return _count_controls(<const unsigned short*>data, n)
    return _count_controls(<const Py_UCS4*>data, n)
