"""Process many photos at once: cache look-ups first, the rest on every core."""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from clean_images import ImageIssue, ImageRefused
from faces_common.digests import DigestMemo

from .cache import (
    CACHE_SUBDIR,
    DIGESTS,
    cache_key,
    photo_digest,
    publish,
    read_cache_entry,
    write_manifest,
)
from .model import DEFAULT_SETTINGS, PhotoError, PhotoJob, PhotoResult, PhotoSettings
from .render import render

logger = logging.getLogger("author_profiles.photos")

_PROGRESS_MIN_JOBS = 10


def process_photo(
    job: PhotoJob, cache_dir: Path, settings: PhotoSettings = DEFAULT_SETTINGS
) -> PhotoResult:
    """Process one photo in this process, reusing cached outputs."""
    return process_photos([job], cache_dir, workers=1, progress=False, settings=settings)[0]


def process_photos(
    jobs: Sequence[PhotoJob],
    cache_dir: Path,
    workers: int | None = None,
    progress: bool = True,
    *,
    settings: PhotoSettings = DEFAULT_SETTINGS,
) -> list[PhotoResult]:
    """Process photos on all cores, reusing cached outputs; one result per job, in order."""
    root = Path(cache_dir) / CACHE_SUBDIR
    results: list[PhotoResult | None] = [None] * len(jobs)
    pending: dict[str, list[int]] = {}
    digests = DigestMemo(root / DIGESTS)
    for index, job in enumerate(jobs):
        try:
            _check_focal_point(job)
            key = cache_key(photo_digest(digests, job.source), job.focal_point, settings)
        except PhotoError as exc:
            results[index] = PhotoResult(source=job.source, error=exc.issue)
            continue
        cached = read_cache_entry(root / key, job.source, key)
        if cached is not None:
            results[index] = cached
        else:
            # The same picture used twice (same bytes and focal point) is processed once.
            pending.setdefault(key, []).append(index)

    logger.debug(
        "author_profiles: %s photos, %s to process, cache %s", len(jobs), len(pending), root
    )
    if pending:
        root.mkdir(parents=True, exist_ok=True)
        work = {key: jobs[indices[0]] for key, indices in pending.items()}
        show = progress and len(work) >= _PROGRESS_MIN_JOBS and sys.stderr.isatty()
        for key, result in _run(work, root, settings, workers, show):
            for index in pending[key]:
                results[index] = dataclasses.replace(result, source=jobs[index].source)
    digests.save()
    return [result for result in results if result is not None]


def _run(
    work: dict[str, PhotoJob],
    root: Path,
    settings: PhotoSettings,
    workers: int | None,
    show_progress: bool,
) -> list[tuple[str, PhotoResult]]:
    workers = min(workers or _usable_cores(), len(work))
    finished: list[tuple[str, PhotoResult]] = []

    def report() -> None:
        if show_progress:
            sys.stderr.write(f"\r[{len(finished)}/{len(work)}] photos")
            sys.stderr.flush()

    if workers <= 1:
        for key, job in work.items():
            finished.append((key, _process_job(job, key, root, settings)))
            report()
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures: dict[Future[PhotoResult], str] = {
                pool.submit(_process_job, job, key, root, settings): key
                for key, job in work.items()
            }
            for future in as_completed(futures):
                key = futures[future]
                try:
                    result = future.result()
                except Exception as exc:
                    # A worker that died (out of memory, killed) takes only its photos down.
                    reason = f"{exc.__class__.__name__}: {exc}"
                    result = PhotoResult(
                        source=work[key].source,
                        key=key,
                        error=ImageIssue("photo_worker_failed", {"reason": reason}),
                    )
                finished.append((key, result))
                report()
    if show_progress:
        sys.stderr.write("\n")
    return finished


def _usable_cores() -> int:
    # In a container the cores this process may use can be fewer than the machine has.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _check_focal_point(job: PhotoJob) -> None:
    point = job.focal_point
    if point is None:
        return
    valid = (
        isinstance(point, tuple | list)
        and len(point) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
        and all(0.0 <= v <= 1.0 for v in point)
    )
    if not valid:
        raise PhotoError(ImageIssue("photo_bad_focus", {"point": repr(point)}))


def _process_job(job: PhotoJob, key: str, root: Path, settings: PhotoSettings) -> PhotoResult:
    # Runs in a worker process: every failure becomes an error result, never an exception.
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
    except PhotoError as exc:
        return PhotoResult(source=job.source, key=key, error=exc.issue)
    except ImageRefused as exc:
        return PhotoResult(source=job.source, key=key, error=exc.issue)
    except Exception as exc:
        reason = f"{exc.__class__.__name__}: {exc}"
        return PhotoResult(
            source=job.source, key=key, error=ImageIssue("image_damaged", {"reason": reason})
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
