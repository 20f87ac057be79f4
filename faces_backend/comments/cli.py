"""`python -m faces_backend comments ...`: the moderation queue, decisions, replies, pull, purge."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import locked

from faces_backend.comments.cli_messages import say
from faces_backend.comments.config import CommentSettings
from faces_backend.comments.events import NoNotifier, Notifier
from faces_backend.comments.moderate import ModerationError, approve, reject, reply, tell
from faces_backend.comments.notify import CommentNotifier, ConnectionJobs, NotifySettings
from faces_backend.comments.pull import PullProblem, pull_comments
from faces_backend.comments.store import REASONS, moderation_queue, purge_rejected, report_reasons
from faces_backend.comments.threads import EMPTY, CommentManifest, parse_comment_manifest
from faces_backend.http.command_line import add_feature_command
from faces_backend.http.documents import load_document
from faces_backend.http.settings import Language
from faces_backend.store.connection import Connection
from faces_backend.store.transaction import run_in_transaction

DEFAULT_FOLDER = Path("content/data/comments")
DEFAULT_FIGURES = Path("content/data/comment-figures.json")


class CommentCommandError(Exception):
    """A comment command failed; the message is for the operator, in their language."""


def add_comment_commands(commands: Any) -> None:
    """Add `comments` and its subcommands to the backend's command parser."""
    actions = add_feature_command(
        commands, "comments", "moderate comments, pull them into the repo"
    )
    actions.add_parser("list", help="the queue: pending and reported comments")
    actions.add_parser("approve", help="approve one comment").add_argument("id")
    rejecting = actions.add_parser("reject", help="reject one comment with a reason")
    rejecting.add_argument("id")
    rejecting.add_argument("--reason", choices=REASONS, required=True)
    replying = actions.add_parser("reply", help="answer a comment as one of the post's authors")
    replying.add_argument("id")
    replying.add_argument("--as", dest="profile", required=True, help="profile slug")
    replying.add_argument("--text", required=True)
    replying.add_argument("--name", help="display name (default: the profile's)")
    pulling = actions.add_parser("pull", help="write approved comments into the repository")
    pulling.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    pulling.add_argument("--figures", type=Path, default=DEFAULT_FIGURES)
    pulling.add_argument("--replace", action="store_true", help="write the database's state")
    actions.add_parser("purge", help="delete rejected comments past the retention")


def run_comments(
    args: argparse.Namespace,
    conn: Connection,
    environ: Mapping[str, str],
    language: Language = "de",
    notify_db: Callable[[], Connection] | None = None,
) -> int:
    """Run one comment command on an open database connection; return the exit status.

    With `notify_db` (opens a second connection to the same database), decisions tell the
    configured notifier in its command-line mode on that connection, closed before
    returning so its mails are out when the command ends; without it they tell no one.
    """
    config = CommentSettings.from_env(environ)
    lang: Language = args.lang
    manifest = _manifest(config)
    with contextlib.ExitStack() as stack:
        notifier: Notifier = NoNotifier()
        if notify_db is not None and args.action in ("approve", "reject", "reply"):
            notifier = stack.enter_context(_command_line_notifier(environ, language, notify_db))
        return _run(args, conn, config, manifest, notifier, lang)


@contextlib.contextmanager
def _command_line_notifier(
    environ: Mapping[str, str], language: Language, open_database: Callable[[], Connection]
) -> Iterator[Notifier]:
    # Its own connection: its worker thread writes while this command's transactions run.
    with contextlib.closing(open_database()) as conn:
        settings = NotifySettings.from_env(environ, language=language)
        notifier = CommentNotifier(settings, ConnectionJobs(conn))
        notifier.start()
        try:
            yield notifier
        finally:
            notifier.close()


def _run(
    args: argparse.Namespace,
    conn: Connection,
    config: CommentSettings,
    manifest: CommentManifest,
    notify: Notifier,
    lang: Language,
) -> int:
    try:
        if args.action == "list":
            _print_queue(conn, lang)
        elif args.action == "pull":
            _pull(args, conn, config, manifest, lang)
        elif args.action == "purge":
            count = run_in_transaction(
                conn, partial(purge_rejected, keep_days=config.keep_rejected_days)
            )
            print(say(lang, "purged", count=count, days=config.keep_rejected_days))
        else:
            _decide(args, conn, manifest, notify, lang)
    except ModerationError as error:
        raise CommentCommandError(say(lang, error.key, **error.values)) from None
    except PullProblem as problem:
        raise CommentCommandError(_pull_message(lang, problem)) from None
    return 0


def _manifest(config: CommentSettings) -> CommentManifest:
    if not config.manifest:
        return EMPTY
    return load_document(config.manifest, parse_comment_manifest, "comment manifest")


def _print_queue(conn: Connection, lang: Language) -> None:
    queue = moderation_queue(conn)
    if not queue:
        print(say(lang, "empty_queue"))
    for item in queue:
        state = item.status if not item.reports else f"reported x{item.reports}"
        reasons = ", ".join(report_reasons(conn, item.id))
        shown = item.text.replace("\n", " / ")
        reply_to = f" -> {item.parent}" if item.parent else ""
        print(f"{item.id}\t{item.thread}{reply_to}\t{state}{' ' + reasons if reasons else ''}")
        print(f"\t{item.received}\t{item.name}: {shown}")


def _decide(
    args: argparse.Namespace,
    conn: Connection,
    manifest: CommentManifest,
    notifier: Notifier,
    lang: Language,
) -> None:
    if args.action == "approve":
        decided = run_in_transaction(conn, partial(approve, comment_id=args.id, manifest=manifest))
        message = say(lang, "approved", id=args.id)
    elif args.action == "reject":
        decided = run_in_transaction(conn, partial(reject, comment_id=args.id, reason=args.reason))
        message = say(lang, "rejected", id=args.id, reason=args.reason)
    else:
        job = partial(
            reply,
            comment_id=args.id,
            profile=args.profile,
            text=args.text,
            name=args.name,
            manifest=manifest,
        )
        decided = run_in_transaction(conn, job)
        message = say(lang, "replied", id=decided.comment.id, profile=args.profile)
    tell(notifier, decided)
    print(message)


def _pull(
    args: argparse.Namespace,
    conn: Connection,
    config: CommentSettings,
    manifest: CommentManifest,
    lang: Language,
) -> None:
    run_in_transaction(conn, partial(purge_rejected, keep_days=config.keep_rejected_days))
    with locked(args.figures):
        report = pull_comments(conn, args.folder, args.figures, manifest, replace=args.replace)
    print(say(lang, "pulled", **asdict(report), folder=args.folder, figures=args.figures))


def _pull_message(lang: Language, problem: PullProblem) -> str:
    if problem.key != "refused":
        return say(lang, problem.key, **problem.values)
    lines = [say(lang, "refused")]
    for missing in problem.values["missing"]:  # type: ignore[attr-defined]
        lines.append("  " + say(lang, "missing", path=missing.path, comment_id=missing.comment_id))
    for key, repo, backend in problem.values["lower"]:  # type: ignore[attr-defined]
        lines.append("  " + say(lang, "lower", figure=key, repo=repo, backend=backend))
    lines.append(say(lang, "advice"))
    return "\n".join(lines)
