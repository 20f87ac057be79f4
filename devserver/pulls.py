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
        **_database(db),
        "FACES_MANIFEST": manifest or os.environ.get("FACES_MANIFEST", built_manifest),
    }
    command = ["snapshot", results, "--suggestions", suggestions, "--lang", lang]
    return _run_backend(command + (["--replace"] if replace else []), env)


def pull_views(output: str, *, db: str, replace: bool, lang: str) -> int:
    """Merge the page views counted by the backend into the counts file; return the exit code."""
    env = _database(db)
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
    # Without a built manifest the queue shows no post titles.
    env = _feature_env("comments", "FACES_COMMENTS_MANIFEST", db, manifest, output_path)
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
    # Without a built manifest, accept says to build first.
    env = _feature_env("stories", "FACES_STORIES_MANIFEST", db, manifest, output_path)
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
    return _run_backend(["migrate", "--lang", lang], _database(db))


def _database(db: str) -> dict[str, str]:
    """Return the environment naming the database: `db`, else FACES_DB, else the preview's."""
    return {"FACES_DB": db or os.environ.get("FACES_DB", PREVIEW_DB)}


def _feature_env(
    feature: str, setting: str, db: str, manifest: str, output_path: str
) -> dict[str, str]:
    """Return the database and the feature's manifest: given, else `setting`'s, else built.

    A manifest the build has not written yet is left empty: the command says what it lacks.
    """
    built = os.path.join(output_path, feature, "manifest.json")
    path = manifest or os.environ.get(setting, built)
    if not manifest and not os.path.exists(path):
        path = ""
    return {**_database(db), setting: path}


def _run_backend(arguments: list[str], env: dict[str, str]) -> int:
    # A subprocess, not an import: the backend's command line is what an operator runs too,
    # and on a refusal it has printed its message already.
    completed = subprocess.run(
        [sys.executable, "-m", "faces_backend", *arguments], env={**os.environ, **env}, check=False
    )
    return completed.returncode
