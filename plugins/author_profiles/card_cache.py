"""Social cards drawn once per content: a card is drawn again only when what it shows changes."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import avatars, card_text, cards
from .cards import CardPerson, draw_author_card, draw_card

logger = logging.getLogger(__name__)

_CACHE_SUBDIR = "author_cards"
_KEY_LENGTH = 16
# Below this many cards, starting worker processes costs more than it saves.
_PARALLEL_FROM = 12
# A first build with this many cards to draw shows its progress in a terminal.
_PROGRESS_FROM = 50


@dataclass(frozen=True)
class CardJob:
    """One card: a post's (title and authors) or, without a title, a person's."""

    title: str | None
    people: tuple[CardPerson, ...]


@dataclass(frozen=True)
class CardStyle:
    """What every card of a build shares."""

    company: str
    font: str | None = None


def pipeline_digest(font: str | None) -> str:
    """A digest of the drawing code and the font: changing either draws every card again."""
    digest = hashlib.sha256()
    for module in (cards, card_text, avatars):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(Path(font or card_text.DEFAULT_FONT).read_bytes())
    return digest.hexdigest()


def card_key(job: CardJob, style: CardStyle, pipeline: str) -> str:
    """The short hash naming a card: its text, its people and their photos, the drawing code."""
    recipe = {
        "pipeline": pipeline,
        "company": style.company,
        "title": job.title,
        "people": [[p.name, p.handle, p.role, _photo_digest(p.photo)] for p in job.people],
    }
    encoded = json.dumps(recipe, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:_KEY_LENGTH]


def _photo_digest(photo: Path | None) -> str:
    """The photo's content; its path would tie the card's name to the folder of the checkout."""
    if photo is None:
        return ""
    try:
        return hashlib.sha256(Path(photo).read_bytes()).hexdigest()
    except OSError:
        return f"unreadable {Path(photo).name}"


def render_cards(
    jobs: Sequence[CardJob], cache_dir: Path, style: CardStyle, workers: int | None = None
) -> list[tuple[str, Path]]:
    """Return (key, cached JPEG) per job, drawing only the cards not in the cache."""
    root = Path(cache_dir) / _CACHE_SUBDIR
    pipeline = pipeline_digest(style.font)
    keyed = [(card_key(job, style, pipeline), job) for job in jobs]
    missing = {key: job for key, job in keyed if not (root / f"{key}.jpg").is_file()}
    started = time.perf_counter()
    if missing:
        root.mkdir(parents=True, exist_ok=True)
        workers = min(workers or os.cpu_count() or 1, len(missing))
        targets = [root / f"{key}.jpg" for key in missing]
        styles = [style] * len(missing)
        show = len(missing) >= _PROGRESS_FROM and sys.stderr.isatty()
        if workers > 1 and len(missing) >= _PARALLEL_FROM:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                done = pool.map(_draw, missing.values(), targets, styles, chunksize=8)
                _report(done, len(missing), show)
        else:
            _report(map(_draw, missing.values(), targets, styles), len(missing), show)
    logger.info(
        "author_profiles: %s social cards ready in %.2f s (%s drawn)",
        len(jobs),
        time.perf_counter() - started,
        len(missing),
    )
    return [(key, root / f"{key}.jpg") for key, _ in keyed]


def _report(done: Iterable[None], total: int, show: bool) -> None:
    for count, _ in enumerate(done, start=1):
        if show:
            sys.stderr.write(f"\r[{count}/{total}] social cards")
            sys.stderr.flush()
    if show:
        sys.stderr.write("\n")


def _draw(job: CardJob, target: Path, style: CardStyle) -> None:
    # Drawn under a temporary name and renamed: an interrupted build leaves no half card.
    handle, temporary = tempfile.mkstemp(suffix=".jpg", dir=target.parent)
    os.close(handle)
    font = Path(style.font) if style.font else None
    try:
        if job.title is None:
            draw_author_card(job.people[0], style.company, Path(temporary), font_path=font)
        else:
            draw_card(job.title, job.people, style.company, Path(temporary), font_path=font)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
