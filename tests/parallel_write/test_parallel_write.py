"""parallel_write: two processes write the bytes of one; a failure in either fails the build."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from parallel_write.plugin import DEFAULTS, apply_defaults, processes_for
from parallel_write.writers import owner
from pelican.settings import DEFAULT_CONFIG

from tests.minisite import GOOD_POST, make_site
from tests.readme import documented_settings
from tests.sites import build_run_module, output_files

# Small pages, so tags, categories and the home have a second and third page.
TINY_SITE = (
    "DEFAULT_PAGINATION = 2\nSEARCH_INDEX = False\nWEB_EDITOR_ENABLED = False\n"
    # No folder thread: the fork happens at the first page, not once the thread has ended.
    "OUTPUT_FOLDERS_AHEAD = False\n"
)
TAGS = ("Velo", "Werkstatt", "Kundendienst")
CATEGORIES = ("Technik", "Menschen")
CHILD_RENDERED = re.compile(r"parallel_write: process (\d+) rendered (\d+) pages' calls")
TOOK_BACK = re.compile(r"parallel_write: the build process took back (\d+) single pages")
CHILD_FAILED = re.compile(r"parallel_write: process (\d+) failed on (\S+):")


def _post(number: int) -> str:
    return (
        GOOD_POST.replace("Ein guter Beitrag", f"Beitrag Nummer {number}")
        .replace("2026-03-14 09:30", f"2026-03-{number + 1:02d} 09:30")
        .replace("Category: Technik", f"Category: {CATEGORIES[number % 2]}")
        .replace("Lang: de", f"Lang: de\nTags: {TAGS[number % 3]}, {TAGS[(number + 1) % 3]}")
    )


def _build(settings: Path, output: Path, processes: int | str) -> tuple[dict[str, Any], str]:
    """Build in a fresh process; its outcome and what it logged."""
    return build_run_module("tests.parallel_write.build_run", settings, output, processes)


def _files(output: Path) -> dict[str, bytes]:
    return output_files(output)


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parallel")
    return make_site(folder, {f"post-{n}.md": _post(n) for n in range(9)}, TINY_SITE)


def test_two_processes_write_the_same_files_byte_for_byte(tiny_site: Path) -> None:
    one, one_log = _build(tiny_site, tiny_site.parent / "one", 1)
    two, two_log = _build(tiny_site, tiny_site.parent / "two", 2)
    assert one == two == {"failed": False, "problems": 0}, one_log + two_log
    serial, parallel = _files(tiny_site.parent / "one"), _files(tiny_site.parent / "two")
    assert parallel == serial
    assert {"thema/velo/seite/2/index.html", "index.html", "seite/3/index.html"} <= set(serial)
    # The second process rendered a share of them: the build did not fall back to one process.
    # How large a share depends on scheduling (the build process takes back single pages from
    # the end once its listings are written), so only that there is one.
    assert not CHILD_RENDERED.search(one_log)
    rendered = CHILD_RENDERED.search(two_log)
    assert rendered, two_log
    assert int(rendered[1]) != os.getpid() and int(rendered[2]) >= 1


@pytest.mark.parametrize(("most", "forked"), [(3, False), (100, True)])
def test_by_default_a_site_with_more_posts_than_the_limit_is_written_by_one_process(
    tmp_path: Path, most: int, forked: bool
) -> None:
    posts = {f"post-{n}.md": _post(n) for n in range(9)}
    site = make_site(tmp_path, posts, TINY_SITE + f"PARALLEL_WRITE_FORK_MAX_POSTS = {most}\n")
    outcome, log = _build(site, tmp_path / "output", "auto")
    assert outcome == {"failed": False, "problems": 0}, log
    assert bool(CHILD_RENDERED.search(log)) is forked, log
    assert ("posts, the build process writes every page" in log) is not forked, log


def _site_with_template(
    folder: Path, template: str, extra_settings: str = "", balance: bool = False
) -> tuple[Path, str]:
    """A tiny site with one post on its own template, rendered by the second process.

    Without balance, as no page can be taken back by the build process before that one starts.
    """
    extra_settings += f"PARALLEL_WRITE_BALANCE = {balance}\n"
    templates = folder / "templates"
    templates.mkdir()
    (templates / "eigen.html").write_text(template, encoding="utf-8")
    title = next(
        f"Eigener Beitrag {n}"
        for n in range(100)
        if owner(f"2026/eigener-beitrag-{n}/index.html", 2, listing=False) == 1
    )
    post = GOOD_POST.replace("Ein guter Beitrag", title).replace(
        "Lang: de", "Lang: de\nTemplate: eigen"
    )
    settings = make_site(
        folder,
        {**{f"post-{n}.md": _post(n) for n in range(3)}, "eigen.md": post},
        TINY_SITE + f"THEME_TEMPLATES_OVERRIDES = [{str(templates)!r}]\n" + extra_settings,
    )
    return settings, f"2026/{title.lower().replace(' ', '-')}/index.html"


# A template global that ends the process rendering the page unless it is the build process.
DYING_PROCESS = """
import os as _os, signal as _signal
_BUILD_PROCESS = _os.getpid()
def _end_a_forked_process():
    if _os.getpid() != _BUILD_PROCESS:
        _os.kill(_os.getpid(), _signal.SIGKILL)
    return ""
JINJA_GLOBALS = {"end_a_forked_process": _end_a_forked_process}
"""


def test_a_second_process_that_dies_fails_the_build_and_is_waited_for(tmp_path: Path) -> None:
    settings, _ = _site_with_template(
        tmp_path,
        '{% extends "article.html" %}{% block content %}{{ end_a_forked_process() }}{% endblock %}',
        DYING_PROCESS,
    )
    outcome, log = _build(settings, tmp_path / "output", 2)
    assert outcome["failed"]
    died = re.search(
        r"critical: .*Der zweite Prozess, der Seiten schreibt \(pid (\d+)\), endete, bevor er "
        r"alle seine Seiten geschrieben hatte \(signal SIGKILL\)",
        log,
    )
    assert died, log
    assert not Path(f"/proc/{died[1]}").exists()


def test_a_template_error_in_the_second_process_fails_the_build_naming_the_post(
    tmp_path: Path,
) -> None:
    settings, page = _site_with_template(
        tmp_path,
        '{% extends "article.html" %}{% block content %}{{ article.fehlt.ganz }}{% endblock %}',
    )
    outcome, log = _build(settings, tmp_path / "output", 2)
    assert outcome["failed"]
    failed = CHILD_FAILED.search(log)
    assert failed and failed[2] == page, log
    # The same report as on one core: the post's file, the error, the advice.
    assert re.search(
        r"critical: \S+/posts/eigen\.md: Der Build wurde abgebrochen: UndefinedError: .*'fehlt'",
        log,
    ), log
    assert not Path(f"/proc/{failed[1]}").exists()


# A template global that logs a warning in whichever process renders the page.
WARNING_IN_RENDERING = """
import logging as _logging, os as _os
def _warn_while_rendering():
    _logging.getLogger("eigen").warning("Warnung aus dem Prozess %d", _os.getpid())
    return ""
JINJA_GLOBALS = {"warn_while_rendering": _warn_while_rendering}
"""


def test_a_warning_in_the_second_process_is_reported_and_counted_by_the_build(
    tmp_path: Path,
) -> None:
    settings, _ = _site_with_template(
        tmp_path,
        '{% extends "article.html" %}{% block content %}{{ warn_while_rendering() }}{% endblock %}',
        WARNING_IN_RENDERING,
    )
    outcome, log = _build(settings, tmp_path / "output", 2)
    # Counted where strict mode counts: the build process.
    assert outcome == {"failed": False, "problems": 1}, log
    warned = re.search(r"warning: Warnung aus dem Prozess (\d+)", log)
    rendered = CHILD_RENDERED.search(log)
    assert warned and rendered and warned[1] == rendered[1], log


@pytest.mark.parametrize("value", [0, -1, True, "2", 1.5])
def test_a_bad_number_of_processes_is_refused_by_name(value: object) -> None:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["PARALLEL_WRITE_PROCESSES"] = value
    with pytest.raises(ValueError, match=f"PARALLEL_WRITE_PROCESSES has value {value!r}"):
        apply_defaults(SimpleNamespace(settings=settings))


@pytest.mark.parametrize("value", [-1, True, "5000", 2.5])
def test_a_bad_most_posts_for_the_forked_writer_is_refused_by_name(value: object) -> None:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["PARALLEL_WRITE_FORK_MAX_POSTS"] = value
    with pytest.raises(ValueError, match=f"PARALLEL_WRITE_FORK_MAX_POSTS has value {value!r}"):
        apply_defaults(SimpleNamespace(settings=settings))


@pytest.mark.parametrize(
    ("chosen", "most", "posts", "expected"),
    [
        (None, 5000, 5000, 2),  # up to the limit the forked writer pays
        (None, 5000, 5001, 1),  # above it one process writes (its peak memory)
        (None, None, 100_000, 2),
        (None, 0, 1, 1),
        (1, None, 10, 1),  # a number the site chose wins over the limit
        (2, 5000, 10_000, 2),
        (3, 5000, 10, 3),
    ],
)
def test_the_number_of_writing_processes_follows_the_posts_unless_chosen(
    monkeypatch: pytest.MonkeyPatch, chosen: int | None, most: int | None, posts: int, expected: int
) -> None:
    monkeypatch.setattr("parallel_write.plugin.usable_cores", lambda: 4)
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(PARALLEL_WRITE_PROCESSES=chosen, PARALLEL_WRITE_FORK_MAX_POSTS=most)
    apply_defaults(SimpleNamespace(settings=settings))
    assert processes_for(settings, posts) == expected


@pytest.mark.parametrize(("posts", "expected"), [(1000, 2), (5000, 2), (5001, 1), (10_000, 1)])
def test_by_default_the_forked_writer_stops_above_5000_posts(
    monkeypatch: pytest.MonkeyPatch, posts: int, expected: int
) -> None:
    monkeypatch.setattr("parallel_write.plugin.usable_cores", lambda: 4)
    settings = copy.deepcopy(DEFAULT_CONFIG)
    apply_defaults(SimpleNamespace(settings=settings))
    assert settings["PARALLEL_WRITE_FORK_MAX_POSTS"] == 5000
    assert processes_for(settings, posts) == expected


@pytest.mark.parametrize("value", [None, 1, "False"])
def test_a_balance_that_is_not_true_or_false_is_refused_by_name(value: object) -> None:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["PARALLEL_WRITE_BALANCE"] = value
    with pytest.raises(ValueError, match=f"PARALLEL_WRITE_BALANCE has value {value!r}"):
        apply_defaults(SimpleNamespace(settings=settings))


# A template global that holds the forked process at its first post until a file exists (in the
# build process it returns at once), or fails with `why` after a minute.
HOLD_FORKED_PROCESS = """
import os as _os, time as _time
_BUILD_PROCESS = _os.getpid()
def _hold_forked_process(output, *until, why):
    awaited = _os.path.join(output, *until)
    deadline = _time.monotonic() + 60
    while _os.getpid() != _BUILD_PROCESS and not _os.path.exists(awaited):
        if _time.monotonic() > deadline:
            raise TimeoutError(why)
        _time.sleep(0.01)
    return ""
JINJA_GLOBALS = {"hold_forked_process": _hold_forked_process}
"""


def test_the_build_process_takes_back_the_last_single_pages_and_the_bytes_stay(
    tmp_path: Path,
) -> None:
    # Held until the build process has written the oldest post, which only taking the last
    # single pages back makes it do.
    template = (
        '{% extends "article.html" %}{% block content %}'
        "{{ hold_forked_process(OUTPUT_PATH, '2026', 'beitrag-nummer-0', 'index.html',"
        " why='the build process took no page back') }}{% endblock %}"
    )
    settings, _ = _site_with_template(tmp_path, template, HOLD_FORKED_PROCESS, balance=True)
    one, one_log = _build(settings, tmp_path / "one", 1)
    two, two_log = _build(settings, tmp_path / "two", 2)
    assert one == two == {"failed": False, "problems": 0}, one_log + two_log
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    took_back, rendered = TOOK_BACK.search(two_log), CHILD_RENDERED.search(two_log)
    assert took_back and rendered, two_log
    # Five posts (good.md, three numbered, eigen.md) and the pages: each rendered once.
    pages = len(list((settings.parent / "content" / "pages").glob("*.md")))
    assert int(took_back[1]) >= 1
    assert int(took_back[1]) + int(rendered[2]) == 5 + pages, two_log


def test_the_generators_beside_run_while_the_forked_writer_renders_and_the_bytes_stay(
    tmp_path: Path,
) -> None:
    # Holds the forked process at its post until a generator after the page generator (reach,
    # named in PARALLEL_WRITE_BESIDE) has written its manifest: only a build process that runs
    # those generators while the forked writer renders gets there.
    template = (
        '{% extends "article.html" %}{% block content %}'
        "{{ hold_forked_process(OUTPUT_PATH, 'reach', 'manifest.json',"
        " why='the build process waited for the writer first') }}{% endblock %}"
    )
    settings, page = _site_with_template(tmp_path, template, HOLD_FORKED_PROCESS, balance=True)
    one, one_log = _build(settings, tmp_path / "one", 1)
    two, two_log = _build(settings, tmp_path / "two", 2)
    assert one == two == {"failed": False, "problems": 0}, one_log + two_log
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert page in _files(tmp_path / "two")
    assert CHILD_RENDERED.search(two_log), two_log


@pytest.mark.parametrize("value", [None, "ReachGenerator", [1], {"ReachGenerator": True}])
def test_generators_beside_that_are_not_a_list_of_names_are_refused_by_name(
    value: object,
) -> None:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["PARALLEL_WRITE_BESIDE"] = value
    with pytest.raises(ValueError, match=re.escape(f"PARALLEL_WRITE_BESIDE has value {value!r}")):
        apply_defaults(SimpleNamespace(settings=settings))


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("parallel_write", "PARALLEL_WRITE_") == set(DEFAULTS)


# The image pool of a first build, started (and left working) by the settings file itself.
POOL_AT_WORK = """
from faces_common.background import BackgroundPool as _Pool
_pool = _Pool(1)
_job = _pool.submit(abs, -1)
"""


def test_a_build_whose_image_pool_has_jobs_still_forks_its_writer(tmp_path: Path) -> None:
    settings = make_site(
        tmp_path, {f"post-{n}.md": _post(n) for n in range(3)}, TINY_SITE + POOL_AT_WORK
    )
    outcome, log = _build(settings, tmp_path / "output", 2)
    assert outcome == {"failed": False, "problems": 0}, log
    assert CHILD_RENDERED.search(log), log


# Fails where the build process renders it; holds the forked process until it has.
FAILS_IN_THE_BUILD_PROCESS = """
import os as _os, time as _time
_BUILD_PROCESS = _os.getpid()
def _fail_in_build_process(output):
    marker = _os.path.join(output, "taken-back")
    if _os.getpid() == _BUILD_PROCESS:
        open(marker, "w").close()
        raise ValueError("kaputt im Build-Prozess")
    deadline = _time.monotonic() + 60
    while not _os.path.exists(marker):
        if _time.monotonic() > deadline:
            raise TimeoutError("the build process took no page back")
        _time.sleep(0.01)
    return ""
JINJA_GLOBALS = {"fail_in_build_process": _fail_in_build_process}
"""


def test_a_page_taken_back_that_fails_names_its_post(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "eigen.html").write_text(
        '{% extends "article.html" %}{% block content %}'
        "{{ fail_in_build_process(OUTPUT_PATH) }}{% endblock %}",
        encoding="utf-8",
    )
    # The newest post holds the forked process; the oldest, taken back first, fails.
    newest = GOOD_POST.replace("Lang: de", "Lang: de\nTemplate: eigen")
    oldest = newest.replace("Ein guter Beitrag", "Der älteste").replace("2026-03-14", "2026-01-02")
    settings = make_site(
        tmp_path,
        {"good.md": newest, "eigen.md": oldest, **{f"post-{n}.md": _post(n) for n in range(3)}},
        TINY_SITE
        + f"THEME_TEMPLATES_OVERRIDES = [{str(templates)!r}]\n"
        + FAILS_IN_THE_BUILD_PROCESS,
    )
    outcome, log = _build(settings, tmp_path / "output", 2)
    assert outcome["failed"]
    assert not CHILD_FAILED.search(log), log
    assert re.search(
        r"critical: \S+/posts/eigen\.md: Der Build wurde abgebrochen: .*kaputt im Build-Prozess",
        log,
    ), log
