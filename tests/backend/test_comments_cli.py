"""`python -m faces_backend comments ...`: queue, approve, reject, reply, pull and purge."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from faces_backend.cli import main
from faces_backend.comments.store import NewComment, insert_comment, new_id
from faces_backend.store.schema import open_database
from tests.backend.comments_support import write_threads
from tests.backend.helpers import command_environ

THREAD = "posts/2026/kantine"


@pytest.fixture
def environ(tmp_path: Path) -> dict[str, str]:
    """A backend database (schema only) and the comment manifest."""
    threads = write_threads(tmp_path / "threads.json")
    return command_environ(tmp_path, FACES_COMMENTS_MANIFEST=str(threads))


def add(environ: dict[str, str], text: str = "Gute Idee", parent: str | None = None) -> str:
    """Store a pending comment as the submit endpoint does; return its id."""
    conn = open_database(environ["FACES_DB"])
    comment_id = new_id()
    record = NewComment(THREAD, parent, "Lena", None, text)
    insert_comment(
        conn, record, comment_id=comment_id, withdraw_hash="h", nonce=None, nonce_expires=0
    )
    conn.close()
    return comment_id


def query(environ: dict[str, str], sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Run a query on the database."""
    conn = sqlite3.connect(environ["FACES_DB"])
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def run(environ: dict[str, str], *argv: str) -> int:
    """Run one comments command."""
    return main(["comments", *argv], environ)


def pull(environ: dict[str, str], tmp_path: Path, *extra: str) -> int:
    """Pull into the test's repository folders."""
    folder, figures = tmp_path / "repo" / "comments", tmp_path / "repo" / "comment-figures.json"
    return run(environ, "pull", "--folder", str(folder), "--figures", str(figures), *extra)


def thread_file(tmp_path: Path) -> dict[str, Any]:
    """Return the pulled file of the test thread."""
    data: dict[str, Any] = json.loads(
        (tmp_path / "repo" / "comments" / "posts--2026--kantine.json").read_text()
    )
    return data


def test_list_approve_reject_and_reply(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = add(environ, "Erster\nZweite Zeile"), add(environ, "Kauft Uhren!")
    assert run(environ, "list") == 0
    listed = capsys.readouterr().out
    assert first in listed and second in listed and "Erster / Zweite Zeile" in listed
    assert run(environ, "approve", first) == 0
    assert run(environ, "reject", second, "--reason", "spam") == 0
    assert run(environ, "reply", first, "--as", "anna-muster", "--text", "Danke, machen wir!") == 0
    capsys.readouterr()
    assert run(environ, "list") == 0
    assert "Keine Kommentare warten" in capsys.readouterr().out
    statuses = query(
        environ, "SELECT parent, profile, status, reason FROM comments ORDER BY received, id"
    )
    assert sorted(statuses, key=str) == sorted(
        [
            (None, None, "approved", None),
            (None, None, "rejected", "spam"),
            (first, "anna-muster", "approved", None),
        ],
        key=str,
    )


def test_bad_commands_say_what_is_wrong(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(environ, "approve", "c-000000000000") == 1
    assert "keinen Kommentar mit der ID c-000000000000" in capsys.readouterr().err
    comment = add(environ)
    assert run(environ, "reply", comment, "--as", "Anna Muster", "--text", "x") == 1
    assert "kein Profil-Slug" in capsys.readouterr().err
    assert run(environ, "--lang", "en", "reply", comment, "--as", "anna", "--text", " ") == 1
    assert "--text is empty" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run(environ, "reject", comment, "--reason", "boring")


def test_a_reply_to_a_pending_comment_approves_it_and_a_reply_to_a_reply_goes_to_its_parent(
    environ: dict[str, str],
) -> None:
    top = add(environ)
    assert run(environ, "reply", top, "--as", "anna-muster", "--text", "Ja") == 0
    (reply_id,) = query(environ, "SELECT id FROM comments WHERE parent = ?", top)[0]
    assert run(environ, "reply", reply_id, "--as", "ben", "--text", "Ich auch") == 0
    assert query(environ, "SELECT count(*) FROM comments WHERE parent = ?", top) == [(2,)]
    assert query(environ, "SELECT status FROM comments WHERE id = ?", top) == [("approved",)]


def test_pull_writes_one_file_per_thread_and_the_figures(
    environ: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, waiting = add(environ, "Erster"), add(environ, "wartet")
    run(environ, "approve", first)
    run(environ, "reply", first, "--as", "anna-muster", "--text", "Danke")
    capsys.readouterr()
    assert pull(environ, tmp_path) == 0
    repo = tmp_path / "repo"
    assert capsys.readouterr().out == (
        f"2 Kommentare in 1 Dateien nach {repo / 'comments'} geschrieben, 0 entfernt; "
        f"Zahlen nach {repo / 'comment-figures.json'}.\n"
    )
    data = thread_file(tmp_path)
    assert data["version"] == 1 and data["thread"] == THREAD
    assert [c["text"] for c in data["comments"]] == ["Erster", "Danke"]
    assert (
        data["comments"][1]["profile"] == "anna-muster" and data["comments"][1]["parent"] == first
    )
    assert waiting not in json.dumps(data)
    figures = json.loads((tmp_path / "repo" / "comment-figures.json").read_text())
    assert figures["received"] == 3 and figures["approved"] == 2 and figures["withdrawn"] == 0
    assert set(figures["rejected"]) == {"spam", "off_topic", "insulting", "personal_data", "other"}
    assert len(figures["approval_seconds"]) == 1
    assert list(figures["first_author_reply_seconds"]) == [THREAD]
    assert "@" not in json.dumps(data) + json.dumps(figures)


def test_pull_removes_withdrawn_and_rejected_comments(
    environ: dict[str, str], tmp_path: Path
) -> None:
    keep, leaves, rejected = (
        add(environ, "bleibt"),
        add(environ, "geht"),
        add(environ, "wird gemeldet"),
    )
    for comment in (keep, leaves, rejected):
        run(environ, "approve", comment)
    assert pull(environ, tmp_path) == 0
    conn = open_database(environ["FACES_DB"])
    conn.execute("UPDATE comments SET withdraw_hash = ? WHERE id = ?", (_hash("t"), leaves))
    from faces_backend.comments.store import withdraw

    assert withdraw(conn, leaves, "t") is not None
    conn.close()
    run(environ, "reject", rejected, "--reason", "insulting")
    assert pull(environ, tmp_path) == 0
    assert [c["id"] for c in thread_file(tmp_path)["comments"]] == [keep]
    figures = json.loads((tmp_path / "repo" / "comment-figures.json").read_text())
    assert figures["withdrawn"] == 1 and figures["rejected"]["insulting"] == 1
    assert figures["received"] == 3 and figures["approved"] == 3


def _hash(token: str) -> str:
    from faces_backend.comments.store import token_hash

    return token_hash(token)


def test_pull_refuses_when_the_repository_holds_comments_the_database_lacks(
    environ: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = add(environ)
    run(environ, "approve", first)
    assert pull(environ, tmp_path) == 0
    before = thread_file(tmp_path)
    figures_before = (tmp_path / "repo" / "comment-figures.json").read_text()
    Path(environ["FACES_DB"]).unlink()
    open_database(environ["FACES_DB"]).close()  # a reset database
    capsys.readouterr()
    assert pull(environ, tmp_path) == 1
    message = capsys.readouterr().err
    assert "Nichts geschrieben" in message and first in message and "--replace" in message
    assert "„received“: 1 im Repository, 0 in der Datenbank" in message
    assert thread_file(tmp_path) == before
    assert (tmp_path / "repo" / "comment-figures.json").read_text() == figures_before
    assert pull(environ, tmp_path, "--replace") == 0
    assert thread_file(tmp_path)["comments"] == []


def test_pull_keeps_what_the_repository_has_and_merges_new_ones(
    environ: dict[str, str], tmp_path: Path
) -> None:
    first = add(environ)
    run(environ, "approve", first)
    assert pull(environ, tmp_path) == 0
    second = add(environ, "neu")
    run(environ, "approve", second)
    assert pull(environ, tmp_path) == 0
    assert [c["id"] for c in thread_file(tmp_path)["comments"]] == [first, second]


def test_pull_refuses_a_broken_repository_file(
    environ: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "repo" / "comments"
    folder.mkdir(parents=True)
    (folder / "x.json").write_text("{not json", encoding="utf-8")
    assert pull(environ, tmp_path) == 1
    assert "x.json:1: kein gültiges JSON" in capsys.readouterr().err
    (folder / "x.json").write_text('{"thread": 5}', encoding="utf-8")
    assert pull(environ, tmp_path) == 1
    assert "erwartet ein Objekt" in capsys.readouterr().err


def test_purge_deletes_rejected_comments_past_the_retention(environ: dict[str, str]) -> None:
    old, fresh = add(environ), add(environ)
    run(environ, "reject", old, "--reason", "spam")
    run(environ, "reject", fresh, "--reason", "spam")
    conn = sqlite3.connect(environ["FACES_DB"], isolation_level=None)
    conn.execute("UPDATE comments SET decided = '2020-01-01T00:00:00+00:00' WHERE id = ?", (old,))
    conn.close()
    assert run(environ, "purge") == 0
    assert query(environ, "SELECT id FROM comments") == [(fresh,)]
    assert query(environ, "SELECT count(*) FROM comment_removals") == [(2,)]


def test_the_invoke_task_runs_the_commands_as_an_editor_does(environ: dict[str, str]) -> None:
    from tests.pulls.helpers import run_invoke

    first, second = add(environ, "Frage an die Autorin"), add(environ, "Werbung")
    db, manifest = f"--db={environ['FACES_DB']}", f"--manifest={environ['FACES_COMMENTS_MANIFEST']}"
    listed = run_invoke("comments", "list", db, manifest)
    assert listed.returncode == 0 and first in listed.stdout and second in listed.stdout
    replied = run_invoke(
        "comments",
        "reply",
        f"--id={first}",
        "--as=anna-muster",
        "--text=Gern!",
        "--name=Anna Muster",
        db,
        manifest,
    )
    assert replied.returncode == 0, replied.stderr
    rejected = run_invoke("comments", "reject", f"--id={second}", "--reason=spam", db, manifest)
    assert rejected.returncode == 0, rejected.stderr
    wrong = run_invoke("comments", "approve", "--id=c-000000000000", db, manifest)
    assert wrong.returncode == 1 and "keinen Kommentar" in wrong.stderr
    assert sorted(query(environ, "SELECT text, status, profile FROM comments"), key=str) == [
        ("Frage an die Autorin", "approved", None),
        ("Gern!", "approved", "anna-muster"),
        ("Werbung", "rejected", None),
    ]
    assert query(environ, "SELECT name FROM comments WHERE text = 'Gern!'") == [("Anna Muster",)]
