"""`python -m faces_backend migrate` and `copy --from URL --to URL`: the store's operations."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import psycopg

from faces_backend.store.connection import Connection
from faces_backend.store.copy import Copied, TargetNotEmpty, copy_rows
from faces_backend.store.opening import sqlite_path
from faces_backend.store.postgres import connect_postgres, is_postgres_url, migrate_postgres
from faces_backend.store.schema import MIGRATIONS, DatabaseError, open_database

Language = Literal["de", "en"]

MESSAGES: dict[Language, dict[str, str]] = {
    "de": {
        "migrated": "Datenbank {where}: Schema-Version {version}.",
        "bad_url": (
            "{option} {url!r} ist keine Datenbank-Adresse. Erwartet: sqlite:///pfad/zur/datei."
            "sqlite3 oder postgresql://benutzer:passwort@host/datenbank."
        ),
        "missing": "{option}: die SQLite-Datei {path} gibt es nicht. Prüfen Sie den Pfad.",
        "same": "--from und --to nennen dieselbe Datenbank; kopieren Sie in eine andere.",
        "not_empty": (
            "Das Ziel enthält schon Daten (Tabelle {table}). Es wird nichts zusammengeführt: "
            "kopieren Sie in eine leere Datenbank."
        ),
        "row": "{table}: {count}",
        "done": "{total} Zeilen von {source} nach {target} kopiert.",
    },
    "en": {
        "migrated": "Database {where}: schema version {version}.",
        "bad_url": (
            "{option} {url!r} is not a database address. Expected sqlite:///path/to/file.sqlite3 "
            "or postgresql://user:password@host/database."
        ),
        "missing": "{option}: the SQLite file {path} does not exist. Check the path.",
        "same": "--from and --to name the same database; copy into another one.",
        "not_empty": (
            "The target already holds data (table {table}). Nothing is merged: copy into an "
            "empty database."
        ),
        "row": "{table}: {count}",
        "done": "Copied {total} rows from {source} to {target}.",
    },
}


class StoreCommandError(Exception):
    """A store command cannot run as asked; the message says why and what to do."""


def say(lang: Language, key: str, **values: object) -> str:
    """Return one message in the chosen language."""
    return MESSAGES[lang][key].format(**values)


def describe(url: str) -> str:
    """Return the database a URL names, without a password."""
    if is_postgres_url(url):
        info = psycopg.conninfo.conninfo_to_dict(url)
        return f"PostgreSQL {info.get('dbname', '?')}@{info.get('host', 'localhost')}"
    return str(sqlite_path(url))


@contextlib.contextmanager
def opened(url: str, option: str, lang: Language, *, create: bool) -> Iterator[Connection]:
    """Open and migrate the database `url` names; a SQLite file must exist unless `create`."""
    conn: Connection
    if is_postgres_url(url):
        conn = connect_postgres(url)
        try:
            migrate_postgres(conn)
        except BaseException:
            conn.close()
            raise
    else:
        path = sqlite_path(url)
        if path is None:
            raise StoreCommandError(say(lang, "bad_url", option=option, url=url.split("@")[-1]))
        if not create and not path.exists():
            raise StoreCommandError(say(lang, "missing", option=option, path=path))
        conn = open_database(path)
    try:
        yield conn
    finally:
        conn.close()


def migrate_command(database_url: str, db_path: Path, lang: Language) -> str:
    """Create or migrate the configured database; return the line to print."""
    url = database_url or f"sqlite:///{db_path}"
    with opened(url, "FACES_DATABASE_URL", lang, create=True):
        pass
    return say(lang, "migrated", where=describe(url), version=len(MIGRATIONS))


def copy_command(source_url: str, target_url: str, lang: Language) -> list[str]:
    """Copy every row from one database into an empty other one; return the lines to print."""
    if source_url == target_url:
        raise StoreCommandError(say(lang, "same"))
    try:
        with (
            opened(source_url, "--from", lang, create=False) as source,
            opened(target_url, "--to", lang, create=True) as target,
        ):
            copied: Copied = copy_rows(
                source,
                target,
                source_postgres=is_postgres_url(source_url),
                target_postgres=is_postgres_url(target_url),
            )
    except TargetNotEmpty as full:
        raise StoreCommandError(say(lang, "not_empty", table=full.args[0])) from None
    except (sqlite3.Error, psycopg.Error) as exc:
        raise DatabaseError(str(exc)) from None
    lines = [say(lang, "row", table=t, count=n) for t, n in copied.tables.items()]
    done = say(
        lang, "done", total=copied.total, source=describe(source_url), target=describe(target_url)
    )
    return [*lines, done]
