"""Cards drawn on request: the orders a preview build leaves, drawn by the preview server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from author_profiles import draw_ordered_card
from author_profiles.card_cache import CardJob, CardStyle, start_cards
from author_profiles.card_orders import ORDERS_FILE
from author_profiles.cards import CardPerson
from PIL import Image

STYLE = CardStyle(company="Seewerk Velo AG")
LEA = CardPerson("Lea Hofstetter", "lea-hofstetter", None, "Meisterin")
JOBS = [CardJob("Drei Wochen Werkstatt", (LEA,)), CardJob(None, (LEA,))]


def _ordered(tmp_path: Path) -> tuple[Path, list[str], list[Path]]:
    """A build's orders for two cards in tmp_path/output: (output, card paths, cache files)."""
    pending = start_cards(JOBS, tmp_path / "cache", STYLE, None, on_request=True)
    pending.wait()
    relative = [
        f"menschen/karten/{name}-{key[:12]}.jpg"
        for (key, _), name in zip(pending.cards, ("werkstatt", "lea-hofstetter"), strict=True)
    ]
    cached = [Path(path) for _, path in pending.cards]
    output = tmp_path / "output"
    files = [(str(path), name) for path, name in zip(cached, relative, strict=True)]
    assert pending.leave_orders(files, output) == {f"menschen/karten/{ORDERS_FILE}"}
    return output, relative, cached


def test_a_build_on_request_draws_nothing_and_the_first_request_draws_the_card(
    tmp_path: Path,
) -> None:
    output, relative, cached = _ordered(tmp_path)
    assert not any(path.exists() for path in cached)
    assert not list((output / "menschen" / "karten").glob("*.jpg"))
    for path, cache in zip(relative, cached, strict=True):
        assert draw_ordered_card(output, path)
        with Image.open(output / path) as card:
            assert card.size == (1200, 630) and card.format == "JPEG"
        # Into the cache a publish build reads: the same card is never drawn twice.
        assert cache.read_bytes() == (output / path).read_bytes()
    # A card drawn once is served from then on, even without the cache.
    for cache in cached:
        cache.unlink()
    assert draw_ordered_card(output, relative[0]) and not cached[0].exists()


def test_a_second_build_orders_only_the_cards_not_drawn_yet(tmp_path: Path) -> None:
    output, relative, _ = _ordered(tmp_path)
    assert draw_ordered_card(output, relative[0])
    pending = start_cards(JOBS, tmp_path / "cache", STYLE, None, on_request=True)
    files = [(path, name) for (_, path), name in zip(pending.cards, relative, strict=True)]
    pending.leave_orders(files, tmp_path / "next")
    orders = json.loads((tmp_path / "next" / "menschen" / "karten" / ORDERS_FILE).read_text())
    assert list(orders) == [relative[1].rsplit("/", 1)[1]]


@pytest.mark.parametrize(
    "asked",
    [
        "menschen/karten/unbekannt-0123456789ab.jpg",  # ordered by no build
        "menschen/karten/../karten/werkstatt.jpg",  # climbing out of the folder
        "menschen/karten/on-request.json",  # the orders themselves
        "menschen/fotos/werkstatt.jpg",  # a folder without orders
        "/etc/passwd.jpg",
        "",
    ],
)
def test_a_request_for_no_ordered_card_draws_nothing(tmp_path: Path, asked: str) -> None:
    output, _, cached = _ordered(tmp_path)
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    assert not draw_ordered_card(output, asked)
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before
    assert not any(path.exists() for path in cached)


@pytest.mark.parametrize(
    "orders",
    ["{not json", "[]", '{"werkstatt.jpg": "a card"}', '{"werkstatt.jpg": {"card": 1}}'],
)
def test_broken_orders_draw_nothing_and_raise_nothing(
    tmp_path: Path, orders: str, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "menschen" / "karten"
    folder.mkdir(parents=True)
    (folder / ORDERS_FILE).write_text(orders, encoding="utf-8")
    assert not draw_ordered_card(tmp_path, "menschen/karten/werkstatt.jpg")
    assert not (folder / "werkstatt.jpg").exists()
