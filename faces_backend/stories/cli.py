"""`python -m faces_backend stories ...`: the editors' queue, decisions and the plan pull."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import locked

from faces_backend.http.command_line import add_feature_command
from faces_backend.http.documents import load_document
from faces_backend.http.settings import Language
from faces_backend.store import Connection
from faces_backend.store.transaction import run_in_transaction
from faces_backend.stories.cli_messages import describe, say
from faces_backend.stories.config import StorySettings
from faces_backend.stories.decisions import (
    DecisionError,
    accept,
    check_editor,
    check_reason,
    decline,
)
from faces_backend.stories.plan import PlanProblem, pull_plan
from faces_backend.stories.profiles import NO_PROFILES, parse_story_manifest
from faces_backend.stories.store import Story, purge_declined, stories_with

DEFAULT_PLAN = Path("content/data/editorial-plan.json")


class StoryCommandError(Exception):
    """A story command failed; the message is for the editor, in their language."""


def add_story_commands(commands: Any) -> None:
    """Add `stories` and its subcommands to the backend's command parser."""
    actions = add_feature_command(commands, "stories", "decide story proposals, pull the plan")
    actions.add_parser("list", help="the queue: proposals waiting for a decision")
    accepting = actions.add_parser("accept", help="accept one proposal for an editor")
    accepting.add_argument("id")
    accepting.add_argument("--editor", required=True, help="profile slug, e.g. anna-muster")
    declining = actions.add_parser("decline", help="decline one proposal (reason stays internal)")
    declining.add_argument("id")
    declining.add_argument("--reason", required=True)
    pulling = actions.add_parser("pull", help="write accepted stories into the editorial plan")
    pulling.add_argument("--plan", type=Path, default=DEFAULT_PLAN)
    pulling.add_argument("--replace", action="store_true", help="drop entries the DB lacks")


def run_stories(args: argparse.Namespace, conn: Connection, environ: Mapping[str, str]) -> int:
    """Run one story command on an open database connection; return the exit status."""
    config = StorySettings.from_env(environ)
    lang: Language = args.lang
    try:
        if args.action == "list":
            _print_queue(stories_with(conn, "pending"), lang)
        elif args.action == "accept":
            check_editor(args.editor, _profiles(config))
            story = run_in_transaction(conn, partial(accept, story_id=args.id, editor=args.editor))
            print(say(lang, "accepted", id=story.id, editor=args.editor))
            print(_tell(story, lang))
        elif args.action == "decline":
            reason = check_reason(args.reason)
            story = run_in_transaction(conn, partial(decline, story_id=args.id, reason=reason))
            print(say(lang, "declined", id=story.id))
            print(_tell(story, lang))
        else:
            _pull(args, conn, config, lang)
    except (DecisionError, PlanProblem) as problem:
        raise StoryCommandError(say(lang, problem.key, **problem.values)) from None
    return 0


def _profiles(config: StorySettings) -> frozenset[str]:
    if not config.manifest:
        return NO_PROFILES
    return load_document(config.manifest, parse_story_manifest, "story manifest")


def _print_queue(queue: list[Story], lang: Language) -> None:
    if not queue:
        print(say(lang, "empty_queue"))
    for story in queue:
        print(f"{story.id}\t{story.received}\t{describe(story, lang)}")
        print(f"\t{story.text.replace(chr(10), ' / ')}")
        if story.contact:
            print(f"\t{say(lang, 'contact', contact=story.contact)}")


def _tell(story: Story, lang: Language) -> str:
    return say(lang, "tell", contact=story.contact) if story.contact else say(lang, "no_contact")


def _pull(
    args: argparse.Namespace, conn: Connection, config: StorySettings, lang: Language
) -> None:
    days = config.keep_declined_days
    purged = run_in_transaction(conn, partial(purge_declined, keep_days=days))
    with locked(args.plan):
        report = run_in_transaction(conn, partial(pull_plan, path=args.plan, replace=args.replace))
    print(say(lang, "pulled", **asdict(report), path=args.plan, purged=purged, days=days))
