# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- text scans

cdef inline bint _run_control(Py_UCS4 c) noexcept nogil:
    """A character of ``newsparse.textchecks``'s control runs: U+0000-U+0008, U+000E-U+001F."""
    return c < 0x20 and (c < 0x09 or c > 0x0D)


cdef inline bint _block_without_controls(const _unit* data) noexcept nogil:
    """Whether none of the :data:`_UNITS_AT_ONCE` units from ``data`` is a :func:`_run_control`."""
    cdef unsigned int found = 0
    cdef _unit c
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
    """``newsparse.textchecks.control_runs_py``: how many characters the runs of at least
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
    """``newsparse.textchecks.has_surrogates_py``: whether ``text`` holds a surrogate code
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
    # Counted in the string's own unit width, 32 units at a time (the compiler vectorises
    # the inner loop; a block's count fits in an unsigned int).
    cdef Py_ssize_t i = 0, count = 0
    cdef unsigned int block
    cdef _unit c
    cdef int j
    while i + _UNITS_AT_ONCE <= n:
        block = 0
        for j in range(_UNITS_AT_ONCE):
            c = data[i + j]
            block += (c < 0x20) & ((c < 0x09) | (c > 0x0D))
        count += block
        i += _UNITS_AT_ONCE
    while i < n:
        count += _run_control(data[i])
        i += 1
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


cdef inline bint _block_plain(const _unit* data) noexcept nogil:
    """Whether none of the :data:`_UNITS_AT_ONCE` units from ``data`` is one that
    :func:`text_scan` looks at closely: a :func:`_run_control`, a CR, a surrogate or an
    invisible character (``_invisible``). Compared in the units' own width, so that the
    compiler tests many at once."""
    cdef unsigned int found = 0
    cdef _unit c
    cdef int j
    for j in range(_UNITS_AT_ONCE):
        c = data[j]
        found |= (
            ((c < 0x20) & (c != 0x09) & (c != 0x0A))  # controls (invisible or in runs), CR
            | ((c >= 0x7F) & (c < 0xA0))
            | (c == 0xAD)
            | ((c >= 0x200B) & (c <= 0x200D))
            | (c == 0x2060)
            | ((c >= 0xD800) & (c <= 0xDFFF))
            | (c == 0xFEFF)
        )
    return found == 0


cdef (bint, Py_ssize_t, Py_ssize_t, bint, bint) _text_scan(
    const _unit* data, Py_ssize_t n, Py_ssize_t shortest
) noexcept nogil:
    cdef Py_ssize_t i = 0, start = 0, run = 0, count = 0, first = -1
    cdef bint surrogate = False, cr = False, invisible = False
    cdef unsigned int c
    while i < n:
        if i + _UNITS_AT_ONCE <= n and _block_plain(data + i):
            # No control here: a run before this block ends before it.
            if run >= shortest:
                count += run
                if first < 0:
                    first = start
            run = 0
            i += _UNITS_AT_ONCE
            continue
        c = data[i]
        if _run_control(c):
            if run == 0:
                start = i
            run += 1
        else:
            if run >= shortest:
                count += run
                if first < 0:
                    first = start
            run = 0
            if c == 0x0D:
                cr = True
            elif (c & 0xFFFFF800u) == 0xD800:
                surrogate = True
        if not invisible and _invisible_branchy(c):
            invisible = True
        i += 1
    if run >= shortest:
        count += run
        if first < 0:
            first = start
    return surrogate, count, first, cr, invisible


cdef Py_ssize_t _count_unit(const _unit* data, Py_ssize_t n, unsigned int ch) noexcept nogil:
    cdef Py_ssize_t i, count = 0
    for i in range(n):
        count += data[i] == ch
    return count


def text_scan(str text not None, Py_ssize_t shortest, Py_ssize_t sample):
    """``newsparse.textchecks.text_scan_py``: what a document's text holds, in one pass:
    ``(surrogates, run_count, run_first, crs, invisible, sample_controls,
    sample_replaced)``, that is whether it holds a surrogate (``has_surrogates``), the
    characters in runs of at least ``shortest`` (≥ 1) control characters and where the
    first starts (``control_runs``), whether it holds a CR and an invisible character
    (one that ``clean_invisible`` removes), and how many control characters
    (``count_controls``) and U+FFFD the first ``sample`` characters hold."""
    if shortest < 1:
        raise ValueError(f"a run is at least one character long, not {shortest}")
    cdef Py_ssize_t n = len(text)
    cdef Py_ssize_t m = min(max(sample, 0), n)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef bint surrogate, cr, invisible
    cdef Py_ssize_t count, first
    if kind == PyUnicode_1BYTE_KIND:
        surrogate, count, first, cr, invisible = _text_scan(
            <const unsigned char*>data, n, shortest
        )
        return (
            surrogate, count, first, cr, invisible,
            _count_controls(<const unsigned char*>data, m), 0,
        )
    if kind == PyUnicode_2BYTE_KIND:
        surrogate, count, first, cr, invisible = _text_scan(
            <const unsigned short*>data, n, shortest
        )
        return (
            surrogate, count, first, cr, invisible,
            _count_controls(<const unsigned short*>data, m),
            _count_unit(<const unsigned short*>data, m, 0xFFFD),
        )
    surrogate, count, first, cr, invisible = _text_scan(<const Py_UCS4*>data, n, shortest)
    return (
        surrogate, count, first, cr, invisible,
        _count_controls(<const Py_UCS4*>data, m),
        _count_unit(<const Py_UCS4*>data, m, 0xFFFD),
    )


cdef inline bint _ascii_letter(Py_UCS4 c) noexcept nogil:
    return (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A)


cdef inline bint _block_without(const _unit* data, _unit ch) noexcept nogil:
    """Whether none of the :data:`_UNITS_AT_ONCE` units from ``data`` is ``ch``."""
    cdef unsigned int found = 0
    cdef int j
    for j in range(_UNITS_AT_ONCE):
        found |= data[j] == ch
    return found == 0


cdef inline Py_ssize_t _find_unit(const _unit* data, Py_ssize_t start, Py_ssize_t n, _unit ch) noexcept nogil:
    """The index of the first ``ch`` from ``start`` (``n`` when there is none)."""
    cdef const void* found
    if sizeof(_unit) == 1:
        found = memchr(data + start, ch, n - start)
        return n if found is NULL else <const unsigned char*>found - <const unsigned char*>data
    while start + _UNITS_AT_ONCE <= n and _block_without(data + start, ch):
        start += _UNITS_AT_ONCE
    while start < n and data[start] != ch:
        start += 1
    return start


cdef bint _long_tag(
    const _unit* data, Py_ssize_t n, Py_ssize_t width, Py_ssize_t spaces
) noexcept nogil:
    # Between two ">" (a segment), a tag that long opens width + 2 units or more before
    # the segment's end: only segments that long are read, from their first "<" + letter.
    cdef Py_ssize_t begin = 0, end, s, last, i, count
    while begin < n:
        end = _find_unit(data, begin, n, 0x3E)
        if end - begin >= width + 2:
            # The first "<" + letter at an index below ``last``, found a block at a time
            # (most long segments are text between tags, with no "<" at all).
            last = end - width - 1
            s = _find_unit(data, begin, last, 0x3C)
            while s < last and not _ascii_letter(data[s + 1]):
                s = _find_unit(data, s + 1, last, 0x3C)
            if s < last:
                count = 0
                for i in range(s + 1, end):
                    count += Py_UNICODE_ISSPACE(data[i])
                if count >= spaces:
                    return True
        begin = end + 1
    return False


def long_tag(str text not None, Py_ssize_t width, Py_ssize_t spaces):
    """``newsparse.body._tree.long_tag_py``: whether a ``<`` and an ASCII letter open a
    run of at least ``width`` more characters without ``>`` (``<[A-Za-z][^>]{width}``)
    whose characters up to the next ``>`` (or the end) hold ``spaces`` white-space
    characters (``str.isspace``) or more; ``width`` and ``spaces`` are at least 0."""
    if width < 0 or spaces < 0:
        raise ValueError(f"width and spaces are at least 0, not {width} and {spaces}")
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _long_tag(<const unsigned char*>data, n, width, spaces)
    if kind == PyUnicode_2BYTE_KIND:
        return _long_tag(<const unsigned short*>data, n, width, spaces)
    return _long_tag(<const Py_UCS4*>data, n, width, spaces)


cdef bint _tag_opens(const _unit* data, Py_ssize_t n, const Py_UCS4* name, Py_ssize_t m) noexcept nogil:
    cdef Py_ssize_t i = 0, j
    cdef unsigned int c
    while True:
        i = _find_unit(data, i, n, 0x3C)
        if i + m >= n:
            return False
        j = 0
        while j < m:
            c = data[i + 1 + j]
            if 0x41 <= c <= 0x5A:
                c += 0x20
            if c != name[j]:
                break
            j += 1
        if j == m:
            return True
        i += 1


def tag_opens(str text not None, str name not None):
    """Whether ``<`` and ``name`` (lower-case ASCII letters, in any ASCII case) stand
    together somewhere in ``text``: ``re.search("<[tT][iI][mM][eE]", text)`` for
    ``"time"``. An HTML parser makes an element of that name only from such a tag."""
    cdef Py_UCS4 lowered[16]
    cdef Py_ssize_t m = len(name), j
    if not 0 < m <= 16 or not all("a" <= ch <= "z" for ch in name):
        raise ValueError(f"a tag name of 1 to 16 lower-case ASCII letters, not {name!r}")
    for j in range(m):
        lowered[j] = ord(name[j])
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if kind == PyUnicode_1BYTE_KIND:
        return _tag_opens(<const unsigned char*>data, n, lowered, m)
    if kind == PyUnicode_2BYTE_KIND:
        return _tag_opens(<const unsigned short*>data, n, lowered, m)
    return _tag_opens(<const Py_UCS4*>data, n, lowered, m)


# ---------------------------------------------------------------------------- words after a mark

cdef inline bint _word_at(
    const _unit* data, Py_ssize_t n, Py_ssize_t i,
    const Py_UCS4* letters, const Py_ssize_t* ends, Py_ssize_t count,
) noexcept nogil:
    # ``_word_after``'s test at one mark: one of the words follows index ``i``.
    cdef Py_ssize_t w, j, begin = 0, size
    cdef unsigned int c
    for w in range(count):
        size = ends[w] - begin
        if i + size < n:  # the whole word fits after the mark
            j = 0
            while j < size:
                c = data[i + 1 + j]
                if c >= 0x80:
                    return True  # a character that may case-fold to an ASCII letter
                if 0x41 <= c <= 0x5A:
                    c += 0x20
                if c != letters[begin + j]:
                    break
                j += 1
            if j == size:
                return True
        begin = ends[w]
    return False


cdef Py_ssize_t _word_after(
    const _unit* data, Py_ssize_t n, Py_ssize_t i, _unit lead,
    const Py_UCS4* letters, const Py_ssize_t* ends, Py_ssize_t count,
) noexcept nogil:
    # ``letters`` holds the words one after the other; word w is letters[ends[w-1]:ends[w]].
    while True:
        i = _find_unit(data, i, n, lead)
        if i >= n:
            return -1
        if _word_at(data, n, i, letters, ends, count):
            return i
        i += 1


cdef int _read_words(tuple words, Py_UCS4* letters, Py_ssize_t* ends) except -1:
    # ``word_after``'s words into ``letters`` (64 units), one after the other, word w
    # ending at ``ends[w]``.
    cdef Py_ssize_t count = len(words), total = 0, w, j, size
    cdef Py_UCS4 letter
    if not 0 < count <= 64:
        raise ValueError("one ASCII lead character and 1 to 64 words")
    for w in range(count):
        word = words[w]
        if not isinstance(word, str) or not 0 < len(<str>word) <= 64 - total:
            raise ValueError(f"words of lower-case ASCII, 64 characters in all, not {word!r}")
        size = len(<str>word)
        for j in range(size):
            letter = PyUnicode_READ(PyUnicode_KIND(word), PyUnicode_DATA(word), j)
            if letter >= 0x80 or 0x41 <= letter <= 0x5A:
                raise ValueError(f"words of lower-case ASCII, 64 characters in all, not {word!r}")
            letters[total + j] = letter
        total += size
        ends[w] = total
    return 0


def word_after(str text not None, str lead not None, tuple words not None, Py_ssize_t start):
    """``newsparse.body.word_after_py``: the first index from ``start`` of ``lead`` (one
    ASCII character) followed by one of ``words`` (lower-case ASCII, 64 characters in all
    at most) in any ASCII case, where a character beyond ASCII matches any letter (it may
    case-fold to one); -1 when there is none. A pre-check for a case-insensitive regex
    ``lead(?:word|…)``: it can match only where this answers."""
    cdef Py_UCS4 letters[64]
    cdef Py_ssize_t ends[64]
    cdef Py_ssize_t count = len(words)
    if len(lead) != 1 or ord(lead) >= 0x80:
        raise ValueError("one ASCII lead character and 1 to 64 words")
    _read_words(words, letters, ends)
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if start < 0:
        start = 0
    if start >= n:
        return -1
    if kind == PyUnicode_1BYTE_KIND:
        return _word_after(<const unsigned char*>data, n, start, <unsigned char>ord(lead), letters, ends, count)
    if kind == PyUnicode_2BYTE_KIND:
        return _word_after(<const unsigned short*>data, n, start, <unsigned short>ord(lead), letters, ends, count)
    return _word_after(<const Py_UCS4*>data, n, start, <Py_UCS4>ord(lead), letters, ends, count)
