"""Outlet names: which news site an article belongs to.

:data:`SITES` maps a domain to the outlet's name as these archives write it. It is a plain
dict that users may extend or change before parsing::

    import newsparse.sites
    newsparse.sites.SITES["example-news.org"] = "Example News"

A domain matches itself and every subdomain (``www.``, ``m.``, ``cn.``…); the longest
matching domain wins.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

__all__ = ["SITES", "site_for_url"]

SITES: dict[str, str] = {
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
"""Domain → outlet name. Extend it to teach newsparse more outlets."""

_MAX_HOST: Final = 253


def site_for_url(url: str | None, table: dict[str, str] | None = None) -> str | None:
    """Return the outlet name for ``url`` from ``table`` (default :data:`SITES`), or ``None``."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
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
