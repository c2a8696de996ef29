"""What is never content, dropped before anything is read.

::

    <script>track()</script>                       dropped with its content (DROP_TAGS)
    <form><button>Subscribe</button></form>        dropped (the button's parent is marked)
    <img src="lazy.gif"><noscript><img src="a.jpg"></noscript>
                                                   the <noscript> picture replaces the lazy one

Before the buttons go, each one's parent is marked ``data-np-button``, so that
:mod:`~newsparse.body.structure` still recognises a card built around a button.
"""

from __future__ import annotations

from typing import Any, Final

from lxml import etree

from newsparse.body._tree import _remove_keep_tail, tagged
from newsparse.body.images import _real_src

DROP_TAGS: Final = (
    "script", "style", "noscript", "svg", "math", "form", "button", "input", "select",
    "textarea", "template", "link", "meta", "head", "title", "nav", "canvas", "map",
    "dialog", "object", "param", "applet", "frameset", "frame", "base",
)  # fmt: skip
"""Elements removed with their content before anything else (their tail text stays)."""


RESCUE_TAGS: Final = ("button", "noscript")
"""The elements read before the others are dropped (see :func:`_prepare`)."""


def _prepare(root: Any, *, rescue: bool = True, drop: bool = True) -> None:
    """Rescue lazy pictures from ``<noscript>``, note buttons, then drop :data:`DROP_TAGS`.

    ``rescue`` false says the tree holds no element of :data:`RESCUE_TAGS`, ``drop`` false
    none of :data:`DROP_TAGS` (a scan of the HTML found no tag that makes one): the tree
    is then not searched for them.
    """
    if not rescue and not drop:
        return
    # Both found in one pass: rescuing pictures moves and removes only <img> elements.
    found = tagged(root, RESCUE_TAGS) if rescue else []
    for noscript in (el for el in found if el.tag == "noscript"):
        parent = noscript.getparent()
        inner = noscript.findall(".//img")
        if parent is None or not inner:
            continue
        # The lazy <img> just before it already has a real URL: the copy is a duplicate.
        prev = noscript.getprevious()
        lazy = [] if prev is None else [prev] if prev.tag == "img" else prev.findall(".//img")
        if any(_real_src(img) for img in lazy):
            continue
        for img in lazy:
            _remove_keep_tail(img)
        for img in inner:  # before the <noscript>, in order (no index: that is a scan)
            img.tail = None
            noscript.addprevious(img)
    for button in (el for el in found if el.tag == "button"):
        parent = button.getparent()
        if parent is not None:
            parent.set("data-np-button", "1")
    if drop:
        etree.strip_elements(root, *DROP_TAGS, with_tail=False)
