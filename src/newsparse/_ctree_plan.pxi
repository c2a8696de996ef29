# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- the walk's plan
#
# The entry of the compiled walk: the walker's plan read, its gatherer played over a root
# (``_ctree_play.pxi``).


def walk_blocks(root, walker, tuple plan):
    """``body.walker._Walker.walk_py(root)`` on ``walker``: its gatherer's mechanics
    compiled, its decisions (``_decide``, ``_loose_caption``, ``_is_internal`` for a link
    with a scheme) called where the reference calls them.

    ``plan`` is ``(special, marks, blocks, fold, styles, styled, figure_to_be, box,
    players, bold, kinds, no_caption, dateline, captions, block)``: the tags the walker's
    start and end act on, the attributes (bytes) that make any element one they act on,
    the block tags, the tags that only count text in a block (bold, links), the style
    tags, the block tags that may fold with style elements and marked ones inside (while
    no picture waits, when their start only opens the block), the block tags whose start
    reads more, the tags of those that read more only when their class or id holds a
    word, with the word (``((tag, word), ...)``; bytes, any case; an empty word: any class
    or id that is not empty), the pictures and players, the bold
    tags, the kind of a block by its tag, the kinds no loose caption comes from, the test
    of a dateline prefix (``match``), the tags of the elements that may be a caption
    whatever their marks and text (while a picture waits for its caption, ``_decide`` is
    asked about another element only when it has one of the marks, and about a block
    whose start does not read more only when it has a mark or no text of its own before
    its first child) and the class of a block with, unless None, the slot descriptors
    (``member_descriptor``) of its nine fields, in order, when its ``__init__`` only
    stores its arguments in them (then a block is made by filling a new object's slots:
    ``_Gatherer``'s ``_BLOCK_SLOTS``). The walker's state (``_buf``, the counters, ``_stack``...) is read at the start and
    written back at the end; ``blocks``, ``_captionable``, ``_after_rule`` and ``_fresh``
    are the walker's own throughout (read again after each decision).
    """
    cdef _Element top = _root_of(root)
    cdef _Player player = _Player()
    cdef Py_ssize_t k, offset
    player.doc = top._doc
    player.tags = []
    player.acts = {}
    player.hosts = {}
    (
        special, marks, blocks, fold, styles, styled, figure_to_be, box, players, bold,
        kinds, no_caption, dateline, captions, block_type,
    ) = plan
    player.box_words = {tag: (<bytes?>word).lower() for tag, word in box}
    player.special = frozenset(special)
    player.marks = tuple(marks)
    player.block_tags = frozenset(blocks)
    player.fold_tags = frozenset(fold)
    player.style_tags = frozenset(styles)
    player.styled = frozenset(styled)
    player.figure_to_be = frozenset(figure_to_be)
    player.players = frozenset(players)
    player.bold = frozenset(bold)
    player.kinds = kinds
    player.no_caption = frozenset(no_caption)
    player.captions = frozenset(captions)
    player.dateline = dateline
    player.block_type, slots = block_type
    player.block_stored = False
    if slots is not None:
        if len(slots) != _BLOCK_FIELDS:
            raise ValueError(f"expected {_BLOCK_FIELDS} slots of the block class, not {len(slots)}")
        for k in range(_BLOCK_FIELDS):
            if Py_TYPE(slots[k]) != &PyMemberDescr_Type:
                raise TypeError("a slot of the block class is not a member descriptor")
            if PyDescr_TYPE(slots[k]) != <PyTypeObject*>player.block_type:
                raise TypeError("a slot descriptor does not belong to the block class")
            offset = (<PyMemberDescrObject*><PyObject*>slots[k]).d_member.offset
            if not (
                0 < offset
                and offset + <Py_ssize_t>sizeof(PyObject*)
                <= (<PyTypeObject*>player.block_type).tp_basicsize
            ):
                raise ValueError("a slot of the block class lies outside its objects")
            player.block_offsets[k] = offset
        player.block_stored = True
    player.load(walker)
    try:
        player.run(top._c_node)
    finally:
        player.store()
