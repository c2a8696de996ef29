# Included by _ctree.pyx (one extension module; see its docstring for the rules).

# ---------------------------------------------------------------------------- flag walk
#
# ``flagged`` reads the marks of every element below a root and makes a proxy for each
# it picks, those inside a subtree that its caller then removes whole too. A
# ``FlagWalk`` gives the same picks one at a time, and its caller may pass over the
# subtree of the last one given (``skip``): what lies inside is neither read nor given.


cdef bint _still_below(tree.xmlNode* c_node, tree.xmlNode* c_top, tree.xmlDoc* c_doc) noexcept nogil:
    """Whether ``c_node`` is still ``c_top`` or below it in the document ``c_doc``: the walk
    climbs from it, and a node taken out of the tree has no parent to climb to."""
    if c_node.doc is not c_doc:
        return False
    while c_node is not NULL:
        if c_node is c_top:
            return True
        c_node = c_node.parent
    return False


cdef class FlagWalk:
    """``_marks.FlagWalkPy``: the picks of ``flagged(root, rules, tags, among, below)``,
    ``(element, tag, mask)`` one at a time in document order (an iterator); ``skip()``
    passes over the subtree of the last one given. The tree must not change during the
    walk (the walk keeps a proxy of ``root`` and of the last element given): when the last
    element given has left ``root``'s tree, the next step raises ``RuntimeError``."""

    cdef _Element top
    cdef _Document doc
    cdef tree.xmlNode* c_top
    cdef tree.xmlNode* c_node  # the last node considered (c_top before the first)
    cdef object last  # the proxy of the last element given (None before the first)
    cdef bint fresh  # c_top not yet considered
    cdef bint skipping  # the next step passes over c_node's subtree
    cdef bint done
    cdef bint below
    cdef tuple names
    cdef list memos
    cdef object rules
    cdef object judge
    cdef MarkTable table
    cdef tuple always  # kept alive: the tag sets point into them
    cdef tuple asked
    cdef _TagSet always_set
    cdef _TagSet asked_set

    def __cinit__(self, root, rules, tags, among, bint below):
        self.top = _root_of(root)
        self.doc = self.top._doc
        self.c_top = self.top._c_node
        self.c_node = self.c_top
        self.last = None
        self.fresh = True
        self.skipping = False
        self.below = below
        self.names = tuple(rules.encoded)
        self.memos = [None]  # made when a value is first judged in Python
        self.rules = rules
        self.judge = rules.judge
        self.table = _table_of(rules, self.names)
        self.always = tuple(tags) if tags is not None else ()
        self.asked = tuple(among) if among is not None else None
        _tag_set(&self.always_set, self.always)
        if self.asked is not None:
            _tag_set(&self.asked_set, self.asked)
        if len(self.names) > 8 * sizeof(unsigned long):
            raise ValueError(f"{len(self.names)} attributes: too many for one mask")
        self.done = self.c_top.type != tree.XML_ELEMENT_NODE

    def __iter__(self):
        return self

    def __next__(self):
        cdef tree.xmlNode* c_node = self.c_node
        cdef tree.xmlNode* c_next
        cdef Py_ssize_t mask
        if self.done:
            raise StopIteration
        if c_node is not self.c_top and not _still_below(c_node, self.c_top, self.doc._c_doc):
            # The climb below would reach a NULL parent, or read another document.
            self.done = True
            self.last = None
            raise RuntimeError("the tree changed during a FlagWalk: an element it gave left it")
        while True:
            if self.fresh:
                self.fresh = False
                if self.below:
                    continue  # the root itself is not asked: on to its first child
            else:
                c_next = NULL if self.skipping else _first_element(c_node.children)
                self.skipping = False
                while c_next is NULL and c_node is not self.c_top:
                    c_next = _first_element(c_node.next)
                    if c_next is NULL:
                        c_node = c_node.parent
                if c_next is NULL:
                    self.c_node = c_node
                    self.done = True
                    self.last = None
                    raise StopIteration
                c_node = c_next
            mask = 0
            if c_node.properties is not NULL and (
                self.asked is None or _in_tags(c_node, &self.asked_set)
            ):
                mask = _mask_of(c_node, self.names, self.memos, self.rules, self.judge, self.table)
            if mask or _in_tags(c_node, &self.always_set):
                self.c_node = c_node
                self.last = elementFactory(self.doc, c_node)
                return (self.last, namespacedName(c_node), mask)

    def skip(self):
        """Pass over the subtree of the last element given (nothing when none was)."""
        if self.last is not None:
            self.skipping = True
