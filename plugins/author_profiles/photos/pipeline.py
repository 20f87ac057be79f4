"""Process many photos at once: cache look-ups first, the rest on every core."""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from clean_images import ImageIssue
from faces_common.background import BackgroundJob, BackgroundPool, later, usable_cores
from faces_common.digests import DigestMemo

from .cache import CACHE_SUBDIR, DIGESTS, cache_key, photo_digest, read_cache_entry
from .entry import make_entry
from .model import DEFAULT_SETTINGS, PhotoError, PhotoJob, PhotoResult, PhotoSettings
from .orders import check_job, read_order

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
    workers = workers or usable_cores()
    if workers <= 1:
        return start_photos(jobs, cache_dir, None, settings).wait(progress)
    with BackgroundPool(workers) as pool:
        return start_photos(jobs, cache_dir, pool, settings).wait(progress)


def start_photos(
    jobs: Sequence[PhotoJob],
    cache_dir: Path,
    pool: BackgroundPool | None,
    settings: PhotoSettings = DEFAULT_SETTINGS,
    *,
    on_request: bool = False,
) -> PendingPhotos:
    """Look the photos up in the cache and queue the rest for the pool (None: done at wait()).

    With on_request the photos the cache lacks are only checked (orders.py): their results name
    the files (`ordered`), which the preview server makes when first asked for one of them.
    """
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
        if cached is None and on_request:
            cached = read_order(root / key, job, settings, key)
        if cached is not None:
            results[index] = cached
        else:
            # The same picture used twice (same bytes and focal point) is processed once.
            pending.setdefault(key, []).append(index)
    digests.save()
    logger.debug(
        "author_profiles: %s photos, %s to process, cache %s", len(jobs), len(pending), root
    )
    if pending:
        root.mkdir(parents=True, exist_ok=True)
    work = {key: jobs[indices[0]] for key, indices in pending.items()}
    task = check_job if on_request else make_entry
    queued = {
        key: pool.submit(task, job, key, root, settings)
        if pool is not None
        else later(task, job, key, root, settings)
        for key, job in work.items()
    }
    return PendingPhotos(jobs, results, pending, queued)


@dataclasses.dataclass
class PendingPhotos:
    """Photos being processed: the cached ones known, the others queued for a worker."""

    jobs: Sequence[PhotoJob]
    results: list[PhotoResult | None]
    pending: dict[str, list[int]]
    queued: dict[str, BackgroundJob[PhotoResult]]

    def wait(self, progress: bool = False) -> list[PhotoResult]:
        """One result per job, in order, once every photo is processed."""
        show = progress and len(self.queued) >= _PROGRESS_MIN_JOBS and sys.stderr.isatty()
        # The photos no worker has started yet are processed here, from the last one.
        for job in reversed(self.queued.values()):
            job.take_back()
        for count, (key, job) in enumerate(self.queued.items(), start=1):
            try:
                result = job.result()
            except Exception as exc:
                # A worker that died (out of memory, killed) takes only its photos down.
                reason = f"{exc.__class__.__name__}: {exc}"
                source = self.jobs[self.pending[key][0]].source
                issue = ImageIssue("photo_worker_failed", {"reason": reason})
                result = PhotoResult(source=source, key=key, error=issue)
            for index in self.pending[key]:
                self.results[index] = dataclasses.replace(result, source=self.jobs[index].source)
            if show:
                sys.stderr.write(f"\r[{count}/{len(self.queued)}] photos")
                sys.stderr.flush()
        if show:
            sys.stderr.write("\n")
        return [result for result in self.results if result is not None]


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
