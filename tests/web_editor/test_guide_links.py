"""The editor and its guide ("Mitmachen", "Join in") link each other, in the editor's language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from devserver.site_settings import settings_over
from tests.sites import ROOT, BuildRun, built


def _narrow_notice_links(run: BuildRun) -> list[tuple[str, str]]:
    """The links of the editor page's phone notice: text and address."""
    notice = run.html("redaktion/index.html").select_one("main")
    return [(a.get_text(strip=True), a["href"]) for a in notice.select("a")]


def _editor_link(run: BuildRun, page: str) -> tuple[str, str] | None:
    """The guide's link to the editor, if the page has one: text and address."""
    link = run.html(f"{page}/index.html").select_one(".page__editor-link a")
    return (link.get_text(strip=True), link["href"]) if link else None


@pytest.fixture(scope="module")
def english_editor(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The sample site built with the editor in English (its content only read)."""
    folder = tmp_path_factory.mktemp("english-editor")
    settings = folder / "site.py"
    settings.write_text(
        settings_over(ROOT / "content", cache=folder / "cache", WEB_EDITOR_LOCALE="en"),
        encoding="utf-8",
    )
    return built(folder / "output", settings=str(settings))


def test_both_versions_of_the_guide_link_to_the_editor_in_their_language(
    preview_site: BuildRun,
) -> None:
    assert _editor_link(preview_site, "mitmachen") == ("Im Browser schreiben", "/redaktion/")
    assert _editor_link(preview_site, "join-in") == ("Write in the browser", "/redaktion/")
    assert _editor_link(preview_site, "datenschutz") is None


def test_the_german_editor_sends_a_phone_to_mitmachen(preview_site: BuildRun) -> None:
    assert _narrow_notice_links(preview_site) == [
        ("Geschichte vorschlagen", "/geschichte-vorschlagen/"),
        ("Anleitung «Mitmachen»", "/mitmachen/"),
        ("Zurück zum Blog", "/"),
    ]


def test_the_english_editor_sends_a_phone_to_join_in(english_editor: BuildRun) -> None:
    assert _narrow_notice_links(english_editor) == [
        ("Suggest a story", "/geschichte-vorschlagen/"),
        ("The “Join in” guide", "/join-in/"),
        ("Back to the blog", "/"),
    ]


def test_a_site_without_an_english_guide_keeps_the_german_one(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    for page in ("mitmachen.md", "redaktionsleitfaden.md"):
        shutil.copyfile(ROOT / "content" / "pages" / page, content / "pages" / page)
    settings = tmp_path / "site.py"
    settings.write_text(
        settings_over(content, cache=tmp_path / "cache", WEB_EDITOR_LOCALE="en"), "utf-8"
    )
    run = built(tmp_path / "output", settings=str(settings))
    assert ("The “Join in” guide", "/mitmachen/") in _narrow_notice_links(run)
