"""Slugs from titles stay short enough for every path made from them."""

from __future__ import annotations

import pytest
from faces_common.slugs import SLUG_MAX_LENGTH, capped_slug


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("kurz", "kurz"),
        ("a" * SLUG_MAX_LENGTH, "a" * SLUG_MAX_LENGTH),
        # Cut before the word that would cross the limit, never inside it.
        ("wort-" * 30, "wort-" * 19 + "wort"),
        ("ab-" + "c" * 200, "ab-" + "c" * (SLUG_MAX_LENGTH - 3)),
        # One endless word is cut where it is.
        ("x" * 300, "x" * SLUG_MAX_LENGTH),
        # A cut that lands on a hyphen keeps the whole word before it.
        ("a" * 99 + "-" + "b" * 50, "a" * 99),
    ],
    ids=["short", "exact", "words", "long-word", "one-word", "boundary"],
)
def test_capped_at_a_word_boundary(slug: str, expected: str) -> None:
    assert capped_slug(slug) == expected
    assert capped_slug(slug) == capped_slug(slug), "the same title always gives the same slug"


def test_letters_of_other_scripts_are_capped_by_bytes() -> None:
    slug = "-".join(["東京の自転車"] * 30)
    capped = capped_slug(slug)
    assert len(capped.encode()) <= 2 * SLUG_MAX_LENGTH
    assert slug.startswith(capped) and not capped.endswith("-")
