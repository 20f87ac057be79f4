"""Re-encode an image with its pixels only: orientation applied, sRGB, no metadata."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import BinaryIO

from PIL import Image, ImageCms, ImageOps, JpegImagePlugin

from .verdict import JPEG_FORMATS

# The format a file name promises: the server's Content-Type follows the name, not the bytes.
FORMAT_BY_SUFFIX = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".jpe": "JPEG",
    ".png": "PNG",
    ".webp": "WEBP",
    ".gif": "GIF",
}
# What a frame of an animation may keep: timing and transparency, nothing that describes it.
_ANIMATION_INFO = ("duration", "loop", "transparency", "background", "disposal")


def encode_clean(
    image: Image.Image,
    target: Path,
    jpeg_quality: int,
    webp_quality: int,
    *,
    into: BinaryIO | None = None,
) -> tuple[int, int]:
    """Write `image` to target (or into) in the format target's suffix names; the written size.

    The image is changed on the way (turned upright, its `info` dropped): pass a copy to keep it.
    """
    target_format = FORMAT_BY_SUFFIX[target.suffix.lower()]
    destination: Path | BinaryIO = target if into is None else into
    if getattr(image, "n_frames", 1) > 1 and target_format in ("GIF", "PNG", "WEBP"):
        return _save_animation(image, destination, target_format)
    source_format = image.format
    quantization = getattr(image, "quantization", None) if source_format in JPEG_FORMATS else None
    subsampling = JpegImagePlugin.get_sampling(image) if source_format in JPEG_FORMATS else -1
    lossless_webp = source_format == "WEBP" and _is_lossless_webp(image)
    icc_profile = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    # A damaged orientation entry: the pixels are used as stored rather than refused. In place:
    # a copy of every picture's pixels cost more CPU than decoding a JPEG cover.
    with contextlib.suppress(OSError, SyntaxError, ValueError, TypeError, KeyError):
        ImageOps.exif_transpose(image, in_place=True)
    pixels = _to_srgb(image, icc_profile)
    # Only pixels go on: encoders copy entries such as a JPEG comment or exif from `info`.
    pixels.info = {} if transparency is None else {"transparency": transparency}
    if target_format == "JPEG":
        pixels = _flatten(pixels, "RGB" if pixels.mode not in ("L",) else "L")
        options: dict[str, object] = {"optimize": True}
        if quantization and source_format in JPEG_FORMATS and pixels.mode == "RGB":
            # The source's own tables: the same quality the author exported with.
            options.update(qtables=quantization, subsampling=max(subsampling, 0))
        else:
            options["quality"] = jpeg_quality
        pixels.save(destination, "JPEG", **options)
    elif target_format == "PNG":
        pixels.save(destination, "PNG", optimize=False)
    elif target_format == "WEBP":
        if lossless_webp:
            pixels.save(destination, "WEBP", lossless=True)
        else:
            pixels.save(destination, "WEBP", quality=webp_quality)
    else:
        pixels.save(destination, "GIF")
    return pixels.size


def _save_animation(
    image: Image.Image, target: Path | BinaryIO, target_format: str
) -> tuple[int, int]:
    frames = []
    durations = []
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        frame = image.convert("RGBA")
        frame.info = {}
        frames.append(frame)
        durations.append(image.info.get("duration", 100))
    image.seek(0)
    options: dict[str, object] = {
        "save_all": True,
        "append_images": frames[1:],
        "duration": durations,
        "loop": image.info.get("loop", 0),
    }
    if target_format == "WEBP":
        options["lossless"] = True
    if target_format == "GIF":
        options["disposal"] = 2
    frames[0].save(target, target_format, **options)
    return frames[0].size


def _is_lossless_webp(image: Image.Image) -> bool:
    # A lossless WebP stays lossless; the first chunk after the header says which kind it is.
    try:
        with open(getattr(image, "filename", ""), "rb") as source:
            head = source.read(40)
    except (OSError, TypeError):
        return False
    return b"VP8L" in head


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )


def _flatten(image: Image.Image, mode: str) -> Image.Image:
    if not _has_alpha(image):
        return image.convert(mode) if image.mode != mode else image
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba).convert(mode)


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    # The profile is applied and dropped: browsers take untagged pixels as sRGB, and a
    # profile can name the camera, the editing software or the person who made it.
    if image.mode == "CMYK" or (icc_profile and not _is_srgb(icc_profile)):
        return _convert_profile(image, icc_profile)
    return image


def _is_srgb(icc_profile: bytes) -> bool:
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        return ImageCms.getProfileDescription(profile).strip().startswith("sRGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return True  # an unreadable profile cannot be applied; the pixels are used as they are


def _convert_profile(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    base = image.convert("RGB") if alpha is not None else image
    converted = None
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            converted = ImageCms.profileToProfile(
                base, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = None  # a profile that does not fit the pixels: used as they are
    converted = converted if converted is not None else base.convert("RGB")
    if alpha is not None:
        converted.putalpha(alpha)
    return converted
