"""Players and embedded posts: what an ``<audio>``, ``<video>``, ``<iframe>`` or a social
network's embed code stands for, as a :class:`~newsparse.Media` item.

::

    <iframe src="https://www.youtube.com/embed/x"></iframe>          Media("video", …)
    <iframe src="https://w.soundcloud.com/player/?url=…"></iframe>   Media("audio", …)
    <audio src="/ep1.mp3"></audio>                                   Media("audio", …)
    <blockquote class="twitter-tweet"><p>The post.</p>
      <a href="https://twitter.com/a/status/1">…</a></blockquote>    Media("embed", …, caption="The post. …")

The walker (:mod:`~newsparse.body.walker`) decides where such an element stands in the
reading order and which caption it gets; this module only reads the element.
"""

from __future__ import annotations

import re
from typing import Any, Final

from newsparse._context import Context
from newsparse._text import Caseless, normalize_line
from newsparse.body._tree import _classes
from newsparse.body.images import _NOT_MEDIA, _safe_url
from newsparse.model import Media

__all__ = ["iframe_media", "media_element", "social_post"]

_SOCIAL_EMBED: Final = re.compile(
    r"(?:^|\s)(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|reddit-card|"
    r"reddit-embed-bq|fb-post|threads-post|bluesky-embed|mastodon-embed)(?:$|\s)",
    re.I,
)
"""How the embed codes of social networks mark the quoted post (before their script runs)."""
_POST_LINK: Final = re.compile(
    r"/status(?:es)?/\d|instagram\.com/(?:p|reel|tv)/|tiktok\.com/@[^/]+/video/|"
    r"reddit\.com/r/[^/]+/comments/|facebook\.com/.+/posts/|threads\.net/@[^/]+/post/|"
    r"bsky\.app/profile/[^/]+/post/",
    re.I,
)
_VIDEO_HOSTS: Final = Caseless.of_words(
    "youtube.com", "youtube-nocookie.com", "youtu.be", "vimeo.com", "dailymotion.com",
    "bilibili.com", "v.qq.com", "youku.com", "ted.com", "rumble.com", "brightcove",
    "jwplayer", "jwplatform", "player.",
)  # fmt: skip
"""The hosts of video players, in any case."""
_AUDIO_HOSTS: Final = Caseless.of_words(
    "soundcloud.com", "spotify.com", "podcasts.apple", "anchor.fm", "ximalaya", "castbox",
    "simplecast", "buzzsprout", "podbean", "megaphone.fm", "omny.fm", "audioboom",
)  # fmt: skip
"""The hosts of audio players, in any case."""


def social_post(el: Any, base_url: str | None, ctx: Context) -> Media | None:
    """An embedded social-media post (``blockquote.twitter-tweet``…): an ``embed`` Media
    item whose caption is the post's text (the embed's script is gone); ``None`` otherwise."""
    classes = _classes(el)
    if not classes or not _SOCIAL_EMBED.search(classes):
        return None
    links = [a.get("href") or "" for a in el.iter("a")]
    target = next((h for h in reversed(links) if _POST_LINK.search(h)), None)
    target = target or el.get("data-instgrm-permalink") or el.get("cite")
    url = _safe_url(target, base_url, ctx, "a social-media post")
    if url is None:
        return None
    text = normalize_line(" ".join(el.itertext())) or None
    return Media(kind="embed", url=url, caption=text)


def media_element(
    el: Any, tag: str, base_url: str | None, ctx: Context, caption: str | None = None
) -> Media | None:
    """An ``<audio>`` or ``<video>`` element (its ``src``, else its first ``<source>``)."""
    src = el.get("src")
    if not src:
        source = el.find(".//source")
        src = source.get("src") if source is not None else None
    url = _safe_url(src, base_url, ctx, f"an {tag} element")
    if url is None:
        return None
    return Media(kind=tag, url=url, caption=caption)


def iframe_media(
    el: Any, base_url: str | None, ctx: Context, caption: str | None = None
) -> Media | None:
    """An ``<iframe>`` player: ``video`` or ``audio`` by its host, else ``embed``; ``None``
    for a frame that is not media (ads, trackers, comment widgets)."""
    url = _safe_url(el.get("src") or el.get("data-src"), base_url, ctx, "an iframe")
    if url is None or _NOT_MEDIA.search(url):
        return None
    kind = "video" if _VIDEO_HOSTS.search(url) else "audio" if _AUDIO_HOSTS.search(url) else "embed"
    return Media(kind=kind, url=url, caption=caption)
