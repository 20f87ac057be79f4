"""The interface in German (Swiss and German) and English, dates from Babel's own data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import sample
from tests.sites import ROOT, run_build


@pytest.mark.parametrize(
    ("locale", "lang", "nav", "month"),
    [
        ("de_CH", "de", ["Beiträge", "Menschen", "Kategorien", "Archiv"], "März"),
        ("de_DE", "de", ["Beiträge", "Menschen", "Kategorien", "Archiv"], "März"),
        ("en_GB", "en", ["Posts", "People", "Categories", "Archive"], "March"),
    ],
)
def test_interface_language_and_dates_follow_the_locale(
    tmp_path: Path, locale: str, lang: str, nav: list[str], month: str
) -> None:
    # LANG=C: the machine offers no German locale, the build must not need one.
    run = run_build(tmp_path / "output", env={"FACES_LOCALE": locale, "LANG": "C", "LC_ALL": "C"})
    assert run.returncode == 0, run.log
    archive = run.html("archiv/index.html")
    assert archive.html["lang"] == lang
    links = [a.get_text(strip=True) for a in archive.select(".site-nav a")]
    assert links[:4] == nav
    march = next(p for p in sample.posts() if p.is_public and p.date.month == 3)
    link = next(a for a in archive.select(".archive-list a") if a.get_text() == march.meta["title"])
    post = run.html(link["href"].lstrip("/") + "index.html")
    shown = post.select_one(".post__meta time").get_text()
    day, year = march.date.day, march.date.year
    assert shown == (f"{day}. {month} {year}" if lang == "de" else f"{day} {month} {year}")
    # og:locale: the interface locale for its own language, the other language's default.
    expected = {"de": "de_CH", "en": "en_GB", lang: locale}[march.meta.get("lang", "de")]
    assert archive.select_one('meta[property="og:locale"]')["content"] == locale
    assert post.select_one('meta[property="og:locale"]')["content"] == expected


def test_every_theme_string_has_a_german_translation() -> None:
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    theme = ROOT / "theme"
    method_map = [("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True"}}
    found = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(str(theme), method_map, options)
    }
    with open(theme / "translations" / "de" / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale="de")
    untranslated = sorted(m for m in found if not (catalog.get(m) and catalog.get(m).string))
    assert found and untranslated == []
