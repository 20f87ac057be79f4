"""Make one cache entry: render into a private folder, then publish it whole."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

from clean_images import ImageIssue, ImageRefused

from .cache import publish, write_manifest
from .model import PhotoJob, PhotoResult, PhotoSettings
from .render import render


def make_entry(job: PhotoJob, key: str, root: Path, settings: PhotoSettings) -> PhotoResult:
    """Render a photo into root/key; every failure becomes an error result, never an exception."""
    # Runs in a worker process of a build, or in a thread of the preview server (on request).
    entry = root / key
    staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=root))
    try:
        outputs, notes = render(job.source, job.focal_point, settings, staging)
        write_manifest(staging, outputs, notes)
        # mkdtemp makes the directory private; the outputs are meant to be published.
        staging.chmod(0o755)
        publish(staging, entry, key)
        return PhotoResult(
            source=job.source,
            key=key,
            outputs=tuple(dataclasses.replace(o, path=entry / o.path.name) for o in outputs),
            warnings=tuple(notes),
        )
    except Exception as exc:
        return failed(job, key, exc)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def failed(job: PhotoJob, key: str, exc: Exception) -> PhotoResult:
    """The error result of a photo whose check or render raised `exc`."""
    if isinstance(exc, ImageRefused):  # PhotoError included
        return PhotoResult(source=job.source, key=key, error=exc.issue)
    reason = f"{exc.__class__.__name__}: {exc}"
    return PhotoResult(
        source=job.source, key=key, error=ImageIssue("image_damaged", {"reason": reason})
    )
