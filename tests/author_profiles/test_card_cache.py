"""Card names: the same card gets the same name wherever the site is built."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from author_profiles import avatars, card_text, cards
from author_profiles.card_cache import CardJob, CardStyle, card_key, pipeline_digest
from author_profiles.cards import CardPerson

STYLE = CardStyle(company="Seewerk Velo AG")


def _job(photo: Path | None) -> CardJob:
    person = CardPerson(
        name="Lea Hofstetter", handle="lea-hofstetter", photo=photo, role="Meisterin"
    )
    return CardJob("Drei Wochen Werkstatt", (person,))


def _photo(folder: Path, content: bytes) -> Path:
    path = folder / ".cache" / "pelican" / "author_photos" / "bc610bd9381818ac" / "96.jpg"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    return path


def test_the_same_card_has_the_same_name_in_two_checkouts(tmp_path: Path) -> None:
    here = _photo(tmp_path / "checkout-a", b"photo bytes")
    there = _photo(tmp_path / "checkout-b", b"photo bytes")
    assert card_key(_job(here), STYLE, "pipeline") == card_key(_job(there), STYLE, "pipeline")


def test_a_different_photo_gives_the_card_a_new_name(tmp_path: Path) -> None:
    before = _photo(tmp_path / "before", b"photo bytes")
    after = _photo(tmp_path / "after", b"other photo bytes")
    assert card_key(_job(before), STYLE, "pipeline") != card_key(_job(after), STYLE, "pipeline")


def test_a_card_without_photo_and_a_missing_photo_have_names(tmp_path: Path) -> None:
    without = card_key(_job(None), STYLE, "pipeline")
    missing = card_key(_job(tmp_path / "gone.jpg"), STYLE, "pipeline")
    assert len(without) == len(missing) == 16 and without != missing


@pytest.mark.parametrize("module", [cards, card_text, avatars], ids=lambda m: m.__name__)
def test_a_change_to_any_drawing_module_draws_every_card_again(
    module: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = pipeline_digest(None)
    edited = tmp_path / "edited.py"
    edited.write_bytes(Path(module.__file__ or "").read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(module, "__file__", str(edited))
    assert pipeline_digest(None) != before
