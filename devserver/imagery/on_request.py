"""What the preview build left for the preview server to make when first asked for.

People's new photos (AUTHORS_PHOTOS_ON_REQUEST), social cards (AUTHORS_CARDS_ON_REQUEST), the
clean files of post images (CLEAN_IMAGES_ON_REQUEST) and the smaller copies of post covers
(CLEAN_IMAGES_COVER_COPIES_ON_REQUEST): the build names them and
writes an order beside each missing file; the first request for one makes it, into the cache a
publish build reads.
"""

from __future__ import annotations

import os
from pathlib import Path

from author_profiles import draw_ordered_card, make_ordered_photo
from clean_images import make_ordered_image
from starlette.concurrency import run_in_threadpool

# Photos are WebP and JPEG, cards JPEG; cover copies keep their cover's format
# (clean_images' FORMAT_BY_SUFFIX).
_IMAGES = (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".gif")


async def make_if_ordered(directory: str, path: str) -> None:
    """Make the file at directory/path when the last build ordered it and it is not there yet."""
    # Only a missing image can be ordered; every other request costs one string test.
    if not path.lower().endswith(_IMAGES) or os.path.isfile(os.path.join(directory, path)):
        return
    # Drawing or resizing takes some tens of milliseconds, a photo about 90: off the event
    # loop, others go on (the threads of the pool make different photos side by side).
    await run_in_threadpool(_make, Path(directory), path)


def _make(output: Path, path: str) -> None:
    # Each looks only at the orders file in the requested file's folder (one small read).
    if make_ordered_photo(output, path):
        return
    if path.endswith(".jpg") and draw_ordered_card(output, path):
        return
    make_ordered_image(output, path)
