"""Reading ease of a text: Amstad's formula for German, Flesch's for English (0 hard, 100 easy)."""

from __future__ import annotations

import functools
from typing import Any

# English syllables come from pyphen's en_GB dictionary, the fallback textstat itself uses:
# textstat 0.7.13 would otherwise download NLTK's CMU dictionary from GitHub on first use,
# which fails offline and is a request to another host.
_ENGLISH_DICTIONARY = "en_GB"


@functools.cache
def _statistics(lang: str) -> Any:
    # Imported on first use: textstat brings NLTK, which every build would load for nothing.
    from textstat.textstat import textstatistics

    stats = textstatistics()
    stats.set_lang(lang)
    return stats


def reading_ease(text: str, lang: str) -> float | None:
    """The score of a text in German ('de') or English ('en'); None without any sentence."""
    counter = _statistics("de" if lang == "de" else "en")
    words = counter.lexicon_count(text)
    sentences = counter.sentence_count(text)
    if not words or not sentences:
        return None
    if lang == "de":
        # textstat's flesch_reading_ease with lang "de" is Amstad's adaptation.
        return float(_statistics("de").flesch_reading_ease(text))
    syllables = sum(_syllables(word) for word in text.split() if any(c.isalpha() for c in word))
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def _syllables(word: str) -> int:
    letters = "".join(c for c in word.lower() if c.isalpha() or c == "'")
    return len(_hyphenator().positions(letters)) + 1 if letters else 0


@functools.cache
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang=_ENGLISH_DICTIONARY)
