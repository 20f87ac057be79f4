"""Turn employee photos into square, metadata-free WebP and JPEG files, cached by content."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import math
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clean_images.verdict import ImageIssue, ImageRefused, open_image
from PIL import Image, ImageCms, ImageOps

logger = logging.getLogger(__name__)

# Bump when a change makes the output files differ: every photo is then processed again.
PIPELINE_VERSION = "2"

# Opening only these formats keeps Pillow's other parsers (the usual source of decoder bugs)
# away from uploaded files. MPO is what Pillow calls JPEGs with a second picture (many phones).
_OPEN_FORMATS = ("JPEG", "PNG", "WEBP")
# Horizontally centred, a bit above the middle: where the face is in a typical portrait.
_HEAD_AND_SHOULDERS = (0.5, 0.375)
_CACHE_SUBDIR = "author_photos"
_MANIFEST = "manifest.json"
_DIGESTS = "digests.json"
_KEY_LENGTH = 16
_PROGRESS_MIN_JOBS = 10
_FORMAT_SUFFIXES = {"webp": ".webp", "jpeg": ".jpg"}


class PhotoError(Exception):
    """A photo that cannot be processed; carries the issue that says why."""

    def __init__(self, issue: ImageIssue) -> None:
        super().__init__(issue.key)
        self.issue = issue


@dataclass(frozen=True)
class PhotoSettings:
    """Output sizes, encoder qualities and the size limit for source photos."""

    sizes: tuple[int, ...] = (96, 192, 384, 768)
    jpeg_quality: int = 82
    webp_quality: int = 80
    max_megapixels: float = 60.0

    def __post_init__(self) -> None:
        sizes = tuple(self.sizes)
        if not sizes or not all(isinstance(s, int) and s > 0 for s in sizes):
            raise ValueError(f"sizes has value {self.sizes!r}; expected positive pixel counts")
        object.__setattr__(self, "sizes", tuple(sorted(set(sizes))))
        for name in ("jpeg_quality", "webp_quality"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 1 <= value <= 100:
                raise ValueError(f"{name} has value {value!r}; expected an integer from 1 to 100")
        if not self.max_megapixels > 0:
            raise ValueError(
                f"max_megapixels has value {self.max_megapixels!r}; expected a positive number"
            )


DEFAULT_SETTINGS = PhotoSettings()


@dataclass(frozen=True)
class PhotoJob:
    """A source photo and the point (fractions of width and height) to centre the crop on."""

    source: Path
    focal_point: tuple[float, float] | None = None


@dataclass(frozen=True)
class PhotoOutput:
    """One processed file: a square of `size` pixels in `format` ("webp" or "jpeg")."""

    size: int
    format: str
    path: Path
    width: int
    height: int


@dataclass(frozen=True)
class PhotoResult:
    """The outcome of one job: the output files and warnings, or the error (message keys)."""

    source: Path
    key: str | None = None
    outputs: tuple[PhotoOutput, ...] = ()
    warnings: tuple[ImageIssue, ...] = ()
    error: ImageIssue | None = None
    cached: bool = False

    @property
    def ok(self) -> bool:
        """Whether the photo was processed (possibly with warnings)."""
        return self.error is None

    @property
    def sizes(self) -> tuple[int, ...]:
        """The sizes that were produced, smallest first."""
        return tuple(sorted({output.size for output in self.outputs}))

    def output(self, size: int, image_format: str) -> PhotoOutput | None:
        """Return the output of the given size and format, if it was produced."""
        for candidate in self.outputs:
            if candidate.size == size and candidate.format == image_format:
                return candidate
        return None


def crop_box(
    width: int, height: int, focal_point: tuple[float, float] | None = None
) -> tuple[int, int, int, int]:
    """Return the largest square (left, top, right, bottom) centred on the focal point."""
    if width <= 0 or height <= 0:
        raise ValueError(f"image size {width}x{height} is empty")
    fx, fy = focal_point if focal_point is not None else _HEAD_AND_SHOULDERS
    side = min(width, height)
    left = min(max(math.floor(fx * width - side / 2 + 0.5), 0), width - side)
    top = min(max(math.floor(fy * height - side / 2 + 0.5), 0), height - side)
    return left, top, left + side, top + side


def source_digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


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
    root = Path(cache_dir) / _CACHE_SUBDIR
    results: list[PhotoResult | None] = [None] * len(jobs)
    pending: dict[str, list[int]] = {}
    digests = DigestMemo(root / _DIGESTS)
    for index, job in enumerate(jobs):
        try:
            _check_focal_point(job)
            key = cache_key(digests.digest(job.source), job.focal_point, settings)
        except PhotoError as exc:
            results[index] = PhotoResult(source=job.source, error=exc.issue)
            continue
        cached = _read_cache_entry(root / key, job.source, key)
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


class DigestMemo:
    """Source digests remembered by (path, size, mtime), so a rebuild reads no photo bytes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.changed = False
        try:
            self.known: dict[str, list[Any]] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}

    def digest(self, source: Path) -> str:
        """The SHA-256 of the file, read again only when its size or mtime changed."""
        try:
            stat = source.stat()
        except OSError as exc:
            raise PhotoError(_unreadable(exc)) from None
        stamp = [stat.st_size, stat.st_mtime_ns]
        entry = self.known.get(str(source.resolve()))
        if entry and entry[:2] == stamp:
            return str(entry[2])
        digest = _read_digest(source)
        self.known[str(source.resolve())] = [*stamp, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        """Write the memo back if it learnt anything (atomically)."""
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.known), encoding="utf-8")
        os.replace(temporary, self.path)


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


def _read_digest(path: Path) -> str:
    try:
        return source_digest(path)
    except OSError as exc:
        raise PhotoError(_unreadable(exc)) from None


def _unreadable(exc: OSError) -> ImageIssue:
    return ImageIssue("image_cannot_read", {"reason": exc.strerror or str(exc)})


def _read_cache_entry(entry: Path, source: Path, key: str) -> PhotoResult | None:
    try:
        manifest = json.loads((entry / _MANIFEST).read_text(encoding="utf-8"))
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


def _process_job(job: PhotoJob, key: str, root: Path, settings: PhotoSettings) -> PhotoResult:
    # Runs in a worker process: every failure becomes an error result, never an exception.
    entry = root / key
    staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=root))
    try:
        outputs, notes = _render(job.source, job.focal_point, settings, staging)
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
        (staging / _MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        # mkdtemp makes the directory private; the outputs are meant to be published.
        staging.chmod(0o755)
        _publish(staging, entry, key)
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


def _publish(staging: Path, entry: Path, key: str) -> None:
    # Outputs appear all at once, so an interrupted build never leaves half an entry behind.
    if _read_cache_entry(entry, entry, key) is not None:
        return  # a parallel build published the same photo first; its files are identical
    shutil.rmtree(entry, ignore_errors=True)  # an incomplete entry (files deleted by hand)
    try:
        os.rename(staging, entry)
    except OSError:
        if _read_cache_entry(entry, entry, key) is None:
            raise


def _render(
    source: Path,
    focal_point: tuple[float, float] | None,
    settings: PhotoSettings,
    out_dir: Path,
) -> tuple[list[PhotoOutput], list[ImageIssue]]:
    notes: list[ImageIssue] = []
    square = _load_square(source, focal_point, settings, notes)
    side = square.width
    largest, smallest = settings.sizes[-1], settings.sizes[0]
    if side < smallest:
        raise PhotoError(
            ImageIssue("photo_too_small", {"side": side, "smallest": smallest, "largest": largest})
        )
    if side < largest:
        notes.append(ImageIssue("photo_small", {"side": side, "largest": largest}, refused=False))
    outputs: list[PhotoOutput] = []
    current = square
    # Each size from the next larger one: half the resampling time, a mean difference of
    # about 0.3/255 from resizing the full square every time.
    for size in reversed(settings.sizes):
        if size > side:
            continue
        current = current.resize((size, size), Image.Resampling.LANCZOS)
        outputs[:0] = _save(current, size, settings, out_dir)
    return outputs, notes


def _load_square(
    source: Path,
    focal_point: tuple[float, float] | None,
    settings: PhotoSettings,
    notes: list[ImageIssue],
) -> Image.Image:
    # The same opening, decoding and refusals as every other image of the site (clean_images),
    # with photos limited to the formats a camera or phone exports.
    with open_image(
        source, _OPEN_FORMATS, settings.max_megapixels, draft_side=settings.sizes[-1]
    ) as image:
        try:
            ImageOps.exif_transpose(image, in_place=True)
        except (OSError, SyntaxError, ValueError):
            notes.append(ImageIssue("photo_orientation_unreadable", refused=False))
        icc_profile = image.info.get("icc_profile")
        square = image.crop(crop_box(image.width, image.height, focal_point))
    square = _to_srgb(_flatten(square), icc_profile, notes)
    # Only pixels go on: encoders copy some entries (a JPEG comment) from `info`.
    square.info = {}
    return square


def _flatten(image: Image.Image) -> Image.Image:
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )
    if not has_alpha:
        return image
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(white, rgba)
    # A grey photo with alpha stays grey, so that a grey colour profile still applies.
    return flat.convert("L" if image.mode in ("LA", "La") else "RGB")


def _to_srgb(image: Image.Image, icc_profile: bytes | None, notes: list[ImageIssue]) -> Image.Image:
    if icc_profile:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            # Most cameras embed sRGB itself; converting sRGB to sRGB only costs time.
            if not ImageCms.getProfileDescription(profile).strip().startswith("sRGB"):
                converted = ImageCms.profileToProfile(
                    image, profile, ImageCms.createProfile("sRGB"), outputMode="RGB"
                )
                image = converted if converted is not None else image
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            notes.append(ImageIssue("photo_profile_unapplied", refused=False))
    if image.mode != "RGB":
        image = image.convert("RGB")
    return image


def _save(
    image: Image.Image, size: int, settings: PhotoSettings, out_dir: Path
) -> list[PhotoOutput]:
    # No exif/icc_profile/xmp/comment arguments: the files carry pixels only.
    webp = out_dir / f"{size}{_FORMAT_SUFFIXES['webp']}"
    image.save(webp, "WEBP", quality=settings.webp_quality)
    jpeg = out_dir / f"{size}{_FORMAT_SUFFIXES['jpeg']}"
    image.save(jpeg, "JPEG", quality=settings.jpeg_quality, progressive=True, optimize=True)
    return [
        PhotoOutput(size=size, format=name, path=path, width=image.width, height=image.height)
        for name, path in (("webp", webp), ("jpeg", jpeg))
    ]
