"""The photo cache: keys from content and recipe, source digests, entries published whole."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from clean_images import ImageIssue
from faces_common.digests import DigestMemo

from .model import DEFAULT_SETTINGS, PhotoError, PhotoOutput, PhotoResult, PhotoSettings

# Bump when a change makes the output files differ: every photo is then processed again.
PIPELINE_VERSION = "4"

CACHE_SUBDIR = "author_photos"
MANIFEST = "manifest.json"
DIGESTS = "digests.json"
_KEY_LENGTH = 16


def cache_key(
    digest: str,
    focal_point: tuple[float, float] | None,
    settings: PhotoSettings = DEFAULT_SETTINGS,
) -> str:
    """Return the short hash naming a photo's outputs: source, focal point and pipeline."""
    recipe = {
        "pipeline": PIPELINE_VERSION,
        "source": digest,
        # Rounded so that 0.3 and 0.30000000000000004 from a YAML file are the same photo.
        "focal_point": None if focal_point is None else [round(v, 4) for v in focal_point],
        "sizes": list(settings.sizes),
        "jpeg_quality": settings.jpeg_quality,
        "webp_quality": settings.webp_quality,
    }
    encoded = json.dumps(recipe, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:_KEY_LENGTH]


def photo_digest(memo: DigestMemo, source: Path) -> str:
    """The SHA-256 of a photo (remembered by size and mtime); a PhotoError when unreadable."""
    try:
        return memo.digest(source)
    except OSError as exc:
        raise PhotoError(_unreadable(exc)) from None


def write_manifest(folder: Path, outputs: list[PhotoOutput], notes: list[ImageIssue]) -> None:
    """Describe an entry's files and warnings, so a rebuild needs no image decoding."""
    manifest = {
        "pipeline": PIPELINE_VERSION,
        "outputs": [
            {
                "size": o.size,
                "format": o.format,
                "file": o.path.name,
                "width": o.width,
                "height": o.height,
            }
            for o in outputs
        ],
        "warnings": [[note.key, dict(note.values)] for note in notes],
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _unreadable(exc: OSError) -> ImageIssue:
    return ImageIssue("image_cannot_read", {"reason": exc.strerror or str(exc)})


def read_cache_entry(entry: Path, source: Path, key: str) -> PhotoResult | None:
    try:
        manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        outputs = tuple(
            PhotoOutput(
                size=item["size"],
                format=item["format"],
                path=entry / item["file"],
                width=item["width"],
                height=item["height"],
            )
            for item in manifest["outputs"]
        )
        notes = tuple(
            ImageIssue(key, values, refused=False) for key, values in manifest["warnings"]
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not outputs or not all(output.path.is_file() for output in outputs):
        return None
    return PhotoResult(source=source, key=key, outputs=outputs, warnings=notes, cached=True)


def publish(staging: Path, entry: Path, key: str) -> None:
    # Outputs appear all at once, so an interrupted build never leaves half an entry behind.
    if read_cache_entry(entry, entry, key) is not None:
        return  # a parallel build published the same photo first; its files are identical
    shutil.rmtree(entry, ignore_errors=True)  # an incomplete entry (files deleted by hand)
    try:
        os.rename(staging, entry)
    except OSError:
        if read_cache_entry(entry, entry, key) is None:
            raise
