"""A first build makes photos while Pelican reads the posts and cards while it writes pages."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import author_profiles.card_cache
import author_profiles.photos.entry
import pytest
from pelican import signals

from tests.author_profiles.test_generator import PLUGINS, photo_with_gps, post, profile
from tests.minisite import make_site

# How long a held photo or card waits for the build to get there; only a failing test waits.
_DEADLINE = 20.0


def _held_until(flag: Path, original: Callable[..., Any]) -> Callable[..., Any]:
    """The original function, run only once the flag file exists (else a TimeoutError)."""

    def held(*args: Any, **kwargs: Any) -> Any:
        deadline = time.monotonic() + _DEADLINE
        while not flag.exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{flag.name} never appeared")
            time.sleep(0.01)
        return original(*args, **kwargs)

    return held


def test_photos_wait_for_no_reading_and_cards_for_no_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, astronaut_path: Path
) -> None:
    from devserver.build import build

    posts = {f"n{day}.md": post(f"Notiz {day}", day, "Author: jonas-brenner") for day in (1, 2)}
    # The public build's way: every card drawn in the build, not left to the preview server.
    settings = make_site(
        tmp_path,
        posts,
        PLUGINS + "AUTHORS_CARDS_ON_REQUEST = False\nAUTHORS_PHOTOS_ON_REQUEST = False\n",
    )
    authors = tmp_path / "content" / "authors"
    for name, handle in (("Jonas Brenner", "jonas-brenner"), ("Miriam Keller", "miriam-keller")):
        fields = (name, "Entwicklung", "entwicklung", "fachkraft")
        (authors / f"{handle}.md").write_text(profile(*fields, "active", True), encoding="utf-8")
        photo_with_gps(astronaut_path, authors / f"{handle}.jpg")
    reading, writing = tmp_path / "reading", tmp_path / "writing"
    # A photo is processed only once Pelican reads posts, a card only once it writes pages:
    # a build that made them first, one after the other, would wait for itself and fail.
    entry, card_cache = author_profiles.photos.entry, author_profiles.card_cache
    monkeypatch.setattr(entry, "render", _held_until(reading, entry.render))
    monkeypatch.setattr(
        card_cache, "draw_card_file", _held_until(writing, card_cache.draw_card_file)
    )

    def note_reading(content: Any) -> None:
        reading.touch()

    def note_writing(path: str, context: Any = None) -> None:
        writing.touch()

    signals.content_object_init.connect(note_reading)
    signals.content_written.connect(note_writing)
    try:
        overrides = {"OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "c")}
        result = build(str(settings), overrides)
    finally:
        signals.content_object_init.disconnect(note_reading)
        signals.content_written.disconnect(note_writing)
    assert not result.failed and not result.problems
    output = tmp_path / "output"
    photos = sorted(p.name.split("-")[-1] for p in (output / "menschen" / "fotos").iterdir())
    sizes = [f"{size}.{kind}" for size in (96, 192, 384, 768) for kind in ("jpg", "webp")]
    assert photos == sorted(sizes * 2)
    cards = list((output / "menschen" / "karten").iterdir())
    assert len(cards) == 3 + 2  # three posts (one from make_site), two people
