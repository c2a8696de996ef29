# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- leads of blocks

cdef Py_UCS4 _lead(const _unit* data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i
    if _find_unit(data, 0, n, 0x0A) < n:
        return 0x0A
    i = _find_unit(data, 0, n, 0x3A)
    while i + 2 < n:
        if data[i + 1] == 0x2F and data[i + 2] == 0x2F:
            return 0x0A
        i = _find_unit(data, i + 1, n, 0x3A)
    i = 0
    while i < n and Py_UNICODE_ISSPACE(data[i]):
        i += 1
    return data[i] if i < n else 0


def leads(list texts not None):
    """``newsparse.body.blockfacts.leads_py``: for each text, a line break when it holds one
    or a ``://``, else its first character that is not white space (U+0000 when there is
    none), as one string."""
    cdef Py_ssize_t count = len(texts), k
    cdef Py_UCS4* leads = <Py_UCS4*>PyMem_Malloc((count + 1) * sizeof(Py_UCS4))
    cdef object text
    cdef int kind
    cdef void* data
    if leads is NULL:
        raise MemoryError()
    try:
        for k in range(count):
            text = texts[k]
            if type(text) is not str:
                raise TypeError(f"leads reads str, not {type(text).__name__}")
            kind = PyUnicode_KIND(text)
            data = PyUnicode_DATA(text)
            if kind == PyUnicode_1BYTE_KIND:
                leads[k] = _lead(<const unsigned char*>data, len(text))
            elif kind == PyUnicode_2BYTE_KIND:
                leads[k] = _lead(<const unsigned short*>data, len(text))
            else:
                leads[k] = _lead(<const Py_UCS4*>data, len(text))
        return _from_ucs4(leads, count)
    finally:
        PyMem_Free(leads)
