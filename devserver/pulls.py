"""What the backend tasks (poll-results, reach-pull, comments, stories, backend-migrate) run."""

from __future__ import annotations

import os
import subprocess
import sys

# The preview's backend database (`invoke livereload`); FACES_DB names another.
PREVIEW_DB = os.path.join(".cache", "preview-polls.sqlite3")
_VIEWS_NEXT = {
    "de": "Der nächste Build zeigt sie (Autorenseiten, Beiträge, Transparenzseite).",
    "en": "The next build shows them (author pages, posts, the transparency page).",
}


def pull_poll_results(
    results: str,
    suggestions: str,
    *,
    db: str,
    manifest: str,
    replace: bool,
    output_path: str,
    lang: str,
) -> int:
    """Merge poll results and pending suggestions from the database; return the exit code."""
    built_manifest = os.path.join(output_path, "polls", "manifest.json")
    env = {
        "FACES_DB": db or os.environ.get("FACES_DB", PREVIEW_DB),
        "FACES_MANIFEST": manifest or os.environ.get("FACES_MANIFEST", built_manifest),
    }
    command = ["snapshot", results, "--suggestions", suggestions, "--lang", lang]
    return _run_backend(command + (["--replace"] if replace else []), env)


def pull_views(output: str, *, db: str, replace: bool, lang: str) -> int:
    """Merge the page views counted by the backend into the counts file; return the exit code."""
    env = {"FACES_DB": db or os.environ.get("FACES_DB", PREVIEW_DB)}
    command = ["views", "export", output, "--lang", lang]
    code = _run_backend(command + (["--replace"] if replace else []), env)
    if code == 0:
        print(_VIEWS_NEXT[lang])
    return code


def comment_command(
    action: str,
    *,
    comment: str,
    reason: str,
    profile: str,
    text: str,
    db: str,
    name: str = "",
    manifest: str,
    replace: bool,
    output_path: str,
    lang: str,
) -> int:
    """Run one moderation command (list, approve, reject, reply, pull, purge); return its code."""
    built = os.path.join(output_path, "comments", "manifest.json")
    env = {
        "FACES_DB": db or os.environ.get("FACES_DB", PREVIEW_DB),
        "FACES_COMMENTS_MANIFEST": manifest or os.environ.get("FACES_COMMENTS_MANIFEST", built),
    }
    if not manifest and not os.path.exists(env["FACES_COMMENTS_MANIFEST"]):
        env["FACES_COMMENTS_MANIFEST"] = ""  # not built yet: post titles stay unknown
    command = ["comments", "--lang", lang, action]
    if action in ("approve", "reject", "reply"):
        command.append(comment)
    if action == "reject":
        command += ["--reason", reason]
    if action == "reply":
        command += ["--as", profile, "--text", text] + (["--name", name] if name else [])
    if action == "pull" and replace:
        command.append("--replace")
    return _run_backend(command, env)


def story_command(
    action: str,
    *,
    story: str,
    editor: str,
    reason: str,
    plan: str,
    db: str,
    manifest: str,
    replace: bool,
    output_path: str,
    lang: str,
) -> int:
    """Run one story command (list, accept, decline, pull); return its code."""
    built = os.path.join(output_path, "stories", "manifest.json")
    env = {
        "FACES_DB": db or os.environ.get("FACES_DB", PREVIEW_DB),
        "FACES_STORIES_MANIFEST": manifest or os.environ.get("FACES_STORIES_MANIFEST", built),
    }
    if not manifest and not os.path.exists(env["FACES_STORIES_MANIFEST"]):
        env["FACES_STORIES_MANIFEST"] = ""  # not built yet: accept says to build first
    command = ["stories", "--lang", lang, action]
    if action in ("accept", "decline"):
        command.append(story)
    if action == "accept":
        command += ["--editor", editor]
    if action == "decline":
        command += ["--reason", reason]
    if action == "pull":
        command += (["--plan", plan] if plan else []) + (["--replace"] if replace else [])
    return _run_backend(command, env)


def migrate_database(*, db: str, lang: str) -> int:
    """Create or migrate the backend's database (FACES_DATABASE_URL, else the SQLite file)."""
    env = {"FACES_DB": db or os.environ.get("FACES_DB", PREVIEW_DB)}
    return _run_backend(["migrate", "--lang", lang], env)


def _run_backend(arguments: list[str], env: dict[str, str]) -> int:
    # A subprocess, not an import: the backend's command line is what an operator runs too,
    # and on a refusal it has printed its message already.
    completed = subprocess.run(
        [sys.executable, "-m", "faces_backend", *arguments], env={**os.environ, **env}, check=False
    )
    return completed.returncode
