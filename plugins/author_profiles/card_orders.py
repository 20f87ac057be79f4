"""Social cards drawn on request: the build leaves an order per card, the preview draws it.

Cards serve link previews on social networks, which never reach a local preview: drawing one
per post in every preview build was a fifth of a first build's work. With
AUTHORS_CARDS_ON_REQUEST the build names the cards (the pages link them as always) and writes
what each shows into an orders file in the cards' folder; the preview server draws a card, into
the same cache a publish build uses, the first time someone asks for it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from faces_common.jsonfiles import write_json

from .card_cache import CardJob, CardStyle, draw_card_file
from .cards import CardPerson

logger = logging.getLogger(__name__)

# In the cards' folder of the output, beside the cards it orders.
ORDERS_FILE = "on-request.json"
# Two requests for the same card (a page and its preview) draw it once.
_DRAWING = threading.Lock()


def write_orders(
    ordered: Mapping[str, CardJob],
    style: CardStyle,
    files: Sequence[tuple[str, str]],
    output: Path,
) -> set[str]:
    """Write an orders file per folder for the cards not yet drawn; their output paths."""
    by_folder: dict[str, dict[str, Any]] = {}
    for cached, relative in files:
        job = ordered.get(cached)
        if job is None or os.path.isfile(cached):
            continue
        folder, name = relative.rpartition("/")[::2]
        by_folder.setdefault(folder, {})[name] = _order(job, style, cached)
    written = set()
    for folder, orders in by_folder.items():
        # Replaced whole (atomically): the preview server may be reading the last one.
        write_json(output / folder / ORDERS_FILE, orders, sort_keys=False)
        written.add(f"{folder}/{ORDERS_FILE}" if folder else ORDERS_FILE)
    return written


def _order(job: CardJob, style: CardStyle, cached: str) -> dict[str, Any]:
    return {
        "card": cached,
        "title": job.title,
        "people": [
            [p.name, p.handle, str(p.photo) if p.photo else None, p.role] for p in job.people
        ],
        "company": style.company,
        "font": style.font,
    }


def draw_ordered_card(output: Path, relative: str) -> bool:
    """Draw the card ordered at output/relative (once, into the cache) and put it there."""
    path = PurePosixPath(relative.lstrip("/"))
    if ".." in path.parts or not path.name.endswith(".jpg"):
        return False
    target = Path(output, path)
    order = _read_order(target.with_name(ORDERS_FILE), path.name)
    if order is None:
        return False
    with _DRAWING:
        if target.is_file():
            return True
        try:
            cached = Path(order["card"])
            if not cached.is_file():
                cached.parent.mkdir(parents=True, exist_ok=True)
                draw_card_file(_job(order), cached, CardStyle(order["company"], order["font"]))
            try:
                os.link(cached, target)
            except OSError:
                shutil.copyfile(cached, target)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            # The preview goes on without this card; a page never shows it, only link previews.
            logger.warning("author_profiles: cannot draw the card %s (%s)", relative, exc)
            return False
    return True


def _read_order(orders: Path, name: str) -> dict[str, Any] | None:
    try:
        found = json.loads(orders.read_text(encoding="utf-8")).get(name)
    except (OSError, ValueError, AttributeError):
        return None
    return found if isinstance(found, dict) else None


def _job(order: Mapping[str, Any]) -> CardJob:
    people = tuple(
        CardPerson(name, handle, Path(photo) if photo else None, role)
        for name, handle, photo, role in order["people"]
    )
    return CardJob(order["title"], people)
