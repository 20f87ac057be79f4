"""The real preview after edits: removed posts answer 404, broken posts show their errors."""

from __future__ import annotations

import http.client
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from devserver.preview_builds import FROM_KEPT_BUILD, PELICAN_PASS
from tests.devserver.live import BUILD_TIMEOUT, LivePreview, post, start_live_preview
from tests.sites import ROOT

GONE = "/2026/bald-weg/"
POSTS = {"bald-weg.md": post("Bald weg", "Dieser Beitrag verschwindet gleich.")}


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[LivePreview]:
    running = start_live_preview(tmp_path, POSTS)
    yield running
    running.stop()


def quick_steps(preview: LivePreview) -> list[str]:
    """How each quick step so far made its pages, from the preview's log."""
    log = preview.log.read_text(encoding="utf-8")
    return [
        line.split("Quick step ", 1)[1].split(" in ")[0]
        for line in log.splitlines()
        if line.startswith("Quick step ")
    ]


def links(page: str) -> set[str]:
    """The link targets on a page."""
    return {a["href"] for a in BeautifulSoup(page, "html.parser").find_all("a", href=True)}


def test_a_deleted_post_is_gone_from_the_preview(preview: LivePreview) -> None:
    assert preview.get(GONE).status_code == 200
    assert GONE in links(preview.get("/").text)
    (preview.posts / "bald-weg.md").unlink()
    message = preview.next_build()
    assert preview.get(GONE).status_code == 404
    assert GONE not in links(preview.get("/").text)
    # The browser that shows the deleted post is told to reload (and then gets the 404).
    assert GONE + "index.html" in message["paths"]


@pytest.mark.parametrize(
    ("change", "new_url"),
    [
        ("Slug: neu-benannt", "/2026/neu-benannt/"),
        ("Status: draft", "/entwuerfe/bald-weg/"),
        ("Visibility: internal", None),
    ],
    ids=["renamed", "draft", "internal"],
)
def test_a_post_moved_or_withdrawn_leaves_no_page_behind(
    preview: LivePreview, change: str, new_url: str | None
) -> None:
    (preview.posts / "bald-weg.md").write_text(post("Bald weg", extra=change), encoding="utf-8")
    preview.next_build()
    assert preview.get(GONE).status_code == 404
    assert GONE not in links(preview.get("/").text)
    if new_url:
        assert preview.get(new_url).status_code == 200


def test_a_renamed_file_moves_its_page(preview: LivePreview) -> None:
    (preview.posts / "bald-weg.md").rename(preview.posts / "umbenannt.md")
    (preview.posts / "umbenannt.md").write_text(post("Umbenannt"), encoding="utf-8")
    preview.next_build()
    assert preview.get(GONE).status_code == 404
    assert preview.get("/2026/umbenannt/").status_code == 200


def shows_from_kept_build_then_in_full(preview: LivePreview, text: str) -> None:
    """The quick step writes only the edited post's page, from the kept build; then the full."""
    quick = preview.next_build(full=False)
    assert quick["paths"] == [GONE + "index.html"]
    assert text in preview.get(GONE).text
    # Rendered from the build the preview keeps, not by another Pelican pass over every post.
    assert quick_steps(preview) == [FROM_KEPT_BUILD]
    full = preview.next_build(full=True)
    assert "/index.html" in full["paths"]


def test_a_simple_edit_takes_the_quick_step_first(preview: LivePreview) -> None:
    edited = post("Bald weg", "Frisch geändert im schnellen Schritt.")
    (preview.posts / "bald-weg.md").write_text(edited, encoding="utf-8")
    # Only the edited page, from the kept build: a quick step that quietly built the whole
    # site would have rewritten the front page too (it shows the post's opening words).
    shows_from_kept_build_then_in_full(preview, "Frisch geändert im schnellen Schritt.")
    # A changed header changes other pages too: the quick step is a Pelican pass then.
    edited = post("Bald weg", "Frisch geändert im schnellen Schritt.", extra="Summary: Neu.")
    (preview.posts / "bald-weg.md").write_text(edited, encoding="utf-8")
    assert preview.next_build(full=False)["paths"] == [GONE + "index.html"]
    assert quick_steps(preview) == [FROM_KEPT_BUILD, PELICAN_PASS]
    assert "Neu." in preview.get(GONE).text


def test_a_save_during_the_full_build_is_shown_before_that_build_ends(
    preview: LivePreview,
) -> None:
    source = preview.posts / "bald-weg.md"
    source.write_text(post("Bald weg", "Erster Stand."), encoding="utf-8")
    preview.next_build(full=False)
    # The full build for the first save has just begun (it takes a second or more).
    source.write_text(post("Bald weg", "Zweiter Stand."), encoding="utf-8")
    second = preview.messages.get(timeout=BUILD_TIMEOUT)
    assert (second["full"], second["paths"]) == (False, [GONE + "index.html"])
    assert "Zweiter Stand." in preview.get(GONE).text
    assert quick_steps(preview) == [FROM_KEPT_BUILD, FROM_KEPT_BUILD]
    # The full builds that follow end with the second save's text, not the first's.
    preview.next_build(full=True)
    source.write_text(post("Bald weg", "Dritter Stand."), encoding="utf-8")
    preview.next_build(full=True)
    assert "Dritter Stand." in preview.get(GONE).text


def test_a_template_change_renders_the_page_a_browser_shows_first(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    running = start_live_preview(
        tmp_path, POSTS, settings=f"THEME = {str(theme)!r}\n", watch_also=(theme,)
    )
    connection = http.client.HTTPConnection(running.origin.removeprefix("http://"), timeout=60)
    try:
        # A browser showing the post: its reload script names the page it shows.
        connection.request("GET", f"/__reload?page={GONE}")
        stream = connection.getresponse()
        assert stream.readline().startswith(b"data:")  # connected and counted
        base = theme / "templates" / "base.html"
        text = base.read_text(encoding="utf-8")
        base.write_text(text.replace("</footer>", "<p>Neu im Fuss.</p></footer>", 1), "utf-8")
        shows_from_kept_build_then_in_full(running, "Neu im Fuss.")
        assert "Neu im Fuss." in running.get("/").text
    finally:
        connection.close()
        running.stop()


BROKEN = [
    (
        "Date: 2026-13-45",
        2,
        "'2026-13-45' im Feld 'Date' ist kein gültiges Datum.",
        "Jahr-Monat-Tag",
    ),
    ("", 4, "Das Pflichtfeld 'Title' fehlt.", "Ergänzen Sie im Kopf der Datei eine Zeile"),
]


def break_post(preview: LivePreview, header_line: str, field_name: str = "") -> None:
    """Replace the header line of the field (of header_line) by header_line; "" deletes it."""
    text = post("Bald weg", "Dieser Beitrag verschwindet gleich.")
    field_name = field_name or header_line.split(":", 1)[0]
    lines = []
    for line in text.split("\n"):
        if not line.startswith(field_name + ":"):
            lines.append(line)
        elif header_line:
            lines.append(header_line)
    (preview.posts / "bald-weg.md").write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("header_line", "line", "message", "fix"), BROKEN, ids=["bad-date", "no-title"]
)
def test_a_broken_post_shows_its_error_until_fixed(
    preview: LivePreview, header_line: str, line: int, message: str, fix: str
) -> None:
    break_post(preview, header_line, "Title" if not header_line else "")
    built = preview.next_build()
    assert built["state"]
    assert GONE + "index.html" in built["paths"]
    page = preview.get(GONE)
    assert page.status_code == 500
    overlay = BeautifulSoup(page.text, "html.parser").find(id="faces-preview-problems")
    assert overlay is not None
    assert overlay.find(attrs={"role": "alert"}) is not None
    text = overlay.get_text(" ", strip=True)
    assert f"content/posts/bald-weg.md:{line}" in text
    assert message in text and fix in text
    # Every other page carries the overlay too.
    assert BeautifulSoup(preview.get("/").text, "html.parser").find(id="faces-preview-problems")

    (preview.posts / "bald-weg.md").write_text(post("Bald weg", "Wieder heil."), encoding="utf-8")
    mended = preview.next_build()
    assert mended["state"] == "" and mended["overlay"] == ""
    assert GONE in mended["paths"] or GONE + "index.html" in mended["paths"]
    page = preview.get(GONE)
    assert page.status_code == 200 and "Wieder heil." in page.text
    assert BeautifulSoup(page.text, "html.parser").find(id="faces-preview-problems") is None


HOSTILE = '<img src=x onerror="document.title=1"><script>alert(1)</script>&amp;'


def test_author_text_in_an_error_is_shown_as_text(preview: LivePreview) -> None:
    break_post(preview, f"Date: {HOSTILE}")
    # A file name is author text too.
    hostile_name = '<svg onload="alert(1)">".md'
    (preview.posts / hostile_name).write_text(post("Name", extra="Status: <i>xx</i>"), "utf-8")
    preview.next_build()
    for path in (GONE, "/"):
        soup = BeautifulSoup(preview.get(path).text, "html.parser")
        overlay = soup.find(id="faces-preview-problems")
        assert overlay is not None
        assert not overlay.find_all(["img", "script", "svg", "i"])
        text = overlay.get_text()
        assert HOSTILE in text
        assert f"content/posts/{hostile_name}:" in text and "'<i>xx</i>'" in text


def test_errors_are_reported_in_english_when_the_site_says_so(tmp_path: Path) -> None:
    preview = start_live_preview(tmp_path, POSTS, language="en")
    try:
        break_post(preview, "Date: someday")
        preview.next_build()
        soup = BeautifulSoup(preview.get("/").text, "html.parser")
        text = soup.find(id="faces-preview-problems").get_text(" ", strip=True)
        assert "1 error in the content" in text
        assert "'someday' in the field 'Date' is not a valid date." in text
        assert "How to fix it: Write the date as year-month-day" in text
    finally:
        preview.stop()


def test_a_build_that_stops_keeps_the_last_good_site_and_says_why(tmp_path: Path) -> None:
    old_page = tmp_path / "output" / "2026" / "bald-weg" / "index.html"
    old_page.parent.mkdir(parents=True)
    old_page.write_text("<html><body><main>Letzter guter Stand</main></body></html>")
    preview = start_live_preview(tmp_path, POSTS, settings="PLUGINS = ['kein_solches_plugin']\n")
    try:
        page = preview.get(GONE)
        assert page.status_code == 200
        soup = BeautifulSoup(page.text, "html.parser")
        assert soup.main.get_text() == "Letzter guter Stand"
        text = soup.find(id="faces-preview-problems").get_text(" ", strip=True)
        assert "Der Build wurde abgebrochen:" in text and "kein_solches_plugin" in text
    finally:
        preview.stop()


def test_a_rebuild_that_fails_outside_pelican_is_shown_and_the_next_save_recovers(
    preview: LivePreview,
) -> None:
    # A file where the fresh folder for the full build belongs makes that build fail.
    blocker = preview.folder / "output-preview-build"
    blocker.write_text("im Weg", encoding="utf-8")
    (preview.posts / "bald-weg.md").write_text(post("Bald weg", "Zweiter Stand."), "utf-8")
    failed = preview.next_build()
    assert "Die Vorschau konnte nicht neu bauen" in failed["overlay"]
    soup = BeautifulSoup(preview.get("/").text, "html.parser")
    assert "Die Vorschau konnte nicht neu bauen" in soup.find(id="faces-preview-problems").text

    blocker.unlink()
    (preview.posts / "bald-weg.md").write_text(post("Bald weg", "Dritter Stand."), "utf-8")
    recovered = preview.next_build()
    assert recovered["overlay"] == ""
    assert "Dritter Stand." in preview.get(GONE).text
