"""Tests for author_profiles.plugin: defaults, validation and the README's settings table."""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from author_profiles.plugin import DEFAULTS, apply_defaults
from pelican.settings import DEFAULT_CONFIG

from tests.readme import documented_settings

ROOT = Path(__file__).resolve().parents[2]


def configured(**changes: Any) -> dict[str, Any]:
    """Pelican's defaults plus what a site using the plugin must set."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(
        AUTHOR_SAVE_AS="",
        AUTHORS_SAVE_AS="",
        AUTHOR_FEED_ATOM=None,
        AUTHOR_FEED_RSS=None,
        AUTHOR_URL="menschen/{slug}/",
        AUTHORS_URL="menschen/",
        AUTHORS_DEPARTMENTS={"entwicklung": "Entwicklung"},
        AUTHORS_LEVELS={"fachkraft": "Fachkraft"},
    )
    settings.update(changes)
    return settings


def test_defaults_follow_pelican_s_addresses() -> None:
    settings = configured()
    apply_defaults(SimpleNamespace(settings=settings))
    assert settings["AUTHORS_PAGE_SAVE_AS"] == "menschen/{slug}/index.html"
    assert settings["AUTHORS_WALL_SAVE_AS"] == "menschen/index.html"
    assert settings["MESSAGES_LANG"] == "en"  # Pelican's DEFAULT_LANG


def test_a_user_s_value_is_kept() -> None:
    settings = configured(AUTHORS_PAGE_SAVE_AS="leute/{slug}.html", DEFAULT_LANG="de")
    apply_defaults(SimpleNamespace(settings=settings))
    assert settings["AUTHORS_PAGE_SAVE_AS"] == "leute/{slug}.html"
    assert settings["MESSAGES_LANG"] == "de"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"AUTHORS_DEPARTMENTS": {}}, "AUTHORS_DEPARTMENTS has value {}. Expected a mapping"),
        ({"AUTHORS_LEVELS": {"Team Leitung": "x"}}, "AUTHORS_LEVELS has value {'Team Leitung'"),
        ({"AUTHOR_SAVE_AS": "author/{slug}.html"}, "AUTHOR_SAVE_AS has value 'author/{slug}.html'"),
        ({"AUTHORS_SAVE_AS": "authors.html"}, "AUTHORS_SAVE_AS has value 'authors.html'. Set it"),
        ({"AUTHOR_FEED_ATOM": "feeds/{slug}.xml"}, "AUTHOR_FEED_ATOM has value 'feeds/{slug}.xml'"),
        ({"AUTHORS_PHOTO_SIZES": [96, 0]}, "AUTHORS_PHOTO_SIZES has value [96, 0]."),
        ({"AUTHORS_PHOTO_JPEG_QUALITY": 101}, "AUTHORS_PHOTO_JPEG_QUALITY has value 101."),
        ({"AUTHORS_WORKERS": 0}, "AUTHORS_WORKERS has value 0."),
        ({"AUTHORS_CARDS_ON_REQUEST": "yes"}, "AUTHORS_CARDS_ON_REQUEST has value 'yes'."),
        ({"AUTHORS_PHOTOS_ON_REQUEST": 1}, "AUTHORS_PHOTOS_ON_REQUEST has value 1. Expected True"),
        ({"AUTHORS_CARD_FONT": "/no/such.ttf"}, "AUTHORS_CARD_FONT has value '/no/such.ttf'."),
        ({"AUTHORS_MESSAGES_LANG": "fr"}, "AUTHORS_MESSAGES_LANG has value 'fr'."),
        ({"AUTHORS_REMOVED_LABEL": " "}, "AUTHORS_REMOVED_LABEL has value ' '."),
        ({"STATIC_PATHS": ["images", "authors"]}, "STATIC_PATHS has value ['images', 'authors']."),
        ({"STATIC_PATHS": [""]}, "original photos with their metadata"),
    ],
)
def test_bad_settings_name_the_key_and_value(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as raised:
        apply_defaults(SimpleNamespace(settings=configured(**changes)))
    assert message in str(raised.value)


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("author_profiles", "AUTHORS_") == set(DEFAULTS)


def test_pelican_s_own_author_pages_are_skipped_without_sorting_posts() -> None:
    from types import SimpleNamespace

    from author_profiles.plugin import skip_pelican_author_pages

    written: list[Any] = []
    generator = SimpleNamespace(
        settings={"PLUGINS": ["author_profiles"], "AUTHOR_SAVE_AS": ""},
        generate_authors=lambda write: written.append("sorted every post"),
    )
    skip_pelican_author_pages(generator)
    generator.generate_authors(written.append)
    assert written == []
    with_pages = SimpleNamespace(
        settings={"PLUGINS": ["author_profiles"], "AUTHOR_SAVE_AS": "a/{slug}.html"},
        generate_authors=lambda write: written.append("sorted every post"),
    )
    skip_pelican_author_pages(with_pages)
    with_pages.generate_authors(written.append)
    assert written == ["sorted every post"]
