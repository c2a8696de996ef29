# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- leads of blocks

cdef inline bint _block_without_line_marks(const _unit* data) noexcept nogil:
    """Whether none of the :data:`_UNITS_AT_ONCE` units from ``data`` is ``\\n`` or ``:``
    (constants, compared at the units' own width: the compiler vectorises it)."""
    cdef unsigned int found = 0
    cdef int j
    for j in range(_UNITS_AT_ONCE):
        found |= (data[j] == 0x0A) | (data[j] == 0x3A)
    return found == 0


cdef Py_UCS4 _lead(const _unit* data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i = 0
    cdef unsigned int c
    # One pass for a line break or "://" (32 characters at a time where neither "\n" nor
    # ":" stands), then the first character that is not white space.
    while i < n:
        if i + _UNITS_AT_ONCE <= n and _block_without_line_marks(data + i):
            i += _UNITS_AT_ONCE
            continue
        c = data[i]
        if c == 0x0A or (c == 0x3A and i + 2 < n and data[i + 1] == 0x2F and data[i + 2] == 0x2F):
            return 0x0A
        i += 1
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


cdef Py_UCS4 _first_key(const _unit* data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(n):
        if Py_UNICODE_ISALNUM(data[i]):
            return data[i]
    return 0


def first_keys(list texts not None):
    """``newsparse.body.blockfacts.first_keys_py``: the first alphanumeric character of each
    text (``str.isalnum``; U+0000 when it has none), as one string."""
    cdef Py_ssize_t count = len(texts), k
    cdef Py_UCS4* keys = <Py_UCS4*>PyMem_Malloc((count + 1) * sizeof(Py_UCS4))
    cdef object text
    cdef int kind
    cdef void* data
    if keys is NULL:
        raise MemoryError()
    try:
        for k in range(count):
            text = texts[k]
            if type(text) is not str:
                raise TypeError(f"first_keys reads str, not {type(text).__name__}")
            kind = PyUnicode_KIND(text)
            data = PyUnicode_DATA(text)
            if kind == PyUnicode_1BYTE_KIND:
                keys[k] = _first_key(<const unsigned char*>data, len(text))
            elif kind == PyUnicode_2BYTE_KIND:
                keys[k] = _first_key(<const unsigned short*>data, len(text))
            else:
                keys[k] = _first_key(<const Py_UCS4*>data, len(text))
        return _from_ucs4(keys, count)
    finally:
        PyMem_Free(keys)


# ---------------------------------------------------------------------------- words ignoring case

cdef inline unsigned int _fold_any(unsigned int c) noexcept nogil:
    """``c`` as a word of :func:`has_words` reads it: an ASCII letter or a character equal
    to one ignoring case as that letter in lower case, any other character as itself."""
    if c < 0x80:
        return c | 0x20 if 0x41 <= c <= 0x5A else c
    if c == 0x130 or c == 0x131:
        return 0x69
    if c == 0x17F:
        return 0x73
    if c == 0x212A:
        return 0x6B
    return c


cdef bint _has_words(
    const _unit* data, Py_ssize_t n, const Py_UCS4* words, const Py_ssize_t* starts,
    const Py_ssize_t* order, const Py_ssize_t* bucket, bint hashtag,
) noexcept nogil:
    """Whether a word stands somewhere: the words whose first character has the low byte
    of ``b`` are ``order[bucket[b]:bucket[b + 1]]``."""
    cdef Py_ssize_t p, k, j, m, w
    cdef unsigned int c, f
    cdef const Py_UCS4* word
    for p in range(n):
        c = data[p]
        if hashtag and c == 0x23 and p + 1 < n and (
            data[p + 1] == 0x5F or Py_UNICODE_ISALNUM(data[p + 1])
        ):
            return True
        f = _fold_any(c)
        for k in range(bucket[f & 0xFF], bucket[(f & 0xFF) + 1]):
            w = order[k]
            word = words + starts[w]
            m = starts[w + 1] - starts[w] - 1  # less the separator
            if word[0] != f or p + m > n:
                continue
            j = 1
            while j < m and _fold_any(data[p + j]) == word[j]:
                j += 1
            if j == m:
                return True
    return False


def has_words(str text not None, str words not None, bint hashtag):
    """``newsparse.body.description.has_words_py``: whether ``text`` holds one of
    ``words`` (each followed by U+0000, in lower case: an ASCII letter stands for every
    character equal to it ignoring case, any other character for itself only), or, when
    ``hashtag``, a ``#`` followed by a word character (``re``'s ``#\\w``)."""
    cdef Py_ssize_t size = len(words), count = 0, k, i
    cdef Py_UCS4 c
    cdef Py_ssize_t bucket[257]
    if size == 0 or words[size - 1] != "\0":
        raise ValueError("each word must be followed by U+0000")
    cdef Py_UCS4* buffer = <Py_UCS4*>PyMem_Malloc((size + 1) * sizeof(Py_UCS4))
    cdef Py_ssize_t* starts = <Py_ssize_t*>PyMem_Malloc((2 * size + 2) * sizeof(Py_ssize_t))
    cdef Py_ssize_t* order
    if buffer is NULL or starts is NULL:
        PyMem_Free(buffer)
        PyMem_Free(starts)
        raise MemoryError()
    order = starts + size + 1
    try:
        starts[0] = 0
        for i in range(size):
            c = words[i]
            if 0x41 <= c <= 0x5A or c == 0x130 or c == 0x131 or c == 0x17F or c == 0x212A:
                raise ValueError(f"not a lower-case word: {words!r}")
            buffer[i] = c
            if c == 0:
                if i == starts[count]:
                    raise ValueError("an empty word")
                count += 1
                starts[count] = i + 1
        # The words by the low byte of their first character (a counting sort).
        memset(bucket, 0, sizeof(bucket))
        for k in range(count):
            bucket[((<unsigned int>buffer[starts[k]]) & 0xFF) + 1] += 1
        for i in range(256):
            bucket[i + 1] += bucket[i]
        for k in range(count):
            i = (<unsigned int>buffer[starts[k]]) & 0xFF
            order[bucket[i]] = k
            bucket[i] += 1
        for i in range(256, 0, -1):
            bucket[i] = bucket[i - 1]
        bucket[0] = 0
        kind = PyUnicode_KIND(text)
        data = PyUnicode_DATA(text)
        if kind == PyUnicode_1BYTE_KIND:
            return _has_words(<const unsigned char*>data, len(text), buffer, starts, order, bucket, hashtag)
        if kind == PyUnicode_2BYTE_KIND:
            return _has_words(<const unsigned short*>data, len(text), buffer, starts, order, bucket, hashtag)
        return _has_words(<const Py_UCS4*>data, len(text), buffer, starts, order, bucket, hashtag)
    finally:
        PyMem_Free(buffer)
        PyMem_Free(starts)


# ---------------------------------------------------------------------------- a survey of blocks

cdef enum:
    # newsparse.body.blockfacts.RULE: the text holds a drawn rule.
    _FACT_RULE = 4


cdef int _survey_one(
    const _unit* data, Py_ssize_t n, Py_ssize_t max_date, const char* phrase, Py_ssize_t m,
    Py_ssize_t anchor, Py_ssize_t phrase_last, Py_ssize_t feed_min, Py_ssize_t feed_max,
    Py_UCS4* key, Py_UCS4* head, Py_UCS4* lead,
) noexcept nogil:
    cdef int flags = _look_facts(
        data, n, max_date, phrase, m, anchor, phrase_last, feed_min, feed_max, key
    )
    if _rule_start(data, n, 0) >= 0:
        flags |= _FACT_RULE
    head[0] = data[0] if n > 0 else 0
    lead[0] = _lead(data, n)
    return flags


def survey(
    list texts not None, Py_ssize_t max_date, str phrase not None, Py_ssize_t anchor,
    Py_ssize_t phrase_last, Py_ssize_t feed_min, Py_ssize_t feed_max,
):
    """``newsparse.body.blockfacts.survey_py``: for each text, its flags (one byte: those of
    ``block_facts`` and whether it holds a drawn rule), then as strings its first
    alphanumeric character (``first_keys``), its first character (``heads``) and its lead
    (``leads``); U+0000 stands for none."""
    cdef bytes needle = _feed_needle(phrase, anchor)
    cdef const char* c_needle = needle
    cdef Py_ssize_t m = len(needle), count = len(texts), k, n
    cdef bytes flags = PyBytes_FromStringAndSize(NULL, count)
    cdef char* c_flags = PyBytes_AS_STRING(flags)
    cdef Py_UCS4* chars = <Py_UCS4*>PyMem_Malloc((3 * count + 1) * sizeof(Py_UCS4))
    cdef Py_UCS4* keys = chars
    cdef Py_UCS4* heads = chars + count
    cdef Py_UCS4* leads = chars + 2 * count
    cdef object text
    cdef int kind
    cdef void* data
    if chars is NULL:
        raise MemoryError()
    try:
        for k in range(count):
            text = texts[k]
            if type(text) is not str:
                raise TypeError(f"survey reads str, not {type(text).__name__}")
            n = len(text)
            kind = PyUnicode_KIND(text)
            data = PyUnicode_DATA(text)
            if kind == PyUnicode_1BYTE_KIND:
                c_flags[k] = _survey_one(
                    <const unsigned char*>data, n, max_date, c_needle, m, anchor, phrase_last,
                    feed_min, feed_max, keys + k, heads + k, leads + k,
                )
            elif kind == PyUnicode_2BYTE_KIND:
                c_flags[k] = _survey_one(
                    <const unsigned short*>data, n, max_date, c_needle, m, anchor, phrase_last,
                    feed_min, feed_max, keys + k, heads + k, leads + k,
                )
            else:
                c_flags[k] = _survey_one(
                    <const Py_UCS4*>data, n, max_date, c_needle, m, anchor, phrase_last,
                    feed_min, feed_max, keys + k, heads + k, leads + k,
                )
        return flags, _from_ucs4(keys, count), _from_ucs4(heads, count), _from_ucs4(leads, count)
    finally:
        PyMem_Free(chars)


# ---------------------------------------------------------------------------- a survey of blocks, read from them

cdef extern from "Python.h":
    ctypedef struct _SlotMember "PyMemberDef":
        int type
        Py_ssize_t offset
    ctypedef struct _SlotDescr "PyMemberDescrObject":
        _SlotMember* d_member

cdef extern from "structmember.h":
    int _T_OBJECT_EX "T_OBJECT_EX"

cdef enum:
    # newsparse.body.blockfacts.AFTER_RULE, SMALL, INTERNAL: a block's own marks.
    _MARK_AFTER_RULE = 1
    _MARK_SMALL = 2
    _MARK_INTERNAL = 4
    _SURVEY_FIELDS = 4  # text, after_rule, small, internal


cdef inline object _field(object block, bint stored, Py_ssize_t offset, str name):
    """``getattr(block, name)``, read from its slot at ``offset`` when ``stored`` (the
    block is of the class whose slot that is) and the slot is filled."""
    cdef PyObject* value
    if stored:
        value = (<PyObject**>(<char*><PyObject*>block + offset))[0]
        if value is not NULL:
            return <object>value
    return getattr(block, name)


cdef class _SurveyFields:
    """The slots a survey reads of a block, checked once (:func:`_survey_fields`)."""
    cdef tuple source
    cdef PyTypeObject* owner
    cdef Py_ssize_t offsets[_SURVEY_FIELDS]
    cdef tuple names


cdef _SurveyFields _last_fields = None
"""The fields of the last :func:`survey_blocks` (the same tuple each time: read once)."""


cdef _SurveyFields _survey_fields(tuple fields):
    """``fields`` (slot descriptors of one class) checked and read."""
    global _last_fields
    if _last_fields is not None and _last_fields.source is fields:
        return _last_fields
    cdef _SurveyFields made = _SurveyFields.__new__(_SurveyFields)
    cdef Py_ssize_t k
    if len(fields) != _SURVEY_FIELDS:
        raise ValueError(f"expected {_SURVEY_FIELDS} slot descriptors, not {len(fields)}")
    for k in range(_SURVEY_FIELDS):
        descriptor = fields[k]
        if Py_TYPE(descriptor) != &PyMemberDescr_Type:
            raise TypeError("a field is not a slot descriptor")
        if k == 0:
            made.owner = PyDescr_TYPE(descriptor)
        elif PyDescr_TYPE(descriptor) != made.owner:
            raise TypeError("the slot descriptors belong to different classes")
        if (<_SlotDescr*><PyObject*>descriptor).d_member.type != _T_OBJECT_EX:
            raise TypeError("a slot descriptor does not hold an object")
        made.offsets[k] = (<_SlotDescr*><PyObject*>descriptor).d_member.offset
        if not (
            0 < made.offsets[k]
            and made.offsets[k] + <Py_ssize_t>sizeof(PyObject*) <= made.owner.tp_basicsize
        ):
            raise ValueError("a slot lies outside its objects")
    made.names = tuple(descriptor.__name__ for descriptor in fields)
    made.source = fields
    _last_fields = made
    return made


def survey_blocks(
    list blocks not None, tuple fields not None, Py_ssize_t max_date, str phrase not None,
    Py_ssize_t anchor, Py_ssize_t phrase_last, Py_ssize_t feed_min, Py_ssize_t feed_max,
):
    """``newsparse.body.blockfacts.survey_blocks_py``: :func:`survey` of the blocks' texts,
    then as bytes each block's marks (whether its ``after_rule``, ``small`` and
    ``internal`` are true: ``_MARK_AFTER_RULE``, ``_MARK_SMALL``, ``_MARK_INTERNAL``).

    ``fields`` holds the slot descriptors (``member_descriptor``) of ``text``,
    ``after_rule``, ``small`` and ``internal`` of one class: a block of that class is read
    from its slots, any other by ``getattr`` (by the descriptors' names)."""
    cdef _SurveyFields read = _survey_fields(fields)
    cdef PyTypeObject* owner = read.owner
    cdef Py_ssize_t k, n, count = len(blocks)
    cdef int kind, marks_of
    cdef void* data
    cdef object block, text
    cdef str text_name = read.names[0], rule_name = read.names[1]
    cdef str small_name = read.names[2], internal_name = read.names[3]
    cdef bytes needle = _feed_needle(phrase, anchor)
    cdef const char* c_needle = needle
    cdef Py_ssize_t m = len(needle)
    cdef bytes flags = PyBytes_FromStringAndSize(NULL, count)
    cdef char* c_flags = PyBytes_AS_STRING(flags)
    cdef bytes marks = PyBytes_FromStringAndSize(NULL, count)
    cdef char* c_marks = PyBytes_AS_STRING(marks)
    cdef Py_UCS4* chars = <Py_UCS4*>PyMem_Malloc((3 * count + 1) * sizeof(Py_UCS4))
    cdef Py_UCS4* keys = chars
    cdef Py_UCS4* heads = chars + count
    cdef Py_UCS4* leads = chars + 2 * count
    cdef bint stored
    if chars is NULL:
        raise MemoryError()
    try:
        for k in range(count):
            block = blocks[k]
            stored = Py_TYPE(block) == owner
            text = _field(block, stored, read.offsets[0], text_name)
            if type(text) is not str:
                raise TypeError(f"survey reads str, not {type(text).__name__}")
            marks_of = 0
            if _field(block, stored, read.offsets[1], rule_name):
                marks_of |= _MARK_AFTER_RULE
            if _field(block, stored, read.offsets[2], small_name):
                marks_of |= _MARK_SMALL
            if _field(block, stored, read.offsets[3], internal_name):
                marks_of |= _MARK_INTERNAL
            c_marks[k] = marks_of
            n = len(text)
            kind = PyUnicode_KIND(text)
            data = PyUnicode_DATA(text)
            if kind == PyUnicode_1BYTE_KIND:
                c_flags[k] = _survey_one(
                    <const unsigned char*>data, n, max_date, c_needle, m, anchor, phrase_last,
                    feed_min, feed_max, keys + k, heads + k, leads + k,
                )
            elif kind == PyUnicode_2BYTE_KIND:
                c_flags[k] = _survey_one(
                    <const unsigned short*>data, n, max_date, c_needle, m, anchor, phrase_last,
                    feed_min, feed_max, keys + k, heads + k, leads + k,
                )
            else:
                c_flags[k] = _survey_one(
                    <const Py_UCS4*>data, n, max_date, c_needle, m, anchor, phrase_last,
                    feed_min, feed_max, keys + k, heads + k, leads + k,
                )
        return (
            flags, _from_ucs4(keys, count), _from_ucs4(heads, count), _from_ucs4(leads, count),
            marks,
        )
    finally:
        PyMem_Free(chars)
