"""I18N_CONTENT_LOCALES: which locale og:locale names for content in each language."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from site_i18n.plugin import apply_defaults, content_locale_for


def settings_after_defaults(**settings: Any) -> dict[str, Any]:
    pelican = SimpleNamespace(settings={"THEME": "theme", **settings})
    apply_defaults(pelican)
    return pelican.settings


@pytest.mark.parametrize(
    ("interface", "expected"),
    [
        ("de_CH", {"de": "de_CH", "en": "en_GB"}),
        ("de_DE", {"de": "de_DE", "en": "en_GB"}),
        ("en_GB", {"de": "de_CH", "en": "en_GB"}),
        ("en_US", {"de": "de_CH", "en": "en_US"}),
    ],
)
def test_interface_locale_wins_for_its_own_language(
    interface: str, expected: dict[str, str]
) -> None:
    settings = settings_after_defaults(I18N_LOCALE=interface)
    assert settings["I18N_CONTENT_LOCALES"] == expected
    content_locale = content_locale_for(settings)
    assert {lang: content_locale(lang) for lang in expected} == expected
    assert content_locale("fr") == interface  # a language without an entry: the interface's


@pytest.mark.parametrize("bad", [{"de": "Deutsch"}, {"de": None}, ["de_CH"]])
def test_bad_content_locales_name_the_setting(bad: Any) -> None:
    with pytest.raises(ValueError, match=r"^I18N_CONTENT_LOCALES has value .*Expected"):
        settings_after_defaults(I18N_LOCALE="de_CH", I18N_CONTENT_LOCALES=bad)


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("I18N_SECTION_URL", "/en/"),
        ("I18N_SECTION_URL", "english/"),
        ("I18N_SECTION_SAVE_AS", None),
        ("I18N_SECTION_ARCHIVE_SAVE_AS", "archive/index.html"),
        ("I18N_SITE_TEXT", ["x"]),
        ("I18N_SITE_TEXT", {"en": "The people write."}),
        ("DIRECT_TEMPLATES", ["index", "categories"]),
        ("DIRECT_TEMPLATES", ["archives"]),
    ],
)
def test_bad_language_settings_name_the_setting(key: str, bad: Any) -> None:
    with pytest.raises(ValueError, match=rf"^{key} has value .*Expected"):
        settings_after_defaults(I18N_LOCALE="de_CH", **{key: bad})
