"""Photos checked now and made later: the preview's photos on request, on the cache's side.

A photo the cache lacks is checked (render.check: same refusals and warnings, no pixels) and its
order is kept beside its future cache entry, `<key>.order.json`: what to make it from and what
the check found. A later build reads the order instead of checking again; the preview server
makes the entry from it (make_ordered_entry) the first time someone asks for one of its files.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import Any

from clean_images import ImageIssue
from faces_common.digests import file_stamp, read_digest
from faces_common.jsonfiles import write_json

from .cache import PIPELINE_VERSION, cache_key, read_cache_entry
from .entry import failed, make_entry
from .model import PhotoJob, PhotoOutput, PhotoResult, PhotoSettings
from .render import check

logger = logging.getLogger("author_profiles.photos")

_ORDER_SUFFIX = ".order.json"


class PhotoNotMade(Exception):
    """An ordered photo that cannot be made now; the message says why, for the preview's log."""


def order_path(entry: Path) -> Path:
    """The order of the cache entry `entry` (a file beside it)."""
    return entry.with_name(f"{entry.name}{_ORDER_SUFFIX}")


def check_job(job: PhotoJob, key: str, root: Path, settings: PhotoSettings) -> PhotoResult:
    """Check a photo (in a worker) and keep its order; the result names files not made yet."""
    entry = root / key
    try:
        outputs, notes = check(job.source, job.focal_point, settings, entry)
    except Exception as exc:
        return failed(job, key, exc)
    result = PhotoResult(
        source=job.source, key=key, outputs=tuple(outputs), warnings=tuple(notes), ordered=True
    )
    try:
        write_json(order_path(entry), _order(job, settings, result))
    except OSError as exc:
        # Without the order the preview cannot make the photo: a publish-like render is needed.
        logger.warning("author_profiles: cannot keep the order of %s (%s)", job.source, exc)
        return dataclasses.replace(result, ordered=False, error=_unwritable(exc))
    return result


def _unwritable(exc: OSError) -> ImageIssue:
    return ImageIssue("photo_worker_failed", {"reason": f"cache not writable: {exc}"})


def _order(job: PhotoJob, settings: PhotoSettings, result: PhotoResult) -> dict[str, Any]:
    return {
        "pipeline": PIPELINE_VERSION,
        "source": str(job.source),
        "stamp": file_stamp(str(job.source)),
        "focal_point": _normal(job).focal_point,
        "settings": dataclasses.asdict(settings),
        "outputs": [[o.size, o.format, o.path.name] for o in result.outputs],
        "warnings": [[note.key, dict(note.values)] for note in result.warnings],
    }


def read_order(entry: Path, job: PhotoJob, settings: PhotoSettings, key: str) -> PhotoResult | None:
    """What an earlier check of this very file found (None: check it again)."""
    order = _read(order_path(entry))
    if order is None or _job(order) != _normal(job) or _settings(order) != settings:
        return None  # the same picture under another name, or a changed limit: checked again
    if order.get("stamp") != list(file_stamp(str(job.source)) or ()):
        return None
    try:
        outputs = tuple(_outputs(order, entry))
        notes = tuple(ImageIssue(k, v, refused=False) for k, v in order["warnings"])
    except (KeyError, TypeError, ValueError):
        return None
    return PhotoResult(
        source=job.source, key=key, outputs=outputs, warnings=notes, cached=True, ordered=True
    )


def make_ordered_entry(entry: Path) -> PhotoResult | None:
    """The cache entry `entry`, made from its order if not there (None: not there, no order).

    PhotoNotMade when it was ordered but cannot be made (the source changed or is gone).

    Nothing is checked twice: the photo is rendered (which refuses what the check refused) only
    after making sure the source is still the file that was checked.
    """
    key = entry.name
    cached = read_cache_entry(entry, entry, key)
    if cached is not None:
        return cached
    order = _read(order_path(entry))
    if order is None:
        return None
    job, settings = _job(order), _settings(order)
    if job is None or settings is None:
        raise PhotoNotMade(f"the order of {entry.name} in the photo cache is damaged; build again")
    _same_source(job, settings, key, order)
    result = make_entry(job, key, entry.parent, settings)
    if result.error is not None:
        values = ", ".join(f"{k}={v}" for k, v in result.error.values.items())
        raise PhotoNotMade(f"{job.source}: {result.error.key} {values}".rstrip())
    return result


def _same_source(job: PhotoJob, settings: PhotoSettings, key: str, order: dict[str, Any]) -> None:
    stamp = file_stamp(str(job.source))
    if stamp is None:
        raise PhotoNotMade(f"{job.source} is gone since the build; build again")
    if list(stamp) == order.get("stamp"):
        return
    try:
        digest = read_digest(job.source)
    except OSError as exc:
        raise PhotoNotMade(f"{job.source} cannot be read ({exc}); build again") from None
    if cache_key(digest, job.focal_point, settings) != key:
        raise PhotoNotMade(f"{job.source} changed since the build; build again")


def _read(path: Path) -> dict[str, Any] | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict) or found.get("pipeline") != PIPELINE_VERSION:
        return None
    return found


def _job(order: dict[str, Any]) -> PhotoJob | None:
    source, point = order.get("source"), order.get("focal_point")
    if not isinstance(source, str):
        return None
    try:
        return _normal(PhotoJob(Path(source), None if point is None else tuple(point)))
    except (TypeError, ValueError):
        return None


def _normal(job: PhotoJob) -> PhotoJob:
    # A focal point from YAML may be a list or hold integers; the order holds floats.
    point = job.focal_point
    focal = None if point is None else (float(point[0]), float(point[1]))
    return PhotoJob(job.source, focal)


def _settings(order: dict[str, Any]) -> PhotoSettings | None:
    values = order.get("settings")
    try:
        return PhotoSettings(**values) if isinstance(values, dict) else None
    except (TypeError, ValueError):
        return None


def _outputs(order: dict[str, Any], entry: Path) -> list[PhotoOutput]:
    return [
        PhotoOutput(
            size=int(size), format=str(name), path=entry / str(file), width=size, height=size
        )
        for size, name, file in order["outputs"]
    ]
