"""What the backend tasks (poll-results, reach-pull, comments, stories, backend-migrate) run."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

# The preview's backend database (`invoke livereload`); FACES_DB names another.
PREVIEW_DB = os.path.join(".cache", "preview-polls.sqlite3")
_VIEWS_NEXT = {
    "de": "Der nächste Build zeigt sie (Autorenseiten, Beiträge, Transparenzseite).",
    "en": "The next build shows them (author pages, posts, the transparency page).",
}


@dataclass(frozen=True)
class BackendPlace:
    """What a backend task works on: the database, a manifest, the build's output, the language.

    `db` and `manifest` are the task's options ("" when not given).
    """

    db: str
    manifest: str
    output_path: str
    lang: str

    def feature_env(self, feature: str, setting: str) -> dict[str, str]:
        """Return the database and the feature's manifest: given, else `setting`'s, else built.

        A manifest the build has not written yet is left empty: the command says what it lacks.
        """
        built = os.path.join(self.output_path, feature, "manifest.json")
        path = self.manifest or os.environ.get(setting, built)
        if not self.manifest and not os.path.exists(path):
            path = ""
        return {**_database(self.db), setting: path}


def pull_poll_results(place: BackendPlace, results: str, suggestions: str, *, replace: bool) -> int:
    """Merge poll results and pending suggestions from the database; return the exit code."""
    built_manifest = os.path.join(place.output_path, "polls", "manifest.json")
    env = {
        **_database(place.db),
        "FACES_MANIFEST": place.manifest or os.environ.get("FACES_MANIFEST", built_manifest),
    }
    command = ["snapshot", results, "--suggestions", suggestions, "--lang", place.lang]
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
    place: BackendPlace,
    action: str,
    *,
    comment: str,
    reason: str,
    profile: str,
    text: str,
    name: str = "",
    replace: bool,
) -> int:
    """Run one moderation command (list, approve, reject, reply, pull, purge); return its code."""
    arguments = [comment] if action in ("approve", "reject", "reply") else []
    if action == "reject":
        arguments += ["--reason", reason]
    if action == "reply":
        arguments += ["--as", profile, "--text", text] + (["--name", name] if name else [])
    if action == "pull" and replace:
        arguments.append("--replace")
    # Without a built manifest the queue shows no post titles.
    env = place.feature_env("comments", "FACES_COMMENTS_MANIFEST")
    return _run_backend(["comments", "--lang", place.lang, action, *arguments], env)


def story_command(
    place: BackendPlace,
    action: str,
    *,
    story: str,
    editor: str,
    reason: str,
    plan: str,
    replace: bool,
) -> int:
    """Run one story command (list, accept, decline, pull); return its code."""
    arguments = [story] if action in ("accept", "decline") else []
    if action == "accept":
        arguments += ["--editor", editor]
    if action == "decline":
        arguments += ["--reason", reason]
    if action == "pull":
        arguments += (["--plan", plan] if plan else []) + (["--replace"] if replace else [])
    # Without a built manifest, accept says to build first.
    env = place.feature_env("stories", "FACES_STORIES_MANIFEST")
    return _run_backend(["stories", "--lang", place.lang, action, *arguments], env)


def migrate_database(*, db: str, lang: str) -> int:
    """Create or migrate the backend's database (FACES_DATABASE_URL, else the SQLite file)."""
    return _run_backend(["migrate", "--lang", lang], _database(db))


def _database(db: str) -> dict[str, str]:
    """Return the environment naming the database: `db`, else FACES_DB, else the preview's."""
    return {"FACES_DB": db or os.environ.get("FACES_DB", PREVIEW_DB)}


def _run_backend(arguments: list[str], env: dict[str, str]) -> int:
    # A subprocess, not an import: the backend's command line is what an operator runs too,
    # and on a refusal it has printed its message already.
    completed = subprocess.run(
        [sys.executable, "-m", "faces_backend", *arguments], env={**os.environ, **env}, check=False
    )
    return completed.returncode
