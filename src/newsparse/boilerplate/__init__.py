"""Archive mode: learn each outlet's recurring boilerplate from the archive itself.

>>> import newsparse
>>> model = newsparse.learn_boilerplate([])          # articles and/or paths
>>> newsparse.Boilerplate.from_json(model.to_json()) == model
True

:func:`newsparse.learn_boilerplate` counts, per outlet, the blocks that recur at the edges of the
body and in captions; :class:`Boilerplate` holds those counts and the templates derived
from them; ``newsparse.parse(..., boilerplate=model)`` (and :meth:`Boilerplate.apply`)
removes matching blocks, recording each as a ``"boilerplate"`` warning.

Modules: :mod:`._signature` (masking and keys), :mod:`._model` (the model and its JSON),
:mod:`._learn` (counting), :mod:`._apply` (outlets, countable blocks, removal). The
function that parses paths to learn from, :func:`newsparse.learn_boilerplate`, lives in
:mod:`newsparse._archive`, so that this package never imports the parsing entry points.
"""

from __future__ import annotations

from newsparse.boilerplate._apply import outlet_of
from newsparse.boilerplate._learn import Learner
from newsparse.boilerplate._model import (
    Boilerplate,
    Candidate,
    OutletCounts,
    Template,
    Thresholds,
)
from newsparse.boilerplate._signature import mask

__all__ = [
    "Boilerplate",
    "Candidate",
    "Learner",
    "OutletCounts",
    "Template",
    "Thresholds",
    "mask",
    "outlet_of",
]


for _public in (Candidate, Learner, OutletCounts, Template, Thresholds):
    _public.__module__ = __name__  # documented (and pickled) under their public path
Boilerplate.__module__ = "newsparse"
del _public


def __dir__() -> list[str]:
    return __all__
