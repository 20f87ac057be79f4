"""The sample site plus test polls, built and served with the real backend by the preview app."""

from __future__ import annotations

import contextlib
import json
import shutil
import textwrap
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devserver.site_settings import settings_over
from tests.servers import preview_env, start_preview
from tests.sites import ROOT, BuildRun, run_build

# One poll per test, so every count a test checks is its own.
TEST_POLLS = """\
Title: Testumfragen
Date: 2026-11-01 10:00
Category: Ideen
Author: miriam-keller
Lang: de
Slug: testumfragen
Summary: Umfragen für die Browsertests.

Diese Seite gibt es nur in den Tests.

{blocks}
"""


def block(poll_id: str, results: str = "after_vote", **extra: str) -> str:
    """A ```poll block with three options, open until 2099 unless told otherwise."""
    fields = {"closes": "2099-12-31", "results": results, "suggestions": "false", **extra}
    lines = "\n".join(f"{key}: {value}" for key, value in fields.items())
    return (
        textwrap.dedent(f"""\
        ```poll
        id: {poll_id}
        question: Frage {poll_id}?
        options:
          - {{id: salatbar, label: Salatbar, description: Jeden Tag frisch.}}
          - {{id: cafe, label: Werkstattcafé}}
          - {{id: grill, label: Grillabend}}
        """)
        + lines
        + "\n```\n"
    )


BLOCKS = [
    block("test-js"),
    block("test-zweimal", "live"),
    block("test-ohne-js", "live"),
    block("test-honig", "live"),
    block("test-vorschlag", suggestions="true"),
    block("test-schleife", "live", multiple="true", max="2"),
    block("test-tastatur", multiple="true", max="2"),
    block(
        "test-zu",
        "after_close",
        closes="2020-01-31",
        decision="\n  status: done\n  response: Die Salatbar gibt es seit März.",
    ),
]


@dataclass(frozen=True)
class PollSite:
    """A built site served with the backend at `origin`, and where its parts live."""

    origin: str
    folder: Path
    build: BuildRun
    db: Path

    @property
    def manifest(self) -> Path:
        """The manifest the build wrote and the backend reads."""
        return self.build.output / "polls" / "manifest.json"

    def results(self, poll_id: str) -> dict[str, Any]:
        """The backend's public results of a poll (live polls show them to anyone)."""
        url = f"{self.origin}/api/polls/{poll_id}/results"
        with urllib.request.urlopen(url, timeout=10) as answer:
            return json.load(answer)


def write_settings(folder: Path, origin: str, snapshot: Path, endpoint: bool = True) -> Path:
    """Settings of the project with the test content, an absolute SITEURL and a snapshot."""
    settings = folder / f"siteconf-{snapshot.stem}-{int(endpoint)}.py"
    endpoints = {} if endpoint else {"POLLS_ENDPOINT": None, "POLLS_RESULTS_ENDPOINT": None}
    text = settings_over(
        folder / "content",
        cache=folder / ".cache",
        SITEURL=origin,
        POLLS_SNAPSHOT_PATH=str(snapshot),
        # Poll pages alone: their tests count console errors, and the comment box would ask
        # the backend for its thread (tests/comments test that).
        COMMENTS_ENDPOINT=None,
        **endpoints,
    )
    settings.write_text(text, encoding="utf-8")
    return settings


def build_site(folder: Path, origin: str) -> BuildRun:
    """Copy the sample content, add the test polls and build with the preview settings."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("data"))
    post = content / "posts" / "2026" / "testumfragen.md"
    post.write_text(TEST_POLLS.format(blocks="\n".join(BLOCKS)), encoding="utf-8")
    settings = write_settings(folder, origin, folder / "no-snapshot.json")
    run = run_build(folder / "output", settings=str(settings))
    assert run.returncode == 0, run.log
    return run


@contextlib.contextmanager
def serve(folder: Path, port: int) -> Iterator[PollSite]:
    """Build, then serve the output and the backend on one origin until the block ends."""
    origin = f"http://127.0.0.1:{port}"
    build = build_site(folder, origin)
    db = folder / "polls.sqlite3"
    # Every browser here comes from 127.0.0.1: the cookie tells voters apart (no address limit).
    environ = preview_env(build.output, origin, db, FACES_RATE_LIMIT="1000", FACES_IP_LIMIT="0")
    running = start_preview(build.output, environ, port)
    try:
        yield PollSite(origin, folder, build, db)
    finally:
        running.stop()
