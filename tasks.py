"""Tasks for building, previewing, checking and testing the blog (run with `uv run invoke ...`).

One piece on purpose, past 300 lines: this file is the table of every command editors and
operators run (`invoke --list` reads it). Each task only states its options and help and calls
devserver/, a plugin's public API or the backend's CLI, where the work is done and tested.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass

from invoke import task
from invoke.context import Context

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))

from faces_common.task_options import whole_number

from devserver.commands import build_site, refuse_without_address, report_language
from devserver.pulls import (
    BackendPlace,
    comment_command,
    migrate_database,
    pull_poll_results,
    pull_views,
    story_command,
)


@dataclass(frozen=True)
class TaskConfig:
    """The files and addresses the tasks work with."""

    # Settings for the local preview and for publishing.
    settings_base: str = "pelicanconf.py"
    settings_publish: str = "publishconf.py"
    # Output folder of both builds.
    deploy_path: str = "output"
    # The intranet build: internal posts included (see docs/hosting.md).
    settings_intranet: str = "intranetconf.py"
    deploy_path_intranet: str = "output-intranet"
    # Where the preview server listens.
    host: str = "127.0.0.1"
    port: int = 8000
    # Folders whose changes trigger a rebuild in the preview.
    watch: tuple[str, ...] = ("content", "theme", "plugins", "pelicanconf.py")


CONFIG = TaskConfig()
# The `--db` option of every task that reads the backend's database.
DATABASE_HELP = "The backend's database (default: FACES_DB, else the preview's)."


def _exit_on(code: int) -> None:
    """Leave with the exit code of what the task ran, when it is not 0."""
    if code:
        sys.exit(code)


def _site_language() -> str:
    """The language of the preview site's problem reports, for messages about task options."""
    return report_language(CONFIG.settings_base)


def _run_backend_command(
    command: Callable[..., int], *arguments: str, db: str, manifest: str, **options: object
) -> None:
    """Run a backend command on the preview's output in the site's language; exit on failure."""
    place = BackendPlace(db, manifest, CONFIG.deploy_path, _site_language())
    _exit_on(command(place, *arguments, **options))


@task(
    help={
        "strict": "Fail on any content warning, as publishing does.",
        "debug": "Show full tracebacks.",
        "settings": "Settings file (default pelicanconf.py).",
        "output": "Output folder (default output/).",
        "no_cache": "Neither read nor write the content cache.",
    }
)
def build(
    c: Context,
    strict: bool = False,
    debug: bool = False,
    settings: str = "",
    output: str = "",
    no_cache: bool = False,
) -> None:
    """Build the site with the preview settings (drafts included) into output/."""
    overrides: dict[str, object] = {"OUTPUT_PATH": output} if output else {}
    if no_cache:
        overrides.update(LOAD_CONTENT_CACHE=False, CACHE_CONTENT=False)
    _exit_on(
        build_site(
            settings or CONFIG.settings_base, strict=strict, debug=debug, overrides=overrides
        )
    )


@task(help={"debug": "Show full tracebacks.", "output": "Output folder (default output/)."})
def publish(c: Context, debug: bool = False, output: str = "") -> None:
    """Build the public site (publishconf.py, strict); SITEURL comes from the environment."""
    _exit_on(refuse_without_address(CONFIG.settings_publish, "publish"))
    overrides = {"OUTPUT_PATH": output} if output else None
    _exit_on(build_site(CONFIG.settings_publish, strict=True, debug=debug, overrides=overrides))


@task
def clean(c: Context) -> None:
    """Remove the output folder and the build caches."""
    for path in (CONFIG.deploy_path, ".cache"):
        if os.path.isdir(path):
            shutil.rmtree(path)


@task(
    help={
        "port": "Port of the preview server (a number, default 8000).",
        "debug": "Show full tracebacks.",
    }
)
def livereload(
    c: Context,
    port: int = whole_number("port", CONFIG.port, 1, 8001, lambda: _site_language()),
    debug: bool = False,
) -> None:
    """Build, serve the site and the poll backend on one origin, rebuild on every change."""
    from devserver.commands import preview

    code = preview(CONFIG.settings_base, CONFIG.deploy_path, CONFIG.watch, CONFIG.host, port, debug)
    _exit_on(code)


@task(
    help={
        "results": "Results snapshot to write (default content/data/poll-results.json).",
        "suggestions": "Pending suggestions to write (default content/data/poll-suggestions.json).",
        "db": DATABASE_HELP,
        "manifest": "The poll manifest (default: FACES_MANIFEST, else output/polls/manifest.json).",
        "replace": "Write the database's state even where the repository holds more (loses data).",
    }
)
def poll_results(
    c: Context,
    results: str = "content/data/poll-results.json",
    suggestions: str = "content/data/poll-suggestions.json",
    db: str = "",
    manifest: str = "",
    replace: bool = False,
) -> None:
    """Merge poll results and pending suggestions from the backend's database into content/data/."""
    _run_backend_command(
        pull_poll_results, results, suggestions, db=db, manifest=manifest, replace=replace
    )


@task(
    positional=["action"],
    help={
        "action": "list | approve | reject | reply | pull | purge",
        "id": "The comment (c-...) to approve, reject or reply to.",
        "reason": "reject: spam, off_topic, insulting, personal_data or other.",
        "as": "reply: the replying author's profile slug, e.g. anna-muster.",
        "text": "reply: the answer's text.",
        "name": "reply: the name readers see until the next build (default: the profile slug).",
        "db": DATABASE_HELP,
        "manifest": "Comment manifest (default: FACES_COMMENTS_MANIFEST, else the build's).",
        "replace": "pull: write the database's state even where the repository holds more.",
    },
)
def comments(
    c: Context,
    action: str,
    id_: str = "",
    reason: str = "",
    as_: str = "",
    text: str = "",
    name: str = "",
    db: str = "",
    manifest: str = "",
    replace: bool = False,
) -> None:
    """Moderate comments and pull the approved ones into content/data/comments/ (issue 15)."""
    _run_backend_command(
        comment_command,
        action,
        comment=id_,
        reason=reason,
        profile=as_,
        text=text,
        name=name,
        db=db,
        manifest=manifest,
        replace=replace,
    )


@task(
    positional=["action"],
    help={
        "action": "list | accept | decline | pull",
        "id": "The proposal (s-...) to accept or decline.",
        "editor": "accept: the profile slug of the editor who takes the story, e.g. anna-muster.",
        "reason": "decline: why (stays internal, never published).",
        "plan": "pull: the editorial plan (default content/data/editorial-plan.json).",
        "db": DATABASE_HELP,
        "manifest": "Story manifest (default: FACES_STORIES_MANIFEST, else the build's).",
        "replace": "pull: write the database's state even where the plan holds more.",
    },
)
def stories(
    c: Context,
    action: str,
    id_: str = "",
    editor: str = "",
    reason: str = "",
    plan: str = "",
    db: str = "",
    manifest: str = "",
    replace: bool = False,
) -> None:
    """Decide story proposals and pull accepted ones into the editorial plan (issue 19)."""
    _run_backend_command(
        story_command,
        action,
        story=id_,
        editor=editor,
        reason=reason,
        plan=plan,
        db=db,
        manifest=manifest,
        replace=replace,
    )


@task(
    help={
        "db": "SQLite file if FACES_DATABASE_URL is unset (default: FACES_DB, else the preview's)."
    }
)
def backend_migrate(c: Context, db: str = "") -> None:
    """Create or migrate the backend's database (FACES_DATABASE_URL, else the SQLite file)."""
    _exit_on(migrate_database(db=db, lang=_site_language()))


@task(
    help={
        "output": "Counts file to write (default content/data/views.json).",
        "db": DATABASE_HELP,
        "replace": "Write the database's counts even where the repository holds more (loses data).",
    }
)
def reach_pull(
    c: Context, output: str = "content/data/views.json", db: str = "", replace: bool = False
) -> None:
    """Merge the page views counted by the backend into content/data/views.json (reach)."""
    _exit_on(pull_views(output, db=db, replace=replace, lang=_site_language()))


@task(
    help={
        "data": "Counts pulled by reach-pull (default content/data/views.json).",
        "manifest": "Pages of the last build (default output/reach/manifest.json).",
        "days": "Days that count as recent (default 90).",
        "top": "How many posts to list by reads (default 20).",
        "few": "At most this many recent reads is 'few' (default: the lowest quarter).",
    }
)
def reach_report(
    c: Context,
    data: str = "content/data/views.json",
    manifest: str = "",
    days: int = whole_number("days", 90, 1, 30, lambda: _site_language()),
    top: int = whole_number("top", 20, 1, 10, lambda: _site_language()),
    few: int = whole_number("few", -1, 0, 5, lambda: _site_language()),
) -> None:
    """Print for editors the posts by reads, and the posts with few reads (reach)."""
    from devserver.commands import reach_report as print_reach_report

    manifest = manifest or os.path.join(CONFIG.deploy_path, "reach", "manifest.json")
    _exit_on(print_reach_report(data, manifest, _site_language(), days=days, top=top, few=few))


@task(
    help={
        "browser": "Also run the browser tests (default: yes).",
        "k": "Only tests matching.",
        "update_golden": "Rewrite the golden pages and screens from a fresh build; runs only them.",
    }
)
def test(c: Context, browser: bool = True, k: str = "", update_golden: bool = False) -> None:
    """Install the test tools a fresh machine lacks, then run the whole test suite."""
    from tests.tools import run_suite

    _exit_on(run_suite(browser=browser, match=k, update_golden=update_golden))


@task
def lint(c: Context) -> None:
    """Check style and formatting with ruff and types with mypy (configured in pyproject.toml)."""
    # Every check runs, so one lint shows all that is wrong, not only the first tool's findings.
    failed = [
        command
        for command in ("ruff check .", "ruff format --check .", "mypy")
        if c.run(command, warn=True, echo=True).failed
    ]
    if failed:
        sys.exit(f"lint: {', '.join(failed)} failed")


@task
def translations(c: Context) -> None:
    """Extract the theme's strings and update the German catalog (and de@du: docs/voice.md)."""
    c.run(
        "pybabel extract --no-location --omit-header --sort-output -F theme/babel.cfg "
        "-o theme/translations/messages.pot theme"
    )
    c.run("pybabel update -i theme/translations/messages.pot -d theme/translations -l de")


@task(
    help={
        "format": "text (default), github (annotations and job summary) or gitlab (Code Quality).",
        "output": "Write the report to this file (gitlab: default gl-code-quality-report.json).",
        "settings": "Settings file (default pelicanconf.py).",
        "strict": "Also fail on warnings.",
        "hints": "Also give writing hints (long sentences, reading ease, pasted text); "
        "they never fail the check.",
    }
)
def check(
    c: Context,
    format: str = "text",
    output: str = "",
    settings: str = "",
    strict: bool = False,
    hints: bool = False,
) -> None:
    """Check every post and profile without building: file, line, what is wrong, how to fix it."""
    from editorial.checks import run_check

    _exit_on(run_check(settings or CONFIG.settings_base, format, output, strict, hints=hints))


@task(
    iterable=["author"],
    help={
        "title": "Title of the post.",
        "author": "Handle of an author (repeat or separate with commas); new ones get a profile.",
        "category": "Category of the post.",
        "lang": "Language of the post (de or en).",
        "date": "Publication date, YYYY-MM-DD HH:MM (default: now).",
        "interview": "Write an interview draft from a question set, e.g. ein-tag-bei, "
        "projektbericht, frage-an-den-vorstand (unknown types list the known ones).",
        "story": "An accepted story of the editorial plan (s-...): an interview draft with its "
        "editor as Interview, a title from the person and the story as a note; without "
        "--interview the type is ein-tag-bei.",
        "settings": "Settings file (default pelicanconf.py).",
    },
)
def new_post(
    c: Context,
    title: str = "",
    author: list[str] | None = None,
    category: str = "",
    lang: str = "",
    date: str = "",
    interview: str = "",
    story: str = "",
    settings: str = "",
) -> None:
    """Create a post with every field explained; asks for what is missing when run in a terminal."""
    from editorial.new_post import Arguments, run_new_post

    given = Arguments(title, tuple(author or ()), category, lang, date, interview, story)
    _exit_on(run_new_post(settings or CONFIG.settings_base, given))


@task(help={"debug": "Show full tracebacks.", "output": "Output folder (default output-intranet)."})
def intranet(c: Context, debug: bool = False, output: str = "") -> None:
    """Build the intranet site (internal posts included); address from INTRANET_SITEURL."""
    _exit_on(refuse_without_address(CONFIG.settings_intranet, "intranet"))
    overrides = {"OUTPUT_PATH": output or CONFIG.deploy_path_intranet}
    _exit_on(build_site(CONFIG.settings_intranet, strict=True, debug=debug, overrides=overrides))


@task(
    help={
        "output": "Built site to check (default output/).",
        "settings": "Settings the site was built with (default publishconf.py; SITEURL from env).",
    }
)
def linkcheck(c: Context, output: str = "", settings: str = "") -> None:
    """Check that every internal link and image in the built site exists (no network)."""
    from devserver.commands import check_links

    _exit_on(check_links(settings or CONFIG.settings_publish, output or CONFIG.deploy_path))


@task(
    help={
        "target": "What to mutate: backend (the defences), photos or checker.",
        "max_children": "Mutants tested in parallel (default 2).",
    }
)
def mutation(c: Context, target: str = "backend", max_children: int = 2) -> None:
    """Mutation testing with mutmut of one target and its focused tests (docs/testing.md)."""
    from tests.mutation import run

    _exit_on(run(target, max_children))
