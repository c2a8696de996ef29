# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- tags a text opens


cdef unsigned long long _tag_marks(
    const _unit* data, Py_ssize_t n, const unsigned char* letters, const Py_ssize_t* ends,
    Py_ssize_t count, const unsigned long long* by_first,
) noexcept nogil:
    # ``letters`` holds the names one after the other (name k is letters[ends[k-1]:ends[k]]);
    # ``by_first[c]`` the names that open with the letter ``c``.
    cdef unsigned long long found = 0, candidates
    cdef unsigned long long every = ~(<unsigned long long>0) if count == 64 else (
        (<unsigned long long>1 << count) - 1
    )
    cdef Py_ssize_t i = 0, k, j, begin, size
    cdef unsigned int c
    while found != every:
        i = _find_unit(data, i, n, 0x3C)
        if i + 1 >= n:
            break
        c = data[i + 1]
        if 0x41 <= c <= 0x5A:
            c += 0x20
        candidates = by_first[c] & ~found if c < 0x80 else 0
        k = 0
        while candidates:
            if candidates & 1:
                begin = ends[k - 1] if k else 0
                size = ends[k] - begin
                if i + size < n:  # the whole name fits after the "<"
                    j = 1
                    while j < size:
                        c = data[i + 1 + j]
                        if 0x41 <= c <= 0x5A:
                            c += 0x20
                        if c != letters[begin + j]:
                            break
                        j += 1
                    if j == size:
                        found |= <unsigned long long>1 << k
            candidates >>= 1
            k += 1
        i += 1
    return found


def tag_marks(str text not None, tuple names not None):
    """``newsparse.body._tree.tag_marks_py``: which of ``names`` (1 to 64 names of lower-case
    ASCII letters, 1024 characters in all at most) follow a ``<`` somewhere in ``text``, in
    any ASCII case, as a mask (bit ``k`` for ``names[k]``): ``re.search("<[tT][iI][mM][eE]",
    text)`` for ``"time"``. An HTML parser makes an element of that name only from such a tag."""
    cdef unsigned char letters[1024]
    cdef Py_ssize_t ends[64]
    cdef unsigned long long by_first[128]
    cdef Py_ssize_t count = len(names), total = 0, k
    if not 0 < count <= 64:
        raise ValueError(f"1 to 64 names of lower-case ASCII letters, not {count}")
    memset(by_first, 0, sizeof(by_first))
    for k in range(count):
        name = names[k]
        if (
            not isinstance(name, str) or not name or total + len(name) > 1024
            or not all("a" <= ch <= "z" for ch in name)
        ):
            raise ValueError(f"1 to 64 names of lower-case ASCII letters, not {name!r}")
        by_first[ord(name[0])] |= <unsigned long long>1 << k
        for ch in name:
            letters[total] = ord(ch)
            total += 1
        ends[k] = total
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _tag_marks(<const unsigned char*>data, n, letters, ends, count, by_first)
    if kind == PyUnicode_2BYTE_KIND:
        return _tag_marks(<const unsigned short*>data, n, letters, ends, count, by_first)
    return _tag_marks(<const Py_UCS4*>data, n, letters, ends, count, by_first)
