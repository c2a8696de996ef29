# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- words in place
#
# What the compiled walk (``_ctree_play.pxi``) reads of a link or a mark without making a
# string of it: whether a link's host is the article's site, whether a class or id holds
# a word.


cdef int _plain_host_verdict(
    str text, int kind, void* data, Py_ssize_t start, Py_ssize_t end, str home,
    Py_ssize_t* host_at,
) except -2:
    """``_Gatherer._is_internal`` of ``text[start:end]`` (stripped) when it is an
    ``http(s)://`` URL whose authority is a plain ASCII host (no user, no port): 1 when
    the host is ``home`` (its registered site is then ``home`` itself), 0 when it is
    neither ``home`` nor a subdomain of it (``home`` None: the walker has no home, or one
    that is not ASCII, which no ASCII host is nor ends with), -1 when the walker's rule
    must decide (another URL), 2 when it must decide for a subdomain of ``home`` by its
    registered site, which only its host tells (``_Gatherer._home_hosts``): the host
    then is ``text[host_at[0]:host_at[1]]``."""
    cdef Py_ssize_t i = start, host, stop, size
    cdef unsigned int c
    if end - i < 8:
        return -1
    if not (
        <unsigned int>PyUnicode_READ(kind, data, i) | 0x20 == 0x68  # h
        and <unsigned int>PyUnicode_READ(kind, data, i + 1) | 0x20 == 0x74  # t
        and <unsigned int>PyUnicode_READ(kind, data, i + 2) | 0x20 == 0x74  # t
        and <unsigned int>PyUnicode_READ(kind, data, i + 3) | 0x20 == 0x70  # p
    ):
        return -1
    i += 4
    if <unsigned int>PyUnicode_READ(kind, data, i) | 0x20 == 0x73:  # s
        i += 1
    if not (
        end - i >= 3
        and PyUnicode_READ(kind, data, i) == 0x3A
        and PyUnicode_READ(kind, data, i + 1) == 0x2F
        and PyUnicode_READ(kind, data, i + 2) == 0x2F
    ):
        return -1
    host = stop = i + 3
    while stop < end:
        c = <unsigned int>PyUnicode_READ(kind, data, stop)
        if c == 0x2F or c == 0x3F or c == 0x23:  # / ? #
            break
        if c >= 0x80 or c == 0x40 or c == 0x3A:  # not ASCII, a user, a port
            return -1
        stop += 1
    if stop == host:
        return -1
    if home is None:
        return 0
    size = len(home)
    if stop - host >= size and _ascii_lower_equals(kind, data, stop - size, home):
        if stop - host == size:
            return 1
        if PyUnicode_READ(kind, data, stop - size - 1) == 0x2E:  # "." + home: a subdomain
            host_at[0] = host
            host_at[1] = stop
            return 2
    return 0


cdef bint _ascii_lower_equals(int kind, void* data, Py_ssize_t at, str word) noexcept:
    """Whether the text from ``at`` lower-cased (ASCII) starts with ``word`` (lower-case
    ASCII)."""
    cdef Py_ssize_t k
    cdef unsigned int c
    for k in range(len(word)):
        c = <unsigned int>PyUnicode_READ(kind, data, at + k)
        if 0x41 <= c <= 0x5A:
            c |= 0x20
        if c != <unsigned int>(<Py_UCS4>word[k]):
            return False
    return True


cdef bint _names_word(tree.xmlNode* c_node, bytes word) except -1:
    """Whether the ``class`` or ``id`` of ``c_node`` holds ``word`` (lower-case ASCII) in
    any ASCII case (an empty word: whether one is not empty); True too when a value is
    not one plain text node (an entity in it).
    No other character lower-cases to a letter of such a word inside it (``İ`` gives an
    ``i`` and a combining dot), so ``str.lower`` finds the word exactly where this does."""
    cdef tree.xmlAttr* attr = c_node.properties
    cdef tree.xmlNode* child
    cdef const char* needle = word
    cdef size_t length = len(word), k
    cdef const unsigned char* value
    while attr is not NULL:
        if attr.ns is NULL and (
            strcmp(<const char*>attr.name, "class") == 0
            or strcmp(<const char*>attr.name, "id") == 0
        ):
            child = attr.children
            while child is not NULL:
                if child.type != tree.XML_TEXT_NODE or child.next is not NULL:
                    return True  # not one plain text: the walker decides
                value = <const unsigned char*>child.content
                if value is not NULL:
                    while value[0] != 0:
                        k = 0
                        while k < length and value[k] != 0 and (
                            value[k] | 0x20 if 0x41 <= value[k] <= 0x5A else value[k]
                        ) == <unsigned char>needle[k]:
                            k += 1
                        if k == length:
                            return True
                        value += 1
                child = child.next
        attr = attr.next
    return False


# ---------------------------------------------------------------------------- shapes


cdef bint _one_small_child(tree.xmlNode* c_node) noexcept nogil:
    """Whether the element ``c_node``'s only child element is a ``<small>`` (no namespace)
    whose tail is white space or empty: the shape ``walker._Walker._is_small_caption``
    takes as a caption besides a caption-classed one (comments and processing
    instructions are no elements; its own text is not looked at here)."""
    cdef tree.xmlNode* child = c_node.children
    cdef tree.xmlNode* only = NULL
    while child is not NULL:
        if child.type == tree.XML_ELEMENT_NODE:
            if only is not NULL:
                return False
            only = child
        child = child.next
    return (
        only is not NULL
        and only.ns is NULL
        and strcmp(<const char*>only.name, "small") == 0
        and _nonspace_run(only.next) == 0
    )
