"""Images people really upload: phone photos with GPS, CMYK, damaged files, wrong names."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms, PngImagePlugin

ASTRONAUT = Path(__file__).resolve().parents[1] / "data" / "photos" / "astronaut.png"
GPS_IFD = 0x8825
ORIENTATION = 0x0112
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Anna '
    b'Beispiel"/></rdf:RDF></x:xmpmeta>'
)


def portrait(width: int = 512, height: int = 512) -> Image.Image:
    """The public-domain portrait, resized."""
    with Image.open(ASTRONAUT) as image:
        return image.convert("RGB").resize((width, height))


def phone_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: maker, model, owner, GPS position, orientation."""
    exif = Image.Exif()
    exif[0x010F] = "Phonemaker"
    exif[0x0110] = "Phone 15 Pro"
    exif[0x013B] = "Anna Beispiel"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (47.0, 39.0, 36.0)
    gps[3] = "E"
    gps[4] = (9.0, 10.0, 30.0)
    return exif


def write_awkward_images(folder: Path) -> dict[str, str]:
    """Write every awkward image into folder; return file name -> what the build must do.

    "clean": published without metadata; "refused": left out with a message naming it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    # Stored sideways (640 wide, 480 high) with orientation 6: shown upright as 480 x 640.
    portrait(640, 480).save(
        folder / "phone.jpg", exif=phone_exif(6), comment=b"Zuhause", xmp=XMP, quality=92
    )
    cmyk_profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    portrait(600, 600).convert("CMYK").save(
        folder / "cmyk.jpg", exif=phone_exif(), comment=b"Druckerei", icc_profile=cmyk_profile
    )
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Anna Beispiel")
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    transparent = portrait(600, 600).convert("RGBA")
    transparent.putalpha(Image.linear_gradient("L").resize((600, 600)))
    transparent.save(folder / "alpha.png", pnginfo=text, exif=phone_exif())
    portrait(600, 600).save(folder / "exif.webp", exif=phone_exif(), xmp=XMP, quality=85)
    frames = [portrait(400, 400).rotate(angle) for angle in (0, 90, 180)]
    frames[0].save(
        folder / "animated.gif",
        save_all=True,
        append_images=frames[1:],
        duration=200,
        loop=0,
        comment=b"Anna Beispiel, Konstanz",
    )
    whole = (folder / "phone.jpg").read_bytes()
    (folder / "truncated.jpg").write_bytes(whole[: len(whole) // 3])
    portrait(1, 1).save(folder / "tiny.png")
    _zeros_png(folder / "huge.png", 9800, 7350)  # 72 megapixels of real, decodable zeros
    png_as_jpg = PngImagePlugin.PngInfo()
    png_as_jpg.add_text("Comment", "Anna Beispiel")
    portrait(600, 600).save(folder / "png-named.jpg", format="PNG", pnginfo=png_as_jpg)
    (folder / "text.jpg").write_text("Das ist kein Bild.\n", encoding="utf-8")
    (folder / "photo.heic").write_bytes(
        b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200
    )
    return {
        "phone.jpg": "clean",
        "cmyk.jpg": "clean",
        "alpha.png": "clean",
        "exif.webp": "clean",
        "animated.gif": "clean",
        "truncated.jpg": "refused",
        "tiny.png": "clean",
        "huge.png": "refused",
        "png-named.jpg": "clean",
        "text.jpg": "refused",
        "photo.heic": "refused",
    }


def _zeros_png(path: Path, width: int, height: int) -> None:
    # Written row by row: the file is small and making it needs no 72 MB image in memory.
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    packer = zlib.compressobj(1)
    row = b"\x00" * (width + 1)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
