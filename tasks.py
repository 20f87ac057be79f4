"""Tasks for building, previewing, checking and testing the blog (run with `uv run invoke ...`)."""

from __future__ import annotations

import os
import shutil
import sys

from invoke import task
from invoke.context import Context

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))

from faces_common.task_options import whole_number

CONFIG = {
    # Settings for the local preview and for publishing.
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    # Output folder of both builds.
    "deploy_path": "output",
    # The intranet build: internal posts included (see docs/hosting.md).
    "settings_intranet": "intranetconf.py",
    "deploy_path_intranet": "output-intranet",
    # Where the preview server listens.
    "host": "127.0.0.1",
    "port": 8000,
    # Folders whose changes trigger a rebuild in the preview.
    "watch": ["content", "theme", "plugins", "pelicanconf.py"],
}


def _build(settings_file: str, strict: bool, debug: bool, overrides: dict | None = None) -> None:
    import logging

    from pelican.log import init as init_logging

    from devserver.build import build, plain_handler, summary

    init_logging(level=logging.DEBUG if debug else logging.WARNING, handler=plain_handler())
    result = build(settings_file, overrides, debug=debug)
    if summary(result, strict):
        print(summary(result, strict), file=sys.stderr)
    code = result.exit_code(strict)
    if code:
        sys.exit(code)


def _require_address(settings_file: str, task_name: str) -> None:
    """Exit 2 with one line when the settings give the site no address to link to."""
    from faces_common.site_address import missing_address

    refusal = missing_address(settings_file, task_name)
    if refusal:
        print(refusal, file=sys.stderr)
        sys.exit(2)


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
    overrides: dict = {"OUTPUT_PATH": output} if output else {}
    if no_cache:
        overrides.update(LOAD_CONTENT_CACHE=False, CACHE_CONTENT=False)
    _build(settings or CONFIG["settings_base"], strict, debug, overrides)


@task(help={"debug": "Show full tracebacks.", "output": "Output folder (default output/)."})
def publish(c: Context, debug: bool = False, output: str = "") -> None:
    """Build the public site (publishconf.py, strict); SITEURL comes from the environment."""
    _require_address(CONFIG["settings_publish"], "publish")
    overrides = {"OUTPUT_PATH": output} if output else None
    _build(CONFIG["settings_publish"], strict=True, debug=debug, overrides=overrides)


@task
def clean(c: Context) -> None:
    """Remove the output folder and the build caches."""
    for path in (CONFIG["deploy_path"], ".cache"):
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
    port: int = whole_number("port", CONFIG["port"], 1, 8001, lambda: _site_language()),
    debug: bool = False,
) -> None:
    """Build, serve the site and the poll backend on one origin, rebuild on every change."""
    from devserver.port import PortInUseError
    from devserver.server import serve_preview

    try:
        serve_preview(
            settings_file=CONFIG["settings_base"],
            output_path=CONFIG["deploy_path"],
            watch=CONFIG["watch"],
            host=CONFIG["host"],
            port=port,
            debug=debug,
        )
    except PortInUseError as error:
        print(error.message(_site_language()), file=sys.stderr)
        sys.exit(2)


def _site_language() -> str:
    """The language of the preview site's problem reports, for messages about task options."""
    return _pull_language(CONFIG["settings_base"])


def _pull_language(settings_file: str) -> str:
    """The language of the site's own problem reports (CHECKS_LANGUAGE), for the pulls' messages."""
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    language = settings.get("CHECKS_LANGUAGE") or settings.get("DEFAULT_LANG")
    return "en" if language == "en" else "de"


def _run_pull(c: Context, command: str, env: dict[str, str]) -> None:
    """Run a backend pull; on a refusal its message is already shown: exit with its status."""
    result = c.run(command, env=env, warn=True)
    if result is not None and result.exited:
        sys.exit(result.exited)


@task(
    help={
        "results": "Results snapshot to write (default content/data/poll-results.json).",
        "suggestions": "Pending suggestions to write (default content/data/poll-suggestions.json).",
        "db": "The backend's database (default: FACES_DB, else the preview's).",
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
    import shlex

    preview_db = os.path.join(".cache", "preview-polls.sqlite3")
    built_manifest = os.path.join(CONFIG["deploy_path"], "polls", "manifest.json")
    env = {
        "FACES_DB": db or os.environ.get("FACES_DB", preview_db),
        "FACES_MANIFEST": manifest or os.environ.get("FACES_MANIFEST", built_manifest),
    }
    lang = _pull_language(CONFIG["settings_base"])
    command = (
        f"{shlex.quote(sys.executable)} -m faces_backend snapshot {shlex.quote(results)} "
        f"--suggestions {shlex.quote(suggestions)} --lang {lang}"
    )
    _run_pull(c, command + (" --replace" if replace else ""), env)


@task(
    positional=["action"],
    help={
        "action": "list | approve | reject | reply | pull | purge",
        "id": "The comment (c-...) to approve, reject or reply to.",
        "reason": "reject: spam, off_topic, insulting, personal_data or other.",
        "as": "reply: the replying author's profile slug, e.g. anna-muster.",
        "text": "reply: the answer's text.",
        "db": "The backend's database (default: FACES_DB, else the preview's).",
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
    db: str = "",
    manifest: str = "",
    replace: bool = False,
) -> None:
    """Moderate comments and pull the approved ones into content/data/comments/ (issue 15)."""
    import shlex

    preview_db = os.path.join(".cache", "preview-polls.sqlite3")
    built = os.path.join(CONFIG["deploy_path"], "comments", "manifest.json")
    env = {
        "FACES_DB": db or os.environ.get("FACES_DB", preview_db),
        "FACES_COMMENTS_MANIFEST": manifest or os.environ.get("FACES_COMMENTS_MANIFEST", built),
    }
    if not os.path.exists(env["FACES_COMMENTS_MANIFEST"]) and not manifest:
        env["FACES_COMMENTS_MANIFEST"] = ""  # not built yet: post titles stay unknown
    argv = ["--lang", _pull_language(CONFIG["settings_base"]), action]
    if action in ("approve", "reject", "reply"):
        argv.append(id_)
    if action == "reject":
        argv += ["--reason", reason]
    if action == "reply":
        argv += ["--as", as_, "--text", text]
    if action == "pull" and replace:
        argv.append("--replace")
    command = f"{shlex.quote(sys.executable)} -m faces_backend comments " + shlex.join(argv)
    _run_pull(c, command, env)


@task(
    help={
        "output": "Counts file to write (default content/data/views.json).",
        "db": "The backend's database (default: FACES_DB, else the preview's).",
        "replace": "Write the database's counts even where the repository holds more (loses data).",
    }
)
def reach_pull(
    c: Context, output: str = "content/data/views.json", db: str = "", replace: bool = False
) -> None:
    """Merge the page views counted by the backend into content/data/views.json (reach)."""
    import shlex

    preview_db = os.path.join(".cache", "preview-polls.sqlite3")
    env = {"FACES_DB": db or os.environ.get("FACES_DB", preview_db)}
    lang = _pull_language(CONFIG["settings_base"])
    command = (
        f"{shlex.quote(sys.executable)} -m faces_backend views export {shlex.quote(output)} "
        f"--lang {lang}"
    )
    _run_pull(c, command + (" --replace" if replace else ""), env)
    if lang == "en":
        print("The next build shows them (author pages, posts, the transparency page).")
    else:
        print("Der nächste Build zeigt sie (Autorenseiten, Beiträge, Transparenzseite).")


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
    from reach.data import DataError, read_view_data
    from reach.report import ReportError, build_report, format_report, no_counts, read_manifest

    manifest = manifest or os.path.join(CONFIG["deploy_path"], "reach", "manifest.json")
    lang = _site_language()
    try:
        counts = read_view_data(data)
        if counts is None:
            raise ReportError(no_counts(data, lang))
        pages = read_manifest(manifest, lang)
    except (DataError, ReportError) as error:
        sys.exit(f"reach-report: {error}")
    report = build_report(counts, pages, window_days=days, few=None if few < 0 else few)
    print(format_report(report, top), end="")


@task(
    help={
        "browser": "Also run the browser tests (default: yes).",
        "k": "Only tests matching.",
        "update_golden": "Rewrite the golden page snapshots from a fresh build; runs only them.",
    }
)
def test(c: Context, browser: bool = True, k: str = "", update_golden: bool = False) -> None:
    """Install the test tools a fresh machine lacks, then run the whole test suite."""
    if update_golden:
        from tests.golden.snapshots import UPDATE_VARIABLE

        c.run(
            f"{sys.executable} -m pytest -q tests/golden/test_pages.py",
            env={UPDATE_VARIABLE: "1"},
            pty=False,
        )
        return
    from tests.tools import ensure_test_tools

    ensure_test_tools()
    args = ["-q"]
    if not browser:
        args += ["-m", "not browser"]
    if k:
        args += ["-k", k]
    c.run(f"{sys.executable} -m pytest {' '.join(args)}", pty=False)


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
    """Extract the theme's strings and update the German catalog (then translate the new ones)."""
    c.run(
        "pybabel extract --no-location --omit-header --sort-output -F theme/babel.cfg "
        "-o theme/translations/messages.pot theme"
    )
    c.run(
        "pybabel update --no-location --omit-header -i theme/translations/messages.pot "
        "-d theme/translations -l de"
    )


@task(
    help={
        "format": "text (default), github (annotations and job summary) or gitlab (Code Quality).",
        "output": "Write the report to this file (gitlab: default gl-code-quality-report.json).",
        "settings": "Settings file (default pelicanconf.py).",
        "strict": "Also fail on warnings.",
    }
)
def check(
    c: Context, format: str = "text", output: str = "", settings: str = "", strict: bool = False
) -> None:
    """Check every post and profile without building: file, line, what is wrong, how to fix it."""
    from editorial.commands import run_check

    code = run_check(settings or CONFIG["settings_base"], format, output, strict)
    if code:
        sys.exit(code)


@task(
    iterable=["author"],
    help={
        "title": "Title of the post.",
        "author": "Handle of an author (repeat or separate with commas); new ones get a profile.",
        "category": "Category of the post.",
        "lang": "Language of the post (de or en).",
        "date": "Publication date, YYYY-MM-DD HH:MM (default: now).",
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
    settings: str = "",
) -> None:
    """Create a post with every field explained; asks for what is missing when run in a terminal."""
    from editorial.commands import run_new_post
    from editorial.prompts import Arguments

    given = Arguments(title, tuple(author or ()), category, lang, date)
    code = run_new_post(settings or CONFIG["settings_base"], given)
    if code:
        sys.exit(code)


@task(help={"debug": "Show full tracebacks.", "output": "Output folder (default output-intranet)."})
def intranet(c: Context, debug: bool = False, output: str = "") -> None:
    """Build the intranet site (internal posts included); address from INTRANET_SITEURL."""
    _require_address(CONFIG["settings_intranet"], "intranet")
    overrides = {"OUTPUT_PATH": output or CONFIG["deploy_path_intranet"]}
    _build(CONFIG["settings_intranet"], strict=True, debug=debug, overrides=overrides)


@task(
    help={
        "output": "Built site to check (default output/).",
        "settings": "Settings the site was built with (default publishconf.py; SITEURL from env).",
    }
)
def linkcheck(c: Context, output: str = "", settings: str = "") -> None:
    """Check that every internal link and image in the built site exists (no network)."""
    from editorial.config import SettingsFileError, load_settings
    from editorial.linkcheck import run_linkcheck

    try:
        site = load_settings(settings or CONFIG["settings_publish"])
    except SettingsFileError as error:
        print(error, file=sys.stderr)
        sys.exit(2)
    code = run_linkcheck(
        output or CONFIG["deploy_path"],
        site["SITEURL"],
        site["EDITORIAL_LINKCHECK_IGNORE"],
        site["CHECKS_LANGUAGE"],
    )
    if code:
        sys.exit(code)


@task(
    help={
        "target": "What to mutate: backend (the defences), photos or checker.",
        "max_children": "Mutants tested in parallel (default 2).",
    }
)
def mutation(c: Context, target: str = "backend", max_children: int = 2) -> None:
    """Mutation testing with mutmut of one target and its focused tests (docs/testing.md)."""
    from tests.mutation import run

    code = run(target, max_children)
    if code:
        sys.exit(code)
