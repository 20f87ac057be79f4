"""One voice per language: the form of address (I18N_ADDRESS), dates and the locale's spelling."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest
from babel.messages.pofile import read_po
from comments.messages import WORDS
from faces_common.voice import pick_words
from site_i18n.catalogs import load_translations
from site_i18n.plugin import apply_defaults

from tests.sites import ROOT, BuildRun, built
from tests.voice_scan import FORMAL, INFORMAL, findings

TRANSLATIONS = ROOT / "theme" / "translations"
GERMAN_MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
# Anything that looks like a date in German text...
DATE_LIKE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b\d{1,2}\. ?[A-ZÄÖÜ][a-zäöü]{2,8}\.? \d{4}\b"
)
# ...must be the long form (6. Dezember 2026) or the short one (06.12.2026).
MONTH = GERMAN_MONTHS.replace(" ", "|")
GERMAN_DATE = re.compile(rf"(?:[1-9]|[12]\d|3[01])\. (?:{MONTH}) \d{{4}}|\d{{2}}\.\d{{2}}\.\d{{4}}")
GERMAN_ONLY = re.compile("[ßẞ„“‚‘]")
SWISS_ONLY = re.compile("[«»‹›]")


def catalog(name: str) -> Any:
    with open(TRANSLATIONS / name / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po)


def translations(message: Any) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


@pytest.mark.parametrize("bad", ["sie", "Du", "ihr", "", None, 1])
def test_a_bad_form_of_address_names_the_setting_and_the_choices(bad: Any) -> None:
    pelican = SimpleNamespace(settings={"THEME": "theme", "I18N_ADDRESS": bad})
    with pytest.raises(ValueError, match=r"^I18N_ADDRESS has value .*'Sie' .* or 'du'"):
        apply_defaults(pelican)


def test_the_form_of_address_is_sie_unless_set() -> None:
    pelican = SimpleNamespace(settings={"THEME": "theme"})
    apply_defaults(pelican)
    assert pelican.settings["I18N_ADDRESS"] == "Sie"


def test_every_sie_text_of_the_theme_has_its_du_text_and_no_other() -> None:
    base, du = catalog("de"), catalog("de@du")
    with open(TRANSLATIONS / "messages.pot", "rb") as pot:
        extracted = {m.id for m in read_po(pot) if m.id}
    overlaid = {m.id for m in du if m.id}
    formal = {m.id for m in base if m.id and any(FORMAL.search(t) for t in translations(m))}
    assert formal - overlaid == set(), "texts in the Sie form without a du text in de@du"
    assert overlaid - extracted == set(), "de@du texts the theme no longer has (stale)"
    for message in du:
        if message.id:
            assert all(t and not FORMAL.search(t) for t in translations(message)), message.id
    for message in base:
        assert not any(INFORMAL.search(t) for t in translations(message)), message.id


def test_the_comment_form_speaks_in_one_form_of_address() -> None:
    formal = {key for key, text in WORDS["de"].items() if FORMAL.search(text)}
    assert formal <= set(WORDS["de@du"])
    assert not [text for text in WORDS["de"].values() if INFORMAL.search(text)]
    assert not [text for text in pick_words(WORDS, "de", "du").values() if FORMAL.search(text)]


@pytest.mark.parametrize(
    ("locale", "wrong", "footer"),
    [("de_CH", GERMAN_ONLY, "Fusszeile"), ("de_DE", SWISS_ONLY, "Fußzeile")],
)
def test_the_catalog_is_spelled_for_the_locale(
    locale: str, wrong: re.Pattern[str], footer: str
) -> None:
    shown = load_translations(str(TRANSLATIONS), locale, "Sie")
    texts = [t for m in catalog("de") if m.id for t in translations(m)]
    spelled = [shown.gettext(m.id) for m in catalog("de") if m.id and isinstance(m.id, str)]
    assert any(GERMAN_ONLY.search(t) for t in texts)  # the catalog has something to respell
    assert [t for t in spelled if wrong.search(t)] == []
    assert shown.gettext("Footer") == footer


def test_the_swiss_sample_content_is_spelled_the_swiss_way() -> None:
    german = [
        path
        for path in sorted((ROOT / "content").rglob("*.md"))
        if not re.search(r"^Lang: en\s*$", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert len(german) > 20
    wrong = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}"
        for path in german
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if GERMAN_ONLY.search(line) or re.search(r"»\S[^«»]*\S«", line)
    ]
    assert wrong == []


@pytest.fixture(scope="module")
def du_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The sample site addressing readers with "du", in Germany's spelling."""
    output = tmp_path_factory.mktemp("du") / "output"
    return built(output, env={"FACES_ADDRESS": "du", "FACES_LOCALE": "de_DE"})


def test_the_du_site_never_says_sie(du_site: BuildRun) -> None:
    assert findings(du_site.output, FORMAL) == []
    assert findings(du_site.output, SWISS_ONLY) == []
    post = du_site.html("2026/ideen-fuer-die-kantine-was-setzen-wir-2027-zuerst-um/index.html")
    assert post.select_one(".poll__hint").get_text(" ", strip=True).startswith("Wähle eine Idee.")
    assert post.select_one("h3#kommentieren").get_text(strip=True) == "Schreib einen Kommentar"


def test_the_sie_site_never_says_du_and_is_spelled_swiss(preview_site: BuildRun) -> None:
    assert findings(preview_site.output, INFORMAL) == []
    # „“ and ß are German only; an English page's “quotes” are its own, never «».
    assert findings(preview_site.output, GERMAN_ONLY, lang="de") == []
    assert findings(preview_site.output, SWISS_ONLY, lang="en") == []


@pytest.mark.parametrize("site", ["preview_site", "du_site"])
def test_every_date_shown_is_in_the_long_or_the_short_form(
    site: str, request: pytest.FixtureRequest
) -> None:
    run: BuildRun = request.getfixturevalue(site)
    shown = [
        found
        for found in findings(run.output, DATE_LIKE)
        for date in DATE_LIKE.findall(found.split(": ", 1)[1])
        if not GERMAN_DATE.fullmatch(date)
    ]
    assert shown == []
    assert len(findings(run.output, GERMAN_DATE)) > 50


def test_swiss_spelling_leaves_english_texts_alone() -> None:
    words = {
        "de": {"guide": "Anleitung „Mitmachen“ – groß"},
        "en": {"guide": "The “Join in” guide – don’t"},
    }
    assert pick_words(words, "de", "Sie", "de_CH") == {"guide": "Anleitung «Mitmachen» – gross"}
    assert pick_words(words, "en", "Sie", "de_CH") == {"guide": "The “Join in” guide – don’t"}
    # A language without texts falls back to English, which stays English too.
    assert pick_words(words, "fr", "Sie", "de_CH") == {"guide": "The “Join in” guide – don’t"}
    assert pick_words({"en": words["en"]}, "de", "Sie", "de_CH") == words["en"]
