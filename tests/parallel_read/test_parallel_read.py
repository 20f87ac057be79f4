"""parallel_read: two processes read what one reads; reports and a dead reader as in one."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from parallel_read.plugin import DEFAULTS, apply_defaults
from pelican.settings import DEFAULT_CONFIG

from devserver.site_settings import settings_over
from tests.minisite import GOOD_POST, make_site
from tests.readme import documented_settings
from tests.sites import ROOT, build_run_module, output_files

TINY_SITE = (
    "SEARCH_INDEX = False\nWEB_EDITOR_ENABLED = False\nOUTPUT_FOLDERS_AHEAD = False\n"
    "PARALLEL_READ_MIN_FILES = 2\n"
)
# The build process reads slowly (it alone sends Pelican's preread signal), so the forked
# reader reads most files, whichever order Pelican's file set has.
SLOW_BUILD_PROCESS = """
import os as _os, time as _time
from pelican import signals as _signals
_build_process = _os.getpid()
def _read_slowly(sender):
    if _os.getpid() == _build_process:
        _time.sleep(0.05)
_signals.article_generator_preread.connect(_read_slowly, weak=False)
"""
# A Markdown extension that ends any process but the build process that runs it (by name, as
# the plugins sort the extensions' names).
DYING_EXTENSION = """
import os, signal
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
class Die(Preprocessor):
    def run(self, lines):
        if os.getpid() != int(os.environ["PARALLEL_READ_TEST_BUILD"]):
            open(os.environ["PARALLEL_READ_TEST_DIED"], "w").close()
            os.kill(os.getpid(), signal.SIGKILL)
        return lines
class DieElsewhere(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Die(md), "die", 1)
def makeExtension(**kwargs):
    return DieElsewhere(**kwargs)
"""
# The build process reads nothing until the forked reader has died on its first file: left to
# the scheduler, a busy machine let the build process read all 13 files before the fork began,
# and nothing died (CI, three test processes on two cores).
DYING_READER = """
import os as _os, sys as _sys, time as _time
from pelican import signals as _signals
_os.environ["PARALLEL_READ_TEST_BUILD"] = str(_os.getpid())
_os.environ["PARALLEL_READ_TEST_DIED"] = _os.path.join({folder!r}, f"died-{{_os.getpid()}}")
_sys.path.insert(0, {folder!r})
MARKDOWN = {{**MARKDOWN, "extensions": [*MARKDOWN.get("extensions", []), "dying_reader"]}}
def _after_the_fork_died(sender, **kwargs):
    if sender.settings.get("PARALLEL_READ_PROCESSES", 1) < 2:
        return
    deadline = _time.monotonic() + 30
    while not _os.path.exists(_os.environ["PARALLEL_READ_TEST_DIED"]):
        if _time.monotonic() > deadline:
            raise SystemExit("the forked reader never read a file")
        _time.sleep(0.01)
_signals.article_generator_preread.connect(_after_the_fork_died, weak=False)
"""
FORKED_READ = re.compile(r"parallel_read: process (\d+) read (\d+) files, failed on (\d+)")
ENDED_EARLY = "endete vorzeitig"  # the sites report in German


def _post(number: int, **changes: str) -> str:
    text = GOOD_POST.replace("Ein guter Beitrag", f"Beitrag Nummer {number}").replace(
        "2026-03-14 09:30", f"2026-03-{number % 28 + 1:02d} {number % 24:02d}:30"
    )
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


def _build(settings: Path, output: Path, processes: int) -> tuple[dict[str, Any], str]:
    """Build in a fresh process; its outcome and what it logged."""
    # One hash seed for every build: Pelican reads its files in the order of a set of paths,
    # so the reports of two builds come in the same order only with the same seed.
    return build_run_module(
        "tests.parallel_read.build_run", settings, output, processes, PYTHONHASHSEED="0"
    )


def _files(output: Path) -> dict[str, bytes]:
    return output_files(output)


def _reports(log: str) -> list[str]:
    """What the build reported, without parallel_read's own debug lines."""
    return [line for line in log.splitlines() if line and "parallel_read:" not in line]


def _both(site: Path) -> tuple[tuple[dict[str, Any], str], tuple[dict[str, Any], str]]:
    """Build the site on one process, then on two (the sites' settings load no content cache)."""
    # One cache folder for both: its path is part of what the card plugin writes.
    return _build(site, site.parent / "out-1", 1), _build(site, site.parent / "out-2", 2)


def test_two_processes_read_the_posts_and_the_same_bytes_are_written(tmp_path: Path) -> None:
    posts = {f"post-{n}.md": _post(n) for n in range(30)}
    site = make_site(tmp_path, posts, TINY_SITE + SLOW_BUILD_PROCESS)
    (one, one_log), (two, two_log) = _both(site)
    assert one == two == {"failed": False, "problems": 0}, one_log + two_log
    assert _files(tmp_path / "out-2") == _files(tmp_path / "out-1")
    assert len([p for p in _files(tmp_path / "out-1") if p.startswith("2026/")]) == 31
    # The forked process read a share: the build did not fall back to one process.
    assert not FORKED_READ.search(one_log)
    forked = FORKED_READ.search(two_log)
    assert forked, two_log
    assert int(forked[1]) != os.getpid() and int(forked[2]) >= 1 and forked[3] == "0"


def test_the_sample_site_is_the_same_read_by_two_processes(tmp_path: Path) -> None:
    # Posts and pages both forked (two files are enough here), every plugin of the sample on.
    settings = tmp_path / "siteconf.py"
    settings.write_text(
        settings_over(
            ROOT / "content",
            cache=tmp_path / ".cache",
            PARALLEL_READ_MIN_FILES=2,
            SEARCH_INDEX=False,
            WEB_EDITOR_ENABLED=False,
        ),
        encoding="utf-8",
    )
    (one, one_log), (two, two_log) = (
        _build(settings, tmp_path / "out-1", 1),
        _build(settings, tmp_path / "out-2", 2),
    )
    assert one == two, one_log + two_log
    assert _reports(two_log) == _reports(one_log)
    assert len(FORKED_READ.findall(two_log)) == 2, two_log
    assert _files(tmp_path / "out-2") == _files(tmp_path / "out-1")


def test_the_content_cache_saves_what_the_forked_process_read(tmp_path: Path) -> None:
    posts = {f"post-{n}.md": _post(n) for n in range(12)}
    site = make_site(
        tmp_path, posts, TINY_SITE + SLOW_BUILD_PROCESS + "LOAD_CONTENT_CACHE = True\n"
    )
    first, first_log = _build(site, tmp_path / "out-1", 2)
    assert FORKED_READ.search(first_log), first_log
    # Every post came from the cache: nothing left to read, no process forked.
    again, again_log = _build(site, tmp_path / "out-2", 2)
    assert first == again == {"failed": False, "problems": 0}, first_log + again_log
    assert "parallel_read: 0 files read in one process" in again_log
    assert _files(tmp_path / "out-2") == _files(tmp_path / "out-1")


def test_errors_and_warnings_of_posts_read_in_the_forked_process_are_reported_as_in_one(
    tmp_path: Path,
) -> None:
    posts = {f"post-{n}.md": _post(n) for n in range(12)}
    # A header error (the post is left out, with file, line and fix), an unknown field (a
    # warning, the post stays) and a date Pelican cannot read (its error, as Pelican words it).
    posts["post-3.md"] = _post(3, **{"Category: Technik": "Category: Unbekannt"})
    posts["post-7.md"] = _post(7, **{"Lang: de": "Lang: de\nStimmung: heiter"})
    posts["post-9.md"] = _post(9, **{"Title: ": "Title\n"})
    site = make_site(tmp_path, posts, TINY_SITE + SLOW_BUILD_PROCESS)
    (one, one_log), (two, two_log) = _both(site)
    assert one == two and one["problems"] >= 3, one_log
    assert _reports(two_log) == _reports(one_log)
    assert any("post-3.md:3:" in line for line in _reports(one_log)), one_log
    assert any("post-7.md:" in line for line in _reports(one_log)), one_log
    forked = FORKED_READ.search(two_log)
    assert forked and int(forked[3]) >= 1, two_log
    assert _files(tmp_path / "out-2") == _files(tmp_path / "out-1")


def test_a_reading_process_that_dies_is_survived_and_named_once(tmp_path: Path) -> None:
    posts = {f"post-{n}.md": _post(n) for n in range(12)}
    (tmp_path / "dying_reader.py").write_text(DYING_EXTENSION, encoding="utf-8")
    site = make_site(tmp_path, posts, TINY_SITE + DYING_READER.format(folder=str(tmp_path)))
    (one, one_log), (two, two_log) = _both(site)
    assert one == {"failed": False, "problems": 0}, one_log
    assert two == {"failed": False, "problems": 1}, two_log
    assert two_log.count(ENDED_EARLY) == 1, two_log
    assert "signal SIGKILL" in two_log
    assert _files(tmp_path / "out-2") == _files(tmp_path / "out-1")


@pytest.mark.parametrize("value", [0, 3, True, "2", 1.5])
def test_a_bad_number_of_processes_is_refused_by_name(value: object) -> None:
    settings = {**copy.deepcopy(DEFAULT_CONFIG), "PARALLEL_READ_PROCESSES": value}
    with pytest.raises(ValueError, match=r"PARALLEL_READ_PROCESSES has value"):
        apply_defaults(SimpleNamespace(settings=settings))


@pytest.mark.parametrize("value", [0, -1, None, "50", False])
def test_a_bad_least_number_of_files_is_refused_by_name(value: object) -> None:
    settings = {**copy.deepcopy(DEFAULT_CONFIG), "PARALLEL_READ_MIN_FILES": value}
    with pytest.raises(ValueError, match=r"PARALLEL_READ_MIN_FILES has value"):
        apply_defaults(SimpleNamespace(settings=settings))


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("parallel_read", "PARALLEL_READ_") == set(DEFAULTS)
