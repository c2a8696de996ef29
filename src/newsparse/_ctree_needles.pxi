# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- needles
#
# Whether a text holds one of a few strings (``_text.Caseless``' needles: a lower-cased
# text holding none of them holds no match of its pattern), in one pass over the text
# instead of one ``in`` scan per needle.


cdef class Needles:
    """A few non-empty strings; calling it with a text says whether the text holds one
    of them: ``any(needle in text for needle in needles)`` (see :func:`needles`)."""

    cdef tuple strings  # the needles (kept alive: their data is read in place)
    cdef Py_ssize_t count
    cdef Py_UCS4* first  # each needle's first character
    cdef Py_ssize_t* length
    cdef int* kind
    cdef void** data
    # The needles by the low byte of their first character: those with byte b are
    # order[begin[b]:begin[b + 1]].
    cdef Py_ssize_t* order
    cdef Py_ssize_t begin[257]

    def __cinit__(self):
        self.count = 0
        self.first = NULL
        self.length = NULL
        self.kind = NULL
        self.data = NULL
        self.order = NULL
        memset(self.begin, 0, sizeof(self.begin))

    def __dealloc__(self):
        PyMem_Free(self.first)
        PyMem_Free(self.length)
        PyMem_Free(self.kind)
        PyMem_Free(self.data)
        PyMem_Free(self.order)

    def __call__(self, str text):
        return self.found(text)

    cdef bint found(self, str text) except -1:
        cdef Py_ssize_t n = len(text), p, k, j, m, at, stop
        cdef unsigned int low
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        cdef const unsigned char* bytes_
        cdef Py_UCS4 c
        cdef int needle_kind
        cdef void* needle_data
        if kind == PyUnicode_1BYTE_KIND:
            bytes_ = <const unsigned char*>data
            for p in range(n):
                low = bytes_[p]
                at = self.begin[low]
                stop = self.begin[low + 1]
                while at < stop:
                    k = self.order[at]
                    at += 1
                    m = self.length[k]
                    # (a wider needle is in no Latin-1 text)
                    if (
                        <unsigned int>self.first[k] == low
                        and m <= n - p
                        and self.kind[k] == PyUnicode_1BYTE_KIND
                        and (m == 1 or bytes_[p + 1] == (<const unsigned char*>self.data[k])[1])
                        and memcmp(bytes_ + p, self.data[k], m) == 0
                    ):
                        return True
            return False
        for p in range(n):
            c = PyUnicode_READ(kind, data, p)
            low = <unsigned int>c & 0xFF
            at = self.begin[low]
            stop = self.begin[low + 1]
            while at < stop:
                k = self.order[at]
                at += 1
                m = self.length[k]
                if self.first[k] != c or m > n - p:
                    continue
                needle_kind = self.kind[k]
                needle_data = self.data[k]
                for j in range(1, m):
                    if PyUnicode_READ(kind, data, p + j) != PyUnicode_READ(needle_kind, needle_data, j):
                        break
                else:
                    return True
        return False


def needles(strings):
    """A :class:`Needles` of ``strings`` (non-empty ``str``): the compiled twin of
    ``Caseless``' loop of ``in`` scans (``_text.Caseless.search_lowered``)."""
    cdef Needles made = Needles.__new__(Needles)
    cdef tuple held = tuple(strings)
    cdef Py_ssize_t count = len(held), k, b, at
    cdef str needle
    for needle in held:
        if not needle:
            raise ValueError("a needle may not be empty")
    made.strings = held
    made.first = <Py_UCS4*>PyMem_Malloc(max(count, 1) * sizeof(Py_UCS4))
    made.length = <Py_ssize_t*>PyMem_Malloc(max(count, 1) * sizeof(Py_ssize_t))
    made.kind = <int*>PyMem_Malloc(max(count, 1) * sizeof(int))
    made.data = <void**>PyMem_Malloc(max(count, 1) * sizeof(void*))
    made.order = <Py_ssize_t*>PyMem_Malloc(max(count, 1) * sizeof(Py_ssize_t))
    if (
        made.first is NULL or made.length is NULL or made.kind is NULL or made.data is NULL
        or made.order is NULL
    ):
        raise MemoryError()
    for k in range(count):
        needle = held[k]
        made.kind[k] = PyUnicode_KIND(needle)
        made.data[k] = PyUnicode_DATA(needle)
        made.length[k] = len(needle)
        made.first[k] = PyUnicode_READ(made.kind[k], made.data[k], 0)
    # Bucket the needles by their first character's low byte (a counting sort).
    cdef Py_ssize_t sizes[257]
    memset(sizes, 0, sizeof(sizes))
    for k in range(count):
        sizes[(<unsigned int>made.first[k] & 0xFF) + 1] += 1
    for b in range(256):
        sizes[b + 1] += sizes[b]
    memcpy(made.begin, sizes, sizeof(sizes))
    for k in range(count):
        b = <unsigned int>made.first[k] & 0xFF
        made.order[sizes[b]] = k
        sizes[b] += 1
    made.count = count
    return made
