"""`python -m faces_backend`: serve, export, snapshot, suggestions, views, migrate, copy."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import get_args

import psycopg

from faces_backend.comments.cli import CommentCommandError, add_comment_commands, run_comments
from faces_backend.comments.config import CommentSettings
from faces_backend.comments.threads import parse_comment_manifest
from faces_backend.http.command_line import add_language_option
from faces_backend.http.documents import ManifestError, load_document
from faces_backend.http.identity import today
from faces_backend.http.settings import ConfigError, Language, Settings, require_manifest
from faces_backend.polls.ballots import read_all_tallies
from faces_backend.polls.export import export_csv, export_json, snapshot
from faces_backend.polls.manifest import Manifest
from faces_backend.polls.manifest_source import load_manifest
from faces_backend.polls.suggestions import Status, decide, list_suggestions
from faces_backend.pulls.commands import PullRefused, pull_results, pull_views
from faces_backend.pulls.messages import text
from faces_backend.store import Connection
from faces_backend.store.commands import StoreCommandError, copy_command, migrate_command
from faces_backend.store.opening import sqlite_path
from faces_backend.store.postgres import connect_postgres, is_postgres_url, migrate_postgres
from faces_backend.store.schema import DatabaseError, connect, migrate
from faces_backend.stories.cli import StoryCommandError, add_story_commands, run_stories
from faces_backend.views.counts import read_views
from faces_backend.views.manifest import parse_view_manifest

log = logging.getLogger("faces_backend")


class UsageError(Exception):
    """The command cannot run as asked; the message says why."""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of all commands."""
    parser = argparse.ArgumentParser(
        prog="python -m faces_backend",
        description="Poll backend of the company blog. Configured by FACES_* variables.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the backend with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8001)
    serve.add_argument("--root-path", default="", help="mount point behind a proxy, e.g. /api")
    export = commands.add_parser("export", help="print the results of every poll")
    export.add_argument("--format", choices=["json", "csv"], default="json")
    export.add_argument("--poll", help="only this poll")
    snap = commands.add_parser(
        "snapshot", help="merge all results into the site's JSON file (never fewer votes)"
    )
    snap.add_argument("path", type=Path)
    snap.add_argument("--suggestions", type=Path, help="also merge pending suggestions here")
    _pull_options(snap)
    moderate = commands.add_parser("suggestions", help="list, approve or reject suggestions")
    actions = moderate.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="list suggestions (default: pending)")
    listing.add_argument("--status", choices=[*get_args(Status), "all"], default="pending")
    listing.add_argument("--poll", help="only this poll")
    for action in ("approve", "reject"):
        actions.add_parser(action, help=f"{action} one suggestion").add_argument("id", type=int)
    views = commands.add_parser("views", help="page views (reach)")
    view_actions = views.add_subparsers(dest="action", required=True)
    view_export = view_actions.add_parser(
        "export", help="merge the counts into the site's JSON file (never fewer views)"
    )
    view_export.add_argument("path", type=Path)
    _pull_options(view_export)
    add_comment_commands(commands)  # issue 15: comments list/approve/reject/reply/pull/purge
    add_story_commands(commands)  # issue 19: stories list/accept/decline/pull
    migrate = commands.add_parser(
        "migrate", help="create or migrate the database (FACES_DATABASE_URL or FACES_DB)"
    )
    add_language_option(migrate)
    copy = commands.add_parser(
        "copy", help="copy every row into an empty database, e.g. from SQLite to PostgreSQL"
    )
    copy.add_argument(
        "--from", dest="source", required=True, help="sqlite:///path or postgresql://…"
    )
    copy.add_argument("--to", dest="target", required=True, help="sqlite:///path or postgresql://…")
    add_language_option(copy)
    return parser


def _pull_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--replace",
        action="store_true",
        help="write the database's state even where the repository holds more (loses data)",
    )
    add_language_option(command)


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run one command; return the exit status (2 for configuration errors)."""
    environ = os.environ if environ is None else environ
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    try:
        return _run(args, environ)
    except (
        ConfigError,
        ManifestError,
        DatabaseError,
        UsageError,
        sqlite3.Error,
        psycopg.Error,
    ) as exc:
        if environ.get("FACES_DEBUG", "").strip().lower() in ("1", "true", "yes", "on"):
            raise
        print(f"faces_backend: {exc}", file=sys.stderr)
        return 1 if isinstance(exc, UsageError) else 2
    except (PullRefused, CommentCommandError, StoryCommandError, StoreCommandError) as refusal:
        print(f"faces_backend: {refusal}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    if args.command == "serve":
        return _serve(args, Settings.from_env(environ), environ)
    if args.command == "copy":
        print("\n".join(copy_command(args.source, args.target, args.lang)))
        return 0
    settings = Settings.from_env(environ, for_server=False)
    if args.command == "migrate":
        print(migrate_command(settings.database_url, settings.db_path, args.lang))
        return 0
    if args.command == "suggestions":
        return _suggestions(args, settings)
    if args.command == "views":
        return _export_views(args, settings)
    if args.command == "comments":
        with contextlib.closing(_database(settings, args.lang)) as conn:
            opener = partial(_database, settings, args.lang)
            return run_comments(args, conn, environ, settings.language, opener)
    if args.command == "stories":
        with contextlib.closing(_database(settings, args.lang)) as conn:
            return run_stories(args, conn, environ)
    manifest = load_manifest(require_manifest(settings.manifest))
    with contextlib.closing(_database(settings, getattr(args, "lang", "en"))) as conn:
        tallies = read_all_tallies(conn)
        known = list_suggestions(conn)
    if args.command == "snapshot":
        approved = [item for item in known if item.status == "approved"]
        fresh = snapshot(manifest, tallies, approved)
        pull_results(args, settings.db_path, manifest, fresh, known)
        return 0
    _check_poll(manifest, args.poll)
    render = export_json if args.format == "json" else export_csv
    sys.stdout.write(render(manifest, tallies, args.poll))
    return 0


def _serve(args: argparse.Namespace, settings: Settings, environ: Mapping[str, str]) -> int:
    import uvicorn

    from faces_backend.app import app_from_env

    # Fail here with one clear line rather than with a traceback from the lifespan.
    manifest = load_manifest(settings.manifest)
    if settings.views_manifest:
        pages = load_document(settings.views_manifest, parse_view_manifest, "reach manifest")
        log.info("faces_backend: counting views of %s pages", len(pages.paths))
    comments = CommentSettings.from_env(environ)
    if comments.manifest:
        threads = load_document(comments.manifest, parse_comment_manifest, "comment manifest")
        log.info("faces_backend: comments on %s threads", len(threads.threads))
    app = app_from_env(environ, settings)
    # Created and migrated here: a database that cannot be used is one line, not a traceback.
    migrate_command(settings.database_url, settings.db_path, "en")
    log.info(
        "faces_backend: %s polls, database %s, voter mode %s",
        len(manifest.polls),
        "PostgreSQL" if is_postgres_url(settings.database_url) else settings.db_path,
        settings.voter_mode,
    )
    # The access log would record client IP addresses: it stays off. Proxy headers are
    # handled by the app itself (FACES_TRUST_PROXY), so uvicorn must not rewrite them.
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        root_path=args.root_path,
        access_log=False,
        proxy_headers=False,
        server_header=False,
        log_level="debug" if settings.debug else "info",
    )
    return 0


def _database(settings: Settings, lang: Language = "en") -> Connection:
    if is_postgres_url(settings.database_url):
        conn = connect_postgres(settings.database_url)
        try:
            migrate_postgres(conn)
        except psycopg.Error as error:
            conn.close()
            raise DatabaseError(f"cannot migrate the PostgreSQL database: {error}") from None
        return conn
    path = sqlite_path(settings.database_url) or settings.db_path
    if not path.exists():
        raise UsageError(text(lang, "no_database", db=path))
    return _sqlite_database(path, lang)


def _sqlite_database(path: Path, lang: Language) -> sqlite3.Connection:
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path)
        migrate(conn)
    except sqlite3.DatabaseError as error:
        if conn is not None:
            conn.close()
        raise UsageError(text(lang, "not_database", db=path, reason=error)) from None
    return conn


def _check_poll(manifest: Manifest, poll: str | None) -> None:
    if poll is not None and poll not in manifest.polls:
        known = ", ".join(sorted(manifest.polls)) or "none"
        raise UsageError(f"--poll {poll!r} is not in the manifest. Known polls: {known}.")


def _suggestions(args: argparse.Namespace, settings: Settings) -> int:
    with contextlib.closing(_database(settings)) as conn:
        if args.action == "list":
            status = None if args.status == "all" else args.status
            for item in list_suggestions(conn, status=status, poll=args.poll):
                shown = item.text.replace("\n", " / ")
                print(f"{item.id}\t{item.poll}\t{item.status}\t{item.created_day}\t{shown}")
            return 0
        decision: Status = "approved" if args.action == "approve" else "rejected"
        if not decide(conn, args.id, decision, today()):
            raise UsageError(f"there is no suggestion with id {args.id}.")
    print(f"Suggestion {args.id} {decision}.")
    return 0


def _export_views(args: argparse.Namespace, settings: Settings) -> int:
    with contextlib.closing(_database(settings, args.lang)) as conn:
        views = read_views(conn)
    pull_views(args, settings.db_path, views)
    return 0
