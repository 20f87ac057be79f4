"""Hostile text in every field of a post, page, profile and poll is written inert.

Assertions read the RAW written HTML where escaping is the point: a parser would turn a raw
`&` or a stray `<img …>` into something that looks harmless.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests import hostile_site
from tests.hostile_site import OPTION_LABEL, PAYLOADS, SUGGESTION, SUMMARY_WITH_QUOTES
from tests.sites import BuildRun

# What a payload looks like when it got out: live tags and handlers, never their escaped text.
LIVE_MARKUP = re.compile(r"<script>alert|<img src=x|<svg onload|<!-- \{\{|href=\"javascript:")
GERMAN_POST = "2026/deutsch-title-alerttitle-alerttitle/index.html"
ENGLISH_POST = "2026/english-title-en-alerttitle-en-alerttitle-en/index.html"


@pytest.fixture
def hostile(served_hostile: tuple[str, BuildRun]) -> BuildRun:
    """The hostile site as the preview builds it and as strict publishing builds it."""
    # The builds tests/test_escaping_browser.py serves (tests/conftest.py); only their files count.
    return served_hostile[1]


def raw(run: BuildRun, page: str) -> str:
    return (run.output / page).read_text(encoding="utf-8")


def test_no_page_carries_live_markup_from_any_field(hostile: BuildRun) -> None:
    pages = hostile.pages()
    assert len(pages) >= 20, pages  # posts, pages, listings with page 2, people, transparency
    leaks = {
        str(page): LIVE_MARKUP.findall(raw(hostile, str(page)))
        for page in pages
        if LIVE_MARKUP.search(raw(hostile, str(page)))
    }
    assert leaks == {}


def test_payloads_arrive_as_visible_text(hostile: BuildRun) -> None:
    heading = hostile.html(GERMAN_POST).select_one("h1.post__title").get_text()
    assert heading == "Deutsch " + hostile_site.hostile("title")
    assert "{{ 7*7 }}" in heading  # shown as typed, never evaluated


def test_option_label_ampersand_is_written_as_entity(hostile: BuildRun) -> None:
    page = raw(hostile, GERMAN_POST)
    assert page.count("Kaffee &amp; Kuchen") == 2  # the open (or read-only) poll and the results
    assert OPTION_LABEL not in page


def test_approved_suggestion_is_written_escaped(hostile: BuildRun) -> None:
    page = raw(hostile, GERMAN_POST)
    escaped = "&lt;img src=x onerror=alert(&#39;suggestion&#39;)&gt;"
    assert page.count(f"<li>{escaped}</li>") == 2  # in both polls
    assert SUGGESTION not in page


@pytest.mark.parametrize(
    ("selector", "attributes"),
    [
        ('meta[name="description"]', {"name", "content"}),
        ('meta[property="og:description"]', {"property", "content"}),
    ],
)
def test_description_with_quotes_stays_in_its_attribute(
    hostile: BuildRun, selector: str, attributes: set[str]
) -> None:
    page = raw(hostile, GERMAN_POST)
    [meta] = BeautifulSoup(page, "html.parser").select(selector)
    assert set(meta.attrs) == attributes
    assert meta["content"].startswith(SUMMARY_WITH_QUOTES + " summary: ")
    assert 'content="Ein &#34;Zitat&#34; im Summary summary: ' in page


def test_entities_in_summary_are_never_decoded_into_tags(hostile: BuildRun) -> None:
    for page in (GERMAN_POST, "index.html", "archiv/index.html"):
        assert "<script>alert('entity')" not in raw(hostile, page), page
    description = hostile.html(GERMAN_POST).select_one('meta[name="description"]')["content"]
    assert description.endswith("<script>alert('entity')</script>")  # as text in the attribute


def test_json_ld_survives_script_closing_payloads(hostile: BuildRun) -> None:
    for page, title in (
        (GERMAN_POST, "Deutsch " + hostile_site.hostile("title")),
        (ENGLISH_POST, "English " + hostile_site.hostile("title-en")),
    ):
        text = raw(hostile, page)
        # The first </script> must be the one that closes the block.
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
        assert block, page
        data = json.loads(block.group(1))
        assert data["headline"] == title
        assert data["author"][0]["name"] == "Miriam " + hostile_site.hostile("name")
        assert not re.search(r"[<>&]", block.group(1))


def test_person_json_ld_survives_script_closing_payloads(hostile: BuildRun) -> None:
    text = raw(hostile, "menschen/miriam-keller/index.html")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert block
    data = json.loads(block.group(1))
    assert data["name"] == "Miriam " + hostile_site.hostile("name")
    assert data["jobTitle"] == hostile_site.hostile("role")


@pytest.mark.parametrize(
    ("page", "locale"),
    [(GERMAN_POST, "de_CH"), (ENGLISH_POST, "en_GB"), ("index.html", "de_CH")],
)
def test_og_locale_follows_the_language_of_the_page(
    hostile: BuildRun, page: str, locale: str
) -> None:
    [meta] = hostile.html(page).select('meta[property="og:locale"]')
    assert meta["content"] == locale


def test_payloads_reach_every_kind_of_page(hostile: BuildRun) -> None:
    """The hostile fields really stand on every page type (else the tests above prove little)."""
    where = {
        "index.html": "title",
        "en/index.html": "title-en",  # the English post stands in the English section
        "archiv/index.html": "title",
        "kategorie/index.html": "category",
        "thema/index.html": "tag",
        "menschen/index.html": "department",
        "menschen/miriam-keller/index.html": "photo-credit",
        "menschen/miriam-keller/seite/2/index.html": "name",
        "transparenz/index.html": "closed-question",
        "ueber-uns/index.html": "page-ueber-uns",
        "404.html": "page-impressum",
    }
    if hostile.output.parent.name.startswith("preview"):  # the editors' review page
        where["entwuerfe/index.html"] = "draft-title"
    for page, field in where.items():
        text = hostile.html(page).get_text()
        assert f"{field}: <script>alert('{field}')</script>" in text, page
    assert len(PAYLOADS) == 5


def test_bio_keeps_its_text_and_loses_scripts_and_script_links(hostile: BuildRun) -> None:
    bio = hostile.html("menschen/miriam-keller/index.html").select_one(".person__bio")
    assert bio.get_text().startswith("Bio bio: ")
    assert bio.select("script, img, svg") == []
    assert [link.get("href") for link in bio.select("a")] == [None]  # javascript: dropped


def test_autoescaping_off_is_refused_with_a_plain_message(tmp_path: Path) -> None:
    from tests.minisite import make_site
    from tests.sites import run_build

    settings = make_site(
        tmp_path,
        {},
        'JINJA_ENVIRONMENT = {**JINJA_ENVIRONMENT, "autoescape": False}\n',
    )
    run = run_build(tmp_path / "output", settings=str(settings))
    assert run.returncode != 0
    assert "JINJA_ENVIRONMENT['autoescape'] has value False. Expected True" in run.log
    assert "Traceback (most recent call last)" not in run.log


def test_hostile_pages_are_still_valid_html(hostile: BuildRun) -> None:
    from tests.html_check import vnu_errors

    assert vnu_errors([hostile.output / page for page in hostile.pages()]) == []
