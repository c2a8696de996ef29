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
    global _idle_player
    # A player left idle by the last walk is taken (and its plan kept when it is this
    # plan: the same tuple, which walker.py keeps for good); a walk that starts while
    # another runs (another thread's, between two decisions) makes its own.
    cdef _Player player = _idle_player
    _idle_player = None
    if player is None:
        player = _Player()
    if player.plan is not plan:
        player.read_plan(plan)
    player.doc = top._doc
    player.load(walker)
    try:
        player.run(top._c_node)
    finally:
        player.store()
        player.release()
    _idle_player = player


cdef _Player _idle_player = None
"""The player of the last walk, ready for the next one (see :func:`walk_blocks`)."""
