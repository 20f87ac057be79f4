"""German and English grammar of every number-bearing phrase of the theme, for 0, 1, 2 and 9."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po
from babel.support import NullTranslations
from site_i18n.catalogs import load_translations

from tests.sites import ROOT

TRANSLATIONS = ROOT / "theme" / "translations"
COUNTS = (0, 1, 2, 9)
# msgid -> (German for 1, German for 9, English for 1, English for 9); N stands for the count.
EXPECTED: dict[str, tuple[str, str, str, str]] = {
    "%(num)d older post is not shown in the chart.": (
        "N älterer Beitrag ist im Diagramm nicht zu sehen.",
        "N ältere Beiträge sind im Diagramm nicht zu sehen.",
        "N older post is not shown in the chart.",
        "N older posts are not shown in the chart.",
    ),
    "%(num)d post": ("N Beitrag", "N Beiträge", "N post", "N posts"),
    "%(num)d post has no known submission date.": (
        "Bei N Beitrag ist das Einreichungsdatum unbekannt.",
        "Bei N Beiträgen ist das Einreichungsdatum unbekannt.",
        "N post has no known submission date.",
        "N posts have no known submission date.",
    ),
    "%(num)s day": ("N Tag", "N Tage", "N day", "N days"),
    "%(num)s of them in the last %(days)s day": (
        "davon N am letzten Tag",
        "davon N in den letzten N Tagen",
        "N of them in the last N day",
        "N of them in the last N days",
    ),
    "%(num)s person shown": (
        "N Person angezeigt",
        "N Personen angezeigt",
        "N person shown",
        "N people shown",
    ),
    "%(num)s person voted": (
        "N Person hat abgestimmt",
        "N Personen haben abgestimmt",
        "N person voted",
        "N people voted",
    ),
    "%(num)s vote": ("N Stimme", "N Stimmen", "N vote", "N votes"),
    "About the author": (
        "Wer diesen Beitrag geschrieben hat",
        "Wer diesen Beitrag geschrieben hat",
        "About the author",
        "About the authors",
    ),
    "Choose up to %(num)d idea.": (
        "Wählen Sie bis zu N Idee.",
        "Wählen Sie bis zu N Ideen.",
        "Choose up to N idea.",
        "Choose up to N ideas.",
    ),
    "%(num)d writing hint (a suggestion, not an error)": (
        "N Schreibhinweis (ein Vorschlag, kein Fehler)",
        "N Schreibhinweise (Vorschläge, keine Fehler)",
        "N writing hint (a suggestion, not an error)",
        "N writing hints (suggestions, not errors)",
    ),
    "Generated on %(date)s from %(num)d post.": (
        "Erstellt am 6. Dezember 2026 aus N Beitrag.",
        "Erstellt am 6. Dezember 2026 aus N Beiträgen.",
        "Generated on 6. Dezember 2026 from N post.",
        "Generated on 6. Dezember 2026 from N posts.",
    ),
    "Last %(days)s day": ("Letzter Tag", "Letzte N Tage", "Last N day", "Last N days"),
    "Most read in the last %(days)s day": (
        "Am meisten gelesen am letzten Tag",
        "Am meisten gelesen in den letzten N Tagen",
        "Most read in the last N day",
        "Most read in the last N days",
    ),
    "Posts per month over the last %(num)d month": (
        "Beiträge pro Monat im letzten N Monat",
        "Beiträge pro Monat in den letzten N Monaten",
        "Posts per month over the last N month",
        "Posts per month over the last N months",
    ),
    "Read %(num)s time": ("N-mal gelesen", "N-mal gelesen", "Read N time", "Read N times"),
    "The times are based on %(num)d post": (
        "Die Zeiten beruhen auf N Beitrag",
        "Die Zeiten beruhen auf N Beiträgen",
        "The times are based on N post",
        "The times are based on N posts",
    ),
    # With a context (gettext joins it to the msgid with EOT): the dative after "innerhalb von".
    "after within\x04%(num)s day": ("N Tag", "N Tagen", "N day", "N days"),
}


def plural_messages() -> dict[str, str]:
    """Singular (with its context before EOT, as gettext keys it) -> plural msgid."""
    with open(TRANSLATIONS / "de" / "LC_MESSAGES" / "messages.po", "rb") as po:
        return {
            (f"{m.context}\x04" if m.context else "") + m.id[0]: m.id[1]
            for m in read_po(po)
            if m.id and m.pluralizable
        }


def test_every_plural_phrase_of_the_theme_is_checked_here() -> None:
    assert sorted(plural_messages()) == sorted(EXPECTED)


@pytest.mark.parametrize("singular", sorted(EXPECTED))
@pytest.mark.parametrize("count", COUNTS)
def test_the_phrase_agrees_with_its_number(singular: str, count: int) -> None:
    plural = plural_messages()[singular]
    values = {"num": count, "days": count, "date": "6. Dezember 2026"}
    de_one, de_other, en_one, en_other = EXPECTED[singular]
    for translations, one, other in (
        (load_translations(str(TRANSLATIONS), "de_DE"), de_one, de_other),
        (NullTranslations(), en_one, en_other),
    ):
        context, _, msgid = singular.rpartition("\x04")
        if context:
            said = translations.npgettext(context, msgid, plural, count) % values
        else:
            said = translations.ngettext(msgid, plural, count) % values
        assert said == (one if count == 1 else other).replace("N", str(count))
