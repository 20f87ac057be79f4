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
from dataclasses import dataclass, field
from pathlib import Path

from faces_common.background import BackgroundJob, BackgroundPool, later, results, usable_cores

from . import avatars, card_orders, card_text, cards
from .cards import CardPerson, draw_author_card, draw_card
from .photos import PhotoNotMade, make_ordered_entry

logger = logging.getLogger(__name__)

_CACHE_SUBDIR = "author_cards"
_KEY_LENGTH = 16
# Below this many cards, starting worker processes costs more than it saves.
_PARALLEL_FROM = 12
# A first build with this many cards to draw shows its progress in a terminal.
_PROGRESS_FROM = 50
# Cards handed to a worker at once.
_BATCH = 8


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


def card_key(
    job: CardJob, style: CardStyle, pipeline: str, photo_digests: dict[Path, str] | None = None
) -> str:
    """The short hash naming a card: its text, its people and their photos, the drawing code."""
    digests = {} if photo_digests is None else photo_digests
    recipe = {
        "pipeline": pipeline,
        "company": style.company,
        "title": job.title,
        "people": [[p.name, p.handle, p.role, _photo_digest(p.photo, digests)] for p in job.people],
    }
    encoded = json.dumps(recipe, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:_KEY_LENGTH]


def _photo_digest(photo: Path | None, known: dict[Path, str]) -> str:
    """The photo's content; its path would tie the card's name to the folder of the checkout."""
    if photo is None:
        return ""
    # A person's photo is on every card of their posts: read once per build, not per card.
    found = known.get(photo)
    if found is None:
        try:
            found = hashlib.sha256(Path(photo).read_bytes()).hexdigest()
        except OSError:
            # A photo the preview makes on request is named by its cache entry (its content).
            found = f"unreadable {Path(photo).parent.name}/{Path(photo).name}"
        known[photo] = found
    return found


def render_cards(
    jobs: Sequence[CardJob], cache_dir: Path, style: CardStyle, workers: int | None = None
) -> list[tuple[str, str]]:
    """Return (key, cached JPEG) per job, drawing only the cards not in the cache."""
    workers = workers or usable_cores()
    with BackgroundPool(workers) as pool:
        pending = start_cards(jobs, cache_dir, style, pool if workers > 1 else None)
        pending.wait()
    return pending.cards


def start_cards(
    jobs: Sequence[CardJob],
    cache_dir: Path,
    style: CardStyle,
    pool: BackgroundPool | None,
    *,
    on_request: bool = False,
) -> PendingCards:
    """Name every card now; hand the ones not in the cache to the pool (None: drawn at wait()).

    With on_request, none is drawn: leave_orders() tells the preview server what to draw.
    """
    started = time.perf_counter()
    root = Path(cache_dir) / _CACHE_SUBDIR
    pipeline = pipeline_digest(style.font)
    digests: dict[Path, str] = {}
    keyed = [(card_key(job, style, pipeline, digests), job) for job in jobs]
    # Each card's cache file as text: held per post and person to the build's end, a Path is
    # about 880 bytes against 130 (10,000 posts and 2,000 people: about 9 MiB).
    folder = os.fspath(root)
    cards = [(key, os.path.join(folder, f"{key}.jpg")) for key, _ in keyed]
    files = dict(cards)
    missing = {key: job for key, job in keyed if not os.path.isfile(files[key])}
    if on_request:
        ordered = {files[key]: job for key, job in missing.items()}
        return PendingCards(cards, 0, [], started, ordered, style)
    if missing:
        root.mkdir(parents=True, exist_ok=True)
    use_pool = pool if len(missing) >= _PARALLEL_FROM else None
    items = [(job, root / f"{key}.jpg") for key, job in missing.items()]
    # In batches: one job per card would spend more time passing jobs than drawing them.
    batches = [items[at : at + _BATCH] for at in range(0, len(items), _BATCH)]
    queued = [
        use_pool.submit(_draw_batch, batch, style)
        if use_pool is not None
        else later(_draw_batch, batch, style)
        for batch in batches
    ]
    return PendingCards(cards, len(missing), queued, started)


@dataclass
class PendingCards:
    """Cards named (their files known) and being drawn."""

    cards: list[tuple[str, str]]  # (key, cached JPEG) per job, in order
    missing: int
    queued: list[BackgroundJob[int]]
    started: float
    # The cards left to draw on request (cache file -> job), and what they share.
    ordered: dict[str, CardJob] = field(default_factory=dict)
    style: CardStyle | None = None

    def wait(self) -> None:
        """Return once every card's file is in the cache; a failed drawing raises its error."""
        waited = time.perf_counter()
        show = self.missing >= _PROGRESS_FROM and sys.stderr.isatty()
        # The batches no worker has started yet are drawn here, while the workers draw theirs.
        try:
            _report(results(self.queued), self.missing, show)
        finally:
            cards.forget_faces()
        logger.info(
            "author_profiles: %s social cards ready in %.2f s (%s drawn%s), "
            "the build waited %.2f s for them",
            len(self.cards),
            time.perf_counter() - self.started,
            self.missing,
            f", {len(self.ordered)} left to draw on request" if self.ordered else "",
            time.perf_counter() - waited,
        )

    def leave_orders(self, files: Sequence[tuple[str, str]], output: Path) -> set[str]:
        """Write the orders of the cards left to draw into output; the files written."""
        if not self.ordered or self.style is None:
            return set()
        return card_orders.write_orders(self.ordered, self.style, files, output)


def _report(done: Iterable[int], total: int, show: bool) -> None:
    count = 0
    for drawn in done:
        count += drawn
        if show:
            sys.stderr.write(f"\r[{count}/{total}] social cards")
            sys.stderr.flush()
    if show:
        sys.stderr.write("\n")


def _draw_batch(items: Sequence[tuple[CardJob, Path]], style: CardStyle) -> int:
    for job, target in items:
        draw_card_file(job, target, style)
    return len(items)


def draw_card_file(job: CardJob, target: Path, style: CardStyle) -> None:
    """Draw one card into target (a file of the cache), whole or not at all."""
    # Drawn under a temporary name and renamed: an interrupted build leaves no half card.
    handle, temporary = tempfile.mkstemp(suffix=".jpg", dir=target.parent)
    os.close(handle)
    font = Path(style.font) if style.font else None
    _make_photos(job)
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


def _make_photos(job: CardJob) -> None:
    # A photo the preview build left to make on request is made first, for the card to show it.
    for person in job.people:
        if person.photo is not None and not person.photo.is_file():
            try:
                make_ordered_entry(person.photo.parent)
            except PhotoNotMade as exc:
                logger.warning("author_profiles: card without %s's photo (%s)", person.name, exc)
