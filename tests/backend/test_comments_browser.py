"""Comments in real Chromium, script switched off: the static form -> preview -> confirm ->
the pending note, and the moderation page (login, approve, reply) with axe-core."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.backend.comments_support import write_threads
from tests.backend.moderation_support import TOKEN
from tests.browser import axe_violations_of_copy, launch_chromium
from tests.servers import free_port, serve_static, start_backend_process

pytestmark = pytest.mark.browser
FORM_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Ideen für die Kantine</title></head>
<body><main>
<h1>Ideen für die Kantine</h1>
<p id="kommentar-wartet">Ihr Kommentar wartet auf Freigabe</p>
<form method="post" action="{backend}/comments">
<input type="hidden" name="thread" value="posts/2026/kantine">
<input type="hidden" name="_next" value="{site}kantine.html">
<label for="name">Name</label><input id="name" name="name">
<label for="text">Kommentar</label><textarea id="text" name="text"></textarea>
<label for="hp">Leer lassen</label><input id="hp" name="_hp">
<button type="submit">Vorschau</button>
</form></main></body></html>
"""


@dataclass
class Running:
    """The static page and the backend, each on its own origin."""

    site: str
    backend: str
    db: Path


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    """A real uvicorn backend with comments on, and a tiny static page with the form."""
    site_port, backend_port = free_port(), free_port()
    site = f"http://127.0.0.1:{site_port}/"
    backend = f"http://127.0.0.1:{backend_port}"
    (tmp_path / "polls.json").write_text('{"version": 1, "generated": "x", "polls": []}')
    env = {
        "FACES_DB": str(tmp_path / "db.sqlite3"),
        "FACES_MANIFEST": str(tmp_path / "polls.json"),
        "FACES_COMMENTS_MANIFEST": str(write_threads(tmp_path / "threads.json")),
        "FACES_ALLOWED_ORIGINS": site.rstrip("/"),
        "FACES_SECRET": "test-secret-" + "x" * 32,
        "FACES_MODERATION_TOKEN": TOKEN,
        "FACES_FORM_MIN_SECONDS": "0",
        "FACES_STYLESHEETS": "",
    }
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "kantine.html").write_text(FORM_PAGE.format(backend=backend, site=site))
    process = start_backend_process(tmp_path, backend_port, env)
    try:
        with serve_static(folder, site_port):
            yield Running(site, backend, tmp_path / "db.sqlite3")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch_chromium()


def comments(db: Path) -> list[tuple[str, str, str | None, str]]:
    """Return (text, status, profile, id) of every stored comment."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT text, status, profile, id FROM comments ORDER BY received, id"
        ).fetchall()
    finally:
        conn.close()


def write_comment(page: Any, running: Running, text: str) -> None:
    """Write a comment as Lena on the post's form and send it (the backend shows the preview)."""
    page.goto(running.site + "kantine.html")
    page.fill("#name", "Lena")
    page.fill("#text", text)
    page.click("button[type=submit]")


def test_without_script_form_preview_confirm_and_the_pending_note(
    browser: Any, running: Running
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    write_comment(page, running, "Eine Salatbar wäre schön.\n\nUnd <b>mehr</b> Tische.")
    page.wait_for_url(f"{running.backend}/comments")
    assert "Vorschau: so erscheint Ihr Kommentar nach der Freigabe" in page.content()
    assert page.locator("article p").all_inner_texts()[1:] == [
        "Eine Salatbar wäre schön.",
        "Und <b>mehr</b> Tische.",
    ]
    assert axe_violations_of_copy(browser, page) == []
    assert comments(running.db) == []
    page.click("button[type=submit]")
    page.wait_for_selector(".comment__withdraw")
    assert "wartet auf Freigabe" in page.content()
    withdraw = page.locator(".comment__withdraw").get_attribute("href")
    assert withdraw is not None and re.search(
        r"/comments/withdraw/c-[0-9a-f]{12}\?token=", withdraw
    )
    assert axe_violations_of_copy(browser, page) == []
    stored = comments(running.db)
    assert [(text, status) for text, status, _, _ in stored] == [
        ("Eine Salatbar wäre schön.\n\nUnd <b>mehr</b> Tische.", "pending")
    ]
    page.click("text=Zurück zum Beitrag")
    page.wait_for_url(running.site + "kantine.html#kommentar-wartet")
    context.close()


def test_the_moderation_page_works_without_script_and_has_no_axe_violations(
    browser: Any, running: Running
) -> None:
    visitor = browser.new_context(java_script_enabled=False)
    reader = visitor.new_page()
    for text in ("Gute Idee!", "Bitte auch vegan."):
        write_comment(reader, running, text)
        reader.click("button[type=submit]")
        reader.wait_for_selector(".comment__withdraw")
    visitor.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{running.backend}/moderation/comments")
    assert axe_violations_of_copy(browser, page) == []
    page.fill("#token", "falsch-" + "x" * 40)
    page.click("button[type=submit]")
    assert "Schlüssel stimmt nicht" in page.content()
    page.fill("#token", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_selector(".moderation__item")
    assert page.locator(".moderation__item").count() == 2
    assert axe_violations_of_copy(browser, page) == []
    first, second = (row[3] for row in comments(running.db))
    page.locator(f"#item-{first} button", has_text="Freigeben").click()
    page.wait_for_selector(f"#item-{first}", state="detached")
    page.select_option(f"#as-{second}", "anna-muster")
    page.fill(f"#reply-{second}", "Danke, machen wir!")
    page.locator(f"#item-{second} button", has_text="Als Autorin antworten").click()
    page.wait_for_selector("text=Keine Kommentare warten auf Freigabe.")
    assert axe_violations_of_copy(browser, page) == []
    assert [(text, status, profile) for text, status, profile, _ in comments(running.db)] == [
        ("Gute Idee!", "approved", None),
        ("Bitte auch vegan.", "approved", None),
        ("Danke, machen wir!", "approved", "anna-muster"),
    ]
    context.close()
