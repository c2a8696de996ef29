"""The tunable tables: immutable defaults, and ``rules=`` per call through every entry point."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsparse
from newsparse import LineRule, Rules
from newsparse.cli import main
from newsparse.rules import AD_RULES, DEFAULT_RULES, DISCLAIMER_RULES
from newsparse.sites import ALIASES, SITES, site_for_url

SPONSOR = LineRule("sponsor", re.compile(r"^赞助商"))
PLAIN = "赞助商：某品牌\n真正的标题\n正文。\n"
HEADER = "<!--1715734743000-->\n[A title](https://www.example-news.org/a/1)\n------\n<p>Text.</p>\n"
OURS = Rules.default().with_sites({"example-news.org": "Example News"}).with_ad_rules(SPONSOR)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ------------------------------------------------------------------ the defaults


def test_the_default_tables_cannot_be_changed() -> None:
    with pytest.raises(TypeError):
        SITES["example-news.org"] = "Example News"  # type: ignore[index]
    with pytest.raises(TypeError):
        ALIASES["Example News"] = ("EEN",)  # type: ignore[index]
    assert isinstance(AD_RULES, tuple) and isinstance(DISCLAIMER_RULES, tuple)
    with pytest.raises(TypeError):
        DEFAULT_RULES.sites["example-news.org"] = "Example News"  # type: ignore[index]
    with pytest.raises(AttributeError):
        DEFAULT_RULES.ad_rules = ()  # type: ignore[misc]


def test_default_rules_are_the_module_tables() -> None:
    assert Rules() == Rules.default()
    assert Rules.default().ad_rules == AD_RULES
    assert Rules.default().disclaimer_rules == DISCLAIMER_RULES
    assert dict(Rules.default().sites) == dict(SITES)
    assert dict(Rules.default().aliases) == dict(ALIASES)


def test_extending_copies_and_leaves_the_defaults_alone() -> None:
    assert OURS.ad_rules == (*AD_RULES, SPONSOR)
    assert OURS.sites["example-news.org"] == "Example News"
    assert "example-news.org" not in Rules.default().sites
    assert "example-news.org" not in SITES
    assert Rules.default().ad_rules == AD_RULES


def test_with_sites_normalises_domains_and_new_names_win() -> None:
    rules = Rules.default().with_sites({" .Example-News.ORG. ": "Ex", "bbc.com": "The BBC"})
    assert rules.sites["example-news.org"] == "Ex"
    assert rules.sites["bbc.com"] == "The BBC"
    assert site_for_url("https://m.example-news.org/x", rules.sites) == "Ex"


@pytest.mark.parametrize(
    ("sites", "error"),
    [({"": "Empty"}, ValueError), ({"a.org": 3}, TypeError), ({4: "Four"}, TypeError)],
)
def test_bad_site_entries_are_refused(sites: dict[object, object], error: type) -> None:
    with pytest.raises(error):
        Rules.default().with_sites(sites)  # type: ignore[arg-type]


def test_with_aliases_adds_names_to_an_outlet() -> None:
    rules = Rules.default().with_aliases({"BBC": ["BBC World"], "Example News": ("EEN",)})
    assert rules.aliases["BBC"] == (*ALIASES["BBC"], "BBC World")
    assert rules.aliases["Example News"] == ("EEN",)
    assert rules.with_aliases({"BBC": ["BBC World"]}).aliases == rules.aliases
    with pytest.raises(TypeError, match="list of other names"):
        Rules.default().with_aliases({"BBC": "BBC World"})


def test_a_title_loses_a_suffix_naming_the_outlet_by_an_added_alias() -> None:
    text = HEADER.replace("[A title]", "[Harbour ferry returns - EEN]")
    rules = OURS.with_aliases({"Example News": ["EEN"]})
    assert newsparse.parse(text, rules=rules).title == "Harbour ferry returns"
    assert newsparse.parse(text).title == "Harbour ferry returns - EEN"


def test_rules_refuse_what_is_not_a_line_rule() -> None:
    with pytest.raises(TypeError, match="expected LineRule"):
        Rules(ad_rules=[re.compile("x")])  # type: ignore[list-item]


@given(
    st.dictionaries(
        st.from_regex(r"[a-z]{1,8}\.(?:com|org|net)", fullmatch=True), st.text(min_size=1)
    )
)
def test_rules_pickle_and_compare_equal(sites: dict[str, str]) -> None:
    rules = OURS.with_sites(sites).with_aliases({name: ["x"] for name in sites.values()})
    again = pickle.loads(pickle.dumps(rules))
    assert again == rules
    assert hash(again) == hash(rules)
    assert dict(again.sites) == dict(rules.sites)
    assert dict(again.aliases) == dict(rules.aliases)
    for domain, name in sites.items():
        assert site_for_url(f"https://www.{domain}/x", again.sites) == name


# ------------------------------------------------------------------ per call


def test_parse_uses_the_rules_of_its_call_only() -> None:
    assert newsparse.parse(PLAIN, rules=OURS).title == "真正的标题"
    assert newsparse.parse(PLAIN).title == "赞助商：某品牌"
    assert newsparse.parse(HEADER, rules=OURS).site == "Example News"
    assert newsparse.parse(HEADER).site is None


def test_rules_can_add_disclaimers() -> None:
    rules = Rules.default().with_disclaimer_rules(LineRule("notice", re.compile(r"^本文仅代表")))
    text = "标题\n正文。\n本文仅代表作者观点。\n"
    assert newsparse.parse(text, rules=rules).paragraphs == ("正文。",)
    assert newsparse.parse(text).paragraphs == ("正文。", "本文仅代表作者观点。")


def test_parse_file_takes_rules(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", HEADER)
    assert newsparse.parse_file(path, rules=OURS).site == "Example News"
    assert newsparse.parse_file(path).site is None


@pytest.mark.parametrize("workers", [1, 2])
def test_parse_many_takes_rules(tmp_path: Path, workers: int) -> None:
    paths = [write(tmp_path, "a.md", HEADER), write(tmp_path, "b.txt", PLAIN)]
    results = list(newsparse.parse_many(paths, workers=workers, rules=OURS))
    first, second = (r.article for r in results)
    assert first is not None and first.site == "Example News"
    assert second is not None and second.title == "真正的标题"


def test_rules_of_the_wrong_type_are_refused() -> None:
    wrong = {"sites": {}}
    with pytest.raises(TypeError, match=r"rules must be a newsparse\.Rules"):
        newsparse.parse(PLAIN, rules=wrong)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"rules must be a newsparse\.Rules"):
        newsparse.parse_many([], rules=wrong)  # type: ignore[arg-type]


# ------------------------------------------------------------------ from plain data


def test_with_config_extends_every_table() -> None:
    rules = Rules.default().with_config(
        {
            "sites": {"example-news.org": "Example News"},
            "aliases": {"Example News": ["EEN"]},
            "ad_rules": [{"name": "sponsor", "pattern": "^赞助商"}],
            "disclaimer_rules": [{"name": "n", "pattern": "NOTICE", "ignore_case": True}],
        }
    )
    assert rules.sites["example-news.org"] == "Example News"
    assert rules.aliases["Example News"] == ("EEN",)
    assert rules.ad_rules[-1].name == "sponsor" and rules.ad_rules[-1].strong
    assert rules.disclaimer_rules[-1].matches("a notice")
    assert Rules.default().with_config({}) == Rules.default()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"site": {}}, "unknown rules key"),
        ({"sites": []}, "sites must be an object"),
        ({"sites": {"a.org": 1}}, "sites: the outlet name"),
        ({"aliases": []}, "aliases must be an object"),
        ({"aliases": {"BBC": "BBC World"}}, "aliases: aliases map"),
        ({"aliases": {"BBC": [1]}}, "must be strings"),
        ({"ad_rules": {}}, "ad_rules must be a list"),
        ({"ad_rules": ["x"]}, r"ad_rules\[0\] must be an object"),
        ({"ad_rules": [{"name": "x"}]}, r"ad_rules\[0\] needs a name and a pattern"),
        ({"ad_rules": [{"name": "x", "pattern": "("}]}, "does not compile"),
        ({"disclaimer_rules": [{"name": "x", "pattern": "y", "strong": "no"}]}, "true or false"),
        ({"disclaimer_rules": [{"name": "x", "pattern": "y", "flags": 2}]}, "unknown key"),
    ],
)
def test_with_config_names_what_is_wrong(config: dict[str, object], message: str) -> None:
    with pytest.raises(newsparse.RulesError, match=message) as caught:
        Rules.default().with_config(config)
    assert isinstance(caught.value, newsparse.NewsparseError)
    assert caught.value.code == "bad-rules"


def test_a_read_only_table_is_copied_and_normalised() -> None:
    """A MappingProxyType over the caller's dict: later changes to the dict do not reach
    the rules, and its keys are normalised like any other table's."""
    from types import MappingProxyType

    mine = {" WWW.Example-News.ORG. ": "Example News"}
    rules = Rules(sites=MappingProxyType(mine), aliases=MappingProxyType({"Example News": ["EN"]}))
    mine["other.example"] = "Other"
    assert dict(rules.sites) == {"www.example-news.org": "Example News"}
    assert rules.aliases == {"Example News": ("EN",)}


# ------------------------------------------------------------------ the command line


def test_cli_parse_and_show_take_a_rules_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = write(
        tmp_path,
        "rules.json",
        json.dumps(
            {
                "sites": {"example-news.org": "Example News"},
                "ad_rules": [{"name": "s", "pattern": "^赞助商"}],
            }
        ),
    )
    header, plain = write(tmp_path, "a.md", HEADER), write(tmp_path, "b.txt", PLAIN)
    assert main(["parse", "--no-progress", "--rules", rules, header, plain]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["site"], r["title"]) for r in records] == [
        ("Example News", "A title"),
        (None, "真正的标题"),
    ]
    assert main(["show", "--rules", rules, plain]) == 0
    assert "真正的标题" in capsys.readouterr().out
    assert main(["show", plain]) == 0
    assert "赞助商：某品牌" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read"), ("{", "is not a JSON file"), ('{"x": 1}', "unknown rules key")],
)
def test_cli_reports_a_bad_rules_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = str(tmp_path / "rules.json") if content is None else write(tmp_path, "r.json", content)
    plain = write(tmp_path, "b.txt", PLAIN)
    assert main(["parse", "--rules", path, plain]) == 2
    err = capsys.readouterr().err
    assert "--rules" in err and message in err
