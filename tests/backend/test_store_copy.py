"""`python -m faces_backend copy` and `migrate`: every row across, counted; bad input refused."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from faces_backend.cli import main
from faces_backend.comments.store import NewComment, decide, insert_comment, report
from faces_backend.polls.ballots import Ballot, cast_ballot, daily_salt
from faces_backend.polls.suggestions import queue_suggestion
from faces_backend.store import Connection
from faces_backend.store.copy import COPY_ORDER
from faces_backend.store.postgres import connect_postgres
from faces_backend.store.schema import MIGRATIONS, open_database
from faces_backend.views.counts import PageDay, add_views
from tests.postgres_server import PostgresServer


def fill(conn: Connection) -> None:
    """Store a little of everything: votes, suggestions, views, comments with a reply."""
    daily_salt(conn, "2026-12-06")
    cast_ballot(conn, Ballot("live", ("cafe",), "v1", "ip1", "s1", "2026-12-06"))
    cast_ballot(conn, Ballot("multi", ("a", "c"), "v1", None, None, "2026-12-06", "Suppe"))
    queue_suggestion(conn, "kantine", "Mehr Salat, 100% bio?", "s2", "2026-12-06")
    add_views(conn, {PageDay("/posts/a/", "2026-12-05"): 7, PageDay("/posts/a/", "2026-12-06"): 2})
    top = NewComment("posts/a", None, "Anna", None, "Gut so.")
    insert_comment(conn, top, comment_id="c-1", withdraw_hash="h", nonce="n1", nonce_expires=2**40)
    reply = NewComment("posts/a", "c-1", "Ben", "ben", "Danke!")
    insert_comment(conn, reply, comment_id="c-2", withdraw_hash=None, nonce=None, nonce_expires=0)
    decide(conn, "c-1", "approved")
    report(conn, "c-1", "spam")
    insert_comment(conn, top, comment_id="c-3", withdraw_hash=None, nonce=None, nonce_expires=0)
    decide(conn, "c-3", "rejected", "offtopic")


def dump(conn: Connection) -> dict[str, list[tuple[object, ...]]]:
    """Return every table's rows, sorted, bytes as bytes."""
    return {
        table: sorted(
            tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
            for row in conn.execute(f"SELECT * FROM {table}").fetchall()
        )
        for table in COPY_ORDER
    }


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A SQLite database with a little of everything (fill)."""
    path = tmp_path / "polls.sqlite3"
    with contextlib.closing(open_database(path)) as conn:
        fill(conn)
    return path


def test_copy_moves_every_row_to_postgres_and_back(
    source: Path,
    tmp_path: Path,
    postgres_server: PostgresServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with contextlib.closing(open_database(source)) as conn:
        before = dump(conn)
    target = postgres_server.new_database(migrated=False)
    assert main(["copy", "--from", f"sqlite:///{source}", "--to", target, "--lang", "en"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:5] == ["ballots: 2", "choices: 3", "tallies: 3", "totals: 2", "suggestions: 2"]
    assert "comments: 3" in printed and "page_views: 2" in printed
    name = target.rsplit("/", 1)[1]
    assert printed[-1] == f"Copied 21 rows from {source} to PostgreSQL {name}@127.0.0.1."
    with contextlib.closing(connect_postgres(target)) as pg:
        assert dump(pg) == before
        # New ballots get ids after the copied ones.
        cast_ballot(pg, Ballot("live", ("cafe",), "v2", None, None, "2026-12-07"))
        assert pg.execute("SELECT max(id) FROM ballots").fetchone() == (3,)
        after = dump(pg)
    back = tmp_path / "back.sqlite3"
    assert main(["copy", "--from", target, "--to", f"sqlite:///{back}"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"23 Zeilen von PostgreSQL {name}@127.0.0.1 nach {back} kopiert."
    )
    with contextlib.closing(open_database(back)) as conn:
        assert dump(conn) == after


def test_copy_refuses_a_target_with_data_and_bad_addresses(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = tmp_path / "full.sqlite3"
    with contextlib.closing(open_database(full)) as conn:
        queue_suggestion(conn, "p", "schon da", None, "2026-12-06")
    cases = [
        (["--to", f"sqlite:///{full}"], "Das Ziel enthält schon Daten (Tabelle suggestions)."),
        (["--to", f"sqlite:///{source}"], "--from und --to nennen dieselbe Datenbank"),
        (["--to", "mysql://u:geheim@db/x"], "--to 'db/x' ist keine Datenbank-Adresse."),
    ]
    for target, message in cases:
        assert main(["copy", "--from", f"sqlite:///{source}", *target]) == 1
        assert message in capsys.readouterr().err
    missing = ["copy", "--from", f"sqlite:///{tmp_path}/nix.sqlite3", "--to", f"sqlite:///{full}"]
    assert main(missing) == 1
    assert f"die SQLite-Datei {tmp_path}/nix.sqlite3 gibt es nicht" in capsys.readouterr().err
    gone = "postgresql://faces:geheim@127.0.0.1:1/faces"
    assert main(["copy", "--from", f"sqlite:///{source}", "--to", gone]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the PostgreSQL database (database faces on 127.0.0.1)" in err
    assert "geheim" not in err


def test_migrate_creates_the_configured_database(
    tmp_path: Path, postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = postgres_server.new_database(migrated=False)
    assert main(["migrate", "--lang", "en"], {"FACES_DATABASE_URL": url}) == 0
    assert capsys.readouterr().out == (
        f"Database PostgreSQL {url.rsplit('/', 1)[1]}@127.0.0.1: schema version "
        f"{len(MIGRATIONS)}.\n"
    )
    path = tmp_path / "neu.sqlite3"
    assert main(["migrate"], {"FACES_DB": str(path)}) == 0
    assert capsys.readouterr().out == f"Datenbank {path}: Schema-Version {len(MIGRATIONS)}.\n"
    assert path.exists()
