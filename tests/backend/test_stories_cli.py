"""`python -m faces_backend stories ...`: queue, accept, decline, pull into the plan."""

from __future__ import annotations

import json
import secrets
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from faces_backend.cli import main
from faces_backend.store.schema import open_database
from faces_backend.stories.store import NewStory, insert_story, new_id
from tests.backend.helpers import command_environ
from tests.backend.stories_support import write_story_manifest

STORY = NewStory("someone", "Eva stellt die Kantine um.", "Eva", "Einkauf", "Lena", "+41 44 1")


@pytest.fixture
def environ(tmp_path: Path) -> dict[str, str]:
    """A backend database (schema only) and the build's story manifest."""
    manifest = write_story_manifest(tmp_path / "stories.json")
    return command_environ(tmp_path, FACES_STORIES_MANIFEST=str(manifest))


def add(environ: dict[str, str], story: NewStory = STORY) -> str:
    """Store a pending proposal as the endpoint does; return its id."""
    conn = open_database(environ["FACES_DB"])
    story_id = new_id()
    insert_story(conn, story, story_id=story_id, nonce=secrets.token_hex(8), nonce_expires=2**40)
    conn.close()
    return story_id


def query(environ: dict[str, str], sql: str) -> list[tuple[Any, ...]]:
    """Run a query on the database."""
    conn = sqlite3.connect(environ["FACES_DB"])
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def run(environ: dict[str, str], *argv: str) -> int:
    """Run one stories command."""
    return main(["stories", *argv], environ)


def test_list_shows_the_queue_with_the_contact(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(environ, "list") == 0
    assert capsys.readouterr().out == "Keine Geschichten warten auf eine Entscheidung.\n"
    story_id = add(environ)
    assert run(environ, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{story_id}\t") and lines[0].endswith(
        "über Eva, Einkauf; vorgeschlagen von Lena"
    )
    assert lines[1:] == ["\tEva stellt die Kantine um.", "\tKontakt für die Rückmeldung: +41 44 1"]


def test_accept_assigns_an_editor_and_forgets_the_contact_once_shown(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    story_id = add(environ)
    assert run(environ, "accept", story_id, "--editor", "anna-muster") == 0
    out = capsys.readouterr().out
    assert f"Vorschlag {story_id} angenommen, zuständig: anna-muster." in out
    assert "Ergebnis mit: +41 44 1. Der Kontakt ist jetzt aus der Datenbank gelöscht." in out
    assert query(environ, "SELECT status, editor, contact FROM stories") == [
        ("accepted", "anna-muster", None)
    ]
    assert run(environ, "accept", story_id, "--editor", "anna-muster") == 1
    assert "ist schon entschieden (accepted)" in capsys.readouterr().err


def test_decline_keeps_the_reason_internal_and_forgets_the_contact(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    story_id = add(environ)
    assert run(environ, "--lang", "en", "decline", story_id, "--reason", "  zu  privat ") == 0
    assert "Please tell the proposer the outcome: +41 44 1." in capsys.readouterr().out
    assert query(environ, "SELECT status, reason, contact FROM stories") == [
        ("declined", "zu privat", None)
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["accept", "s-000000000000", "--editor", "anna-muster"], "keinen Vorschlag mit der ID"),
        (["accept", "../etc", "--editor", "anna-muster"], "keinen Vorschlag mit der ID"),
        (["decline", "s-000000000000", "--reason", "x"], "keinen Vorschlag mit der ID"),
        (["accept", "{id}", "--editor", "nobody"], "'nobody' ist kein Profil dieser Website"),
        (["accept", "{id}", "--editor", ""], "Bekannte Profile: anna-muster, ben-beispiel"),
        (["decline", "{id}", "--reason", "  "], "--reason ist leer"),
        (["decline", "{id}", "--reason", "x" * 501], "höchstens 500 Zeichen"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    story_id = add(environ)
    assert run(environ, *[a.replace("{id}", story_id) for a in argv]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert query(environ, "SELECT status, contact FROM stories") == [("pending", "+41 44 1")]


def test_accept_without_a_profile_list_says_how_to_get_one(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    story_id = add(environ)
    assert run({**environ, "FACES_STORIES_MANIFEST": ""}, "accept", story_id, "--editor", "a") == 1
    assert "invoke build" in capsys.readouterr().err


def pull(environ: dict[str, str], plan: Path, *extra: str) -> int:
    """Pull into the plan file."""
    return run(environ, "pull", "--plan", str(plan), *extra)


def test_pull_merges_accepted_stories_and_never_loses_an_entry(
    environ: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "repo" / "editorial-plan.json"
    accepted, declined, _pending = add(environ), add(environ), add(environ)
    run(environ, "accept", accepted, "--editor", "ben-beispiel")
    run(environ, "decline", declined, "--reason", "Geheimer Grund")
    capsys.readouterr()
    assert pull(environ, plan) == 0
    assert capsys.readouterr().out == (
        f"Redaktionsplan {plan}: 1 Einträge, 1 neu, 0 entfernt; "
        "0 abgelehnte Vorschläge gelöscht (älter als 30 Tage).\n"
    )
    entries = json.loads(plan.read_text(encoding="utf-8"))["stories"]
    assert [(e["id"], e["editor"], e["text"]) for e in entries] == [
        (accepted, "ben-beispiel", "Eva stellt die Kantine um.")
    ]
    assert set(entries[0]) == {
        "id",
        "received",
        "accepted",
        "editor",
        "about",
        "person",
        "department",
        "proposer",
        "text",
    }
    # Editors annotate the entry and add one of their own; a second pull keeps both.
    entries[0]["status"] = "Interview am 12.12."
    own = {"title": "Jahresrückblick", "editor": "anna-muster"}
    plan.write_text(json.dumps({"version": 1, "stories": [entries[0], own]}), encoding="utf-8")
    assert pull(environ, plan) == 0
    again = json.loads(plan.read_text(encoding="utf-8"))["stories"]
    assert again[1:] == [{**entries[0], "status": "Interview am 12.12."}] and again[0] == own
    # An entry the editors removed stays removed.
    plan.write_text(json.dumps({"version": 1, "stories": [own]}), encoding="utf-8")
    assert pull(environ, plan) == 0
    assert json.loads(plan.read_text(encoding="utf-8"))["stories"] == [own]
    assert "Geheimer Grund" not in plan.read_text(encoding="utf-8")


def test_a_pull_from_a_database_that_holds_less_refuses_unless_replace(
    environ: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "editorial-plan.json"
    run(environ, "accept", add(environ), "--editor", "anna-muster")
    assert pull(environ, plan) == 0
    before = plan.read_text(encoding="utf-8")
    empty = tmp_path / "empty.sqlite3"
    open_database(empty).close()
    capsys.readouterr()
    assert pull({**environ, "FACES_DB": str(empty)}, plan) == 1
    assert "Nichts geschrieben." in capsys.readouterr().err
    assert plan.read_text(encoding="utf-8") == before
    assert pull({**environ, "FACES_DB": str(empty)}, plan, "--replace") == 0
    assert json.loads(plan.read_text(encoding="utf-8"))["stories"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [("{", "editorial-plan.json:1: kein gültiges JSON"), ('{"stories": 3}', "erwartet ein Objekt")],
)
def test_a_broken_plan_is_named_and_left_alone(
    environ: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    message: str,
) -> None:
    plan = tmp_path / "editorial-plan.json"
    plan.write_text(content, encoding="utf-8")
    assert pull(environ, plan) == 1
    assert message in capsys.readouterr().err
    assert plan.read_text(encoding="utf-8") == content
