"""Photos of the people who may be shown, processed once per build through the cached pipeline."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clean_images import ImageIssue, describe, describes
from faces_common.background import BackgroundPool, usable_cores
from faces_common.problems import WARNING, Problem

from .messages import problem, text
from .photos import PendingPhotos, PhotoJob, PhotoResult, PhotoSettings, start_photos
from .profiles import AuthorProfile, PhotoFile

logger = logging.getLogger(__name__)

# Social cards show faces 300 px wide; this is the smallest size that stays sharp there.
_CARD_FACE = 300


@dataclass(frozen=True)
class Portrait:
    """A person's processed photo: how pages address it and which files to publish."""

    photos: tuple[PhotoFile, ...]
    # (file in the cache, path relative to the output folder)
    files: tuple[tuple[Path, str], ...]
    card_photo: Path
    # Checked, not made: the files are made by the preview server on request (photo_orders).
    ordered: bool = False


def photo_settings(settings: Mapping[str, Any]) -> PhotoSettings:
    """The pipeline settings from the AUTHORS_PHOTO_* settings."""
    return PhotoSettings(
        sizes=tuple(settings["AUTHORS_PHOTO_SIZES"]),
        jpeg_quality=settings["AUTHORS_PHOTO_JPEG_QUALITY"],
        webp_quality=settings["AUTHORS_PHOTO_WEBP_QUALITY"],
        max_megapixels=settings["AUTHORS_PHOTO_MAX_MEGAPIXELS"],
    )


def make_portraits(
    profiles: Iterable[AuthorProfile], settings: Mapping[str, Any], *, on_request: bool = False
) -> tuple[dict[str, Portrait], list[Problem]]:
    """Process (on_request: check) the photos of everyone with one; portraits by handle."""
    workers = settings["AUTHORS_WORKERS"] or usable_cores()
    with BackgroundPool(workers) as pool:
        return start_portraits(
            profiles, settings, pool if workers > 1 else None, on_request=on_request
        ).finish()


def start_portraits(
    profiles: Iterable[AuthorProfile],
    settings: Mapping[str, Any],
    pool: BackgroundPool | None,
    *,
    on_request: bool = False,
) -> PendingPortraits:
    """Hand the photos the cache lacks to the pool; finish() collects them (None: done there).

    With on_request they are only checked, and made by the preview server (photo_orders).
    """
    wanted = [p for p in profiles if p.photo_source is not None]
    pending = start_photos(
        [PhotoJob(Path(p.photo_source or ""), p.photo_focus) for p in wanted],
        Path(settings["CACHE_PATH"]),
        pool,
        photo_settings(settings),
        on_request=on_request,
    )
    return PendingPortraits(wanted, pending, settings, time.perf_counter())


@dataclass
class PendingPortraits:
    """Portraits whose photos are being processed."""

    wanted: list[AuthorProfile]
    pending: PendingPhotos
    settings: Mapping[str, Any]
    started: float

    def finish(self) -> tuple[dict[str, Portrait], list[Problem]]:
        """Wait for the photos; the portraits by handle and the problems with the photos."""
        if not self.wanted:
            return {}, []
        waited = time.perf_counter()
        results = self.pending.wait(progress=True)
        settings = self.settings
        lang = settings["MESSAGES_LANG"]
        portraits: dict[str, Portrait] = {}
        problems: list[Problem] = []
        for profile, result in zip(self.wanted, results, strict=True):
            where = os.path.relpath(profile.source_path, os.getcwd())
            photo = os.path.relpath(profile.photo_source or "", os.getcwd())
            if result.error is not None:
                detail, fix = _words(lang, result.error, photo)
                problems.append(
                    problem(lang, where, profile.photo_line, "photo_error", detail=detail, fix=fix)
                )
                continue
            for note in result.warnings:
                detail, _ = _words(lang, note, photo)
                problems.append(
                    problem(
                        lang,
                        where,
                        profile.photo_line,
                        "photo_warning",
                        WARNING,
                        photo=os.path.basename(photo),
                        detail=detail,
                    )
                )
            portraits[profile.handle] = _portrait(profile.handle, result, settings)
        made = sum(1 for result in results if result.ok and not result.cached)
        ordered = sum(1 for result in results if result.ordered)
        checked = sum(1 for result in results if result.ordered and not result.cached)
        logger.info(
            "author_profiles: %s photos ready in %.2f s (%s processed, %s from the cache%s), "
            "the build waited %.2f s for them",
            len(results),
            time.perf_counter() - self.started,
            made - checked,
            len(results) - made - (ordered - checked),
            f", {checked} checked now, {ordered} left to make on request" if ordered else "",
            time.perf_counter() - waited,
        )
        return portraits, problems


def check_photos(profiles: Iterable[AuthorProfile], settings: Mapping[str, Any]) -> list[Problem]:
    """The build's own problems with the photos, for `invoke check` (cached like the build)."""
    # Checked as a preview build checks them: the same problems as a render, for a quarter of
    # the work, and none at all after a build (the cache holds the photo or its order). The
    # check that follows every preview build rendered all new photos in the build process.
    return make_portraits(profiles, settings, on_request=True)[1]


def _words(lang: str, issue: ImageIssue, photo: str) -> tuple[str, str]:
    # Problems every image can have are worded once, in clean_images; photo ones here.
    if describes(lang, issue):
        return describe(lang, issue, photo, left_out=False)
    return text(lang, issue.key, photo=photo, **issue.values)


def _portrait(handle: str, result: PhotoResult, settings: Mapping[str, Any]) -> Portrait:
    folder = settings["AUTHORS_PHOTOS_PATH"].strip("/")
    photos: list[PhotoFile] = []
    files: list[tuple[Path, str]] = []
    for size in result.sizes:
        names = {}
        for image_format in ("webp", "jpeg"):
            output = result.output(size, image_format)
            if output is None:
                continue
            # The content hash in the name lets browsers cache a photo for good.
            name = f"{folder}/{handle}-{result.key}-{size}{output.path.suffix}"
            names[image_format] = name
            files.append((output.path, name))
        if len(names) == 2:
            photos.append(PhotoFile(size, names["webp"], names["jpeg"]))
    card_sizes = [s for s in result.sizes if s >= _CARD_FACE] or [result.sizes[-1]]
    card_photo = result.output(card_sizes[0], "jpeg") or result.outputs[-1]
    return Portrait(tuple(photos), tuple(files), card_photo.path, ordered=result.ordered)
