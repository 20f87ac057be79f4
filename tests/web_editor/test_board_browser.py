"""The editorial board end to end: decap-server's git mode on a throwaway clone, in Chromium.

A post goes Entwurf -> Zur Überprüfung -> Abgeschlossen -> Veröffentlichen; each step is
checked where it lands (a cms/ branch, its description, the merge into main), and the
merged file must be what `invoke check` and the transparency page's review figures count.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from editorial.config import load_settings
from pelican.contents import Article
from pelican.readers import Readers
from transparency.editorial import editorial_figures
from transparency.posts import collect_posts

from tests.sites import run_invoke
from tests.web_editor.conftest import BoardSite
from tests.web_editor.test_editor_browser import choose

pytestmark = pytest.mark.browser

TITLE = "Wie wir Laufräder im Winter lagern"
POST = f"content/posts/{time.strftime('%Y')}/wie-wir-laufraeder-im-winter-lagern.md"
BRANCH = "cms/" + POST.removeprefix("content/").removesuffix(".md")
DESCRIPTION = f"branch.{BRANCH}.description"
REFUSAL = "Veröffentlichen fehlgeschlagen: Der Beitrag ist noch nicht freigegeben."


def wait_until(what: str, found: Callable[[], Any], timeout: float = 20.0) -> Any:
    """found()'s first true answer; fails naming `what` when none came in time."""
    deadline = time.monotonic() + timeout
    while not (answer := found()):
        assert time.monotonic() < deadline, f"waited in vain for {what}"
        time.sleep(0.05)
    return answer


def column(board: BoardSite) -> str:
    """The board column git records for the post's branch ('' once the branch is gone)."""
    return board.git("config", "--default", "", "--get", DESCRIPTION).strip()


def header(text: str) -> list[str]:
    """The header lines of a post file."""
    return text.partition("\n\n")[0].splitlines()


def move_to(page: Any, board: BoardSite, shown: str, choice: str, label: str) -> None:
    """Choose the card's next column in the editor's status menu; wait until git has it."""
    page.get_by_role("button", name=f"Status: {shown}").click()
    page.get_by_role("menuitem", name=choice).click()
    wait_until(f"column {label}", lambda: column(board) == f"decap-cms/{label}")


def publish(page: Any) -> None:
    """Veröffentlichen -> Jetzt veröffentlichen (the browser's 'are you sure' accepted)."""
    page.get_by_role("button", name="Veröffentlichen").click()
    page.get_by_role("menuitem", name="Jetzt veröffentlichen").click()


def test_a_post_moves_across_the_board_and_is_merged_reviewed(
    browser: Any, board_site: BoardSite
) -> None:
    board = board_site
    start = board.git("rev-parse", "main").strip()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{board.base}/redaktion/#/collections/posts/new")
    page.get_by_role("button", name="Editor öffnen").click()
    page.get_by_label("Titel", exact=True).fill(TITLE)
    page.get_by_label("Kurzfassung").fill("Trocken, dunkel und ohne Druck auf den Reifen.")
    choose(page, "Kategorie", "Technik")
    choose(page, "Autorinnen und Autoren", "Anja Seidel")
    page.locator(".cms-editor-visual [contenteditable=true]").click()
    page.keyboard.type("Im Keller hängen die Räder an der Wand.")
    page.get_by_role("button", name="Speichern").click()

    # Entwurf: a branch of its own with the post as a draft; main does not know it yet.
    wait_until("the draft's branch", lambda: column(board) == "decap-cms/draft")
    drafted = header(board.git("show", f"{BRANCH}:{POST}"))
    assert "Status: draft" in drafted
    assert not [line for line in drafted if line.startswith("Reviewed-by:")]
    assert board.git("ls-tree", "-r", "--name-only", "main", POST) == ""
    first_commit = board.git("rev-parse", BRANCH).strip()

    # Zur Überprüfung, then Abgeschlossen: only the column moves, never the file.
    move_to(page, board, "Entwurf", "Zur Überprüfung", "pending_review")
    move_to(page, board, "Zur Überprüfung", "Abgeschlossen", "pending_publish")
    assert board.git("rev-parse", BRANCH).strip() == first_commit

    # Publishing a post nobody reviewed is refused in German; nothing is merged.
    publish(page)
    page.get_by_text(REFUSAL).wait_for()
    assert board.git("rev-parse", "main").strip() == start
    assert column(board) == "decap-cms/pending_publish"

    # The editor signs it off in the form, saves, moves it to Abgeschlossen and publishes.
    page.get_by_label("Gegengelesen von").click()
    page.keyboard.type("Lea Hofstetter")
    page.get_by_role("option", name="Lea Hofstetter").first.click()
    choose(page, "Status", "published")
    page.get_by_role("button", name="Speichern").click()
    wait_until(
        "the editor's commit", lambda: board.git("rev-parse", BRANCH).strip() != first_commit
    )
    move_to(page, board, "Entwurf", "Abgeschlossen", "pending_publish")
    publish(page)
    wait_until("the merge", lambda: not board.git("branch", "--list", BRANCH).strip())
    context.close()

    assert board.git("branch", "--show-current").strip() == "main"
    assert board.git("status", "--porcelain") == ""
    merged = board.git("show", f"main:{POST}")
    lines = header(merged)
    assert lines[0] == f"Title: {TITLE}"
    assert "Status: published" in lines and "Reviewed-by: lea-hofstetter" in lines
    assert "Author: anja-seidel" in lines
    assert board.git("log", "--format=%s", f"{start}..main").splitlines() == [
        f"Update Beitrag “{POST[len('content/posts/') : -3]}”",
        f"Create Beitrag “{POST[len('content/posts/') : -3]}”",
    ]

    checked = run_invoke("check", "--settings", str(board.settings))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    settings = load_settings(str(board.settings))
    article = Readers(settings).read_file(
        base_path=settings["PATH"],
        path=POST.removeprefix("content/"),
        content_class=Article,
        context={},
    )
    records, problems = collect_posts([article], settings)
    figures = editorial_figures(records, {}, ZoneInfo(settings["TIMEZONE"]), None)
    assert (problems, figures.reviewed) == ([], 1)
    assert [(r.handle, r.posts) for r in figures.reviewers] == [("lea-hofstetter", 1)]
