# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- drawn rules

cdef unsigned char _RULE_CLASS[65536]
"""What each BMP character is to a drawn rule: other, a rule mark, a hyphen or white space
(``str.isspace``; no character beyond the BMP is any of these)."""

cdef enum:
    _RC_OTHER = 0
    _RC_MARK = 1
    _RC_HYPHEN = 2
    _RC_SPACE = 3


cdef void _init_rule_class() noexcept:
    cdef Py_UCS4 c
    for c in range(65536):
        _RULE_CLASS[c] = _RC_SPACE if Py_UNICODE_ISSPACE(c) else _RC_OTHER
    # newsparse.body.description._RULE_MARKS: －=＝*＊—─━_~～
    for c in (0xFF0D, 0x3D, 0xFF1D, 0x2A, 0xFF0A, 0x2014, 0x2500, 0x2501, 0x5F, 0x7E, 0xFF5E):
        _RULE_CLASS[c] = _RC_MARK
    _RULE_CLASS[0x2D] = _RC_HYPHEN


_init_rule_class()


cdef inline unsigned char _rule_class(Py_UCS4 c) noexcept nogil:
    """What ``c`` is to a drawn rule (:data:`_RULE_CLASS`); U+3001 to U+FEFF (Han text among
    them) is neither a mark nor white space, decided without reading the table."""
    if c > 0x3000 and c < 0xFF00:
        return _RC_OTHER
    return _RULE_CLASS[c] if c < 65536 else _RC_OTHER


cdef Py_ssize_t _rule_start(const _unit* data, Py_ssize_t n, Py_ssize_t i) noexcept nogil:
    cdef Py_ssize_t marks = 0, hyphens = 0, start = 0
    cdef Py_UCS4 c
    cdef unsigned char k
    while i < n:
        if marks == 0 and hyphens == 0:
            # No run goes on at i: a rule starting at i, i + 1 or i + 2 would hold i + 2
            # (it holds three characters at least, each a mark, a hyphen or white space),
            # so where that one is something else, none does. One place in three is read.
            while i + 2 < n and _rule_class(data[i + 2]) == _RC_OTHER:
                i += 3
            if i >= n:
                break
        c = data[i]
        k = _rule_class(c)
        if k == _RC_OTHER:
            marks = 0
            hyphens = 0
        elif k == _RC_MARK:
            hyphens = 0
            if marks == 0:
                start = i
            marks += 1
            if marks >= 3:
                return start
        elif k == _RC_HYPHEN:
            marks = 0
            if hyphens == 0:
                start = i
            hyphens += 1
            if hyphens >= 5:
                return start
        else:  # white space: a run of marks goes on, one of hyphens ends
            hyphens = 0
        i += 1
    return -1


def rule_start(str text not None, Py_ssize_t pos):
    """``newsparse.body.description.rule_start_py``: where the first drawn rule at or after
    ``pos`` starts (three rule marks with only white space between them, or five hyphens
    in a row), or -1."""
    cdef Py_ssize_t n = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    if pos < 0:
        pos = 0
    if kind == PyUnicode_1BYTE_KIND:
        return _rule_start(<const unsigned char*>data, n, pos)
    if kind == PyUnicode_2BYTE_KIND:
        return _rule_start(<const unsigned short*>data, n, pos)
    return _rule_start(<const Py_UCS4*>data, n, pos)


# ---------------------------------------------------------------------------- block facts

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize

cdef extern from "Python.h":
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch) nogil
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch) nogil

cdef enum:
    # The flags of newsparse.body.blockfacts (its constants say what they mean).
    _FACT_DATE = 1
    _FACT_FEED = 2


cdef inline unsigned int _ascii_fold(unsigned int c) noexcept nogil:
    """What ``c`` equals ignoring case among ASCII characters (lower case), or 0: an
    ASCII letter's lower case, the character itself for other ASCII, ``i`` for İ and ı,
    ``s`` for ſ, ``k`` for K (the only others equal to an ASCII letter ignoring case)."""
    if c < 0x80:
        return c | 0x20 if 0x41 <= c <= 0x5A else c
    if c == 0x130 or c == 0x131:
        return 0x69
    if c == 0x17F:
        return 0x73
    if c == 0x212A:
        return 0x6B
    return 0


cdef inline bint _is_decimal(Py_UCS4 c) noexcept nogil:
    """``str.isdecimal`` of one character, ASCII and U+3000 to U+9FFF (CJK, which holds no
    decimal digit) decided without a call."""
    if c < 0x80:
        return 0x30 <= c <= 0x39
    if 0x3000 <= c <= 0x9FFF:
        return False
    return Py_UNICODE_ISDECIMAL(c)


cdef bint _caseless_at(
    const _unit* data, Py_ssize_t n, const char* needle, Py_ssize_t m, Py_ssize_t anchor,
    Py_ssize_t last,
) noexcept nogil:
    """Whether ``needle`` (ASCII, lower case, without NUL) starts at some index up to
    ``last``, ignoring case.

    A match starting at ``p`` covers the ``m`` places from ``p``, and exactly one of them
    is ``m - 1`` more than a multiple of ``m``: only those places are read, and at each
    only the starts that put an equal character of ``needle`` there are tried (in text
    without such characters, Han text say, one place in ``m`` is read). A start is tried
    at its ``anchor``-th character first (a letter that no character but itself and its
    upper case equals ignoring case)."""
    cdef Py_ssize_t p, j, k, s
    cdef unsigned int lower = <unsigned char>needle[anchor]
    cdef unsigned int upper = lower - 0x20
    cdef unsigned int c, a
    if last > n - m:
        last = n - m
    s = m - 1
    while s < last + m:  # so s <= last + m - 1 <= n - 1
        c = _ascii_fold(data[s])
        if c != 0:
            for j in range(m):
                if <unsigned char>needle[j] != c:
                    continue
                p = s - j
                if p < 0 or p > last:
                    continue
                a = data[p + anchor]
                if a != lower and a != upper:
                    continue
                k = 0
                while k < m and _ascii_fold(data[p + k]) == <unsigned char>needle[k]:
                    k += 1
                if k == m:
                    return True
        s += m
    return False


cdef int _look_facts(
    const _unit* data, Py_ssize_t n, Py_ssize_t max_date, const char* phrase, Py_ssize_t m,
    Py_ssize_t anchor, Py_ssize_t phrase_last, Py_ssize_t feed_min, Py_ssize_t feed_max,
    Py_UCS4* first,
) noexcept nogil:
    cdef int flags = 0
    cdef Py_ssize_t i, lo = 0, hi = n, run = 0
    cdef Py_UCS4 c
    # A date line: the stripped text short, with four decimal digits in a row.
    while lo < hi and Py_UNICODE_ISSPACE(data[lo]):
        lo += 1
    while hi > lo and Py_UNICODE_ISSPACE(data[hi - 1]):
        hi -= 1
    if 0 < hi - lo <= max_date:
        for i in range(lo, hi):
            if _is_decimal(data[i]):
                run += 1
                if run >= 4:
                    flags |= _FACT_DATE
                    break
            else:
                run = 0
    # A feed footer: "Continue…" or the phrase near the start of a text of the right size.
    if (n > 0 and (data[0] == 0x63 or data[0] == 0x43)) or (
        feed_min <= n <= feed_max and _caseless_at(data, n, phrase, m, anchor, phrase_last)
    ):
        flags |= _FACT_FEED
    first[0] = 0
    for i in range(n):
        c = data[i]
        if Py_UNICODE_ISALNUM(c):
            first[0] = c
            break
    return flags


cdef bytes _feed_needle(str phrase, Py_ssize_t anchor):
    """The feed phrase as :func:`_caseless_at` reads it (checked: lower-case ASCII without
    NUL, its ``anchor``-th character a letter that only itself and its upper case equal
    ignoring case)."""
    if not phrase or not phrase.isascii() or phrase.lower() != phrase or "\0" in phrase:
        raise ValueError(f"the phrase must be lower-case ASCII, without NUL: {phrase!r}")
    if not (0 <= anchor < len(phrase)) or phrase[anchor] not in "abcdefghjlmnopqrtuvwxyz":
        raise ValueError(f"the anchor must be a letter (not i, k, s) of the phrase: {anchor}")
    return phrase.encode("ascii")


def block_facts(
    list texts not None, Py_ssize_t max_date, str phrase not None, Py_ssize_t anchor,
    Py_ssize_t phrase_last, Py_ssize_t feed_min, Py_ssize_t feed_max,
):
    """``newsparse.body.blockfacts.block_facts_py``: for each text, its flags (one byte)
    and its first alphanumeric character (U+0000 when it has none), as one string."""
    cdef bytes needle = _feed_needle(phrase, anchor)
    cdef const char* c_needle = needle
    cdef Py_ssize_t m = len(needle), count = len(texts), k, n
    cdef bytes flags = PyBytes_FromStringAndSize(NULL, count)
    cdef char* c_flags = PyBytes_AS_STRING(flags)
    cdef Py_UCS4* firsts = <Py_UCS4*>PyMem_Malloc((count + 1) * sizeof(Py_UCS4))
    cdef object text
    cdef int kind
    cdef void* data
    if firsts is NULL:
        raise MemoryError()
    try:
        for k in range(count):
            text = texts[k]
            if type(text) is not str:
                raise TypeError(f"block_facts reads str, not {type(text).__name__}")
            n = len(text)
            kind = PyUnicode_KIND(text)
            data = PyUnicode_DATA(text)
            if kind == PyUnicode_1BYTE_KIND:
                c_flags[k] = _look_facts(
                    <const unsigned char*>data, n, max_date, c_needle, m, anchor, phrase_last,
                    feed_min, feed_max, firsts + k,
                )
            elif kind == PyUnicode_2BYTE_KIND:
                c_flags[k] = _look_facts(
                    <const unsigned short*>data, n, max_date, c_needle, m, anchor, phrase_last,
                    feed_min, feed_max, firsts + k,
                )
            else:
                c_flags[k] = _look_facts(
                    <const Py_UCS4*>data, n, max_date, c_needle, m, anchor, phrase_last,
                    feed_min, feed_max, firsts + k,
                )
        return flags, _from_ucs4(firsts, count)
    finally:
        PyMem_Free(firsts)


def heads(list texts not None):
    """``newsparse.body.blockfacts.heads_py``: the first character of each text (U+0000
    for an empty one), as one string."""
    cdef Py_ssize_t count = len(texts), k
    cdef Py_UCS4* firsts = <Py_UCS4*>PyMem_Malloc((count + 1) * sizeof(Py_UCS4))
    cdef object text
    if firsts is NULL:
        raise MemoryError()
    try:
        for k in range(count):
            text = texts[k]
            if type(text) is not str:
                raise TypeError(f"heads reads str, not {type(text).__name__}")
            firsts[k] = PyUnicode_READ(PyUnicode_KIND(text), PyUnicode_DATA(text), 0) if len(text) else 0
        return _from_ucs4(firsts, count)
    finally:
        PyMem_Free(firsts)
