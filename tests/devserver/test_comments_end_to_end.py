"""Issue 15 end to end: the editors' preview (a real build, the real backend on one origin).

A reader comments without JavaScript in real Chromium and sees the pending note; an editor
approves by the command line and the author replies there; with JavaScript the approved
comments appear on the built page at once (the live merge); after `comments pull` the
preview rebuilds and the comments are part of the page itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from faces_backend.cli import main
from tests.browser import PageWatch
from tests.devserver.live import LivePreview, post, start_live_preview

pytestmark = pytest.mark.browser

THREAD = "kantine-2026"
URL = "/2026/ideen-fuer-die-kantine/"
POSTS = {"kantine.md": post("Ideen für die Kantine", "Was essen wir 2027?", extra=f"Id: {THREAD}")}
COMMENT = "Eine Salatbar wäre schön.\n\nUnd länger offen am Freitag."
REPLY = "Danke, die Salatbar kommt im März."
# The preview page's confirm follows at once here; a person takes longer than the default 3 s.
BACKEND = {"FACES_FORM_MIN_SECONDS": "0"}


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[LivePreview]:
    running = start_live_preview(tmp_path, POSTS, backend=BACKEND)
    yield running
    running.stop()


def moderate(preview: LivePreview, *argv: str) -> None:
    """Run `python -m faces_backend comments ...` on the preview's database and manifest."""
    environ = {
        "FACES_DB": str(preview.folder / "preview.sqlite3"),
        "FACES_COMMENTS_MANIFEST": str(preview.folder / "output" / "comments" / "manifest.json"),
    }
    assert main(["comments", *argv], environ) == 0


def comment_texts(html: str) -> list[str]:
    """The text of every comment on a page, in page order."""
    page = BeautifulSoup(html, "html.parser")
    return [item.get_text(" ", strip=True) for item in page.select("li.comment")]


def send_without_script(browser: Any, preview: LivePreview) -> tuple[str, Any]:
    """Comment as a reader without JavaScript; return the comment id and the open page."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(preview.origin + URL)
    form = page.locator("form.comments__form").first
    form.locator("input[name=name]").fill("Lena")
    form.locator("textarea[name=text]").fill(COMMENT)
    form.locator("button[type=submit]").click()
    # The backend's own page: the comment as it will look, and the button that sends it.
    assert page.locator("#preview-title").inner_text().startswith("Vorschau")
    assert "Und länger offen am Freitag." in page.locator(".comment--preview").inner_text()
    page.locator(".comment--preview button[type=submit]").click()
    withdraw = page.locator("a.comment__withdraw").get_attribute("href")
    found = re.search(r"/api/comments/withdraw/(c-[0-9a-f]{12})\?token=", withdraw or "")
    assert found, withdraw
    page.get_by_role("link", name="Zurück zum Beitrag").click()
    return found.group(1), page


def test_a_comment_goes_from_the_form_to_the_built_page(browser: Any, preview: LivePreview) -> None:
    manifest = preview.get("/comments/manifest.json").json()
    threads = {t["id"]: (t["path"], t["open"]) for t in manifest["threads"]}
    assert threads == {THREAD: (URL, True), "posts/good": ("/2026/ein-guter-beitrag/", True)}
    comment_id, page = send_without_script(browser, preview)
    assert page.url == preview.origin + URL + "#kommentar-wartet"
    assert page.locator("#kommentar-wartet").is_visible()
    assert "Ihr Kommentar wartet auf Freigabe" in page.locator("#kommentar-wartet").inner_text()
    page.context.close()
    # Pending: neither on the page nor in the live list.
    assert preview.get(f"/api/comments/{THREAD}").json()["comments"] == []

    moderate(preview, "approve", comment_id)
    moderate(preview, "reply", comment_id, "--as", "miriam-keller", "--text", REPLY)

    # Live: the built page (no comment in its HTML yet) shows both through its script.
    assert comment_texts(preview.get(URL).text) == []
    context = browser.new_context()
    live = context.new_page()
    watch = PageWatch(preview.origin)
    watch.attach(live)
    live.goto(preview.origin + URL)
    live.locator(f"#{comment_id}").wait_for()
    live.get_by_text(REPLY).wait_for()
    assert REPLY in live.locator(f"#{comment_id} .comment__replies").inner_text()
    assert watch.console_errors == []
    context.close()

    # Pulled into the content folder, the preview rebuilds: the comments are in the page.
    data = preview.folder / "content" / "data"
    moderate(
        preview,
        "pull",
        "--folder",
        str(data / "comments"),
        "--figures",
        str(data / "comment-figures.json"),
    )
    stored = json.loads((data / "comments" / f"{THREAD}.json").read_text(encoding="utf-8"))
    assert [(c["parent"], c["text"]) for c in stored["comments"]] == [
        (None, COMMENT),
        (comment_id, REPLY),
    ]
    preview.next_build()
    texts = comment_texts(preview.get(URL).text)
    assert len(texts) == 2
    assert "Eine Salatbar wäre schön." in texts[0] and REPLY in texts[0] and REPLY in texts[1]
