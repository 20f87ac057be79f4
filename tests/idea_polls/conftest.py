"""Fixtures for the idea poll tests: the theme's poll template, set up as Pelican would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from idea_polls.render import TEMPLATE, PollRenderer
from jinja2 import Environment, FileSystemLoader
from site_i18n.plugin import install

from tests.sites import ROOT

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def theme_env() -> Environment:
    """The theme's templates with the site's German catalog and date filters (site_i18n)."""
    env = Environment(
        loader=FileSystemLoader(str(ROOT / "theme" / "templates")),
        autoescape=True,  # as JINJA_ENVIRONMENT in pelicanconf.py
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    settings = {
        "I18N_CATALOG_DIR": str(ROOT / "theme" / "translations"),
        "I18N_LOCALE": "de_CH",
        "I18N_CONTENT_LOCALES": {"de": "de_CH", "en": "en_GB"},
        "TIMEZONE": "Europe/Zurich",
    }
    install(SimpleNamespace(settings=settings, env=env))
    return env


@pytest.fixture
def make_renderer(theme_env: Environment) -> Callable[..., PollRenderer]:
    """A PollRenderer at NOW with the preview's endpoints unless told otherwise."""

    def make(**changes: Any) -> PollRenderer:
        fields: dict[str, Any] = {
            "template": theme_env.get_template(TEMPLATE),
            "endpoint": "/api/vote",
            "results_endpoint": "/api/polls/{poll}/results",
            "site_url": "",
            "locale": "de_CH",
            "zone": ZoneInfo("Europe/Zurich"),
            "snapshots": {},
            "now": NOW,
            **changes,
        }
        return PollRenderer(**fields)

    return make
