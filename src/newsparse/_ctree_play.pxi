# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- the walk's blocks


cdef enum:
    # What the walker's start and end do with an element, by its lower-cased tag.
    _ACT_BLOCK = 1  # a block element: flush, open a block
    _ACT_FIGURE = 2  # a block element whose start reads more (a figure, a rule...)
    _ACT_BR = 4
    _ACT_PLAYER = 8  # a picture or a player: always taken by the decisions
    _ACT_BOLD = 16
    _ACT_LINK = 32  # <a> (counts when it has an href)
    _ACT_STYLE = 64
    _ACT_SMALL = 128
    _ACT_BOX = 256  # a box's tag (a block whose start reads more only by its class or id)
    _ACT_CAPTION = 512  # a caption whatever its marks or text (figcaption, small)


cdef str _BR_MARK = "\x0b"


cdef extern from "Python.h":
    ctypedef struct PyMemberDef:
        Py_ssize_t offset
    ctypedef struct PyMemberDescrObject:
        PyMemberDef* d_member
    PyObject* PyType_GenericAlloc(PyTypeObject* cls, Py_ssize_t items) except NULL
    PyTypeObject PyMemberDescr_Type
    PyTypeObject* PyDescr_TYPE(object descriptor)


cdef enum:
    _BLOCK_FIELDS = 9  # Block's fields, in order (text ... small)


cdef class _Player:
    """``body.blocks._Gatherer`` and the mechanics of ``body.walker._Walker._start`` and
    ``_end`` over one root, for :func:`walk_blocks`: the walker's state is read at the
    start and written back at the end; its decisions are called where it calls them."""

    cdef _Nodes nodes
    cdef list tags
    cdef _Document doc
    cdef object walker
    # The plan (see walk_blocks): the fields of its WalkPlan, shared, never written.
    cdef frozenset special, fold_tags, block_tags, style_tags, styled, figure_to_be
    cdef frozenset players, bold, no_caption, captions
    cdef tuple marks
    cdef dict kinds
    cdef dict acts  # the _ACT_ flags of every tag that has some (WalkPlan.acts; read only)
    cdef dict hosts  # a subdomain's host: the walker's verdict on its links (this walk)
    cdef object dateline, block_type
    # Where Block keeps each field, when making one only stores them (see walk_blocks).
    cdef Py_ssize_t block_offsets[_BLOCK_FIELDS]
    cdef bint block_stored
    cdef dict box_words  # a box's tag: the word its class or id holds (lower-case)
    # The walker's decisions.
    cdef object decide, loose_caption, is_internal
    cdef str home  # the walker's _home when it is ASCII, else None (see _plain_host_verdict)
    cdef bint home_read  # whether home is read yet (at the first link that needs it)
    cdef bint decodes_invisible
    # The gatherer's state (the walker's attributes of the same names).
    cdef list buf, stack, blocks
    cdef Py_ssize_t buf_links, buf_anchors, buf_internal
    cdef Py_ssize_t bold_depth, link_depth, style_depth, small_depth
    cdef Py_ssize_t pending_split  # -1: None
    cdef Py_ssize_t serial
    cdef bint bold_only, styled_only, small_only
    cdef bint after_rule, fresh  # kept equal to the walker's, as captionable
    cdef str prefix
    cdef object captionable  # kept equal to the walker's (re-read after each decision)
    cdef object block_el  # the last block element, unless block_node is set
    cdef tree.xmlNode* block_node

    def __cinit__(self):
        memset(&self.nodes, 0, sizeof(_Nodes))
        self.block_node = NULL
        self.tags = []
        self.hosts = {}

    cdef int take(self, WalkPlan plan) except -1:
        """Take the walker's rules from ``plan``, read once (see :func:`walk_plan`)."""
        self.special = plan.special
        self.marks = plan.marks
        self.block_tags = plan.block_tags
        self.fold_tags = plan.fold_tags
        self.style_tags = plan.style_tags
        self.styled = plan.styled
        self.figure_to_be = plan.figure_to_be
        self.players = plan.players
        self.bold = plan.bold
        self.kinds = plan.kinds
        self.no_caption = plan.no_caption
        self.captions = plan.captions
        self.dateline = plan.dateline
        self.block_type = plan.block_type
        self.block_stored = plan.block_stored
        self.box_words = plan.box_words
        self.acts = plan.acts
        memcpy(self.block_offsets, plan.block_offsets, sizeof(self.block_offsets))
        return 0

    def __dealloc__(self):
        _nodes_free(&self.nodes)

    cdef int load(self, object walker) except -1:
        self.walker = walker
        self.buf = walker._buf
        self.buf_links = walker._buf_links
        self.buf_anchors = walker._buf_anchors
        self.buf_internal = walker._buf_internal
        self.bold_depth = walker._bold_depth
        self.link_depth = walker._link_depth
        self.style_depth = walker._style_depth
        self.small_depth = walker._small_depth
        split = walker._pending_split
        self.pending_split = -1 if split is None else split
        self.serial = walker._serial
        self.bold_only = walker._bold_only
        self.styled_only = walker._styled_only
        self.small_only = walker._small_only
        self.prefix = walker._prefix
        self.stack = walker._stack
        self.blocks = walker.blocks
        self.captionable = walker._captionable
        self.after_rule = walker._after_rule
        self.fresh = walker._fresh
        self.block_el = walker._block_el
        self.decodes_invisible = walker._decodes_invisible
        self.decide = walker._decide
        self.loose_caption = walker._loose_caption
        self.is_internal = walker._is_internal
        self.home = None
        self.home_read = False
        return 0

    cdef int store(self) except -1:
        walker = self.walker
        walker._buf = self.buf
        walker._buf_links = self.buf_links
        walker._buf_anchors = self.buf_anchors
        walker._buf_internal = self.buf_internal
        walker._bold_depth = self.bold_depth
        walker._link_depth = self.link_depth
        walker._style_depth = self.style_depth
        walker._small_depth = self.small_depth
        walker._pending_split = None if self.pending_split < 0 else self.pending_split
        walker._serial = self.serial
        walker._bold_only = self.bold_only
        walker._styled_only = self.styled_only
        walker._small_only = self.small_only
        walker._prefix = self.prefix
        walker._stack = self.stack
        walker._captionable = self.captionable
        walker._block_el = self.block_element()
        return 0

    cdef object block_element(self):
        if self.block_node is not NULL:
            self.block_el = elementFactory(self.doc, self.block_node)
            self.block_node = NULL
        return self.block_el

    cdef int action(self, object tag) except -1:
        """What the walker's start and end do with ``tag`` (the _ACT_ flags; 0 for a tag
        the plan does not name)."""
        found = self.acts.get(tag)
        return 0 if found is None else <int>found

    # -- the walk (walker.walk_py)

    cdef int run(self, tree.xmlNode* c_top) except -1:
        cdef _Nodes* nodes = &self.nodes
        cdef Py_ssize_t i, n, depth = 0
        cdef tree.xmlNode* c_node
        cdef unsigned char flags, calm
        _collect(
            nodes, c_top, self.tags, self.special, self.fold_tags, self.block_tags, self.marks,
            self.style_tags, self.styled,
        )
        n = nodes.count
        # _collect is done with nodes.stack: it now holds the open elements.
        i = 0
        while i < n:
            while depth and nodes.stack[depth - 1] + nodes.span[nodes.stack[depth - 1]] <= i:
                depth -= 1
                self.end(nodes.stack[depth], False)
            c_node = nodes.node[i]
            if c_node.type != tree.XML_ELEMENT_NODE:
                self.add(c_node.next)
                i += 1
                continue
            flags = nodes.flags[i]
            calm = nodes.calm[i]
            if (
                flags & _BLOCK
                and self.captionable is None
                and (calm & _CALM or (calm & _CALM_WIDE and flags & _STYLED))
                and self.opens_only(i)
            ):
                # A block of text, links and style elements: the walker's start, its
                # gathering and its end in one (walker._Walker._start, _end).
                self.fold(i, depth)
                self.add(c_node.next)
                i += nodes.span[i]
                continue
            if not flags & _PLAIN and self.start(i):
                self.end(i, True)  # the subtree was taken
                i += nodes.span[i]
                continue
            self.add(c_node.children)
            nodes.stack[depth] = i
            depth += 1
            i += 1
        while depth:
            depth -= 1
            self.end(nodes.stack[depth], False)
        return 0

    cdef bint opens_only(self, Py_ssize_t i) except -1:
        """Whether the start of the block element at ``i`` only flushes and opens the
        block while no picture waits (as in :meth:`start`): not one that reads more,
        unless it is a box's tag without its word."""
        tag = self.tags[i]
        cdef int act = self.action(tag)
        return not act & _ACT_FIGURE or (
            act & _ACT_BOX and not _names_word(self.nodes.node[i], self.box_words[tag])
        )

    cdef bint marked(self, tree.xmlNode* c_node) except -1:
        """Whether ``c_node`` has one of the attributes of the plan's marks."""
        cdef bytes mark
        if c_node.properties is NULL:
            return False
        for mark in self.marks:
            if _has_attribute(c_node, mark):
                return True
        return False

    cdef bint ask(self, Py_ssize_t i, object tag) except -1:
        """The walker's decision about the element at ``i`` (``_Walker._decide``)."""
        taken = self.decide(elementFactory(self.doc, self.nodes.node[i]), tag, self.buf)
        self.reload()
        return bool(taken)

    cdef int reload(self) except -1:
        """Read what the walker's decisions may have changed."""
        walker = self.walker
        self.captionable = walker._captionable
        self.after_rule = walker._after_rule
        self.fresh = walker._fresh
        return 0

    cdef bint start(self, Py_ssize_t i) except -1:
        """``_Walker._start`` for the element at ``i`` (not a plain one)."""
        cdef tree.xmlNode* c_node = self.nodes.node[i]
        tag = self.tags[i]
        cdef int act = self.action(tag)
        if act & _ACT_BLOCK:
            self.flush()
            self.push(tag)
            self.block_node = c_node
            if self.captionable is not None:
                if (
                    not act & _ACT_CAPTION
                    and (not act & _ACT_FIGURE or act & _ACT_BOX)
                    and not self.marked(c_node)
                    and (_nonspace_run(c_node.children) or not _one_small_child(c_node))
                ):
                    # No caption: no mark, and text of its own or another shape than one
                    # <small> child (walker._CAPTION_TAGS); nor a box without a mark
                    # (walker._BOXES).
                    return False
                return self.ask(i, tag)
            if act & _ACT_FIGURE:
                if act & _ACT_BOX and not _names_word(c_node, self.box_words[tag]):
                    return False  # no box (walker._BOXES): its start is done
                return self.ask(i, tag)
            return False
        if act & _ACT_BR:
            self.br()
            return True
        if act & _ACT_PLAYER:
            return self.ask(i, tag)
        if (
            self.captionable is not None
            and (act & _ACT_CAPTION or self.marked(c_node))  # else no caption (walker._CAPTION_TAGS)
            and self.ask(i, tag)
        ):
            return True
        if act & _ACT_BOLD:
            self.bold_depth += 1
        elif act & _ACT_LINK and self.nodes.flags[i] & _LINK:
            self.link_depth += 1
            self.buf_anchors += 1
            if self.internal(_attribute(c_node, "href")):
                self.buf_internal += 1
        elif act & _ACT_STYLE:
            self.style_depth += 1
            if act & _ACT_SMALL:
                self.small_depth += 1
        return False

    cdef int end(self, Py_ssize_t i, bint skipped) except -1:
        """``_Walker._end`` for the element at ``i``, then its tail."""
        cdef tree.xmlNode* c_node = self.nodes.node[i]
        cdef unsigned char flags = self.nodes.flags[i]
        cdef int act
        if not flags & _PLAIN:
            act = self.action(self.tags[i])
            if not skipped:
                if act & _ACT_BOLD:
                    if self.bold_depth > 0:
                        self.bold_depth -= 1
                elif act & _ACT_LINK and flags & _LINK:
                    if self.link_depth > 0:
                        self.link_depth -= 1
                elif act & _ACT_STYLE:
                    if self.style_depth > 0:
                        self.style_depth -= 1
                        if act & _ACT_SMALL and self.small_depth > 0:
                            self.small_depth -= 1
            if act & _ACT_BLOCK:
                self.flush()
                if len(self.stack) > 1:
                    self.stack.pop()
        self.add(c_node.next)
        return 0

    cdef int fold(self, Py_ssize_t i, Py_ssize_t depth) except -1:
        """A block whose start only flushes and opens it, holding only text and elements
        that count (links, bold, styles, marked ones while no picture waits): its start,
        its gathering and its end (``_Gatherer._add`` from an empty buffer)."""
        cdef Py_ssize_t counts[4]  # links, total, plain (outside styles), outside <small>
        cdef Py_ssize_t total
        tag = self.tags[i]
        self.flush()
        self.push(tag)
        self.block_node = self.nodes.node[i]
        hrefs = _fold_scan(&self.nodes, i, depth, counts)
        total = counts[1]
        if total:  # else its end's flush makes no block (no character but white space)
            text = _folded_text(&self.nodes, total)
            self.block(
                None if text is not None else _decode_text(&self.nodes),
                total if self.link_depth else counts[0],
                0 if hrefs is None else len(<list>hrefs),
                0 if hrefs is None else self.internal_count(<list>hrefs),
                self.style_depth != 0 or not counts[2],
                self.small_depth != 0 or not counts[3],
                total,
                text,
            )
        self.stack.pop()
        return 0

    # -- the gatherer (blocks._Gatherer)

    cdef int add(self, tree.xmlNode* run) except -1:
        """``_Gatherer._add`` of the text run from ``run`` (an element's text or tail)."""
        cdef Py_ssize_t count
        if not _has_text(run):
            return 0
        count = _nonspace_run(run)
        if count == 0 and not self.buf:
            return 0  # white space opening a block: normalize_block would strip it
        text = _text_run(run)
        if count:
            if self.style_depth == 0:
                self.styled_only = False
            if self.small_depth == 0:
                self.small_only = False
            if self.pending_split >= 0 and self.bold_depth == 0:
                rest = self.buf[self.pending_split:]
                self.buf = self.buf[:self.pending_split]
                self.flush()
                self.buf = [piece for piece in rest if piece != _BR_MARK]
            if self.bold_depth == 0:
                self.bold_only = False
            if self.link_depth:
                self.buf_links += count
        self.buf.append(text)
        return 0

    cdef int br(self) except -1:
        """``_Gatherer._br``."""
        cdef list buf = self.buf
        cdef Py_ssize_t k
        cdef str piece
        for k in range(len(buf) - 1, -1, -1):
            piece = buf[k]
            if piece == _BR_MARK:
                while buf and (buf[len(buf) - 1] == _BR_MARK or (<str>buf[len(buf) - 1]).isspace()):
                    buf.pop()
                self.flush()
                return 0
            if not piece.isspace():
                break
        if self.bold_only:
            for piece in buf:
                if not piece.isspace():
                    self.pending_split = len(buf)
                    break
        buf.append(_BR_MARK)
        return 0

    cdef int flush(self) except -1:
        """``_Gatherer._flush``."""
        cdef Py_ssize_t links = self.buf_links, anchors = self.buf_anchors
        cdef Py_ssize_t internal = self.buf_internal
        cdef bint emphasised = self.styled_only, small = self.small_only
        self.bold_only = True
        self.pending_split = -1
        self.buf_links = self.buf_anchors = self.buf_internal = 0
        self.styled_only = self.small_only = True
        if not self.buf:
            return 0
        raw = "".join(self.buf)
        self.buf = []
        self.block(raw, links, anchors, internal, emphasised, small, -1, None)
        return 0

    cdef int push(self, object tag) except -1:
        """``_Gatherer._push``."""
        self.serial += 1
        kind = self.kinds.get(tag)
        if kind is None:
            kind = (<tuple>self.stack[len(self.stack) - 1])[1]
            if kind != "quote" and kind != "li":
                kind = "div"
        self.stack.append((self.serial, kind))
        return 0

    cdef Py_ssize_t internal_count(self, list hrefs) except -1:
        cdef Py_ssize_t count = 0
        for href in hrefs:
            if self.internal(href):
                count += 1
        return count

    cdef bint internal(self, object href) except -1:
        """``_Gatherer._is_internal``: a link without a scheme here (relative: within the
        site; empty or a fragment: not), the others by the walker's rule."""
        cdef str text = href
        cdef Py_ssize_t n = len(text), start = 0, end = n, k
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        while start < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start)):
            start += 1
        while end > start and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)):
            end -= 1
        if start == end or PyUnicode_READ(kind, data, start) == 0x23:  # "#"
            return False
        if not (
            end - start >= 2
            and PyUnicode_READ(kind, data, start) == 0x2F
            and PyUnicode_READ(kind, data, start + 1) == 0x2F
        ):
            # A scheme ends at a colon: without one, the link is relative.
            for k in range(start, end):
                if PyUnicode_READ(kind, data, k) == 0x3A:
                    break
            else:
                return True
        cdef Py_ssize_t host_at[2]
        if not self.home_read:
            home = self.walker._home
            self.home = home if home is not None and (<str>home).isascii() else None
            self.home_read = True
        verdict = _plain_host_verdict(text, kind, data, start, end, self.home, host_at)
        if verdict == 0 or verdict == 1:
            return verdict
        if verdict == 2:
            # The walker's verdict on a subdomain depends on the host alone: asked once
            # per host in a walk (as its _home_hosts keeps it for a page).
            host = text[host_at[0]:host_at[1]].lower()
            known = self.hosts.get(host)
            if known is None:
                known = self.hosts[host] = bool(self.is_internal(href))
            return known
        return bool(self.is_internal(href))

    cdef object new_block(
        self, object text, object source, object kind, Py_ssize_t size, Py_ssize_t links,
        Py_ssize_t anchors, Py_ssize_t internal, bint after_rule, bint small,
    ):
        """``Block(...)``: a new object whose slots get the fields, as its ``__init__``
        stores them, when the plan says that is all it does; else a call of the class."""
        if not self.block_stored:
            return self.block_type(
                text, source, kind, size, links, anchors, internal, after_rule, small
            )
        cdef tuple values = (text, source, kind, size, links, anchors, internal, after_rule, small)
        cdef PyObject* made = PyType_GenericAlloc(<PyTypeObject*>self.block_type, 0)
        cdef object block = <object>made  # (a reference of its own)
        Py_DECREF(block)  # the one GenericAlloc gave
        cdef Py_ssize_t k
        cdef PyObject* value
        for k in range(_BLOCK_FIELDS):
            value = PyTuple_GET_ITEM(values, k)
            Py_INCREF(<object>value)
            (<PyObject**>(<char*>made + self.block_offsets[k]))[0] = value
        return block

    cdef int block(
        self, str raw, Py_ssize_t links, Py_ssize_t anchors, Py_ssize_t internal,
        bint emphasised, bint small, Py_ssize_t size, object text,
    ) except -1:
        """``_Gatherer._block``."""
        cdef Py_ssize_t n
        cdef Py_UCS4 last
        cdef list lines
        if size == 0 or (size < 0 and (not raw or raw.isspace())):
            return 0
        if text is None:
            if _BR_MARK in raw:
                lines = []
                for line in raw.split(_BR_MARK):
                    line = normalize_block(line)
                    if line:
                        lines.append(line)
                text = "\n".join(lines)
            else:
                text = normalize_block(raw)
        if self.decodes_invisible:
            text = clean_invisible(text)
            size = -1
        if not text:
            return 0
        if self.prefix:
            text = self.prefix + " " + text
            self.prefix = ""
            size = -1
        else:
            last = (<str>text)[len(<str>text) - 1]
            if (last == 0x2014 or last == 0x2013 or last == 0x2D) and self.dateline(text):
                self.prefix = text  # "华盛顿 — " before the first <p>: it opens the next one
                return 0
        top = <tuple>self.stack[len(self.stack) - 1]
        if self.captionable is not None and (<tuple>self.captionable)[0] == "image":
            for entry in self.stack:
                if (<tuple>entry)[1] in self.no_caption:
                    break
            else:
                self.walker._block_el = self.block_element()
                taken = self.loose_caption(text, emphasised, small)
                self.reload()
                if taken:
                    return 0
        if size < 0:
            size = len(text) - (<str>text).count(" ") - (<str>text).count("\n")
        self.blocks.append(
            self.new_block(
                text, top[0], top[1], size, min(links, size), anchors, internal,
                self.after_rule, small,
            )
        )
        # The walker's own, written when they change.
        walker = self.walker
        if self.after_rule:
            walker._after_rule = self.after_rule = False
        if self.captionable is not None:
            walker._captionable = self.captionable = None
        if not self.fresh:
            walker._fresh = self.fresh = True
        return 0
