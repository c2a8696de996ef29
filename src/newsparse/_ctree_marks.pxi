# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- mark tables
#
# A ``MarkRules`` (``body._marks``) declares most of its rules as data: ``Words`` (whole
# words, whole tokens, substrings and flag endings of a class/id token, lower-case ASCII)
# and ``ExactValue`` (whole attribute values). A ``MarkTable`` holds that data once, built
# at import by the rules themselves, so that ``flagged`` judges an ASCII value here, byte
# by byte, without calling Python. A value with any other byte is judged by the rules'
# Python predicates (``MarkRules.judge``), whose Unicode case folding this does not copy.

cdef enum:
    _MAX_ENTRIES = 512  # the most words, tokens, substrings and flag endings of a table
    _MAX_VALUES = 16  # the most value rules of a table
    _MAX_BITS = 62  # the most rules (mask bits) of a table
    # The kinds of a table's entries, each sorted by its first byte.
    _WORD = 0
    _WHOLE = 1
    _PART = 2
    _KINDS = 3


cdef enum:
    # What _BYTE_KIND says of a byte of an attribute value.
    _SPACE = 1  # white space to ``str.split`` (ASCII)
    _SEPARATOR = 2  # between the words of a token (``post-share_bar``): ``-`` ``_``
    _HIGH = 4  # beyond ASCII
    _END = 8  # the closing NUL


cdef unsigned char _BYTE_KIND[256]
cdef unsigned char _LOWER[256]  # ASCII lower case (other bytes as they are)


cdef void _fill_byte_tables() noexcept:
    """Fill :data:`_BYTE_KIND` and :data:`_LOWER` (at import): one load a byte in the
    scans of a class or id value instead of a few comparisons."""
    cdef int c
    for c in range(256):
        _LOWER[c] = c + 32 if 65 <= c <= 90 else c
        _BYTE_KIND[c] = (
            (_SPACE if (0x09 <= c <= 0x0D) or (0x1C <= c <= 0x20) else 0)
            | (_SEPARATOR if c == 45 or c == 95 else 0)
            | (_HIGH if c >= 0x80 else 0)
            | (_END if c == 0 else 0)
        )


_fill_byte_tables()


cdef inline bint _same_lowered(
    const unsigned char* s, const unsigned char* word, Py_ssize_t n
) noexcept nogil:
    """Whether ``s[:n]`` lower-cased (ASCII) is the lower-case ``word``."""
    cdef Py_ssize_t i
    for i in range(n):
        if _LOWER[s[i]] != word[i]:
            return False
    return True


cdef class MarkTable:
    """The data rules of one ``MarkRules`` (see :func:`mark_table`)."""

    cdef tuple kept  # the bytes that the entries point into
    cdef int token_attributes  # the names before this one are token attributes
    cdef bint tokens  # every token rule is data (else the tokens are judged in Python)
    cdef int rules  # the token rules (bits 0 .. rules - 1)
    cdef const unsigned char* text[_MAX_ENTRIES]
    cdef Py_ssize_t length[_MAX_ENTRIES]
    cdef Py_ssize_t bit[_MAX_ENTRIES]
    # The entries of kind k whose first byte is c: start[k][c] .. start[k][c + 1] - 1.
    cdef int start[_KINDS][257]
    cdef int flags_from, flags_to  # the flag endings (``-no``)
    cdef Py_ssize_t flagged_rules  # the bits of the rules with flag endings
    cdef int values  # the value rules
    cdef bint value_data[_MAX_VALUES]  # value rule j is data
    cdef bint value_fold[_MAX_VALUES]  # ... compared case-insensitively
    cdef int value_from[_MAX_VALUES]
    cdef int value_to[_MAX_VALUES]


def mark_table(tuple words not None, tuple exact not None, int token_attributes):
    """The data of a ``MarkRules``, as ``flagged`` reads it: ``words``, one
    ``Words.encoded()`` per token rule (None for one that is not data: then every token is
    judged in Python), ``exact``,
    one ``ExactValue.encoded()`` per value rule (None when it is not data), and how many
    of the rules' attribute names are token attributes."""
    cdef MarkTable table = MarkTable()
    cdef list kept = []
    cdef list entries = []  # (kind, first byte, text, bit)
    cdef list flags = []  # (text, bit)
    cdef int rule, kind, i, j, c, n
    cdef bytes text
    cdef int counts[_KINDS][257]
    table.token_attributes = token_attributes
    table.tokens = all(rule is not None for rule in words)
    table.rules = len(words)
    table.values = len(exact)
    if table.rules + table.values > _MAX_BITS or table.values > _MAX_VALUES:
        raise ValueError(f"{table.rules} token and {table.values} value rules: too many")
    if table.tokens:
        for rule in range(table.rules):
            for kind in range(_KINDS):
                for text in words[rule][kind]:
                    entries.append((kind, _first_byte(text), text, rule))
            for text in words[rule][_KINDS]:
                _first_byte(text)
                flags.append((text, rule))
    if len(entries) + len(flags) + sum(len(e[0]) for e in exact if e is not None) > _MAX_ENTRIES:
        raise ValueError(f"a mark table holds at most {_MAX_ENTRIES} words")
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    memset(counts, 0, sizeof(counts))
    i = 0
    for kind, c, text, rule in entries:
        kept.append(text)
        table.text[i] = <const unsigned char*><const char*>text
        table.length[i] = len(text)
        table.bit[i] = (<Py_ssize_t>1) << rule
        counts[kind][c] += 1
        i += 1
    n = 0
    for kind in range(_KINDS):
        for c in range(256):
            table.start[kind][c] = n
            n += counts[kind][c]
        table.start[kind][256] = n
    table.flags_from = i
    table.flagged_rules = 0
    for text, rule in flags:
        kept.append(text)
        table.text[i] = <const unsigned char*><const char*>text
        table.length[i] = len(text)
        table.bit[i] = (<Py_ssize_t>1) << rule
        table.flagged_rules |= table.bit[i]
        i += 1
    table.flags_to = i
    for j in range(table.values):
        table.value_data[j] = exact[j] is not None
        table.value_fold[j] = False
        table.value_from[j] = table.value_to[j] = i
        if exact[j] is None:
            continue
        table.value_fold[j] = bool(exact[j][1])
        for text in exact[j][0]:
            if not text.isascii():
                raise ValueError(f"{text!r}: a table's value is ASCII")
            kept.append(text)
            table.text[i] = <const unsigned char*><const char*>text
            table.length[i] = len(text)
            table.bit[i] = (<Py_ssize_t>1) << (table.rules + j)
            i += 1
        table.value_to[j] = i
    table.kept = tuple(kept)
    return table


cdef int _first_byte(bytes text) except -1:
    """The first byte of a table's word (non-empty ASCII without white space)."""
    cdef unsigned char c
    if not text or not text.isascii() or len(text.split()) != 1:
        raise ValueError(f"{text!r}: a table's word is non-empty ASCII without white space")
    for c in text:
        if c == 10:
            raise ValueError(f"{text!r}: a table's word has no line break")
    return (<const unsigned char*><const char*>text)[0]


cdef Py_ssize_t _token_bits(MarkTable t, const unsigned char* s, Py_ssize_t n) noexcept nogil:
    """The mask of the (ASCII, not empty) token ``s[:n]`` under the table's token rules
    (``Words.__call__`` of each). One scan of the token: a word may open at its start or
    after a separator, a substring at any byte."""
    cdef Py_ssize_t hits = 0
    cdef Py_ssize_t pos, end
    cdef int k
    cdef unsigned char c = _LOWER[s[0]]
    cdef bint opens = True  # a word may open at pos
    cdef bint parts = t.start[_PART][0] < t.start[_PART][256]
    for k in range(t.start[_WHOLE][c], t.start[_WHOLE][c + 1]):
        if t.length[k] == n and not hits & t.bit[k] and _same_lowered(s, t.text[k], n):
            hits |= t.bit[k]
    for pos in range(n):
        c = _LOWER[s[pos]]
        if opens:
            for k in range(t.start[_WORD][c], t.start[_WORD][c + 1]):
                end = pos + t.length[k]
                if (
                    end <= n
                    and (end == n or _BYTE_KIND[s[end]] & _SEPARATOR)
                    and not hits & t.bit[k]
                    and _same_lowered(s + pos, t.text[k], t.length[k])
                ):
                    hits |= t.bit[k]
        if parts:
            for k in range(t.start[_PART][c], t.start[_PART][c + 1]):
                if (
                    pos + t.length[k] <= n
                    and not hits & t.bit[k]
                    and _same_lowered(s + pos, t.text[k], t.length[k])
                ):
                    hits |= t.bit[k]
        opens = _BYTE_KIND[s[pos]] & _SEPARATOR
    if hits & t.flagged_rules:
        for k in range(t.flags_from, t.flags_to):
            if (
                hits & t.bit[k]
                and t.length[k] <= n
                and _same_lowered(s + n - t.length[k], t.text[k], t.length[k])
            ):
                hits &= ~t.bit[k]
    return hits


cdef Py_ssize_t _tokens_mask(MarkTable t, const unsigned char* s) noexcept nogil:
    """The mask of the tokens of the value ``s`` (split as ``str.split`` splits it) under
    the table's token rules; -1 when ``s`` is not all ASCII (Python judges it)."""
    cdef Py_ssize_t mask = 0
    cdef Py_ssize_t i = 0
    cdef Py_ssize_t first
    cdef unsigned char kind
    while True:
        while _BYTE_KIND[s[i]] & _SPACE:
            i += 1
        kind = _BYTE_KIND[s[i]]
        if kind & _END:
            return mask
        first = i
        while not kind & (_SPACE | _HIGH | _END):
            i += 1
            kind = _BYTE_KIND[s[i]]
        if kind & _HIGH:
            return -1
        mask |= _token_bits(t, s + first, i - first)


cdef Py_ssize_t _value_mask(MarkTable t, int j, const unsigned char* s) noexcept nogil:
    """The mask of the whole value ``s`` under the table's value rule ``j``
    (``ExactValue.__call__``); -1 when ``s`` is not all ASCII or holds a line break
    (Python judges it)."""
    cdef Py_ssize_t n = 0
    cdef int k
    while s[n] != 0:
        if s[n] >= 0x80 or s[n] == 10:
            return -1
        n += 1
    for k in range(t.value_from[j], t.value_to[j]):
        if t.length[k] == n and (
            _same_lowered(s, t.text[k], n) if t.value_fold[j] else memcmp(s, t.text[k], n) == 0
        ):
            return t.bit[k]
    return 0


cdef inline const unsigned char* _plain_value(tree.xmlAttr* attr) noexcept nogil:
    """The value of ``attr`` when it is one text node (as the HTML parser stores it), else
    NULL."""
    cdef tree.xmlNode* child = attr.children
    if (
        child is not NULL
        and child.next is NULL
        and child.type == tree.XML_TEXT_NODE
        and child.content is not NULL
    ):
        return <const unsigned char*>child.content
    return NULL


# ---------------------------------------------------------------------------- marks


cdef Py_ssize_t _mask_of(
    tree.xmlNode* c_node, tuple names, list memos, object rules, object judge, MarkTable table
) except -1:
    """``MarkRules.mask_of``: the mask of the attributes ``names`` (bytes) of ``c_node``,
    each value's computed from ``table`` (the rules' data; None: none), else looked up in
    its memo (``memos[0]``, ``rules.new_memos()`` made when first needed; no memo when
    ``memos`` is None), else judged by ``judge(index, value)`` and remembered there."""
    cdef tree.xmlAttr* attr = c_node.properties
    cdef Py_ssize_t mask = 0
    cdef Py_ssize_t count = len(names)
    cdef Py_ssize_t index
    cdef Py_ssize_t known_here
    cdef unsigned long seen = 0
    cdef const char* name
    cdef const unsigned char* raw
    while attr is not NULL:
        if attr.ns is NULL:
            for index in range(count):
                name = <const char*><bytes>names[index]
                if name[0] == attr.name[0] and strcmp(<const char*>attr.name, name) == 0:
                    if not (seen >> index) & 1:  # the first of a name counts (el.get)
                        seen |= 1UL << index
                        known_here = -1
                        if table is not None:
                            raw = _plain_value(attr)
                            if raw is NULL:
                                pass
                            elif index < table.token_attributes:
                                if table.tokens:
                                    known_here = _tokens_mask(table, raw)
                            elif table.value_data[index - table.token_attributes]:
                                known_here = _value_mask(
                                    table, <int>(index - table.token_attributes), raw
                                )
                        if known_here >= 0:
                            mask |= known_here
                            break
                        value = _attribute_text(c_node, attr)
                        if memos is None:
                            mask |= <Py_ssize_t>judge(index, value)
                            break
                        if memos[0] is None:
                            memos[0] = tuple(rules.new_memos())
                        memo = <dict>(<tuple>memos[0])[index]
                        known = memo.get(value)
                        if known is None:
                            known = memo[value] = judge(index, value)
                        mask |= <Py_ssize_t>known
                    break
        attr = attr.next
    return mask


cdef object _attribute_text(tree.xmlNode* c_node, tree.xmlAttr* attr):
    """The value of ``attr`` as lxml reads it, from its one text node when it has one."""
    cdef const unsigned char* raw = _plain_value(attr)
    if raw is not NULL:
        return PyUnicode_DecodeUTF8(<const char*>raw, strlen(<const char*>raw), NULL)
    return attributeValue(c_node, attr)


cdef MarkTable _table_of(object rules, tuple names):
    """The ``MarkTable`` of ``rules`` (None when it has none: the pure path built it); a
    table that does not fit the rules' attribute ``names`` (one token attribute or value
    rule per name) is refused: its arrays would be read out of bounds."""
    table = getattr(rules, "table", None)
    if not isinstance(table, MarkTable):
        return None
    cdef MarkTable found = <MarkTable>table
    if found.token_attributes < 0 or found.token_attributes + found.values != len(names):
        raise ValueError(
            f"a mark table of {found.token_attributes} token attributes and {found.values}"
            f" value rules does not fit {len(names)} attribute names"
        )
    return found


def flagged(root, rules, tags, among, bint below):
    """``_marks.flagged_py``: ``(element, tag, mask)`` for each element of ``root.iter()``
    (without ``root`` when ``below``) whose tag is in ``tags`` (bytes) or whose mask under
    ``rules`` (a ``MarkRules``: its ``encoded`` names, its ``table`` for the values it
    judges here, else ``judge`` and fresh ``new_memos()`` for this call) is not zero, the
    mask asked only of the elements of ``among`` (bytes; all when None), in document
    order; and for each, the position in that list of the first one after its subtree."""
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef tuple names = tuple(rules.encoded)
    cdef list memos = [None]  # made when a value is first judged in Python
    cdef object judge = rules.judge
    cdef MarkTable table = _table_of(rules, names)
    cdef tuple always = tuple(tags) if tags is not None else ()
    cdef tuple asked = tuple(among) if among is not None else None
    cdef list found = []
    cdef list after = []
    cdef list open_at = []  # per open pick: (its depth, its position)
    cdef Py_ssize_t depth = 0
    cdef Py_ssize_t mask
    cdef _TagSet always_set, asked_set
    _tag_set(&always_set, always)
    if asked is not None:
        _tag_set(&asked_set, asked)
    if len(names) > 8 * sizeof(unsigned long):
        raise ValueError(f"{len(names)} attributes: too many for one mask")
    if c_top.type != tree.XML_ELEMENT_NODE:
        return found, after
    while True:
        if c_node is not c_top or not below:
            while open_at and <Py_ssize_t>(<tuple>open_at[len(open_at) - 1])[0] >= depth:
                after[<Py_ssize_t>(<tuple>open_at.pop())[1]] = len(found)
            mask = 0
            if c_node.properties is not NULL and (asked is None or _in_tags(c_node, &asked_set)):
                mask = _mask_of(c_node, names, memos, rules, judge, table)
            if mask or _in_tags(c_node, &always_set):
                open_at.append((depth, len(found)))
                after.append(0)
                found.append((elementFactory(doc, c_node), namespacedName(c_node), mask))
        c_next = _first_element(c_node.children)
        if c_next is not NULL:
            c_node = c_next
            depth += 1
            continue
        while c_node is not c_top:
            c_next = _first_element(c_node.next)
            if c_next is not NULL:
                c_node = c_next
                break
            c_node = c_node.parent
            depth -= 1
        if c_node is c_top:
            break
    while open_at:
        after[<Py_ssize_t>(<tuple>open_at.pop())[1]] = len(found)
    return found, after


def marks_of(el, rules):
    """``MarkRules.mask_of(el)`` (no memo): the mask of ``el``'s marks under ``rules``."""
    cdef _Element top = _root_of(el)
    cdef tuple names = tuple(rules.encoded)
    if len(names) > 8 * sizeof(unsigned long):
        raise ValueError(f"{len(names)} attributes: too many for one mask")
    if top._c_node.type != tree.XML_ELEMENT_NODE or top._c_node.properties is NULL:
        return 0
    return _mask_of(top._c_node, names, None, rules, rules.judge, _table_of(rules, names))


cdef class _Picker:
    """The selections of :func:`picks` (``(rules, among)`` each), what each has picked,
    and their memos, for one pass."""

    cdef Py_ssize_t count
    cdef list found  # per selection, its (element, tag, mask) in document order
    cdef list names
    cdef list memos
    cdef list judges
    cdef list tables
    cdef list rules_of
    cdef list asked  # per selection, its tag names (bytes) or None
    cdef _TagSet* sets
    cdef bint* everywhere

    def __cinit__(self, tuple selections not None):
        cdef Py_ssize_t k
        self.count = len(selections)
        self.found = [[] for _ in range(self.count)]
        self.names, self.memos, self.judges, self.tables, self.rules_of = [], [], [], [], []
        self.asked = []
        self.sets = <_TagSet*>PyMem_Malloc(max(1, self.count) * sizeof(_TagSet))
        self.everywhere = <bint*>PyMem_Malloc(max(1, self.count) * sizeof(bint))
        if self.sets is NULL or self.everywhere is NULL:
            raise MemoryError()
        for k in range(self.count):
            rules, among = selections[k]
            encoded = tuple(rules.encoded)
            if len(encoded) > 8 * sizeof(unsigned long):
                raise ValueError(f"{len(encoded)} attributes: too many for one mask")
            self.names.append(encoded)
            self.memos.append([None])
            self.judges.append(rules.judge)
            self.tables.append(_table_of(rules, encoded))
            self.rules_of.append(rules)
            self.everywhere[k] = among is None
            if among is not None:
                among = tuple(among)
                self.asked.append(among)  # kept alive: the set points into it
                _tag_set(&self.sets[k], among)
            else:
                self.asked.append(None)

    def __dealloc__(self):
        PyMem_Free(self.sets)
        PyMem_Free(self.everywhere)


cdef int _pick_node(object picker, tree.xmlNode* c_node, _Document doc) except -1:
    """Offer the element ``c_node`` to each selection of ``picker`` (a :class:`_Picker`)."""
    cdef _Picker p = <_Picker>picker
    cdef Py_ssize_t k, mask
    cdef object el = None
    cdef object tag = None
    if c_node.properties is NULL:
        return 0
    for k in range(p.count):
        if not p.everywhere[k] and not _in_tags(c_node, &p.sets[k]):
            continue
        mask = _mask_of(
            c_node, <tuple>p.names[k], <list>p.memos[k], p.rules_of[k], p.judges[k],
            <MarkTable>p.tables[k],
        )
        if mask:
            if el is None:
                el = elementFactory(doc, c_node)
                tag = namespacedName(c_node)
            (<list>p.found[k]).append((el, tag, mask))
    return 0


def measure_picks(root, tuple selections not None):
    """:func:`measure` of ``root`` and :func:`picks` of ``root`` under ``selections``, in
    one pass over the tree: ``(sizes, picked)``."""
    cdef _Picker picker = _Picker(selections)
    sizes = _measure(root, picker if picker.count else None)
    return sizes, picker.found


def picks(root, tuple selections not None):
    """``_marks.picks_py``: for each selection ``(rules, among)`` of ``selections`` (a
    ``MarkRules`` and tag names as bytes, or None for every element), the
    ``(element, tag, mask)`` of each element of ``root.iter()`` of ``among`` whose mask
    under ``rules`` is not zero, in document order: what ``flagged(root, rules, (), among,
    False)[0]`` gives for each, in one pass over the tree (an element's proxy and tag made
    once for all the selections that pick it; each selection's memo its own, for this
    call only)."""
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef tree.xmlNode* c_top = top._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef _Picker picker = _Picker(selections)
    if picker.count == 0 or c_top.type != tree.XML_ELEMENT_NODE:
        return picker.found
    while True:
        _pick_node(picker, c_node, doc)
        c_next = _first_element(c_node.children)
        if c_next is not NULL:
            c_node = c_next
            continue
        while c_node is not c_top:
            c_next = _first_element(c_node.next)
            if c_next is not NULL:
                c_node = c_next
                break
            c_node = c_node.parent
        if c_node is c_top:
            return picker.found
