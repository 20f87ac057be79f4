"""Polls in a real build: problems with file and line, strict mode, the manifest on disk."""

from __future__ import annotations

import json
from pathlib import Path

from tests.idea_polls.helpers import POLL_PLUGINS, poll_post
from tests.minisite import make_site
from tests.sites import run_build

GOOD = """\
    id: kantine
    question: Was zuerst?
    options:
      - {id: salatbar, label: Salatbar}
      - {id: cafe, label: Café}
    closes: 2099-01-31
"""
BAD = GOOD.replace("closes: 2099-01-31", "closes: 31. Januar")  # line 16 of the post


def build(folder: Path, posts: dict[str, str], strict: bool = False, extra: str = ""):
    settings = make_site(folder, posts, POLL_PLUGINS + extra)
    return run_build(folder / "output", settings=str(settings), cwd=folder, strict=strict)


def test_a_bad_poll_is_reported_at_its_line_and_the_post_still_builds(tmp_path: Path) -> None:
    run = build(tmp_path, {"kaputt.md": poll_post("Kaputt", "kaputt", BAD)})
    assert run.returncode == 0, run.log
    assert (
        "content/posts/kaputt.md:16:9: error: '31. Januar' in 'closes' ist kein gültiges Datum."
        in run.log
    )
    assert "Schreiben Sie JJJJ-MM-TT oder JJJJ-MM-TT HH:MM" in run.log
    assert "Traceback" not in run.log
    page = run.html("2026/kaputt/index.html")
    assert page.select("section.poll, pre") == []
    manifest = json.loads((run.output / "polls" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["polls"] == []


def test_strict_mode_fails_on_a_bad_poll(tmp_path: Path) -> None:
    run = build(tmp_path, {"kaputt.md": poll_post("Kaputt", "kaputt", BAD)}, strict=True)
    assert run.returncode == 1
    assert "content/posts/kaputt.md:16:9: error:" in run.log
    assert "Build failed in strict mode" in run.log


def test_a_poll_id_used_in_two_posts_is_an_error_and_listed_once(tmp_path: Path) -> None:
    posts = {
        "a.md": poll_post("Erster", "erster", GOOD),
        "b.md": poll_post("Zweiter", "zweiter", GOOD),
    }
    run = build(tmp_path, posts, strict=True)
    assert run.returncode == 1
    assert (
        "content/posts/b.md:10:1: error: Die Umfrage-ID 'kantine' gibt es schon in "
        "content/posts/a.md:10." in run.log
    )
    manifest = json.loads((run.output / "polls" / "manifest.json").read_text(encoding="utf-8"))
    assert [(p["id"], p["url"]) for p in manifest["polls"]] == [
        ("kantine", "/2026/erster/#poll-kantine")
    ]


def test_settings_are_checked_at_start(tmp_path: Path) -> None:
    run = build(tmp_path, {}, extra='POLLS_RESULTS_ENDPOINT = "/api/results"\n')
    # A settings file that does not load is a usage error (exit 2), like a missing one.
    assert run.returncode == 2
    assert "POLLS_RESULTS_ENDPOINT has value '/api/results'" in run.log
