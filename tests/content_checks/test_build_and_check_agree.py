"""`invoke build` and `invoke check` report the same problems for the same broken posts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.content_checks.bad_posts import EXPECTED, LONG_TITLE, POSTS, P, md
from tests.minisite import make_site
from tests.sites import ROOT, BuildRun, run_build

# 'path:line:col: severity: message' - the one format both print.
_PROBLEM = re.compile(
    r"^(?P<path>\S+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
)


def _write_posts(folder: Path, posts: dict[str, str | bytes]) -> Path:
    settings = make_site(folder, {})
    for name, text in posts.items():
        path = folder / "content" / "posts" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return settings


def _run_check(
    settings: Path, cwd: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "-r",
            str(ROOT),
            "check",
            "--settings",
            str(settings),
            *extra,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


def _problems(log: str) -> set[tuple[str, int, int, str, str, str]]:
    """Every problem in a log: (path, line, column, severity, message, fix)."""
    lines = log.splitlines()
    found = set()
    for number, line in enumerate(lines):
        match = _PROBLEM.match(line)
        if match:
            following = lines[number + 1] if number + 1 < len(lines) else ""
            fix = following.strip() if following.startswith("    → ") else ""
            found.add(
                (match["path"], int(match["line"]), int(match["column"]), match["severity"],
                 line[match.end():], fix)
            )  # fmt: skip
    return found


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The minisite with every bad post; returns (folder, settings file)."""
    folder = tmp_path_factory.mktemp("bad")
    return folder, _write_posts(folder, POSTS)


@pytest.fixture(scope="module")
def built(broken: tuple[Path, Path]) -> BuildRun:
    folder, settings = broken
    return run_build(folder / "output", settings=str(settings), cwd=folder)


@pytest.fixture(scope="module")
def checked(broken: tuple[Path, Path]) -> subprocess.CompletedProcess[str]:
    folder, settings = broken
    return _run_check(settings, folder)


def test_the_check_finds_each_problem_where_it_is(broken: tuple[Path, Path]) -> None:
    from editorial.checks import check_site
    from editorial.config import load_settings

    folder, settings = broken
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = check_site(load_settings(str(settings)))
    finally:
        os.chdir(cwd)
    assert {(p.path, p.line, p.rule) for p in result.problems} == EXPECTED
    assert all(p.fix for p in result.problems), "every problem says how to fix it"


def test_build_and_check_report_the_same_problems(
    built: BuildRun, checked: subprocess.CompletedProcess[str]
) -> None:
    from_check = _problems(checked.stdout)
    assert len(from_check) == len(EXPECTED)
    assert _problems(built.log) == from_check
    assert "Traceback" not in built.log + checked.stdout + checked.stderr
    assert "Could not process" not in built.log
    errors = sum(1 for p in from_check if p[3] == "error")
    assert checked.stdout.rstrip().endswith(
        f"Fehler: {errors}, Warnungen: {len(from_check) - errors} "
        f"({len(POSTS) + 3} Dateien geprüft)."  # and good.md, a page, a profile
    )
    assert f"with {len(from_check)} problem(s) reported above" in built.log


def test_the_preview_builds_what_is_good(built: BuildRun) -> None:
    assert built.returncode == 0, built.log
    assert not list(built.output.parent.parent.rglob("ausbruch*")), "nothing left the output"
    written = {str(p.parent) for p in built.pages()}
    for folder in (
        "2026/raeder-aus-konstanz",
        "2026/raeder-aus-kreuzlingen",
        "2026/autor-mit-namen",
    ):
        assert folder in written
    for broken in (
        "ohne-autor",
        "html-ohne-autor",
        "datum-deutsch",
        "ohne-text",
        "nur-erklaerungen",
        "skript",
        "html-mit-skript",
        "rst-skript",
    ):
        assert f"2026/{broken}" not in written
    assert "2026/uber-html" in written or "2026/ueber-html" in written


def test_a_300_character_title_builds_with_short_paths(built: BuildRun) -> None:
    assert 290 <= len(LONG_TITLE) <= 310
    [post] = [p for p in built.pages() if str(p).startswith("2026/warum-wir-sehr")]
    slug = post.parent.name
    assert len(slug) <= 100 and not slug.endswith("-")
    assert slug == "warum-wir" + "-sehr" * 18
    longest = max(
        len(part) for p in built.output.rglob("*") for part in p.relative_to(built.output).parts
    )
    assert longest <= 120
    card = post.parent / "index.html"
    assert built.html(str(card)).select_one("h1").get_text(strip=True) == LONG_TITLE


def test_the_check_says_how_to_shorten_a_long_title(
    checked: subprocess.CompletedProcess[str],
) -> None:
    slug = "warum-wir" + "-sehr" * 18
    assert (
        "content/posts/sehr-lang.md:1:1: warning: Der Titel ist für die Adresse des "
        f"Beitrags zu lang; sie wird auf 100 Zeichen gekürzt: '{slug}'.\n"
        "    → Wählen Sie eine kurze Adresse selbst mit einer Zeile 'Slug: …' im Kopf, "
        f"z. B. 'Slug: {slug}'."
    ) in checked.stdout


@pytest.mark.parametrize(
    ("posts", "fails"),
    [
        ({}, False),
        ({"sehr-lang.md": POSTS["sehr-lang.md"]}, True),
        ({"ohne-text.rst": POSTS["ohne-text.rst"]}, True),
    ],
    ids=["clean", "only-a-warning", "one-error"],
)
def test_strict_build_fails_exactly_when_strict_check_fails(
    tmp_path: Path, posts: dict[str, str | bytes], fails: bool
) -> None:
    settings = _write_posts(tmp_path, posts)
    check = _run_check(settings, tmp_path, "--strict")
    build = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path, strict=True)
    assert (check.returncode != 0, build.returncode != 0) == (fails, fails), build.log
    assert _problems(build.log) == _problems(check.stdout)


def test_problems_in_english_by_setting(tmp_path: Path) -> None:
    posts = {name: POSTS[name] for name in ("ohne-text.rst", "autor-tippfehler.md")}
    settings = _write_posts(tmp_path, posts)
    english = {"FACES_LOCALE": "en_GB"}
    build = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path, env=english)
    assert (
        "content/posts/ohne-text.rst:8:1: error: The post has no text.\n"
        "    → Write the text after the blank line below the header."
    ) in build.log
    assert (
        "content/posts/autor-tippfehler.md:4:9: error: There is no profile for 'miriam-kelller'.\n"
        "    → Did you mean 'miriam-keller' (Miriam Keller)?"
    ) in build.log
    check = _run_check(settings, tmp_path, env=english)
    assert _problems(build.log) == _problems(check.stdout)
    assert check.stdout.endswith("Errors: 2, warnings: 0 (5 files checked).\n")


_POLL = """
```poll
id: gleiche-frage
question: Was meinen Sie?
options:
  - id: ja
    label: Ja
  - id: nein
    label: Nein
closes: 2027-01-31
```
"""
# Rules that once ran only in `invoke check`: images, links, reviewers, poll ids.
EDITORIAL_POSTS = {
    "ohne-alt.md": md(Title="Ohne Alt").replace(
        "Dieser Beitrag ist in Ordnung.", "Ein Bild:\n\n![]({static}/images/bild.png)"
    ),
    "bild-fehlt.md": md(Title="Bild fehlt").replace(
        "Dieser Beitrag ist in Ordnung.", "![Ein Rad]({static}/images/gibtsnicht.png)"
    ),
    "link-kaputt.md": md(Title="Link kaputt").replace(
        "Dieser Beitrag ist in Ordnung.", "Siehe [hier]({filename}/posts/gibtsnicht.md)."
    ),
    "pruefer.md": md(Title="Prüfer", Lang="de\nReviewed-by: niemand-da"),
    "umfrage-1.md": md(Title="Umfrage eins") + _POLL,
    "umfrage-2.md": md(Title="Umfrage zwei", Date="2026-03-15 09:30") + _POLL,
}
EDITORIAL_RULES = {
    (P + "ohne-alt.md", "image_no_alt"),
    (P + "bild-fehlt.md", "image_missing"),
    (P + "link-kaputt.md", "link_missing"),
    (P + "pruefer.md", "unknown_reviewer"),
    (P + "umfrage-2.md", "duplicate_poll_id"),
}


def test_strict_build_fails_on_every_rule_check_has(tmp_path: Path) -> None:
    from editorial.checks import check_site
    from editorial.config import load_settings
    from PIL import Image

    settings = _write_posts(tmp_path, EDITORIAL_POSTS)
    (tmp_path / "content" / "images").mkdir()
    Image.new("RGB", (40, 30), "white").save(tmp_path / "content" / "images" / "bild.png")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        found = check_site(load_settings(str(settings))).problems
    finally:
        os.chdir(cwd)
    assert {(p.path, p.rule) for p in found} >= EDITORIAL_RULES
    check = _run_check(settings, tmp_path, "--strict")
    build = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path, strict=True)
    assert check.returncode == 1 and build.returncode == 1, build.log
    assert _problems(build.log) == _problems(check.stdout)
