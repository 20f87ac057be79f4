"""The interface in German (Swiss and German) and English, dates from Babel's own data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import sample
from tests.sites import ROOT, run_build


@pytest.mark.parametrize(
    ("locale", "lang", "nav"),
    [
        ("de_CH", "de", ["Beiträge", "Menschen", "Kategorien", "Archiv"]),
        ("de_DE", "de", ["Beiträge", "Menschen", "Kategorien", "Archiv"]),
        ("en_GB", "en", ["Posts", "People", "Categories", "Archive"]),
    ],
)
def test_interface_language_and_dates_follow_the_locale(
    tmp_path: Path, locale: str, lang: str, nav: list[str]
) -> None:
    # LANG=C: the machine offers no German locale, the build must not need one.
    run = run_build(tmp_path / "output", env={"FACES_LOCALE": locale, "LANG": "C", "LC_ALL": "C"})
    assert run.returncode == 0, run.log
    archive = run.html("archiv/index.html")
    assert archive.html["lang"] == lang
    links = [a.get_text(strip=True) for a in archive.select(".site-nav a")]
    assert links[:4] == nav
    assert archive.select_one('meta[property="og:locale"]')["content"] == locale
    # Each post is listed in its own language's archive and speaks its language, whatever the
    # build's interface: dates, <html lang> and og:locale (the build's locale for its language).
    months = {"de": "März", "en": "March"}
    for march in (p for p in sample.posts() if p.is_public and p.date.month == 3):
        post_lang = march.meta.get("lang", "de")
        listed = run.html(
            "archiv/index.html" if post_lang == lang else f"{post_lang}/archive/index.html"
        )
        link = next(
            a for a in listed.select(".archive-list a") if a.get_text() == march.meta["title"]
        )
        post = run.html(link["href"].lstrip("/") + "index.html")
        assert post.html["lang"] == post_lang
        shown = post.select_one(".post__meta time").get_text()
        day, year, month_name = march.date.day, march.date.year, months[post_lang]
        assert shown == (
            f"{day}. {month_name} {year}" if post_lang == "de" else f"{day} {month_name} {year}"
        )
        expected = {"de": "de_CH", "en": "en_GB", lang: locale}[post_lang]
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
