"""Fake outlets with their own boilerplate, for the archive-mode tests (all text is ours).

:func:`archive` writes, for each outlet, ``count`` comment-header posts whose bodies are
made of unique sentences plus the outlet's boilerplate:

- ``harbor-ledger.example``: a leading standfirst line ``Harbor Ledger — independent news
  for the bay since 1998.`` and a per-post footer ``Filed from the bay desk by <author> ·
  <n> readers nodded · shelved under <tags>`` (the same template, different details).
- ``valley-radio.example``: a sign-off ``Thanks for listening to Valley Radio, see you
  next week!`` and a promo ``Our fireside circle meets again soon:
  valley-radio.example/circle/<n>``.

The boilerplate is worded as no rule of newsparse's cleaners foresees (they remove a
``© … | Permalink`` footer or a ``Subscribe at <url>`` line already): what is left for
archive mode to learn.
- ``lantern-daily.example``: ``Lantern Daily`` posts with a mid-body heading ``Background``
  in many posts (article structure, never boilerplate) and no footer.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "harbor",
    "council",
    "ferry",
    "budget",
    "mayor",
    "storm",
    "bridge",
    "school",
    "library",
    "market",
    "river",
    "tunnel",
    "festival",
    "museum",
    "orchard",
    "railway",
    "clinic",
    "farmers",
    "quarry",
    "lighthouse",
    "garden",
    "canal",
    "wind",
    "solar",
    "tide",
    "fishermen",
    "teachers",
    "nurses",
    "bakers",
    "students",
    "rangers",
    "pilots",
]
VERBS = [
    "approved",
    "delayed",
    "opened",
    "questioned",
    "repaired",
    "funded",
    "closed",
    "praised",
    "reviewed",
]
AUTHORS = ["Ada Moss", "Ben Crane", "Cleo Park", "Dev Rao", "Eli Stone", "Fay Lin"]
TAGS = ["city", "weather", "transport", "schools", "arts", "health", "budget"]

STANDFIRST = "Harbor Ledger — independent news for the bay since 1998."
SIGN_OFF = "Thanks for listening to Valley Radio, see you next week!"
HEADING = "Background"


def word(rng: random.Random) -> str:
    """A made-up word: article text draws on a large vocabulary."""
    return "".join(
        rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(1, 4))
    )


def sentence(rng: random.Random) -> str:
    """One sentence of our own words, varied in length, order and vocabulary as article
    text is (a fixed frame around a few changing words would be a template, and is one)."""
    words = [
        rng.choice(WORDS + VERBS) if rng.random() < 0.3 else word(rng)
        for _ in range(rng.randint(8, 16))
    ]
    return " ".join(words).capitalize() + f" ({rng.randint(2, 99)})."


def footer(rng: random.Random) -> str:
    tags = ", ".join(rng.sample(TAGS, rng.randint(1, 3)))
    return (
        f"Filed from the bay desk by {rng.choice(AUTHORS)} · {rng.randint(0, 40)} readers "
        f"nodded · shelved under {tags}"
    )


def post(host: str, n: int, title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!--{1715734743000 + n * 3_600_000}-->\n"
        f"[{title}](https://{host}/{n}.html)\n"
        "------\n"
        f"<div>{body}</div>\n"
    )


def outlet_posts(seed: int = 7, count: int = 12) -> dict[str, str]:
    """File name → text for every post of the three outlets."""
    rng = random.Random(seed)
    files: dict[str, str] = {}
    for n in range(count):
        text = [sentence(rng) for _ in range(rng.randint(2, 5))]
        files[f"ledger-{n:02d}.md"] = post(
            "harbor-ledger.example", n, f"Ledger story {n}", [STANDFIRST, *text, footer(rng)]
        )
        promo = f"Our fireside circle meets again soon: valley-radio.example/circle/{rng.randint(1, 999)}"
        text = [sentence(rng) for _ in range(rng.randint(2, 5))]
        files[f"valley-{n:02d}.md"] = post(
            "valley-radio.example", n, f"Valley episode {n}", [*text, SIGN_OFF, promo]
        )
        text = [sentence(rng) for _ in range(4)]
        files[f"lantern-{n:02d}.md"] = post(
            "lantern-daily.example", n, f"Lantern report {n}", [text[0], HEADING, *text[1:]]
        )
    return files


def archive(root: Path, seed: int = 7, count: int = 12) -> list[Path]:
    """Write :func:`outlet_posts` into ``root``; return the paths, sorted."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in outlet_posts(seed, count).items():
        (root / name).write_text(text, encoding="utf-8")
    return sorted(root.iterdir())
