# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- the walk


cdef struct _Nodes:
    # The element-like nodes of a subtree in document order, with, for each: the number of
    # nodes of its subtree (itself included), its flags (_PLAIN, _FOLDABLE, _BLOCK...) and
    # whether all its descendants are foldable (_CALM) or foldable with their marks and
    # styles (_CALM_WIDE). ``stack`` and ``links`` are scratch space of the same capacity
    # (a depth never exceeds the node count).
    tree.xmlNode** node
    Py_ssize_t* span
    unsigned char* flags
    unsigned char* calm
    Py_ssize_t* stack
    unsigned char* links
    # Per open element of the events loop (by depth): the index of its start item, -1
    # when it has none, and whether its folded item waits in the slot before that.
    Py_ssize_t* opened
    unsigned char* pending
    Py_ssize_t count
    Py_ssize_t capacity
    # The UTF-8 text of the folded block being gathered (scratch, reused block to block).
    char* text
    Py_ssize_t text_size
    Py_ssize_t text_capacity
    # How its white space goes so far (see _nonspace_spacing): 0 none met yet, 1 last a
    # character, 2 last a single space; and whether some is not one space between two
    # characters (then normalize_block changes the text).
    unsigned char spacing
    bint irregular
    # Its characters so far, and the widest (see _nonspace_spacing): what its str needs.
    Py_ssize_t chars
    unsigned char widest
    # Scratch space for the normalised text (see _decode_normal), reused block to block.
    void* out
    Py_ssize_t out_capacity


cdef int _nodes_grow(_Nodes* nodes) except -1:
    cdef Py_ssize_t capacity = nodes.capacity * 2 if nodes.capacity else 256
    cdef void* grown
    grown = PyMem_Realloc(nodes.node, capacity * sizeof(tree.xmlNode*))
    if grown is NULL:
        raise MemoryError()
    nodes.node = <tree.xmlNode**>grown
    grown = PyMem_Realloc(nodes.span, capacity * sizeof(Py_ssize_t))
    if grown is NULL:
        raise MemoryError()
    nodes.span = <Py_ssize_t*>grown
    grown = PyMem_Realloc(nodes.flags, capacity * sizeof(unsigned char))
    if grown is NULL:
        raise MemoryError()
    nodes.flags = <unsigned char*>grown
    grown = PyMem_Realloc(nodes.calm, capacity * sizeof(unsigned char))
    if grown is NULL:
        raise MemoryError()
    nodes.calm = <unsigned char*>grown
    grown = PyMem_Realloc(nodes.stack, capacity * sizeof(Py_ssize_t))
    if grown is NULL:
        raise MemoryError()
    nodes.stack = <Py_ssize_t*>grown
    grown = PyMem_Realloc(nodes.links, capacity * sizeof(unsigned char))
    if grown is NULL:
        raise MemoryError()
    nodes.links = <unsigned char*>grown
    grown = PyMem_Realloc(nodes.opened, capacity * sizeof(Py_ssize_t))
    if grown is NULL:
        raise MemoryError()
    nodes.opened = <Py_ssize_t*>grown
    grown = PyMem_Realloc(nodes.pending, capacity * sizeof(unsigned char))
    if grown is NULL:
        raise MemoryError()
    nodes.pending = <unsigned char*>grown
    nodes.capacity = capacity
    return 0


cdef void _nodes_free(_Nodes* nodes) noexcept:
    PyMem_Free(nodes.text)
    PyMem_Free(nodes.out)
    PyMem_Free(nodes.node)
    PyMem_Free(nodes.span)
    PyMem_Free(nodes.flags)
    PyMem_Free(nodes.calm)
    PyMem_Free(nodes.stack)
    PyMem_Free(nodes.links)
    PyMem_Free(nodes.opened)
    PyMem_Free(nodes.pending)


cdef struct _NameSlot:
    const tree.xmlChar* name
    PyObject* entry


cdef enum:
    _PLAIN = 1  # the walker only takes its text (not special, no mark), or a comment
    _FOLDABLE = 2  # the same, or an unmarked element of the fold tags
    _BLOCK = 4  # an element of the block tags
    _LINK = 8  # an <a> element with an href
    _WIDE = 16  # foldable with the facts of its look: _FOLDABLE, or a style tag, or marked
    _STYLE = 32  # an element of the style tags
    _SMALL = 64  # a <small> element (of the style tags)
    _STYLED = 128  # an element of the block tags that folds with styles and marks
    _CALM = 1  # (calm) all its descendants are _FOLDABLE
    _CALM_WIDE = 2  # (calm) all its descendants are _WIDE


cdef int _collect(
    _Nodes* nodes, tree.xmlNode* c_top, list tags, frozenset special, frozenset fold,
    frozenset blocks, tuple marks, frozenset styles, frozenset styled,
) except -1:
    """Fill ``nodes`` (and ``tags``: each node's lower-cased tag, None for a comment)."""
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    cdef Py_ssize_t i, parent, depth = 0
    cdef unsigned char flags
    cdef bytes mark
    cdef object tag, key, entry
    cdef dict names = {}  # per node name pointer: (lower-cased tag, flags but marks)
    cdef _NameSlot cache[64]  # entries of names (kept alive there) by name pointer
    cdef size_t slot = 0
    memset(cache, 0, sizeof(cache))
    while True:
        # Enter c_node.
        if nodes.count == nodes.capacity:
            _nodes_grow(nodes)
        i = nodes.count
        nodes.count += 1
        nodes.node[i] = c_node
        nodes.calm[i] = _CALM | _CALM_WIDE
        if c_node.type == tree.XML_ELEMENT_NODE:
            # libxml2 keeps a document's names in a dictionary: one pointer per distinct
            # name (a name outside it only costs another entry); nothing is freed here.
            entry = None
            if c_node.ns is NULL:
                # The last entries met, by name pointer: most names repeat.
                slot = (<size_t>c_node.name >> 4) & 63
                if cache[slot].name == c_node.name:
                    entry = <object>cache[slot].entry
                    key = None
                else:
                    key = <Py_ssize_t>c_node.name
                    entry = names.get(key)
                    if entry is not None:
                        cache[slot].name = c_node.name
                        cache[slot].entry = <PyObject*>entry
            else:
                key = None
            if entry is None:
                tag = namespacedName(c_node).lower()
                flags = 0
                if tag not in special:
                    flags = _PLAIN | _FOLDABLE | _WIDE
                elif tag in fold:
                    flags = _FOLDABLE | _WIDE
                elif tag in styles:
                    flags = _WIDE | _STYLE
                    if tag == "small":
                        flags |= _SMALL
                if tag in blocks:
                    flags |= _BLOCK
                    if tag in styled:
                        flags |= _STYLED
                entry = (tag, flags)
                if key is not None:
                    names[key] = entry
                    cache[slot].name = c_node.name
                    cache[slot].entry = <PyObject*>entry
            tag = (<tuple>entry)[0]
            flags = (<tuple>entry)[1]
            if c_node.properties is not NULL:
                if flags & (_PLAIN | _FOLDABLE):
                    for mark in marks:
                        if _has_attribute(c_node, mark):
                            flags &= ~(_PLAIN | _FOLDABLE)
                            break
                if tag == "a" and _has_attribute(c_node, "href"):
                    flags |= _LINK
            c_next = _first_child(c_node)
        else:
            tag = None
            flags = _PLAIN | _FOLDABLE | _WIDE
            c_next = NULL
        tags.append(tag)
        nodes.flags[i] = flags
        if c_next is not NULL:
            nodes.stack[depth] = i
            depth += 1
            c_node = c_next
            continue
        # Leave c_node, then its ancestors while they have no next sibling.
        while True:
            nodes.span[i] = nodes.count - i
            if c_node is c_top:
                return 0
            parent = nodes.stack[depth - 1]
            if not (nodes.calm[i] & _CALM and nodes.flags[i] & _FOLDABLE):
                nodes.calm[parent] &= ~_CALM
            if not (nodes.calm[i] & _CALM_WIDE and nodes.flags[i] & _WIDE):
                nodes.calm[parent] &= ~_CALM_WIDE
            c_next = _next_sibling(c_node)
            if c_next is not NULL:
                c_node = c_next
                break
            c_node = c_node.parent
            depth -= 1
            i = nodes.stack[depth]


cdef tuple _fold(
    _Nodes* nodes, Py_ssize_t first, Py_ssize_t base, object el, object tag, Py_ssize_t stop_item
):
    """The folded item of the block at ``first`` (all its descendants foldable): its
    element, tag, whole text (as the walker would gather it), the non-space characters
    inside ``<a href>`` links and in all, the ``href`` of each such link and the text
    normalised, the non-space characters outside style tags and outside ``<small>``,
    and ``stop_item`` (see :func:`walk_events`). The scratch stack is used from ``base``
    up (below it: the block's open ancestors)."""
    cdef Py_ssize_t counts[4]  # links, total, plain (outside styles), outside <small>
    cdef Py_ssize_t total
    hrefs = _fold_scan(nodes, first, base, counts)
    if hrefs is None:
        hrefs = []
    total = counts[1]
    if nodes.text_size == 0:
        raw = ""
        text = None
    else:
        raw = _decode_text(nodes)
        # What the block's text becomes (its lines are cut at a <br> mark, "\x0b": the
        # walker normalises those itself).
        if not total or memchr(nodes.text, 0x0B, nodes.text_size) is not NULL:
            text = None
        elif nodes.irregular:
            text = normalize_block(raw)
        elif nodes.spacing == 2:
            # Single spaces between characters and one closing it: normalize_block strips
            # that one.
            text = (<str>raw)[:len(<str>raw) - 1]
        else:
            text = raw  # already single spaces between characters: normalize_block's own
    return (el, tag, raw, counts[0], total, hrefs, text, counts[2], counts[3], stop_item)


cdef object _fold_scan(_Nodes* nodes, Py_ssize_t first, Py_ssize_t base, Py_ssize_t* counts):
    """Gather the text of the block at ``first`` (all its descendants foldable) into
    ``nodes.text`` (its white space and widest character followed in ``nodes``) and count
    its non-space characters into ``counts``: inside ``<a href>`` links, in all, outside
    style tags, outside ``<small>``. Returns the ``href`` of each such link, in order (a
    list), or None when it holds none. The scratch stack is used from ``base`` up."""
    cdef Py_ssize_t stop = first + nodes.span[first]
    cdef Py_ssize_t i, depth = base
    cdef object hrefs = None
    cdef tree.xmlNode* c_node
    cdef unsigned char inside = 0  # _LINK, _STYLE, _SMALL: what the text is inside
    cdef unsigned char flags
    memset(counts, 0, 4 * sizeof(Py_ssize_t))
    nodes.text_size = 0
    nodes.spacing = 0
    nodes.irregular = False
    nodes.chars = 0
    nodes.widest = 0
    # nodes.stack/links hold the open descendants (index, what their parent is inside).
    _fold_run(nodes, nodes.node[first].children, 0, counts)
    for i in range(first + 1, stop):
        # Close the descendants that end before i: their tails, outside them.
        while depth > base and nodes.stack[depth - 1] + nodes.span[nodes.stack[depth - 1]] <= i:
            depth -= 1
            inside = nodes.links[depth]
            _fold_run(nodes, nodes.node[nodes.stack[depth]].next, inside, counts)
        c_node = nodes.node[i]
        if c_node.type == tree.XML_ELEMENT_NODE:
            flags = nodes.flags[i] & (_LINK | _STYLE | _SMALL)
            if flags & _LINK:
                if hrefs is None:
                    hrefs = []
                (<list>hrefs).append(_attribute(c_node, "href"))
            _fold_run(nodes, c_node.children, inside | flags, counts)
            nodes.stack[depth] = i
            nodes.links[depth] = inside
            depth += 1
            inside |= flags
        else:
            _fold_run(nodes, c_node.next, inside, counts)
    while depth > base:
        depth -= 1
        inside = nodes.links[depth]
        _fold_run(nodes, nodes.node[nodes.stack[depth]].next, inside, counts)
    return hrefs


cdef object _folded_text(_Nodes* nodes, Py_ssize_t total):
    """``normalize_block`` of the text :func:`_fold_scan` gathered (``total``: its
    non-space characters), decoded without the whole text; None when it holds no
    character but white space, a <br> mark (``"\x0b"``: the walker cuts its lines
    there) or bytes that are not plain UTF-8 (then the caller makes the whole text)."""
    if not total or nodes.widest == _NOT_UTF8:
        return None
    if memchr(nodes.text, 0x0B, nodes.text_size) is not NULL:
        return None
    if nodes.irregular:
        return _decode_normal(nodes)
    if nodes.spacing == 2:
        # Single spaces between characters and one closing it (one byte, one character),
        # which normalize_block strips: left out.
        nodes.text_size -= 1
        nodes.chars -= 1
    return _decode_text(nodes)  # already single spaces between characters


cdef inline int _fold_run(
    _Nodes* nodes, tree.xmlNode* run, unsigned char inside, Py_ssize_t* counts
) except -1:
    """Gather the text run from ``run`` into ``nodes.text`` and count its characters
    (into ``counts`` as :func:`_fold` keeps them; ``inside``: its flags)."""
    cdef Py_ssize_t count, size, capacity
    cdef void* grown
    run = _text_node(run)
    while run is not NULL:
        if run.content is not NULL and run.content[0] != 0:
            size = <Py_ssize_t>strlen(<const char*>run.content)
            if nodes.text_size + size > nodes.text_capacity:
                capacity = max(2 * nodes.text_capacity, nodes.text_size + size, 256)
                grown = PyMem_Realloc(nodes.text, capacity)
                if grown is NULL:
                    raise MemoryError()
                nodes.text = <char*>grown
                nodes.text_capacity = capacity
            memcpy(nodes.text + nodes.text_size, run.content, size)
            nodes.text_size += size
            count = _nonspace_spacing(<const unsigned char*>run.content, nodes)
            counts[1] += count
            if inside & _LINK:
                counts[0] += count
            if not inside & _STYLE:
                counts[2] += count
            if not inside & _SMALL:
                counts[3] += count
        run = _text_node(run.next)
    return 0


def walk_events(root, special, marks, blocks=None, fold=None, styles=None, styled=None):
    """The events of ``etree.iterwalk(root, events=("start", "end"))`` as ``body``'s
    walker reads them, with the elements it has nothing to decide about folded away.

    Returns a list. A ``str`` item is a piece of text to gather (an element's text, or
    the tail of an element, comment or processing instruction). An element whose lower-
    cased tag is in ``special``, or that has one of the attributes ``marks`` (bytes), is a
    tuple ``(element, lowered tag, end)`` that appears twice: at its start, where ``end``
    is the index of its second appearance, and at its end. Its text follows its start
    item; its tail follows its end item. Any other element contributes only its text,
    its children's items and its tail, in document order.

    With ``blocks`` and ``fold`` (tags), an element with a tag in ``blocks`` whose
    descendants are all comments or elements of ``fold`` or outside ``special``, none
    with a mark, is one item ``(element, lowered tag, raw, links, total, hrefs, text,
    plain, unsmall, stop)`` followed by its tail: ``raw`` is all the text inside it
    joined in document order, ``total`` its non-space characters, ``links`` those inside
    ``<a href>`` elements, ``hrefs`` the ``href`` of each of those, in order, ``text`` is
    ``normalize_block(raw)``, or None when ``total`` is 0 or ``raw`` holds a ``<br>``
    mark (``"\\x0b"``, a line break of the block's text), ``plain`` and ``unsmall`` are
    the non-space characters outside elements of ``styles`` and outside ``<small>``
    (here ``total``), and ``stop`` is the item's own index.

    With ``styles`` and ``styled`` (tags) too, such a block with a tag in ``styled`` whose
    descendants may also be elements of ``styles`` or have marks (but not be other
    elements of ``special``) has the same item
    (``plain`` and ``unsmall`` then count), with ``stop`` the index of its end item: its
    own items (start, text, descendants, end) follow it as without folding, for a walker
    that cannot take it whole.
    """
    cdef _Element top = _root_of(root)
    cdef _Document doc = top._doc
    cdef frozenset special_tags = frozenset(special)
    cdef frozenset fold_tags = frozenset(fold) if fold is not None else frozenset()
    cdef frozenset block_tags = frozenset(blocks) if blocks is not None else frozenset()
    cdef frozenset style_tags = frozenset(styles) if styles is not None else frozenset()
    cdef frozenset styled_tags = frozenset(styled) if styled is not None else frozenset()
    cdef bint folding = blocks is not None
    cdef _Nodes nodes
    cdef list tags = []
    cdef list events = []
    cdef Py_ssize_t i, n, depth = 0
    cdef tree.xmlNode* c_node
    nodes.node = NULL
    nodes.span = NULL
    nodes.flags = NULL
    nodes.calm = NULL
    nodes.stack = NULL
    nodes.links = NULL
    nodes.opened = NULL
    nodes.pending = NULL
    nodes.count = 0
    nodes.capacity = 0
    nodes.text = NULL
    nodes.text_size = 0
    nodes.text_capacity = 0
    nodes.out = NULL
    nodes.out_capacity = 0
    try:
        _collect(
            &nodes, top._c_node, tags, special_tags, fold_tags, block_tags, tuple(marks),
            style_tags, styled_tags,
        )
        n = nodes.count
        # _collect is done with nodes.stack: it now holds the open elements.
        i = 0
        while i < n:
            while depth and nodes.stack[depth - 1] + nodes.span[nodes.stack[depth - 1]] <= i:
                depth -= 1
                _close(&nodes, depth, doc, events, tags)
            c_node = nodes.node[i]
            if c_node.type != tree.XML_ELEMENT_NODE:
                if _has_text(c_node.next):
                    events.append(_text_run(c_node.next))
                i += 1
                continue
            nodes.pending[depth] = False
            if folding and nodes.calm[i] & _CALM and nodes.flags[i] & _BLOCK:
                events.append(
                    _fold(&nodes, i, depth, elementFactory(doc, c_node), tags[i], len(events))
                )
                if _has_text(c_node.next):
                    events.append(_text_run(c_node.next))
                i += nodes.span[i]
                continue
            if folding and nodes.calm[i] & _CALM_WIDE and nodes.flags[i] & _STYLED:
                # Its folded item, made at its end (then its events follow it).
                nodes.pending[depth] = True
                events.append(None)
            if nodes.flags[i] & _PLAIN:
                nodes.opened[depth] = -1
            else:
                # Its start item, made at its end (once the end's index is known).
                nodes.opened[depth] = len(events)
                events.append(None)
            if _has_text(c_node.children):
                events.append(_text_run(c_node.children))
            nodes.stack[depth] = i
            depth += 1
            i += 1
        while depth:
            depth -= 1
            _close(&nodes, depth, doc, events, tags)
    finally:
        _nodes_free(&nodes)
    return events


cdef int _close(_Nodes* nodes, Py_ssize_t depth, _Document doc, list events, list tags) except -1:
    """The end of the open element at ``depth``: its item (when it has one: the same
    tuple at its start and here), its folded item when one waits, then its tail."""
    cdef Py_ssize_t i = nodes.stack[depth]
    cdef Py_ssize_t start = nodes.opened[depth]
    cdef tree.xmlNode* c_node = nodes.node[i]
    cdef tuple item
    if start >= 0:
        item = (elementFactory(doc, c_node), tags[i], len(events))
        events[start] = item
        events.append(item)
        if nodes.pending[depth]:  # a block's: its start item follows it
            events[start - 1] = _fold(nodes, i, depth + 1, item[0], item[1], len(events) - 1)
    if _has_text(c_node.next):
        events.append(_text_run(c_node.next))
    return 0
