"""Clean copies of images, cached by content: a rebuild re-encodes nothing it has seen."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from faces_common.digests import DigestMemo

from .checked import Order, check_jpeg, read_order, write_order
from .encode import FORMAT_BY_SUFFIX, encode_clean
from .svg import sanitise_svg
from .verdict import (
    WEB_FORMATS,
    ImageIssue,
    ImageLimits,
    ImageRefused,
    open_image,
    size_issues,
    unsupported_issue,
)

# Bump when a change makes the clean files or their cover copies differ: every image is then
# encoded again.
PIPELINE_VERSION = "3"
_CACHE_SUBDIR = "clean_images"
_KEY_LENGTH = 20
# Below this many images to encode, starting worker processes costs more than it saves.
PARALLEL_FROM = 12
# Image suffixes that are refused rather than published as they came (they carry metadata
# like any photo, and browsers show few of them).
REFUSED_SUFFIXES = (".heic", ".heif", ".avif", ".tif", ".tiff", ".bmp", ".dng", ".jxl", ".svgz")
# Static files a browser opens as a document that runs code (HTML, XML with XHTML or XSLT,
# scripts): published from content/, they would run on the site's own origin. Left out.
ACTIVE_SUFFIXES = (
    ".html",
    ".htm",
    ".shtml",
    ".xhtml",
    ".xht",
    ".xml",
    ".xsl",
    ".xslt",
    ".js",
    ".mjs",
    ".swf",
)
# Drawings published after sanitising (svg.py): inert, but not re-encoded by Pillow.
SVG_SUFFIX = ".svg"
_MEMO = "digests.json"


@dataclass(frozen=True)
class CleanSettings:
    """Encoder qualities for images that are not re-encoded in their own format, and limits."""

    jpeg_quality: int = 90
    webp_quality: int = 90
    limits: ImageLimits = dataclasses.field(default_factory=ImageLimits)


@dataclass(frozen=True)
class CleanResult:
    """One image's verdict: the clean file in the cache (None if refused) and its issues."""

    source: Path
    clean: Path | None
    width: int = 0
    height: int = 0
    issues: tuple[ImageIssue, ...] = ()
    # Checked, not made: `clean` is where the preview server will make it (checked.py).
    ordered: bool = False

    @property
    def refused(self) -> bool:
        """Whether the image stays out of the site."""
        return self.clean is None


def is_image(path: str | Path) -> bool:
    """Whether this plugin judges the file: an image it cleans or refuses, or an active file."""
    suffix = Path(path).suffix.lower()
    refused = suffix in REFUSED_SUFFIXES or suffix in ACTIVE_SUFFIXES
    return suffix in FORMAT_BY_SUFFIX or refused or suffix == SVG_SUFFIX


def _cleaned_here(source: Path) -> bool:
    return source.suffix.lower() in FORMAT_BY_SUFFIX or source.suffix.lower() == SVG_SUFFIX


def clean_images(
    sources: Sequence[Path], cache_dir: Path, settings: CleanSettings, workers: int | None = None
) -> list[CleanResult]:
    """Judge and clean every image, encoding only what the cache lacks; one result each.

    An image a preview build checked and ordered (checked.py) is judged by its order.
    """
    plan = plan_images(sources, cache_dir, settings, orders=True)
    missing = sorted(plan.missing)
    jobs = [(plan.missing[key], plan.root, key, settings) for key in missing]
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers > 1 and len(jobs) >= PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            encoded = list(pool.map(encode_job, *zip(*jobs, strict=True)))
    else:
        encoded = [encode_job(*job) for job in jobs]
    return plan.results(dict(zip(missing, encoded, strict=True)))


@dataclass(frozen=True)
class ImagePlan:
    """Each image's cache key, what the cache holds, and the images it lacks (key -> source)."""

    sources: Sequence[Path]
    keys: list[str | None]
    known: dict[str, CleanResult | None]
    missing: dict[str, Path]
    root: Path
    settings: CleanSettings

    def results(self, encoded: dict[str, CleanResult]) -> list[CleanResult]:
        """One result per source, with the newly encoded images."""
        known = {**self.known, **encoded}
        results = []
        for source, key in zip(self.sources, self.keys, strict=True):
            found = known.get(key) if key is not None else None
            if found is None:
                results.append(CleanResult(source, None, issues=(_unopened(source),)))
            elif found.refused:
                results.append(dataclasses.replace(found, source=source))
            else:
                results.append(_with_size_issues(found, source, self.settings.limits))
        return results


def plan_images(
    sources: Sequence[Path], cache_dir: Path, settings: CleanSettings, *, orders: bool = False
) -> ImagePlan:
    """Key every image by its content and look it up in the cache; nothing is encoded yet.

    With orders, an image checked and ordered for the preview counts as known (`ordered`).
    """
    root = Path(cache_dir) / _CACHE_SUBDIR
    memo = DigestMemo(root / _MEMO)
    keys = [_key(source, settings, memo) for source in sources]
    memo.save()
    by_key = {key: source for source, key in zip(sources, keys, strict=True)}
    known = {
        key: _cached(root, key) or (_ordered(root, key, by_key[key]) if orders else None)
        for key in set(keys)
        if key is not None
    }
    missing = {key: by_key[key] for key, found in known.items() if found is None}
    if missing:
        root.mkdir(parents=True, exist_ok=True)
    return ImagePlan(sources, keys, known, missing, root, settings)


def _unopened(source: Path) -> ImageIssue:
    # The file could not be read, or its name is one of the refused formats.
    if source.suffix.lower() in ACTIVE_SUFFIXES:
        return ImageIssue("file_active", {"suffix": source.suffix.lower()})
    if not source.is_file():
        return ImageIssue("image_cannot_read", {"reason": "not found"})
    return unsupported_issue(source, WEB_FORMATS)


def _key(source: Path, settings: CleanSettings, memo: DigestMemo) -> str | None:
    if not _cleaned_here(source):
        return None
    try:
        digest = memo.digest(source)
    except OSError:
        return None
    return recipe_key(digest, source.suffix.lower(), settings)


def recipe_key(digest: str, suffix: str, settings: CleanSettings) -> str:
    """The cache key of a file with this content and suffix, cleaned with these settings."""
    recipe = [
        PIPELINE_VERSION,
        digest,
        suffix,
        settings.jpeg_quality,
        settings.webp_quality,
        settings.limits.max_megapixels,
    ]
    return hashlib.sha256(json.dumps(recipe).encode()).hexdigest()[:_KEY_LENGTH]


def _ordered(root: Path, key: str, source: Path) -> CleanResult | None:
    found = read_order(root, key, source)
    if found is None:
        return None
    order = found[0]
    return CleanResult(root / order.file, root / order.file, order.width, order.height, (), True)


def order_job(source: Path, root: Path, key: str, settings: CleanSettings) -> CleanResult:
    """Check one image and order its clean file (in a worker); rendered where no check can do."""
    target = root / f"{key}{source.suffix.lower()}"
    quality = (settings.jpeg_quality, settings.webp_quality)
    try:
        size = check_jpeg(source, *quality, settings.limits.max_megapixels)
    except ImageRefused as refusal:
        return CleanResult(source, None, issues=(refusal.issue,))
    except Exception as exc:  # the render's steps failing on odd input, as in encode_job
        reason = f"{exc.__class__.__name__}: {exc}"
        return CleanResult(source, None, issues=(ImageIssue("image_damaged", {"reason": reason}),))
    if size is None:
        return encode_job(source, root, key, settings)
    made_with = {
        "jpeg_quality": settings.jpeg_quality,
        "webp_quality": settings.webp_quality,
        "max_megapixels": settings.limits.max_megapixels,
    }
    write_order(root, key, Order(source, target.name, *size), made_with)
    return CleanResult(source, target, size[0], size[1], (), ordered=True)


def _cached(root: Path, key: str) -> CleanResult | None:
    try:
        facts = json.loads((root / f"{key}.json").read_text(encoding="utf-8"))
        clean = root / facts["file"]
        if not clean.is_file():
            return None
        notes = tuple(
            ImageIssue(
                key,
                {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()},
                refused=False,
            )
            for key, values in facts["notes"]
        )
        return CleanResult(clean, clean, facts["width"], facts["height"], notes)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def encode_job(source: Path, root: Path, key: str, settings: CleanSettings) -> CleanResult:
    """Encode one image into the cache under its key; a refusal is a result, not an error."""
    # Runs in a worker: every failure becomes a refusal with its reason, never an exception.
    # A refused image leaves no cache entry; it fails fast on opening next time.
    target = root / f"{key}{source.suffix.lower()}"
    handle, temporary = tempfile.mkstemp(suffix=source.suffix.lower(), dir=root)
    os.close(handle)
    try:
        notes: list[ImageIssue] = []
        if source.suffix.lower() == SVG_SUFFIX:
            width = height = 0
            removed = sanitise_svg(
                source,
                Path(temporary),
                settings.jpeg_quality,
                settings.webp_quality,
                settings.limits.max_megapixels,
            )
            if removed:
                # A list of everything removed ("a, b, c"), not alternatives ("a, b or c").
                listed = ", ".join(removed)
                notes.append(ImageIssue("svg_cleaned", {"removed": listed}, refused=False))
        else:
            with open_image(source, max_megapixels=settings.limits.max_megapixels) as image:
                width, height = encode_clean(
                    image, Path(temporary), settings.jpeg_quality, settings.webp_quality
                )
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
        facts = {
            "file": target.name,
            "width": width,
            "height": height,
            "notes": [[note.key, dict(note.values)] for note in notes],
        }
        (root / f"{key}.json").write_text(json.dumps(facts), encoding="utf-8")
        return CleanResult(source, target, width, height, tuple(notes))
    except ImageRefused as refusal:
        return CleanResult(source, None, issues=(refusal.issue,))
    except Exception as exc:  # a decoder or encoder failing on odd input
        reason = f"{exc.__class__.__name__}: {exc}"
        return CleanResult(source, None, issues=(ImageIssue("image_damaged", {"reason": reason}),))
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _with_size_issues(found: CleanResult, source: Path, limits: ImageLimits) -> CleanResult:
    try:
        file_size = source.stat().st_size
    except OSError:
        file_size = 0
    issues = [*found.issues, *size_issues(file_size, found.width, found.height, limits)]
    return dataclasses.replace(found, source=source, issues=tuple(issues))
