"""Write a post and edit a profile in the web editor, in real Chromium, against the local proxy."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.browser import axe_violations, watched_page
from tests.html_check import vnu_errors
from tests.sites import run_invoke
from tests.web_editor.conftest import EditorSite

pytestmark = pytest.mark.browser

TITLE = "Qualität am Lastesel: Wie prüfen wir Schweißnähte?"
SLUG = "qualitaet-am-lastesel-wie-pruefen-wir-schweissnaehte"
POLL = (
    "```poll\nid: naehte-2026\nquestion: Welche Prüfung zeigen wir als Nächstes?\n"
    "options:\n  - id: ultraschall\n    label: Ultraschall\n  - id: roentgen\n"
    "    label: Röntgen\nmultiple: false\n```"
)


@pytest.fixture
def editor(browser: Any, editor_site: EditorSite) -> Iterator[tuple[Any, Any]]:
    """The editor page after signing in to the local proxy, and what the page requested."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page, watch = watched_page(context, editor_site.base)
    page.goto(f"{editor_site.base}/redaktion/")
    page.get_by_role("button", name="Editor öffnen").click()
    page.get_by_text("Beiträge").first.wait_for()
    yield page, watch
    context.close()


def choose(page: Any, label: str, option: str) -> None:
    """Pick an option of a select or relation field by typing and choosing it."""
    page.get_by_label(label, exact=True).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option).first.click()


def add_poll(page: Any, poll_id: str, question: str, answers: list[str]) -> None:
    """Insert a poll into the text through the editor's poll widget ("+" -> "Umfrage")."""
    page.locator("button[title='Komponente hinzufügen']").click()
    page.get_by_role("menuitem", name="Umfrage").click()
    page.get_by_label("Kennung (nur a-z, 0-9, -)").fill(poll_id)
    page.get_by_label("Frage", exact=True).fill(question)
    for answer in answers:
        page.get_by_role("button", name="antworten hinzufügen").click()
        page.get_by_label("Antwort", exact=True).last.fill(answer)


def save(page: Any) -> None:
    """Press the save button ('Speichern', then 'Jetzt speichern': no board, a draft file)."""
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.get_by_text("Jetzt speichern").click()


def wait_for_file(path: Path, timeout: float = 20.0) -> str:
    """The file's text once the proxy has written it completely (it does not write atomically)."""
    deadline = time.monotonic() + timeout
    while not path.exists() or not path.stat().st_size:
        assert time.monotonic() < deadline, f"{path} was not written"
        time.sleep(0.05)
    return path.read_text(encoding="utf-8", errors="replace")


def test_a_post_written_in_the_browser_is_a_post_invoke_check_accepts(
    editor: tuple[Any, Any], editor_site: EditorSite, tmp_path: Path
) -> None:
    page, watch = editor
    photo = tmp_path / "schweissnaht-probe.jpg"
    Image.new("RGB", (64, 48), (180, 90, 40)).save(photo, exif=b"Exif\x00\x00")
    page.goto(f"{editor_site.base}/redaktion/#/collections/posts/new")
    page.get_by_label("Titel", exact=True).fill(TITLE)
    page.get_by_label("Kurzfassung").fill("Drei Kolleginnen zeigen, wie eine Naht geprüft wird.")
    choose(page, "Kategorie", "Technik")
    choose(page, "Autorinnen und Autoren", "Anja Seidel")
    page.get_by_text("Wähle ein Bild").click()
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    page.get_by_label("Bildbeschreibung").fill("Eine Schweißnaht im Gegenlicht.")
    page.get_by_label("Bildnachweis").fill("Foto: Seewerk Velo AG")
    page.locator(".cms-editor-visual [contenteditable=true]").click()
    page.keyboard.type("Wir prüfen jede Naht zweimal.")
    add_poll(
        page, "naehte-2026", "Welche Prüfung zeigen wir als Nächstes?", ["Ultraschall", "Röntgen"]
    )
    preview = page.frame_locator("iframe").first
    preview.get_by_role("heading", name=TITLE).wait_for()
    preview.get_by_text("Welche Prüfung zeigen wir als Nächstes?").wait_for()
    assert preview.locator("link[href='/theme/css/site.css']").count() == 1
    save(page)

    year = time.strftime("%Y")
    text = wait_for_file(editor_site.content / "posts" / year / f"{SLUG}.md")
    header, _, body = text.partition("\n\n")
    assert header.splitlines() == [
        f"Title: {TITLE}",
        f"Id: {year}-{SLUG}",
        *[line for line in header.splitlines() if line.startswith("Date: ")],
        "Category: Technik",
        "Author: anja-seidel",
        "Lang: de",
        "Summary: Drei Kolleginnen zeigen, wie eine Naht geprüft wird.",
        f"Submitted: {time.strftime('%Y-%m-%d')}",
        "Image: images/schweissnaht-probe.jpg",
        "Image-alt: Eine Schweißnaht im Gegenlicht.",
        "Image-credit: Foto: Seewerk Velo AG",
        "Visibility: public",
        "Status: draft",
    ]
    assert body == f"Wir prüfen jede Naht zweimal.\n\n{POLL}\n", body
    # The picture is written next to the post, in the same request.
    wait_for_file(editor_site.content / "images" / "schweissnaht-probe.jpg")
    checked = run_invoke("check", "--settings", str(editor_site.settings))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # Nothing but the site and the local proxy, both on this machine.
    assert {url.split("/")[2].split(":")[0] for url in watch.requests} == {"127.0.0.1"}


@pytest.mark.parametrize(
    ("left_out", "refusal"),
    [("title", "Titel ist erforderlich."), ("authors", "Autorinnen und Autoren ist erforderlich.")],
)
def test_a_post_without_title_or_author_is_refused_in_german(
    editor: tuple[Any, Any], editor_site: EditorSite, left_out: str, refusal: str
) -> None:
    page, _ = editor
    before = sorted(editor_site.content.rglob("*.md"))
    page.goto(f"{editor_site.base}/redaktion/#/collections/posts/new")
    if left_out != "title":
        page.get_by_label("Titel", exact=True).fill("Ein Beitrag ohne Autorin")
    page.get_by_label("Kurzfassung").fill("Eine Kurzfassung.")
    choose(page, "Kategorie", "Ideen")
    if left_out != "authors":
        choose(page, "Autorinnen und Autoren", "Anja Seidel")
    save(page)
    page.get_by_text(refusal).first.wait_for()
    assert sorted(editor_site.content.rglob("*.md")) == before


def test_a_profile_is_edited_without_any_consent_field(
    editor: tuple[Any, Any], editor_site: EditorSite
) -> None:
    page, _ = editor
    profile = editor_site.content / "authors" / "nadine-koch.md"
    original = profile.read_text(encoding="utf-8")
    page.goto(f"{editor_site.base}/redaktion/#/collections/profiles/entries/nadine-koch")
    labels = page.locator("label").all_inner_texts()
    assert not [
        label for label in labels if "consent" in label.lower() or "einwillig" in label.lower()
    ]
    page.get_by_label("Rolle").fill("Leiterin Kommunikation")
    # The caret after the last word of the text, as a person puts it there with the mouse.
    text = page.locator(".cms-editor-visual [contenteditable=true]")
    text.get_by_text("jetzt jeder benutzt.", exact=False).wait_for()
    text.locator("p").last.scroll_into_view_if_needed()
    last = text.locator("p").last.bounding_box()
    page.mouse.click(last["x"] + last["width"] - 2, last["y"] + last["height"] - 4)
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Seit Dezember leite ich die Kommunikation.")
    text.get_by_text("Seit Dezember leite ich die Kommunikation.").wait_for()
    save(page)
    role = next(line for line in original.splitlines() if line.startswith("Role: "))
    expected = (
        original.replace(role, "Role: Leiterin Kommunikation").rstrip()
        + "\n\nSeit Dezember leite ich die Kommunikation.\n"
    )
    deadline = time.monotonic() + 20
    while profile.read_text(encoding="utf-8") != expected:
        assert time.monotonic() < deadline, profile.read_text(encoding="utf-8")
        time.sleep(0.05)


def test_our_pages_around_the_editor_are_accessible_and_valid(
    browser: Any, editor_site: EditorSite
) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    for guide, name in (("mitmachen", "Im Browser schreiben"), ("join-in", "Write in the browser")):
        page.goto(f"{editor_site.base}/{guide}/")
        link = page.get_by_role("link", name=name)
        assert link.get_attribute("href") == "/redaktion/"
        assert axe_violations(page) == [], guide
    # On a phone the editor page says plainly that it needs a wider screen, and what works.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{editor_site.base}/redaktion/")
    notice = page.get_by_role("heading", name="Für den Editor ist dieser Bildschirm zu schmal")
    notice.wait_for()
    ways = page.get_by_role("main").get_by_role("link")
    assert [(a.inner_text(), a.get_attribute("href")) for a in ways.all()] == [
        ("Geschichte vorschlagen", "/geschichte-vorschlagen/"),
        ("Anleitung «Mitmachen»", "/mitmachen/"),
        ("Zurück zum Blog", "/"),
    ]
    assert page.locator("#nc-root").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    assert not [url for url in requested if "decap-cms" in url], "a phone loads Decap"
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    page.get_by_role("button", name="Editor öffnen").wait_for()
    assert notice.is_hidden()
    for guide in ("mitmachen", "join-in"):
        page.goto(f"{editor_site.base}/{guide}/")
        assert axe_violations(page) == [], guide
    page.close()
    assert vnu_errors([editor_site.output / "redaktion" / "index.html"]) == []
    without_script = browser.new_page(java_script_enabled=False)
    without_script.goto(f"{editor_site.base}/redaktion/")
    assert "Der Editor braucht JavaScript." in without_script.inner_text("body")
    without_script.close()
