"""Outlet names: which news site an article belongs to.

:data:`SITES` maps a domain to the outlet's name as these archives write it, and
:data:`ALIASES` an outlet's name to the other names it goes by. Both are read-only; to
teach newsparse more outlets, pass extended rules per call::

    rules = newsparse.Rules.default().with_sites({"example-news.org": "Example News"})
    rules = rules.with_aliases({"Example News": ("Example Evening News", "EEN")})
    newsparse.parse(text, rules=rules)

A domain matches itself and every subdomain (``www.``, ``m.``, ``cn.``…); the longest
matching domain wins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final
from urllib.parse import urlsplit

__all__ = ["ALIASES", "SITES", "site_for_url"]

SITES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "voachinese.com": "美国之音",
        "voacantonese.com": "美国之音",
        "voanews.com": "美国之音",
        "rfi.fr": "法广",
        "rfa.org": "自由亚洲电台",
        "bbc.com": "BBC",
        "bbc.co.uk": "BBC",
        "dw.com": "德国之声",
        "nytimes.com": "纽约时报",
        "cn.nytimes.com": "纽约时报中文网",
        "wsj.com": "华尔街日报",
        "cn.wsj.com": "华尔街日报中文网",
        "ftchinese.com": "FT中文网",
        "theinitium.com": "端传媒",
        "initium.media": "端传媒",
        "zaobao.com": "联合早报",
        "zaobao.com.sg": "联合早报",
        "rthk.hk": "香港电台",
        "hk01.com": "香港01",
        "mingpao.com": "明报",
        "udn.com": "联合新闻网",
        "cna.com.tw": "中央社",
        "storm.mg": "风传媒",
        "thenewslens.com": "关键评论网",
        "chinadigitaltimes.net": "中国数字时代",
        "chinafile.com": "中参馆",
        "pao-pao.net": "泡泡",
        "iyouport.org": "iYouPort",
        "matters.news": "Matters",
        "matters.town": "Matters",
        "nei.st": "Nei.st",
        "allnow.com": "燕京书评",
        "abc.net.au": "澳大利亚广播公司",
        "sbs.com.au": "SBS",
        "epochtimes.com": "大纪元",
        "ntdtv.com": "新唐人",
        "soundofhope.org": "希望之声",
        "aboluowang.com": "阿波罗新闻网",
        "bannedbook.org": "禁闻网",
        "reuters.com": "路透社",
        "apnews.com": "美联社",
        "afp.com": "法新社",
        "yahoo.com": "雅虎",
        "medium.com": "medium",
    }
)
"""Domain → outlet name, read-only (extend it per call with :meth:`newsparse.Rules.with_sites`)."""

ALIASES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "美国之音": ("美國之音", "VOA", "VOA Chinese", "美国之音中文网", "美國之音中文網"),
        "法广": (
            "法廣",
            "RFI",
            "法国国际广播电台",
            "法國國際廣播電台",
            "RFI 华语",
            "RFI 華語",
            "Radio France Internationale",
        ),
        "自由亚洲电台": ("自由亞洲電台", "RFA", "Radio Free Asia"),
        "BBC": ("BBC News", "BBC 中文", "BBC中文网", "BBC中文網", "BBC News 中文"),
        "德国之声": ("德國之聲", "DW", "德国之声中文网", "德國之聲中文網", "Deutsche Welle"),
        "纽约时报": ("紐約時報", "纽约时报中文网", "紐約時報中文網", "The New York Times", "NYT"),
        "纽约时报中文网": ("紐約時報中文網", "纽约时报", "紐約時報", "The New York Times", "NYT"),
        "华尔街日报": ("華爾街日報", "华尔街日报中文网", "華爾街日報中文網", "WSJ"),
        "华尔街日报中文网": ("華爾街日報中文網", "华尔街日报", "華爾街日報", "WSJ"),
        "FT中文网": ("FT中文網", "金融时报", "金融時報", "Financial Times", "FT"),
        "端传媒": ("端傳媒", "Initium Media", "端传媒 Initium Media", "端傳媒 Initium Media"),
        "联合早报": ("聯合早報", "联合早报网", "聯合早報網", "zaobao"),
        "香港电台": ("香港電台", "RTHK"),
        "明报": ("明報", "明報新聞網", "明报新闻网"),
        "联合新闻网": ("聯合新聞網", "udn"),
        "中央社": ("中央通讯社", "中央通訊社", "CNA"),
        "风传媒": ("風傳媒",),
        "关键评论网": ("關鍵評論網", "The News Lens"),
        "中国数字时代": ("中國數字時代", "China Digital Times"),
        "燕京书评": ("燕京書評",),
        "澳大利亚广播公司": ("澳洲廣播公司", "澳大利亞廣播公司", "ABC中文", "ABC News"),
        "大纪元": ("大紀元", "大纪元时报", "大紀元時報", "The Epoch Times"),
        "新唐人": ("新唐人电视台", "新唐人電視台", "NTD"),
        "希望之声": ("希望之聲",),
        "阿波罗新闻网": ("阿波羅新聞網",),
        "禁闻网": ("禁聞網",),
        "路透社": ("路透", "Reuters"),
        "美联社": ("美聯社", "AP", "Associated Press"),
        "法新社": ("AFP",),
        "雅虎": ("Yahoo", "Yahoo奇摩", "Yahoo新聞", "Yahoo新闻"),
        "medium": ("Medium",),
    }
)
"""Outlet name → the other names it goes by (other scripts, English, its Chinese-language
edition). Titles lose a trailing `` - Name`` for any of them (see :mod:`newsparse.titles`).
Read-only (extend it per call with :meth:`newsparse.Rules.with_aliases`)."""

_MAX_HOST: Final = 253


_SHARED_SUFFIX: Final = frozenset({"com", "net", "org", "gov", "edu", "co", "ac"})
"""Second-level labels under which a country's sites register (``bbc.co.uk``, ``x.com.hk``)."""


_PLAIN_HOST: Final = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9.-]+)(?=[/?#]|\Z)")
"""An ``http(s)://host`` URL whose host is plain ASCII letters, digits, dots and hyphens,
ended by a path, query or fragment or by the URL's end: ``urlsplit(url).hostname`` is that
host lower-cased (no user, port, brackets or characters that ``urlsplit`` removes)."""


def _hostname(url: str) -> str:
    """``urlsplit(url.strip()).hostname`` lower-cased, ``""`` when there is none.

    Raises:
        ValueError: as :func:`urllib.parse.urlsplit` does (a malformed IPv6 host).
    """
    url = url.strip()
    plain = _PLAIN_HOST.match(url)
    if plain is not None:  # most URLs: one match instead of urlsplit's many steps
        return plain[1].lower()
    return (urlsplit(url).hostname or "").lower()


def registered_domain(url: str | None) -> str | None:
    """The registered site of a URL (``bbc.co.uk`` for ``www.bbc.co.uk``), or ``None``."""
    if not url:
        return None
    try:
        host = _hostname(url)
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) >= 3 and labels[-2] in _SHARED_SUFFIX:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:]) or None


def site_for_url(url: str | None, table: Mapping[str, str] | None = None) -> str | None:
    """Return the outlet name for ``url`` from ``table`` (default :data:`SITES`), or ``None``."""
    if not url:
        return None
    try:
        host = _hostname(url).rstrip(".")
    except ValueError:
        return None
    if not host or len(host) > _MAX_HOST:
        return None
    sites = SITES if table is None else table
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = sites.get(".".join(labels[i:]))
        if name is not None:
            return name
    return None
