"""Shared pieces of the transparency tests: settings, real Pelican articles, tiny sites."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pelican.contents import Article
from pelican.readers import Readers
from pelican.settings import read_settings
from transparency.plugin import apply_defaults

from tests.minisite import make_site
from tests.sites import BuildRun, run_build

FIXTURE_PLUGINS = Path(__file__).resolve().parent / "fixture_plugins"
TODAY = "2026-06-30"


def header(title: str, date: str, author: str = "miriam-keller", **fields: str) -> str:
    """A post's text: the usual header, the given fields ("Reviewed_by" → "Reviewed-by")."""
    lines = [
        f"Title: {title}",
        f"Date: {date}",
        "Category: Technik",
        f"{'Authors' if ',' in author else 'Author'}: {author}",
        "Lang: de",
        f"Summary: {title}.",
    ]
    for name, value in fields.items():
        for entry in value if isinstance(value, list) else [value]:
            lines.append(f"{name.replace('_', '-')}: {entry}")
    return "\n".join(lines) + "\n\nText.\n"


def plugin_settings(
    profiles: dict[str, dict[str, Any]] | None = None,
    polls: list[dict[str, Any]] | None = None,
    extra: str = "",
) -> str:
    """Settings text for make_site: our plugin, fixed today, and the published context."""
    text = textwrap.dedent(f"""\
        PLUGIN_PATHS = PLUGIN_PATHS + [{str(FIXTURE_PLUGINS)!r}]
        PLUGINS = ["safe_html", "site_i18n", "content_checks", "visibility", "context_fixtures",
                   "transparency", "seo"]
        TRANSPARENCY_TODAY = {TODAY!r}
        TRANSPARENCY_EDITORIAL_PAGE = ""
        """)
    if profiles is not None:
        text += f"FIXTURE_PROFILES = {profiles!r}\n"
        text += f"AUTHORS_DEPARTMENTS = {DEPARTMENTS!r}\nAUTHORS_LEVELS = {LEVELS!r}\n"
    if polls is not None:
        text += f"FIXTURE_POLLS = {polls!r}\n"
    return text + extra


DEPARTMENTS = {
    "geschaeftsleitung": "Geschäftsleitung",
    "entwicklung": "Entwicklung",
    "produktion": "Produktion",
    "vertrieb": "Vertrieb",
}
LEVELS = {"vorstand": "Vorstand", "bereichsleitung": "Bereichsleitung", "fachkraft": "Fachkraft"}


def profile(name: str, department: str | None, level: str | None, **fields: Any) -> dict[str, Any]:
    """What author_profiles publishes for one person (as plain fields)."""
    return {
        "name": name,
        "department": department,
        "department_label": DEPARTMENTS.get(department or ""),
        "level": level,
        "level_label": LEVELS.get(level or ""),
        "status": "active",
        "is_editor": False,
        "photo_credit": None,
        "has_photo": False,
        "url": f"menschen/{name.lower().replace(' ', '-')}/",
        **fields,
    }


@pytest.fixture
def site(tmp_path: Path) -> Callable[..., BuildRun]:
    """Build a tiny site with the given posts and settings; return the finished build."""

    def build(
        posts: dict[str, str],
        settings: str = "",
        *,
        profiles: dict[str, dict[str, Any]] | None = None,
        polls: list[dict[str, Any]] | None = None,
        strict: bool = False,
        folder: str = "site",
    ) -> BuildRun:
        root = tmp_path / folder
        settings_path = make_site(root, posts, plugin_settings(profiles, polls, settings))
        # From the site's folder, reports name files as content/posts/…, as for a user.
        return run_build(root / "output", settings=str(settings_path), strict=strict, cwd=root)

    return build


def figures(run: BuildRun, save_as: str = "transparenz") -> dict[str, Any]:
    """The build's transparency.json."""
    return json.loads((run.output / save_as / "transparency.json").read_text(encoding="utf-8"))


@pytest.fixture
def pelican_settings(tmp_path: Path) -> dict[str, Any]:
    """Pelican's settings with the project's and this plugin's defaults."""
    (tmp_path / "content").mkdir(exist_ok=True)
    settings = read_settings(
        str(Path(__file__).resolve().parents[2] / "pelicanconf.py"),
        override={"PATH": str(tmp_path / "content"), "CACHE_PATH": str(tmp_path / "cache")},
    )
    apply_defaults(SimpleNamespace(settings=settings))
    return settings


@pytest.fixture
def read_article(tmp_path: Path, pelican_settings: dict[str, Any]) -> Callable[[str, str], Any]:
    """Write a post into the content folder and read it with Pelican into an Article."""
    content = tmp_path / "content"

    def read(name: str, text: str) -> Article:
        path = content / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        readers = Readers(pelican_settings)
        return readers.read_file(str(content), f"posts/{name}", content_class=Article, context={})

    return read
