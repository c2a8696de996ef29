# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- the walk's plan
#
# The entry of the compiled walk: the walker's plan read, its gatherer played over a root
# (``_ctree_play.pxi``).


cdef class WalkPlan:
    """The walker's plan read once (:func:`walk_plan`): what every walk of
    :func:`walk_blocks` shares. Nothing writes it after :func:`walk_plan` made it (its
    ``acts`` is complete: a tag it does not name has no flag), so walks in any number,
    in threads or one inside another's decision, read it safely."""

    cdef tuple source  # the tuple it was read from
    cdef frozenset special, fold_tags, block_tags, style_tags, styled, figure_to_be
    cdef frozenset players, bold, no_caption, captions
    cdef tuple marks
    cdef dict kinds
    cdef dict acts  # the _ACT_ flags of every tag that has some
    cdef dict box_words  # a box's tag: the word its class or id holds (lower-case)
    cdef object dateline, block_type
    cdef Py_ssize_t block_offsets[_BLOCK_FIELDS]
    cdef bint block_stored

    def __init__(self):
        raise TypeError("a WalkPlan is made by walk_plan()")

    cdef int act_of(self, object tag) except -1:
        """The _ACT_ flags of ``tag`` (0 unless the plan names it somewhere)."""
        cdef int act = 0
        if tag in self.block_tags:
            act = _ACT_BLOCK | (_ACT_FIGURE if tag in self.figure_to_be else 0)
            if tag in self.box_words:
                act |= _ACT_BOX
        elif tag == "br":
            act = _ACT_BR
        elif tag in self.players:
            act = _ACT_PLAYER
        elif tag in self.bold:
            act = _ACT_BOLD
        elif tag == "a":
            act = _ACT_LINK
        elif tag in self.style_tags:
            act = _ACT_STYLE | (_ACT_SMALL if tag == "small" else 0)
        if tag in self.captions:
            act |= _ACT_CAPTION
        return act


def walk_plan(tuple plan not None):
    """The :class:`WalkPlan` of ``plan`` (the tuple :func:`walk_blocks` describes), read
    and checked once: ``body.walker`` makes its own at import."""
    cdef WalkPlan made = WalkPlan.__new__(WalkPlan)
    cdef Py_ssize_t k, offset
    (
        special, marks, blocks, fold, styles, styled, figure_to_be, box, players, bold,
        kinds, no_caption, dateline, captions, block_type,
    ) = plan
    made.source = plan
    made.box_words = {tag: (<bytes?>word).lower() for tag, word in box}
    made.special = frozenset(special)
    made.marks = tuple(marks)
    made.block_tags = frozenset(blocks)
    made.fold_tags = frozenset(fold)
    made.style_tags = frozenset(styles)
    made.styled = frozenset(styled)
    made.figure_to_be = frozenset(figure_to_be)
    made.players = frozenset(players)
    made.bold = frozenset(bold)
    made.kinds = dict(kinds)
    made.no_caption = frozenset(no_caption)
    made.captions = frozenset(captions)
    made.dateline = dateline
    made.block_type, slots = block_type
    made.block_stored = False
    if slots is not None:
        if len(slots) != _BLOCK_FIELDS:
            raise ValueError(f"expected {_BLOCK_FIELDS} slots of the block class, not {len(slots)}")
        for k in range(_BLOCK_FIELDS):
            if Py_TYPE(slots[k]) != &PyMemberDescr_Type:
                raise TypeError("a slot of the block class is not a member descriptor")
            if PyDescr_TYPE(slots[k]) != <PyTypeObject*>made.block_type:
                raise TypeError("a slot descriptor does not belong to the block class")
            offset = (<PyMemberDescrObject*><PyObject*>slots[k]).d_member.offset
            if not (
                0 < offset
                and offset + <Py_ssize_t>sizeof(PyObject*)
                <= (<PyTypeObject*>made.block_type).tp_basicsize
            ):
                raise ValueError("a slot of the block class lies outside its objects")
            made.block_offsets[k] = offset
        made.block_stored = True
    made.acts = {}
    for tag in (
        made.block_tags | made.players | made.bold | made.style_tags | made.captions
        | {"br", "a"}
    ):
        act = made.act_of(tag)
        if act:
            made.acts[tag] = act
    return made


def walk_blocks(root, walker, plan):
    """``body.walker._Walker.walk_py(root)`` on ``walker``: its gatherer's mechanics
    compiled, its decisions (``_decide``, ``_loose_caption``, ``_is_internal`` for a link
    with a scheme) called where the reference calls them.

    ``plan`` is a :class:`WalkPlan` (:func:`walk_plan` of, or else, the tuple ``(special,
    marks, blocks, fold, styles, styled, figure_to_be, box, players, bold, kinds, no_caption, dateline, captions, block)``: the tags the walker's
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
    ``_Gatherer``'s ``_BLOCK_SLOTS``), read once. The walker's state (``_buf``, the counters, ``_stack``...) is read at the start and
    written back at the end; ``blocks``, ``_captionable``, ``_after_rule`` and ``_fresh``
    are the walker's own throughout (read again after each decision).
    """
    cdef _Element top = _root_of(root)
    cdef WalkPlan read = plan if isinstance(plan, WalkPlan) else walk_plan(plan)
    cdef _Player player = _Player()  # one a walk: nothing is kept from one to the next
    player.take(read)
    player.doc = top._doc
    player.load(walker)
    try:
        player.run(top._c_node)
    finally:
        player.store()
