"""One voice per language: the German form of address and the spelling of the locale.

The form of address is one setting for the site (I18N_ADDRESS) and one for the backend
(FACES_ADDRESS). Texts in the "Sie" form are the base; the "du" texts are an overlay that holds
only the texts that address the reader, under the key "de@du" (the same name as the theme's
catalog folder, after gettext's locale modifiers such as "de@formal"). Every other text exists
once. Swiss spelling (ss, «») is derived from the German text when it is shown, never written
twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, TypeVar

from .settings import setting_error

ADDRESS_FORMS: Final = ("Sie", "du")
DEFAULT_ADDRESS: Final = "Sie"
ADDRESS_SETTING: Final = "I18N_ADDRESS"

# Swiss Standard German: no ß, and guillemets pointing outwards.
SWISS_REPLACEMENTS: Final = (
    ("ß", "ss"),
    ("ẞ", "SS"),
    ("„", "«"),
    ("“", "»"),
    ("‚", "‹"),
    ("‘", "›"),
)


def check_address(value: Any, key: str = ADDRESS_SETTING) -> str:
    """Return the form of address, or raise the setting error naming the key and the choices."""
    if value not in ADDRESS_FORMS:
        raise setting_error(key, value, "'Sie' (formal, the default) or 'du' (informal)")
    return str(value)


def site_address(settings: Mapping[str, Any]) -> str:
    """The site's form of address: I18N_ADDRESS, checked; "Sie" while unset."""
    return check_address(settings.get(ADDRESS_SETTING, DEFAULT_ADDRESS))


def variant(lang: str, address: str) -> str:
    """The key of the texts for a language in a form of address: "de@du", else the language."""
    return f"{lang}@du" if lang == "de" and address == "du" else lang


Key = TypeVar("Key")


def voiced(tables: Mapping[str, Mapping[Key, str]], voice: str) -> dict[Key, str]:
    """A text table for a voice ("de@du"): its language's texts with the voice's own overlaid."""
    lang = voice.split("@")[0]
    chosen = dict(tables.get(lang, tables["en"]))
    if voice != lang:
        chosen.update(tables.get(voice, {}))
    return chosen


def pick_words(
    words: Mapping[str, Mapping[str, str]], lang: str, address: str, locale: str = ""
) -> dict[str, str]:
    """A text table in one language and form of address, spelled for the locale."""
    chosen = voiced(words, variant(lang, address))
    # Swiss spelling is German spelling: an English table (asked for, or the fallback for a
    # language without texts) keeps its own quotes on a de_CH site.
    if lang != "de" or "de" not in words:
        return chosen
    return {key: spell_for(locale, text) for key, text in chosen.items()}


def is_swiss(locale: str) -> bool:
    """Whether the locale writes Swiss Standard German (de_CH, de_LI)."""
    return locale.replace("-", "_") in ("de_CH", "de_LI")


def swiss_spelling(text: str) -> str:
    """The German text in Swiss spelling: ss for ß, «» and ‹› for „“ and ‚‘."""
    for german, swiss in SWISS_REPLACEMENTS:
        text = text.replace(german, swiss)
    return text


def spell_for(locale: str, text: str) -> str:
    """The text as the locale spells it (only Swiss German differs from the catalogs)."""
    return swiss_spelling(text) if is_swiss(locale) else text
