"""The preview's social cards, drawn when first asked for (AUTHORS_CARDS_ON_REQUEST)."""

from __future__ import annotations

import os
from pathlib import Path

from author_profiles import draw_ordered_card
from starlette.concurrency import run_in_threadpool


async def draw_if_ordered(directory: str, path: str) -> None:
    """Draw the card at directory/path when the last build ordered it and it is not there yet."""
    # Only a missing JPEG can be an ordered card; every other request costs one string test.
    if not path.endswith(".jpg") or os.path.isfile(os.path.join(directory, path)):
        return
    # Drawing takes some tens of milliseconds: off the event loop, other requests go on.
    await run_in_threadpool(draw_ordered_card, Path(directory), path)
