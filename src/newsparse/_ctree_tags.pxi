# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- tags a text opens


cdef unsigned long long _tag_marks(
    const _unit* data, Py_ssize_t n, const unsigned char* letters, const Py_ssize_t* ends,
    Py_ssize_t count, const unsigned char* opening, const unsigned char* openers,
) noexcept nogil:
    # ``letters`` holds the names one after the other (name k is letters[ends[k-1]:ends[k]]);
    # the names that open with the letter ``c`` are openers[64 * c : 64 * c + opening[c]].
    cdef unsigned long long found = 0
    cdef unsigned long long every = ~(<unsigned long long>0) if count == 64 else (
        (<unsigned long long>1 << count) - 1
    )
    cdef Py_ssize_t i = 0, k, j, t, begin, size
    cdef unsigned int c, d
    while found != every:
        i = _find_unit(data, i, n, 0x3C)
        if i + 1 >= n:
            break
        c = data[i + 1]
        if 0x41 <= c <= 0x5A:
            c += 0x20
        if c < 0x80:
            for t in range(opening[c]):
                k = openers[64 * c + t]
                if found >> k & 1:
                    continue
                begin = ends[k - 1] if k else 0
                size = ends[k] - begin
                if i + size >= n:  # the whole name does not fit after the "<"
                    continue
                j = 1
                while j < size:
                    d = data[i + 1 + j]
                    if 0x41 <= d <= 0x5A:
                        d += 0x20
                    if d != letters[begin + j]:
                        break
                    j += 1
                if j == size:
                    found |= <unsigned long long>1 << k
        i += 1
    return found


def tag_marks(str text not None, tuple names not None):
    """``newsparse.body._tree.tag_marks_py``: which of ``names`` (1 to 64 names of lower-case
    ASCII letters, 1024 characters in all at most) follow a ``<`` somewhere in ``text``, in
    any ASCII case, as a mask (bit ``k`` for ``names[k]``): ``re.search("<[tT][iI][mM][eE]",
    text)`` for ``"time"``. An HTML parser makes an element of that name only from such a tag,
    except the elements it implies (``html``, ``head``, ``body``: a ``<title>`` alone makes
    a ``head``), which callers must not ask about alone."""
    cdef unsigned char letters[1024]
    cdef Py_ssize_t ends[64]
    cdef unsigned char opening[128]
    cdef unsigned char openers[128 * 64]
    cdef Py_ssize_t count = len(names), total = 0, k, j, size, first
    cdef Py_UCS4 letter
    if not 0 < count <= 64:
        raise ValueError(f"1 to 64 names of lower-case ASCII letters, not {count}")
    memset(opening, 0, sizeof(opening))
    for k in range(count):
        name = names[k]
        if not isinstance(name, str):
            raise ValueError(f"1 to 64 names of lower-case ASCII letters, not {name!r}")
        size = len(<str>name)
        if not size or total + size > 1024:
            raise ValueError(f"1 to 64 names of lower-case ASCII letters, not {name!r}")
        for j in range(size):
            letter = PyUnicode_READ(PyUnicode_KIND(name), PyUnicode_DATA(name), j)
            if not 0x61 <= letter <= 0x7A:
                raise ValueError(f"1 to 64 names of lower-case ASCII letters, not {name!r}")
            letters[total + j] = <unsigned char>letter
        first = letters[total]
        openers[64 * first + opening[first]] = <unsigned char>k
        opening[first] += 1
        total += size
        ends[k] = total
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _tag_marks(<const unsigned char*>data, n, letters, ends, count, opening, openers)
    if kind == PyUnicode_2BYTE_KIND:
        return _tag_marks(<const unsigned short*>data, n, letters, ends, count, opening, openers)
    return _tag_marks(<const Py_UCS4*>data, n, letters, ends, count, opening, openers)
