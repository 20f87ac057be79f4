"""Two languages: each post in its own interface, translations linked, one listing per language."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests import sample
from tests.give_backs import record_give_backs
from tests.minisite import GOOD_POST, make_site, post_text
from tests.sites import BuildRun, built

SITE = "https://blog.seewerk.example/blog"
ATOM = "{http://www.w3.org/2005/Atom}"


def public_posts(lang: str) -> set[str]:
    """Titles of the sample's public posts in one language, as their files declare them."""
    return {
        p.meta["title"] for p in sample.posts() if p.is_public and p.meta.get("lang", "de") == lang
    }


def listed_titles(run: BuildRun, first: str) -> list[str]:
    """The titles on every page of a paginated home, following its "older posts" links."""
    titles: list[str] = []
    page: str | None = first
    while page is not None:
        html = run.html(page)
        titles += [a.get_text(strip=True) for a in html.select(".card__title a")]
        older = html.select_one('.pagination a[rel="next"]')
        page = older["href"].removeprefix(f"{SITE}/") + "index.html" if older else None
    return titles


def page_of(run: BuildRun, listing: str, title: str) -> tuple[str, BeautifulSoup]:
    """The address and page of a post, found by its title in a language's archive."""
    link = next(a for a in run.html(listing).select(".archive-list a") if a.get_text() == title)
    path = link["href"].removeprefix(f"{SITE}/").removeprefix("/")
    return path, run.html(path + "index.html")


def alternates(html: BeautifulSoup) -> dict[str, str]:
    """The page's hreflang links to other language versions (feeds left out)."""
    return {
        link["hreflang"]: link["href"]
        for link in html.select('link[rel="alternate"][hreflang]')
        if not link.get("type")
    }


@pytest.fixture(scope="module")
def pair(public_site: BuildRun) -> dict[str, tuple[str, BeautifulSoup]]:
    """The sample's post in German and its English translation: address and page of each."""
    english = next(p for p in sample.posts() if p.meta.get("translation-of") and p.is_public)
    german = next(
        p for p in sample.posts() if p.meta["title"].startswith("Mehr Recyclingaluminium")
    )
    return {
        "en": page_of(public_site, "en/archive/index.html", english.meta["title"]),
        "de": page_of(public_site, "archiv/index.html", german.meta["title"]),
    }


def test_an_english_post_has_the_english_interface(preview_site: BuildRun) -> None:
    # The preview: its posts take comments, so the comment form shows too.
    title = next(p.meta["title"] for p in sample.posts() if p.meta.get("translation-of"))
    _, post = page_of(preview_site, "en/archive/index.html", title)
    assert post.html["lang"] == "en"
    assert post.select_one("article.post").get("lang") is None  # the page says it already
    nav = [a.get_text(strip=True) for a in post.select(".site-nav a")]
    assert nav[:6] == ["Posts", "People", "Categories", "Archive", "Search", "Transparency"]
    assert nav[-1] == "Deutsch"
    assert post.select_one(".post__meta time").get_text() == "5 May 2026"
    assert post.select_one(".byline").get_text(" ", strip=True).startswith("By ")
    assert "A blog by the people of" in post.select_one(".site-footer").get_text()
    form = post.select_one(".comments form")
    assert "Write a comment" in post.select_one(".comments").get_text()
    assert form.select_one('button[type="submit"]').get_text(strip=True) == "Send comment"
    assert post.select_one('meta[property="og:locale"]')["content"] == "en_GB"
    title = "Five things French dealers taught me about cargo bikes"
    _, poll_post = page_of(preview_site, "en/archive/index.html", title)
    poll = poll_post.select_one(".poll")
    assert poll.select_one(".poll__kicker").get_text(strip=True) == "Idea poll"
    assert poll["data-vote-other"] == "{n} votes"
    assert poll["data-locale"] == "en-GB"


def test_translations_link_each_other_both_ways(pair: dict[str, tuple[str, BeautifulSoup]]) -> None:
    (en_path, en_post), (de_path, de_post) = pair["en"], pair["de"]
    expected = {
        "de": f"{SITE}/{de_path}",
        "en": f"{SITE}/{en_path}",
        "x-default": f"{SITE}/{de_path}",
    }
    assert alternates(en_post) == expected
    assert alternates(de_post) == expected
    [to_german] = en_post.select(".translations a")
    assert (to_german.get_text(), to_german["lang"], to_german["hreflang"]) == (
        "Auf Deutsch lesen",
        "de",
        "de",
    )
    assert to_german["href"] == f"{SITE}/{de_path}"
    [to_english] = de_post.select(".translations a")
    assert (to_english.get_text(), to_english["lang"]) == ("Read in English", "en")
    assert to_english["href"] == f"{SITE}/{en_path}"
    # The menu's language link leads to the translation too, not to the other language's home.
    assert en_post.select_one('.site-nav a[hreflang="de"]')["href"] == f"{SITE}/{de_path}"
    assert de_post.select_one('.site-nav a[hreflang="en"]')["href"] == f"{SITE}/{en_path}"


def test_each_language_has_its_own_home_archive_and_feed(public_site: BuildRun) -> None:
    german, english = public_posts("de"), public_posts("en")
    assert german and english
    for first, lang, titles in (("index.html", "de", german), ("en/index.html", "en", english)):
        home = public_site.html(first)
        assert home.html["lang"] == lang
        assert sorted(listed_titles(public_site, first)) == sorted(titles)
    for archive, lang, titles in (
        ("archiv/index.html", "de", german),
        ("en/archive/index.html", "en", english),
    ):
        html = public_site.html(archive)
        assert html.html["lang"] == lang
        assert {a.get_text() for a in html.select(".archive-list a")} == titles
        assert not html.select(".archive-list a[lang]")
    assert alternates(public_site.html("en/index.html")) == {
        "de": f"{SITE}/",
        "en": f"{SITE}/en/",
        "x-default": f"{SITE}/",
    }
    assert (
        public_site.html("index.html").select_one('.site-nav a[hreflang="en"]')["href"]
        == f"{SITE}/en/"
    )
    # A post without a translation leads to the other language's home.
    alone = next(
        p.meta["title"]
        for p in sample.posts()
        if p.is_public and p.meta.get("lang") == "en" and not p.meta.get("translation-of")
    )
    _, post = page_of(public_site, "en/archive/index.html", alone)
    assert not post.select(".translations")
    assert post.select_one('.site-nav a[hreflang="de"]')["href"] == f"{SITE}/"
    for lang, titles in (("de", german), ("en", english)):
        feed = ElementTree.parse(public_site.output / "feeds" / f"{lang}.atom.xml").getroot()
        entries = {entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")}
        assert entries and entries <= titles


ORIGINAL = GOOD_POST.replace("Title: Ein guter Beitrag", "Title: Das Original")
DRAFT_TRANSLATION = post_text(
    "The original in English",
    "2026-03-15 09:30",
    "Still a draft.",
    Lang="en",
    Status="draft",
    Translation_of="das-original",
    Summary="Not yet published.",
)
ORPHAN = post_text(
    "A translation of nothing",
    "2026-03-16 09:30",
    "The header names no post.",
    Lang="en",
    Translation_of="das-origina",
    Summary="Its original is misspelt.",
)


def test_a_translation_without_a_published_partner_links_nowhere(tmp_path: Path) -> None:
    from editorial.checks import check_site
    from editorial.config import load_settings

    settings = make_site(
        tmp_path,
        {"original.md": ORIGINAL, "draft.md": DRAFT_TRANSLATION, "orphan.md": ORPHAN},
        'I18N_SITE_TEXT = {"en": {"SITESUBTITLE": "In English."}}\n',
    )
    run = built(tmp_path / "output", settings=str(settings))
    original = run.html("2026/das-original/index.html")
    orphan = run.html("2026/a-translation-of-nothing/index.html")
    draft = run.html("entwuerfe/the-original-in-english/index.html")  # the preview shows drafts
    for page in (original, orphan, draft):
        assert not page.select(".translations") and alternates(page) == {}
    assert run.html("en/index.html").select_one(".lead").get_text() == "In English."
    # `invoke check` names the file and the line of the header that names no post.
    problems = check_site(load_settings(str(settings))).problems
    [problem] = [p for p in problems if p.rule.startswith("translation")]
    assert (Path(problem.path).name, problem.line, problem.rule) == (
        "orphan.md",
        6,
        "translation_missing",
    )
    assert "'Translation-of: das-original'" in problem.fix


def test_each_language_feed_speaks_its_language(public_site: BuildRun) -> None:
    expected = {
        "de": ("Seewerk Gesichter – Beiträge auf Deutsch", f"{SITE}/", "Die Menschen hinter"),
        "en": ("Seewerk Gesichter – Posts in English", f"{SITE}/en/", "The people behind"),
    }
    for lang, (title, home, subtitle) in expected.items():
        feed = ElementTree.parse(public_site.output / "feeds" / f"{lang}.atom.xml").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert feed.findtext(f"{ATOM}title") == title
        assert feed.findtext(f"{ATOM}subtitle").startswith(subtitle)
        assert feed.find(f'{ATOM}link[@rel="alternate"]').get("href") == home
        assert feed.findtext(f"{ATOM}id") == home
    # The feed of every post keeps the site's own texts.
    every = ElementTree.parse(public_site.output / "feeds" / "alle.atom.xml").getroot()
    assert every.findtext(f"{ATOM}title") == "Seewerk Gesichter"
    assert every.findtext(f"{ATOM}subtitle").startswith("Die Menschen hinter")


def test_the_listings_give_their_free_memory_back_once_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import site_i18n.listings

    from devserver.build import build

    output = tmp_path / "output"
    written_then = record_give_backs(monkeypatch, site_i18n.listings, output / "en" / "index.html")
    english = post_text("In English", "2026-03-16 09:30", "An English post.", Lang="en")
    settings = make_site(tmp_path, {"original.md": ORIGINAL, "english.md": english})
    assert not build(str(settings), {"OUTPUT_PATH": str(output)}).failed
    # Once per build, after every language's listings are written.
    assert written_then == [True]
