"""Tests for author_profiles.photos: real photographs in, metadata-free squares out."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import textwrap
import warnings
import zlib
from pathlib import Path

import pytest
from author_profiles import photos
from author_profiles.photos import (
    PhotoJob,
    PhotoResult,
    PhotoSettings,
    cache_key,
    crop_box,
    process_photo,
    process_photos,
)
from clean_images import verdict
from clean_images.verdict import ImageIssue
from faces_common import digests
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageStat

SMALL_512 = ImageIssue("photo_small", {"side": 512, "largest": 768}, refused=False)

ROOT = Path(__file__).resolve().parents[2]
MARKER = (0, 255, 0)  # pure green: nowhere in the portrait
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description dc:creator="Private Person"/></rdf:RDF></x:xmpmeta>'
)
COMMENT = b"SECRET-COMMENT-Home-address-Seestrasse-1"
XYZ = tuple[float, float, float]
D50: XYZ = (0.9642, 1.0, 0.8249)
# The sRGB primaries adapted to D50, as ICC profiles store them.
SRGB_RED: XYZ = (0.4361, 0.2225, 0.0139)
SRGB_GREEN: XYZ = (0.3851, 0.7169, 0.0971)
SRGB_BLUE: XYZ = (0.1431, 0.0606, 0.7141)


# --- helpers -----------------------------------------------------------------------------


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, 0..255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def rgb(pixel: object) -> tuple[int, int, int]:
    """A pixel read from an RGB image, typed."""
    assert isinstance(pixel, tuple) and len(pixel) == 3
    return (int(pixel[0]), int(pixel[1]), int(pixel[2]))


def distance(pixel: object, colour: tuple[int, int, int]) -> int:
    """Largest channel difference between a pixel and a colour."""
    return max(abs(a - b) for a, b in zip(rgb(pixel), colour, strict=True))


def exif_with_gps(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x013B] = "Private Person"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (47.0, 39.0, 36.0)  # GPSLatitude (Konstanz)
    gps[3] = "E"
    gps[4] = (9.0, 10.0, 30.0)
    return exif


def jpeg_segments(data: bytes) -> list[int]:
    """The marker bytes of a JPEG's header segments, up to the start of scan."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [], 2
    while pos < len(data):
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + length
    return markers


def webp_chunks(data: bytes) -> list[bytes]:
    """The chunk names of a WebP (RIFF) file."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        name = data[pos : pos + 4]
        (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        chunks.append(name)
        pos += 8 + size + (size & 1)
    return chunks


def assert_no_metadata(path: Path) -> None:
    data = path.read_bytes()
    with Image.open(path) as image:
        assert len(image.getexif()) == 0, path
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"):
            assert key not in image.info, (path, key)
    if path.suffix == ".jpg":
        # Only JFIF (APP0), tables, frame and scan headers: no APP1 (EXIF, XMP), APP2 (ICC)
        # or COM (comment) segment.
        assert set(jpeg_segments(data)) <= {0xE0, 0xDB, 0xC4, 0xC0, 0xC2, 0xDD, 0xDA}, path
    else:
        assert set(webp_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X"}, path
    for secret in (b"Exif\x00\x00", b"xmpmeta", COMMENT, b"Private Person", b"PhoneMaker"):
        assert secret not in data, (path, secret)


def rgb_profile(description: str, red: XYZ, green: XYZ, blue: XYZ, gamma: float) -> bytes:
    """A minimal ICC v2 matrix/TRC RGB display profile."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(value: XYZ) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(s15(v) for v in value)

    text = description.encode("ascii") + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + bytes(4 + 4 + 2 + 1 + 67)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(D50)),
        (b"rXYZ", xyz(red)),
        (b"gXYZ", xyz(green)),
        (b"bXYZ", xyz(blue)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, payload in tags:
        payload += bytes(-len(payload) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(payload))
        data += payload
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + bytes(4)
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + bytes(12)
        + b"acsp"
        + bytes(24)
        + struct.pack(">I", 0)
        + b"".join(s15(v) for v in D50)
        + bytes(48)
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def only_result(results: list[PhotoResult]) -> PhotoResult:
    assert len(results) == 1
    return results[0]


def bomb_png(path: Path, width: int, height: int, *, full: bool = False) -> Path:
    """A small PNG of width x height RGB pixels: all of them zeros (full), or only a header."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = bytes(1 + width * 3) if full else b""  # filter byte + pixels
    rows = height if full else 0
    data = b"".join(compressor.compress(row) for _ in range(rows)) + compressor.flush()
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return path


# --- crop box ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "focal_point", "expected"),
    [
        ((4000, 3000), None, (500, 0, 3500, 3000)),  # landscape: centred
        ((3000, 4000), None, (0, 0, 3000, 3000)),  # portrait: 37.5% from the top is the top
        ((1000, 2000), None, (0, 250, 1000, 1250)),  # tall: the head, not the middle
        ((4000, 3000), (0.6, 0.5), (900, 0, 3900, 3000)),
        ((4000, 3000), (0.0, 0.0), (0, 0, 3000, 3000)),  # clamped left
        ((4000, 3000), (1.0, 1.0), (1000, 0, 4000, 3000)),  # clamped right
        ((3000, 4000), (0.5, 0.9), (0, 1000, 3000, 4000)),  # clamped bottom
        ((512, 512), (0.9, 0.1), (0, 0, 512, 512)),  # square: the whole image
    ],
)
def test_crop_box(
    size: tuple[int, int],
    focal_point: tuple[float, float] | None,
    expected: tuple[int, int, int, int],
) -> None:
    assert crop_box(*size, focal_point) == expected


@given(
    width=st.integers(1, 10_000),
    height=st.integers(1, 10_000),
    focal_point=st.none() | st.tuples(st.floats(0, 1), st.floats(0, 1)),
)
def test_crop_box_is_the_largest_square_inside_the_image(
    width: int, height: int, focal_point: tuple[float, float] | None
) -> None:
    left, top, right, bottom = crop_box(width, height, focal_point)
    side = min(width, height)
    assert right - left == bottom - top == side
    assert left >= 0 and right <= width and top >= 0 and bottom <= height
    fx, fy = focal_point or (0.5, 0.375)
    # Centred on the focal point unless that would leave the image.
    if side / 2 <= fx * width <= width - side / 2:
        assert abs((left + right) / 2 - fx * width) <= 1
    if side / 2 <= fy * height <= height - side / 2:
        assert abs((top + bottom) / 2 - fy * height) <= 1


def test_crop_box_rejects_an_empty_image() -> None:
    with pytest.raises(ValueError, match="0x10"):
        crop_box(0, 10)


# --- outputs -----------------------------------------------------------------------------


def test_small_photo_gives_the_sizes_it_can_and_a_warning(
    astronaut_path: Path, astronaut: Image.Image, tmp_path: Path
) -> None:
    result = process_photo(PhotoJob(astronaut_path), tmp_path)

    assert result.error is None
    assert result.warnings == (SMALL_512,)
    assert result.sizes == (96, 192, 384)
    assert [(o.size, o.format) for o in result.outputs] == [
        (96, "webp"),
        (96, "jpeg"),
        (192, "webp"),
        (192, "jpeg"),
        (384, "webp"),
        (384, "jpeg"),
    ]
    for output in result.outputs:
        assert output.path.parent == tmp_path / "author_photos" / str(result.key)
        with Image.open(output.path) as image:
            assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[output.format]
            assert image.size == (output.size, output.size) == (output.width, output.height)
            assert image.mode == "RGB"
            if output.format == "jpeg":
                assert image.info.get("progressive") or image.info.get("progression")
            # The same picture, only smaller (lossy encoding costs a few levels).
            expected = astronaut.resize(image.size, Image.Resampling.LANCZOS)
            assert mean_difference(image.convert("RGB"), expected) < 6


def test_large_photo_gives_every_size_cropped_around_the_focal_point(
    big_photo: Path, tmp_path: Path
) -> None:
    result = process_photo(PhotoJob(big_photo, (0.6, 0.5)), tmp_path)

    assert result.error is None and result.warnings == ()
    assert result.sizes == (96, 192, 384, 768)
    with Image.open(big_photo) as opened:
        source = opened.convert("RGB")
    expected = source.crop((900, 0, 3900, 3000)).resize((768, 768), Image.Resampling.LANCZOS)
    centred = source.crop((500, 0, 3500, 3000)).resize((768, 768), Image.Resampling.LANCZOS)
    for image_format in ("webp", "jpeg"):
        output = result.output(768, image_format)
        assert output is not None
        with Image.open(output.path) as image:
            produced = image.convert("RGB")
        assert mean_difference(produced, expected) < 3
        assert mean_difference(produced, centred) > 10  # the check can tell crops apart


def test_decodes_large_jpegs_at_reduced_scale(big_photo: Path) -> None:
    with Image.open(big_photo) as image:
        verdict._request_draft(image, 768)
        # Half of 4000x3000 still leaves a 1500 px square for the 768 px output.
        assert image.size == (2000, 1500)
    with Image.open(big_photo) as image:
        verdict._request_draft(image, 1600)
        assert image.size == (4000, 3000)


@pytest.mark.parametrize(
    ("orientation", "corner"),
    [(1, (0, 0)), (3, (1, 1)), (6, (1, 0)), (8, (0, 1))],
)
def test_exif_orientation_is_applied(
    astronaut: Image.Image, tmp_path: Path, orientation: int, corner: tuple[int, int]
) -> None:
    stored = astronaut.resize((384, 384))
    ImageDraw.Draw(stored).rectangle((0, 0, 47, 47), fill=MARKER)  # marker, top left as stored
    source = tmp_path / f"oriented-{orientation}.jpg"
    stored.save(source, quality=95, exif=exif_with_gps(orientation))

    result = process_photo(PhotoJob(source), tmp_path / "cache")

    output = result.output(96, "jpeg")
    assert output is not None
    with Image.open(output.path) as image:
        # The marker is 12 px at this size; look at its middle and at the opposite corner.
        near = (6 + corner[0] * 83, 6 + corner[1] * 83)
        far = (6 + (1 - corner[0]) * 83, 6 + (1 - corner[1]) * 83)
        assert distance(image.getpixel(near), MARKER) < 40
        assert distance(image.getpixel(far), MARKER) > 120


def test_orientation_is_applied_before_cropping(astronaut: Image.Image, tmp_path: Path) -> None:
    # Stored 512x384 landscape, shown 384x512 portrait: the crop takes the top 384 rows.
    stored = astronaut.crop((0, 64, 512, 448))
    ImageDraw.Draw(stored).rectangle((0, 0, 47, 47), fill=MARKER)
    source = tmp_path / "sideways.jpg"
    stored.save(source, quality=95, exif=exif_with_gps(6))

    result = process_photo(PhotoJob(source), tmp_path / "cache")

    output = result.output(384, "jpeg")
    assert output is not None
    with Image.open(output.path) as image:
        assert distance(image.getpixel((360, 24)), MARKER) < 40
        expected = astronaut.crop((0, 64, 512, 448)).transpose(Image.Transpose.ROTATE_270)
        expected = expected.crop((0, 0, 384, 384))
        assert mean_difference(image.convert("RGB"), expected) < 6


def test_outputs_carry_no_metadata(astronaut: Image.Image, tmp_path: Path) -> None:
    source = tmp_path / "phone.jpg"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    astronaut.save(
        source,
        quality=92,
        exif=exif_with_gps(6),
        xmp=XMP,
        comment=COMMENT,
        icc_profile=srgb,
    )
    with Image.open(source) as check:  # the source really carries all of it
        assert {"exif", "xmp", "comment", "icc_profile"} <= set(check.info)

    result = process_photo(PhotoJob(source), tmp_path / "cache")

    assert result.error is None and len(result.outputs) == 6
    for output in result.outputs:
        assert_no_metadata(output.path)


def test_png_and_webp_sources_with_metadata(astronaut: Image.Image, tmp_path: Path) -> None:
    sources = []
    for suffix in (".png", ".webp"):
        path = tmp_path / f"source{suffix}"
        astronaut.save(path, exif=exif_with_gps(1), xmp=XMP)
        sources.append(path)

    results = process_photos([PhotoJob(s) for s in sources], tmp_path / "cache", workers=1)

    for result in results:
        assert result.error is None and result.sizes == (96, 192, 384)
        for output in result.outputs:
            assert_no_metadata(output.path)


def test_embedded_colour_profile_is_converted_to_srgb(tmp_path: Path) -> None:
    # A profile whose "red" channel is sRGB's green: only a conversion makes the pixels green.
    swapped = rgb_profile("Swapped red and green", SRGB_GREEN, SRGB_RED, SRGB_BLUE, 2.2)
    source = tmp_path / "tagged.png"
    Image.new("RGB", (400, 400), (200, 40, 40)).save(source, icc_profile=swapped)

    result = process_photo(PhotoJob(source), tmp_path / "cache")

    assert result.error is None and result.warnings == (
        ImageIssue("photo_small", {"side": 400, "largest": 768}, refused=False),
    )
    for output in result.outputs:
        assert_no_metadata(output.path)
        with Image.open(output.path) as image:
            red, green, blue = rgb(image.convert("RGB").getpixel((48, 48)))
            assert green > 150 and red < 100 and blue < 100, (red, green, blue)


def test_unusable_colour_profile_is_a_warning(astronaut: Image.Image, tmp_path: Path) -> None:
    source = tmp_path / "bad-profile.jpg"
    astronaut.save(source, icc_profile=b"not an icc profile at all" * 8)

    result = process_photo(PhotoJob(source), tmp_path / "cache")

    assert result.error is None
    assert ImageIssue("photo_profile_unapplied", refused=False) in result.warnings


def test_cmyk_jpeg_becomes_rgb(astronaut: Image.Image, tmp_path: Path) -> None:
    source = tmp_path / "cmyk.jpg"
    astronaut.convert("CMYK").save(source, quality=95)

    result = process_photo(PhotoJob(source), tmp_path / "cache")

    output = result.output(384, "jpeg")
    assert result.error is None and output is not None
    with Image.open(output.path) as image:
        assert image.mode == "RGB"
        expected = astronaut.resize((384, 384), Image.Resampling.LANCZOS)
        assert mean_difference(image, expected) < 6


def test_alpha_is_flattened_on_white(astronaut: Image.Image, tmp_path: Path) -> None:
    rgba = astronaut.convert("RGBA")
    alpha = Image.new("L", rgba.size, 255)
    ImageDraw.Draw(alpha).rectangle((0, 0, 255, 255), fill=0)  # top-left quarter transparent
    rgba.putalpha(alpha)
    source = tmp_path / "cutout.png"
    rgba.save(source)

    result = process_photo(PhotoJob(source), tmp_path / "cache")

    output = result.output(384, "webp")
    assert output is not None
    with Image.open(output.path) as image:
        assert image.mode == "RGB"
        assert all(channel > 245 for channel in rgb(image.getpixel((60, 60))))
        assert image.getpixel((300, 300)) == pytest.approx(
            astronaut.resize((384, 384)).getpixel((300, 300)), abs=30
        )


def test_palette_and_grey_sources(astronaut: Image.Image, tmp_path: Path) -> None:
    grey = tmp_path / "grey.jpg"
    astronaut.convert("L").save(grey)
    palette = tmp_path / "palette.png"
    astronaut.convert("P", palette=Image.Palette.ADAPTIVE).save(palette)

    results = process_photos([PhotoJob(grey), PhotoJob(palette)], tmp_path / "cache", workers=1)

    for result in results:
        assert result.error is None
        with Image.open(result.outputs[0].path) as image:
            assert image.mode == "RGB"


# --- problems ----------------------------------------------------------------------------


def test_truncated_jpeg_is_a_clear_error(big_photo: Path, tmp_path: Path) -> None:
    source = tmp_path / "truncated.jpg"
    source.write_bytes(big_photo.read_bytes()[:200_000])

    result = process_photo(PhotoJob(source), tmp_path / "cache")

    assert result.outputs == ()
    assert result.error is not None and result.error.key == "image_damaged"
    assert "truncated" in str(result.error.values["reason"])


def test_text_file_named_jpg_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    source.write_text("this is not a photo\n", encoding="utf-8")

    result = process_photo(PhotoJob(source), tmp_path / "cache")

    assert result.error == ImageIssue("image_not_an_image", {"allowed": ("JPEG", "PNG", "WebP")})


def test_other_formats_are_named(astronaut: Image.Image, tmp_path: Path) -> None:
    gif = tmp_path / "photo.gif"
    astronaut.save(gif)
    heic = tmp_path / "IMG_0001.jpg"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100)

    results = process_photos([PhotoJob(gif), PhotoJob(heic)], tmp_path / "cache", workers=1)

    allowed = ("JPEG", "PNG", "WebP")
    assert [r.error for r in results] == [
        ImageIssue("image_unsupported", {"kind": "GIF", "allowed": allowed}),
        ImageIssue("image_unsupported", {"kind": "HEIC", "allowed": allowed}),
    ]


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "nobody.jpg"
    result = process_photo(PhotoJob(source), tmp_path / "cache")
    assert result.error == ImageIssue("image_cannot_read", {"reason": "No such file or directory"})


def test_tiny_photo_is_an_error(astronaut: Image.Image, tmp_path: Path) -> None:
    source = tmp_path / "stamp.png"
    astronaut.resize((64, 64)).save(source)
    result = process_photo(PhotoJob(source), tmp_path / "cache")
    assert result.error == ImageIssue(
        "photo_too_small", {"side": 64, "smallest": 96, "largest": 768}
    )


@pytest.mark.parametrize(
    "focal_point", [(1.2, 0.5), (0.5, -0.1), (0.5,), (float("nan"), 0.5), 0.5, ("a", "b")]
)
def test_bad_focal_point_is_a_clear_error(
    astronaut_path: Path, tmp_path: Path, focal_point: tuple[float, ...]
) -> None:
    result = process_photo(PhotoJob(astronaut_path, focal_point), tmp_path)  # type: ignore[arg-type]
    assert result.error == ImageIssue("photo_bad_focus", {"point": repr(focal_point)})


@pytest.mark.parametrize(
    ("width", "height", "megapixels"),
    [
        # Over Pillow's own limit (2 x 89 megapixels): Pillow refuses it while reading the header.
        (30_000, 30_000, 900.0),
        # Between Pillow's warning and error limits: the warning must not escape either.
        (10_000, 10_000, 100.0),
        # Under Pillow's limits, over ours.
        (10_000, 8_000, 80.0),
    ],
)
def test_decompression_bombs_are_refused_from_the_header(
    tmp_path: Path, width: int, height: int, megapixels: float
) -> None:
    source = bomb_png(tmp_path / "bomb.png", width, height)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = process_photo(PhotoJob(source), tmp_path / "cache")
    assert result.error == ImageIssue(
        "image_too_many_megapixels", {"megapixels": megapixels, "limit": 60.0}
    )
    assert [w.message for w in caught] == []


def test_decompression_bomb_memory_stays_bounded(tmp_path: Path) -> None:
    # A fresh process, so that its peak memory is this check's alone. The 10000x8000 file is
    # 230 kB of compressed zeros that Pillow alone would decode (it is under Pillow's limit):
    # 240 MB of pixels, over 500 MB at the peak. The 30000x30000 one is a header only.
    bomb_png(tmp_path / "bomb-zeros.png", 10_000, 8_000, full=True)
    bomb_png(tmp_path / "bomb-header.png", 30_000, 30_000)
    script = textwrap.dedent(
        f"""
        import resource, sys
        from pathlib import Path
        from author_profiles.photos import PhotoJob, process_photos
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        jobs = [PhotoJob(p) for p in sorted(Path({str(tmp_path)!r}).glob("bomb-*.png"))]
        results = process_photos(jobs, Path({str(tmp_path / "cache")!r}), workers=1)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        assert all(r.error for r in results), results
        print((after - before) // 1024)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    growth_mib = int(done.stdout.strip())
    assert growth_mib < 20, done.stdout


def test_one_bad_photo_does_not_stop_the_others(astronaut_path: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really")
    jobs = [PhotoJob(astronaut_path), PhotoJob(broken), PhotoJob(astronaut_path, (0.3, 0.3))]

    results = process_photos(jobs, tmp_path / "cache", workers=2, progress=False)

    assert [r.source for r in results] == [j.source for j in jobs]
    assert [r.error is None for r in results] == [True, False, True]


# --- cache -------------------------------------------------------------------------------


def test_second_run_reuses_the_cache(
    astronaut_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = process_photo(PhotoJob(astronaut_path, (0.5, 0.4)), tmp_path)
    mtimes = {o.path: o.path.stat().st_mtime_ns for o in first.outputs}

    def fail(*args: object) -> None:
        raise AssertionError("processed again")

    monkeypatch.setattr(photos.entry, "render", fail)
    second = process_photo(PhotoJob(astronaut_path, (0.5, 0.4)), tmp_path)

    assert not first.cached and second.cached
    assert second.outputs == first.outputs
    assert second.warnings == first.warnings  # reported on every build until fixed
    assert {o.path: o.path.stat().st_mtime_ns for o in second.outputs} == mtimes


def test_changes_that_reprocess(
    astronaut: Image.Image, astronaut_path: Path, tmp_path: Path
) -> None:
    base = process_photo(PhotoJob(astronaut_path, (0.5, 0.4)), tmp_path)
    moved = process_photo(PhotoJob(astronaut_path, (0.5, 0.6)), tmp_path)
    same_again = process_photo(PhotoJob(astronaut_path, (0.5, 0.4000000001)), tmp_path)
    edited_path = tmp_path / "edited.png"
    edited = astronaut.copy()
    edited.putpixel((0, 0), (0, 0, 0))
    edited.save(edited_path)
    edited_result = process_photo(PhotoJob(edited_path, (0.5, 0.4)), tmp_path)
    other_quality = process_photo(
        PhotoJob(astronaut_path, (0.5, 0.4)), tmp_path, PhotoSettings(jpeg_quality=70)
    )

    assert not moved.cached and moved.key != base.key
    assert same_again.cached and same_again.key == base.key
    assert not edited_result.cached and edited_result.key != base.key
    assert not other_quality.cached and other_quality.key != base.key
    assert len({r.key for r in (base, moved, edited_result, other_quality)}) == 4
    assert all(len(r.key or "") == 16 and int(r.key or "", 16) >= 0 for r in (base, moved))


def test_cache_key_depends_on_the_pipeline_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_key("ab" * 32, None)
    monkeypatch.setattr(photos.cache, "PIPELINE_VERSION", "test")
    assert cache_key("ab" * 32, None) != before


def test_incomplete_cache_entry_is_rebuilt(astronaut_path: Path, tmp_path: Path) -> None:
    first = process_photo(PhotoJob(astronaut_path), tmp_path)
    first.outputs[0].path.unlink()

    again = process_photo(PhotoJob(astronaut_path), tmp_path)

    assert not again.cached and again.key == first.key
    assert all(o.path.is_file() for o in again.outputs)
    manifest = json.loads((again.outputs[0].path.parent / "manifest.json").read_text())
    assert len(manifest["outputs"]) == 6


def test_duplicate_photos_are_processed_once(astronaut_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.png"
    copy.write_bytes(astronaut_path.read_bytes())

    results = process_photos([PhotoJob(astronaut_path), PhotoJob(copy)], tmp_path / "cache")

    assert results[0].key == results[1].key
    assert [r.source for r in results] == [astronaut_path, copy]
    entries = (tmp_path / "cache" / "author_photos").iterdir()
    assert len([entry for entry in entries if entry.is_dir()]) == 1


def test_a_rebuild_reads_no_photo_bytes_until_the_file_changes(
    astronaut_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(astronaut_path.read_bytes())
    first = process_photos([PhotoJob(photo)], tmp_path / "cache")
    reads: list[Path] = []
    real_digest = digests.read_digest
    monkeypatch.setattr(digests, "read_digest", lambda p: reads.append(p) or real_digest(p))

    again = process_photos([PhotoJob(photo)], tmp_path / "cache")
    assert reads == [] and again[0].key == first[0].key and again[0].cached

    os.utime(photo, ns=(1_000_000_000, 1_000_000_000))
    process_photos([PhotoJob(photo)], tmp_path / "cache")
    assert reads == [photo]


# --- parallel runs and progress ------------------------------------------------------------


def test_parallel_run_matches_serial_run(
    astronaut: Image.Image, astronaut_path: Path, big_photo: Path, tmp_path: Path
) -> None:
    rotated = tmp_path / "rotated.jpg"
    astronaut.save(rotated, exif=exif_with_gps(8))
    jobs = [
        PhotoJob(astronaut_path),
        PhotoJob(big_photo, (0.3, 0.5)),
        PhotoJob(rotated, (0.5, 0.5)),
        PhotoJob(astronaut_path, (0.7, 0.2)),
    ]

    serial = process_photos(jobs, tmp_path / "serial", workers=1, progress=False)
    parallel = process_photos(jobs, tmp_path / "parallel", workers=2, progress=False)

    assert [r.key for r in serial] == [r.key for r in parallel]
    assert all(r.error is None for r in parallel)
    for one, other in zip(serial, parallel, strict=True):
        assert [(o.size, o.format) for o in one.outputs] == [
            (o.size, o.format) for o in other.outputs
        ]
        for a, b in zip(one.outputs, other.outputs, strict=True):
            assert a.path.read_bytes() == b.path.read_bytes()


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal(
    astronaut_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    jobs = [PhotoJob(astronaut_path, (0.5, i / 10)) for i in range(10)]

    process_photos(jobs, tmp_path, workers=1)
    first_run = terminal.getvalue()
    process_photos(jobs, tmp_path, workers=1)  # all cached: nothing to show

    assert first_run.startswith("\r[1/10] photos\r[2/10] photos")
    assert first_run.endswith("\r[10/10] photos\n")
    assert terminal.getvalue() == first_run


def test_no_progress_without_a_terminal(
    astronaut_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jobs = [PhotoJob(astronaut_path, (0.5, i / 10)) for i in range(10)]
    process_photos(jobs, tmp_path, workers=1)
    assert capsys.readouterr().err == ""


# --- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sizes": ()}, "sizes has value ()"),
        ({"sizes": (96, -1)}, "sizes has value (96, -1)"),
        ({"jpeg_quality": 0}, "jpeg_quality has value 0"),
        ({"webp_quality": 101}, "webp_quality has value 101"),
        ({"max_megapixels": 0}, "max_megapixels has value 0"),
    ],
)
def test_settings_are_validated(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        PhotoSettings(**kwargs)  # type: ignore[arg-type]


def test_sizes_are_sorted() -> None:
    assert PhotoSettings(sizes=(768, 96, 384, 192)).sizes == (96, 192, 384, 768)


def test_a_tagged_camera_photo_is_cut_shrunk_and_then_made_srgb(
    big_photo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    swapped = rgb_profile("Swapped red and green", SRGB_GREEN, SRGB_RED, SRGB_BLUE, 2.2)
    source = tmp_path / "tagged.jpg"
    with Image.open(big_photo) as image:
        image.save(source, quality=90, icc_profile=swapped)
    converted: list[tuple[int, int]] = []
    cropped: list[tuple[int, int]] = []
    convert, crop = ImageCms.profileToProfile, Image.Image.crop

    def recorded_convert(image: Image.Image, *args: object, **kwargs: object) -> object:
        converted.append(image.size)
        return convert(image, *args, **kwargs)  # type: ignore[arg-type]

    def recorded_crop(image: Image.Image, *args: object, **kwargs: object) -> Image.Image:
        cropped.append(image.size)
        return crop(image, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ImageCms, "profileToProfile", recorded_convert)
    monkeypatch.setattr(Image.Image, "crop", recorded_crop)
    result = process_photo(PhotoJob(source), tmp_path / "cache")
    assert result.error is None and result.sizes == (96, 192, 384, 768)
    # The profile is applied to the 768-px square, not to the 1,500-px cut-out (4x the
    # pixels), and the cut-out is never copied out of the decoded picture.
    assert converted == [(768, 768)] and cropped == []
    output = result.output(768, "jpeg")
    assert output is not None
    with Image.open(output.path) as image:
        red, green, _ = rgb(image.convert("RGB").getpixel((384, 20)))
    with Image.open(big_photo) as image:
        original_red, original_green, _ = rgb(image.convert("RGB").getpixel((2000, 40)))
    # The channels swapped by the profile: the conversion did happen.
    assert abs(red - original_green) < 12 and abs(green - original_red) < 12
