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


cdef int _read_names(
    tuple names, unsigned char* letters, Py_ssize_t* ends, unsigned char* opening,
    unsigned char* openers,
) except -1:
    # ``tag_marks``' names into its tables: ``letters`` (1024 units) holds them one after
    # the other, name k ending at ``ends[k]``; the names that open with the letter ``c``
    # are ``openers[64 * c : 64 * c + opening[c]]`` (``opening``: 128 units).
    cdef Py_ssize_t count = len(names), total = 0, k, j, size, first
    cdef Py_UCS4 letter
    if not 0 < count <= 64:
        raise ValueError(f"1 to 64 names of lower-case ASCII letters, not {count}")
    memset(opening, 0, 128)
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
    return 0


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
    cdef Py_ssize_t count = len(names)
    _read_names(names, letters, ends, opening, openers)
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _tag_marks(<const unsigned char*>data, n, letters, ends, count, opening, openers)
    if kind == PyUnicode_2BYTE_KIND:
        return _tag_marks(<const unsigned short*>data, n, letters, ends, count, opening, openers)
    return _tag_marks(<const Py_UCS4*>data, n, letters, ends, count, opening, openers)


# ---------------------------------------------------------------------------- a body's facts, in one pass

cdef extern from *:
    """
    #if defined(__SSE2__)
    #include <emmintrin.h>
    #endif

    /* Bit j set: unit j of the 32 from p is '<', '>' or '&' (SSE2 compares 16 bytes at once;
       elsewhere a plain loop). */
    static inline unsigned int newsparse_marks_u1(const unsigned char* p) {
    #if defined(__SSE2__)
        const __m128i lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'), amp = _mm_set1_epi8('&');
        __m128i a = _mm_loadu_si128((const __m128i*)p);
        __m128i b = _mm_loadu_si128((const __m128i*)(p + 16));
        a = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, lt), _mm_cmpeq_epi8(a, gt)), _mm_cmpeq_epi8(a, amp));
        b = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, lt), _mm_cmpeq_epi8(b, gt)), _mm_cmpeq_epi8(b, amp));
        return (unsigned int)_mm_movemask_epi8(a) | ((unsigned int)_mm_movemask_epi8(b) << 16);
    #else
        unsigned int m = 0;
        for (int j = 0; j < 32; j++) {
            unsigned char c = p[j];
            m |= (unsigned int)((c == '<') | (c == '>') | (c == '&')) << j;
        }
        return m;
    #endif
    }

    static inline unsigned int newsparse_marks_u2(const unsigned short* p) {
    #if defined(__SSE2__)
        const __m128i lt = _mm_set1_epi16('<'), gt = _mm_set1_epi16('>'), amp = _mm_set1_epi16('&');
        __m128i v[4];
        for (int k = 0; k < 4; k++) {
            __m128i a = _mm_loadu_si128((const __m128i*)(p + 8 * k));
            v[k] = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(a, lt), _mm_cmpeq_epi16(a, gt)), _mm_cmpeq_epi16(a, amp));
        }
        return (unsigned int)_mm_movemask_epi8(_mm_packs_epi16(v[0], v[1]))
            | ((unsigned int)_mm_movemask_epi8(_mm_packs_epi16(v[2], v[3])) << 16);
    #else
        unsigned int m = 0;
        for (int j = 0; j < 32; j++) {
            unsigned short c = p[j];
            m |= (unsigned int)((c == '<') | (c == '>') | (c == '&')) << j;
        }
        return m;
    #endif
    }

    static inline unsigned int newsparse_marks_u4(const Py_UCS4* p) {
    #if defined(__SSE2__)
        const __m128i lt = _mm_set1_epi32('<'), gt = _mm_set1_epi32('>'), amp = _mm_set1_epi32('&');
        __m128i v[8];
        for (int k = 0; k < 8; k++) {
            __m128i a = _mm_loadu_si128((const __m128i*)(p + 4 * k));
            v[k] = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi32(a, lt), _mm_cmpeq_epi32(a, gt)), _mm_cmpeq_epi32(a, amp));
        }
        __m128i low = _mm_packs_epi16(_mm_packs_epi32(v[0], v[1]), _mm_packs_epi32(v[2], v[3]));
        __m128i high = _mm_packs_epi16(_mm_packs_epi32(v[4], v[5]), _mm_packs_epi32(v[6], v[7]));
        return (unsigned int)_mm_movemask_epi8(low) | ((unsigned int)_mm_movemask_epi8(high) << 16);
    #else
        unsigned int m = 0;
        for (int j = 0; j < 32; j++) {
            Py_UCS4 c = p[j];
            m |= (unsigned int)((c == '<') | (c == '>') | (c == '&')) << j;
        }
        return m;
    #endif
    }

    /* The index of the lowest bit set in m (not 0). */
    static inline int newsparse_lowest_bit(unsigned int m) {
    #if defined(__GNUC__) || defined(__clang__)
        return __builtin_ctz(m);
    #else
        int j = 0;
        while (!(m & 1u)) { m >>= 1; j++; }
        return j;
    #endif
    }
    """
    unsigned int newsparse_marks_u1(const unsigned char* p) noexcept nogil
    unsigned int newsparse_marks_u2(const unsigned short* p) noexcept nogil
    unsigned int newsparse_marks_u4(const Py_UCS4* p) noexcept nogil
    int newsparse_lowest_bit(unsigned int m) noexcept nogil


cdef inline unsigned int _marks_in_block(const _unit* data) noexcept nogil:
    """Bit j set: unit j of the 32 from ``data`` is ``<``, ``>`` or ``&``."""
    if sizeof(_unit) == 1:
        return newsparse_marks_u1(<const unsigned char*>data)
    if sizeof(_unit) == 2:
        return newsparse_marks_u2(<const unsigned short*>data)
    return newsparse_marks_u4(<const Py_UCS4*>data)


ctypedef struct _HtmlScan:
    # What ``_html_facts`` carries from one mark to the next.
    unsigned long long found  # tag_marks' mask so far
    unsigned long long every  # the mask of all names
    bint long_run  # long_tag's answer so far
    Py_ssize_t risk  # word_after's first answer, -1 so far
    Py_ssize_t opened  # the first "<" + ASCII letter since the last ">", or -1
    Py_ssize_t width
    Py_ssize_t spaces
    const unsigned char* letters  # tag_marks' tables (``_read_names``)
    const Py_ssize_t* ends
    const unsigned char* opening
    const unsigned char* openers
    const Py_UCS4* words  # word_after's (``_read_words``)
    const Py_ssize_t* word_ends
    Py_ssize_t word_count


cdef inline bint _tag_long(
    const _unit* data, Py_ssize_t opened, Py_ssize_t end, Py_ssize_t width, Py_ssize_t spaces
) noexcept nogil:
    # ``_long_tag``'s test of one run: the first "<" + letter at ``opened`` since the last
    # ">", the run ending at ``end`` (the next ">" or the end of the text).
    cdef Py_ssize_t i, count = 0
    if opened < 0 or end - opened < width + 2:
        return False
    for i in range(opened + 1, end):
        count += Py_UNICODE_ISSPACE(data[i])
    return count >= spaces


cdef inline void _html_mark(
    const _unit* data, Py_ssize_t n, Py_ssize_t i, _HtmlScan* scan
) noexcept nogil:
    # One "<", ">" or "&" at ``i``, read as ``_tag_marks``, ``_long_tag`` and
    # ``_word_after`` read it.
    cdef unsigned int c = data[i], d
    cdef Py_ssize_t t, k, j, begin, size
    if c == 0x3C:  # "<"
        if i + 1 >= n:
            return
        c = data[i + 1]
        if 0x41 <= c <= 0x5A:
            c += 0x20
        if not 0x61 <= c <= 0x7A:
            return
        if scan.opened < 0:
            scan.opened = i
        if scan.found == scan.every:
            return
        for t in range(scan.opening[c]):
            k = scan.openers[64 * c + t]
            if scan.found >> k & 1:
                continue
            begin = scan.ends[k - 1] if k else 0
            size = scan.ends[k] - begin
            if i + size >= n:  # the whole name does not fit after the "<"
                continue
            j = 1
            while j < size:
                d = data[i + 1 + j]
                if 0x41 <= d <= 0x5A:
                    d += 0x20
                if d != scan.letters[begin + j]:
                    break
                j += 1
            if j == size:
                scan.found |= <unsigned long long>1 << k
    elif c == 0x3E:  # ">"
        if not scan.long_run and scan.opened >= 0:
            scan.long_run = _tag_long(data, scan.opened, i, scan.width, scan.spaces)
        scan.opened = -1
    elif scan.risk < 0:  # "&"
        if _word_at(data, n, i, scan.words, scan.word_ends, scan.word_count):
            scan.risk = i


cdef void _html_facts(const _unit* data, Py_ssize_t n, _HtmlScan* scan) noexcept nogil:
    # One pass over ``data``, looking closely only at "<", ">" and "&" (found 32 units at
    # a time): ``_long_tag``, ``_tag_marks`` and ``_word_after`` (lead "&", from 0) at once.
    cdef Py_ssize_t i = 0
    cdef unsigned int marks
    while i + _UNITS_AT_ONCE <= n:
        marks = _marks_in_block(data + i)
        while marks:
            _html_mark(data, n, i + newsparse_lowest_bit(marks), scan)
            marks &= marks - 1
        i += _UNITS_AT_ONCE
    while i < n:
        if data[i] == 0x3C or data[i] == 0x3E or data[i] == 0x26:
            _html_mark(data, n, i, scan)
        i += 1
    if not scan.long_run:
        scan.long_run = _tag_long(data, scan.opened, n, scan.width, scan.spaces)


def html_facts(
    str text not None, Py_ssize_t width, Py_ssize_t spaces, tuple names not None,
    tuple words not None,
):
    """``newsparse.body.html_facts_py``: ``(long_tag(text, width, spaces),
    tag_marks(text, names), word_after(text, "&", words, 0))`` in one pass over ``text``
    (the facts :func:`newsparse.body.extract_html` reads before parsing a body)."""
    if width < 0 or spaces < 0:
        raise ValueError(f"width and spaces are at least 0, not {width} and {spaces}")
    cdef unsigned char letters[1024]
    cdef Py_ssize_t ends[64]
    cdef unsigned char opening[128]
    cdef unsigned char openers[128 * 64]
    cdef Py_UCS4 word_letters[64]
    cdef Py_ssize_t word_ends[64]
    cdef Py_ssize_t count = len(names)
    _read_names(names, letters, ends, opening, openers)
    _read_words(words, word_letters, word_ends)
    cdef _HtmlScan scan
    scan.found = 0
    scan.every = ~(<unsigned long long>0) if count == 64 else (<unsigned long long>1 << count) - 1
    scan.long_run = False
    scan.risk = -1
    scan.opened = -1
    scan.width = width
    scan.spaces = spaces
    scan.letters = letters
    scan.ends = ends
    scan.opening = opening
    scan.openers = openers
    scan.words = word_letters
    scan.word_ends = word_ends
    scan.word_count = len(words)
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == PyUnicode_1BYTE_KIND:
        _html_facts(<const unsigned char*>data, n, &scan)
    elif kind == PyUnicode_2BYTE_KIND:
        _html_facts(<const unsigned short*>data, n, &scan)
    else:
        _html_facts(<const Py_UCS4*>data, n, &scan)
    return scan.long_run, scan.found, scan.risk
