"""Decode, crop and encode one photo: sRGB squares in every size, pixels only; or only check it.

check() is what the preview does for a photo it makes on request: the same opening, refusals and
warnings as render(), from a decode at the smallest scale, and the outputs render() will make.
"""

from __future__ import annotations

import io
from pathlib import Path

from clean_images import ImageIssue, open_image_sized
from PIL import Image, ImageCms, ImageOps

from .model import PhotoError, PhotoOutput, PhotoSettings, crop_box

# Opening only these formats keeps Pillow's other parsers (the usual source of decoder bugs)
# away from uploaded files. MPO is what Pillow calls JPEGs with a second picture (many phones).
_OPEN_FORMATS = ("JPEG", "PNG", "WEBP")

_FORMAT_SUFFIXES = {"webp": ".webp", "jpeg": ".jpg"}
# What JPEGs decode to: resampled as they are (a palette or transparency must be resolved first).
_RESIZED_AS_DECODED = ("RGB", "L", "CMYK")
# libwebp's effort (0-6, Pillow's default 4). Measured on the sample portraits, all four sizes:
# 2 encodes in 20 ms instead of 50 ms per photo, for 5% more bytes and 0.4 dB less PSNR at the
# same quality setting; at 4 WebP encoding was the largest share of a photo's work.
_WEBP_METHOD = 2


def render(
    source: Path,
    focal_point: tuple[float, float] | None,
    settings: PhotoSettings,
    out_dir: Path,
) -> tuple[list[PhotoOutput], list[ImageIssue]]:
    notes: list[ImageIssue] = []
    largest, sizes = _load_largest(source, focal_point, settings, notes)
    outputs: list[PhotoOutput] = _save(largest, sizes[-1], settings, out_dir)
    current = largest
    # Each size from the next larger one: half the resampling time, a mean difference of
    # about 0.3/255 from resizing the full square every time.
    for size in reversed(sizes[:-1]):
        current = current.resize((size, size), Image.Resampling.LANCZOS)
        outputs[:0] = _save(current, size, settings, out_dir)
    return outputs, notes


def _load_largest(
    source: Path,
    focal_point: tuple[float, float] | None,
    settings: PhotoSettings,
    notes: list[ImageIssue],
) -> tuple[Image.Image, list[int]]:
    """The square in the largest size it fills, sRGB pixels only; the sizes it fills."""
    # The same opening, decoding and refusals as every other image of the site (clean_images),
    # with photos limited to the formats a camera or phone exports.
    with open_image_sized(
        source, _OPEN_FORMATS, settings.max_megapixels, draft_side=settings.sizes[-1]
    ) as (image, declared):
        _orient(image, notes)
        icc_profile = image.info.get("icc_profile")
        box = crop_box(image.width, image.height, focal_point)
        # From the size the file declares, as check() does: a draft decode keeps the shorter
        # side at least the largest size, so both give every size there.
        sizes = _sizes_filled(min(declared), settings, notes)
        square = (sizes[-1], sizes[-1])
        if image.mode in _RESIZED_AS_DECODED:
            # Cut and shrunk in one step, then turned sRGB: no copy of the cut-out square,
            # and the colour profile applied to a quarter of the pixels or fewer.
            largest = image.resize(square, Image.Resampling.LANCZOS, box=box)
        else:
            # Transparency and palettes are resolved at full size, before any resampling.
            largest = _to_srgb(_flatten(image.crop(box)), icc_profile, notes)
            icc_profile = None
            largest = largest.resize(square, Image.Resampling.LANCZOS)
    largest = _to_srgb(largest, icc_profile, notes)
    # Only pixels go on: encoders copy some entries (a JPEG comment) from `info`.
    largest.info = {}
    return largest, sizes


def check(
    source: Path, focal_point: tuple[float, float] | None, settings: PhotoSettings, out_dir: Path
) -> tuple[list[PhotoOutput], list[ImageIssue]]:
    """The outputs render() would make into out_dir and its warnings, or its refusal; no pixels."""
    notes: list[ImageIssue] = []
    # At 1/8 scale libjpeg still reads every coefficient of the file: damage and truncation
    # are found as in render(), for about 70% of the decoding time (12 MP: 33 ms, not 46).
    with open_image_sized(source, _OPEN_FORMATS, settings.max_megapixels, draft_side=1) as (
        image,
        declared,
    ):
        _orient(image, notes)
        icc_profile = image.info.get("icc_profile")
        crop_box(*declared, focal_point)
        sizes = _sizes_filled(min(declared), settings, notes)
        # The profile meets the same pixel mode as in render(), so it fails or not the same.
        _to_srgb(
            image if image.mode in _RESIZED_AS_DECODED else _flatten(image), icc_profile, notes
        )
    outputs = [
        PhotoOutput(
            size=size, format=name, path=out_dir / f"{size}{suffix}", width=size, height=size
        )
        for size in sizes
        for name, suffix in _FORMAT_SUFFIXES.items()
    ]
    return outputs, notes


def _orient(image: Image.Image, notes: list[ImageIssue]) -> None:
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except (OSError, SyntaxError, ValueError):
        notes.append(ImageIssue("photo_orientation_unreadable", refused=False))


def _sizes_filled(side: int, settings: PhotoSettings, notes: list[ImageIssue]) -> list[int]:
    largest, smallest = settings.sizes[-1], settings.sizes[0]
    if side < smallest:
        raise PhotoError(
            ImageIssue("photo_too_small", {"side": side, "smallest": smallest, "largest": largest})
        )
    if side < largest:
        notes.append(ImageIssue("photo_small", {"side": side, "largest": largest}, refused=False))
    return [size for size in settings.sizes if size <= side]


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
    image.save(webp, "WEBP", quality=settings.webp_quality, method=_WEBP_METHOD)
    jpeg = out_dir / f"{size}{_FORMAT_SUFFIXES['jpeg']}"
    image.save(jpeg, "JPEG", quality=settings.jpeg_quality, progressive=True, optimize=True)
    return [
        PhotoOutput(size=size, format=name, path=path, width=image.width, height=image.height)
        for name, path in (("webp", webp), ("jpeg", jpeg))
    ]
