"""Tests for author_profiles.portraits: photo problems name the profile file and its Photo line."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

from author_profiles.portraits import make_portraits
from author_profiles.profiles import read_profiles
from PIL import Image

from tests.author_profiles.conftest import RULES

PROFILE = """\
Name: Emre Yılmaz
Role: Auszubildender
Department: entwicklung
Level: fachkraft
Photo: {photo}
Consent: yes
Consent-date: 2025-10-02

Ich lerne.
"""


def settings(cache: Path, lang: str = "de") -> dict[str, Any]:
    return {
        "CACHE_PATH": str(cache),
        "MESSAGES_LANG": lang,
        "AUTHORS_PHOTOS_PATH": "menschen/fotos",
        "AUTHORS_PHOTO_SIZES": [96, 192, 384, 768],
        "AUTHORS_PHOTO_JPEG_QUALITY": 82,
        "AUTHORS_PHOTO_WEBP_QUALITY": 80,
        "AUTHORS_PHOTO_MAX_MEGAPIXELS": 60.0,
        "AUTHORS_WORKERS": 1,
    }


def portraits_for(
    folder: Path, photo_name: str, photo: bytes, lang: str = "de"
) -> tuple[dict[str, Any], list[str]]:
    (folder / "emre-yilmaz.md").write_text(PROFILE.format(photo=photo_name), encoding="utf-8")
    (folder / photo_name).write_bytes(photo)
    profiles, problems = read_profiles(folder, RULES)
    assert problems == []
    portraits, photo_problems = make_portraits(profiles, settings(folder.parent / "cache", lang))
    return portraits, [p.format() for p in photo_problems]


def jpeg(image: Image.Image) -> bytes:
    path = Path("tmp.jpg")
    image.save(path, quality=90)
    data = path.read_bytes()
    path.unlink()
    return data


def huge_png_header(width: int, height: int) -> bytes:
    """A PNG that claims to be width x height but holds only a few bytes of pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_good_photo_gives_every_size_in_both_formats(authors: Path, astronaut: Any) -> None:
    portraits, problems = portraits_for(
        authors, "emre-yilmaz.jpg", jpeg(astronaut.resize((900, 900)))
    )
    assert problems == []
    portrait = portraits["emre-yilmaz"]
    assert [p.size for p in portrait.photos] == [96, 192, 384, 768]
    key = portrait.photos[0].webp.split("-")[-2]
    assert portrait.photos[0].webp == f"menschen/fotos/emre-yilmaz-{key}-96.webp"
    assert portrait.photos[0].jpeg == f"menschen/fotos/emre-yilmaz-{key}-96.jpg"
    assert len(portrait.files) == 8 and all(source.is_file() for source, _ in portrait.files)
    with Image.open(portrait.card_photo) as card_face:
        assert card_face.size == (384, 384)


def test_a_small_photo_is_used_with_a_warning(authors: Path, astronaut: Any) -> None:
    portraits, problems = portraits_for(
        authors, "emre-yilmaz.jpg", jpeg(astronaut.resize((300, 300)))
    )
    assert [p.size for p in portraits["emre-yilmaz"].photos] == [96, 192]
    assert problems == [
        "authors/emre-yilmaz.md:5:1: warning: Foto 'emre-yilmaz.jpg': Es ist nur 300 px groß; "
        "empfohlen sind mindestens 768 px.\n"
        "    → Das Foto wird trotzdem verwendet; ersetzen Sie es, wenn Sie ein besseres haben."
    ]


def test_a_corrupt_photo_is_an_error_and_initials_are_shown(authors: Path, astronaut: Any) -> None:
    data = jpeg(astronaut)
    portraits, problems = portraits_for(authors, "emre-yilmaz.jpg", data[: len(data) // 3])
    assert portraits == {}
    [problem] = problems
    assert problem == (
        "authors/emre-yilmaz.md:5:1: error: Das Foto lässt sich nicht verwenden: "
        "Das Bild 'authors/emre-yilmaz.jpg' ist unvollständig oder beschädigt.\n"
        "    → Laden Sie die Datei noch einmal hoch; sie wurde wohl nicht ganz übertragen. "
        "Bis ein brauchbares Foto (JPEG, PNG oder WebP) da ist, erscheinen Initialen."
    )


def test_an_unsupported_format_says_what_to_do(authors: Path, astronaut: Any) -> None:
    gif = Path("tmp.gif")
    astronaut.save(gif)
    portraits, problems = portraits_for(authors, "emre-yilmaz.gif", gif.read_bytes())
    assert portraits == {}
    assert problems[0].startswith(
        "authors/emre-yilmaz.md:5:1: error: Das Foto lässt sich nicht verwenden: "
        "'authors/emre-yilmaz.gif' ist ein GIF-Bild; verwendet werden nur JPEG, PNG oder WebP.\n"
        "    → Speichern Sie es als JPEG, PNG oder WebP "
    )


def test_a_decompression_bomb_is_refused_without_decoding(authors: Path) -> None:
    portraits, problems = portraits_for(authors, "emre-yilmaz.png", huge_png_header(40000, 40000))
    assert portraits == {}
    [problem] = problems
    assert problem.startswith(
        "authors/emre-yilmaz.md:5:1: error: Das Foto lässt sich nicht verwenden: "
        "Das Bild 'authors/emre-yilmaz.png' hat 1600 Megapixel, erlaubt sind 60.\n"
    )


def test_a_large_header_under_pillows_limit_is_refused_too(authors: Path) -> None:
    portraits, problems = portraits_for(authors, "emre-yilmaz.png", huge_png_header(10000, 8000))
    assert portraits == {}
    assert "Das Bild 'authors/emre-yilmaz.png' hat 80 Megapixel, erlaubt sind 60." in problems[0]


def test_photo_problems_in_english_are_english_throughout(authors: Path) -> None:
    _, problems = portraits_for(authors, "emre-yilmaz.jpg", b"not a photo at all", lang="en")
    assert problems == [
        "authors/emre-yilmaz.md:5:1: error: The photo cannot be used: "
        "'authors/emre-yilmaz.jpg' is not an image browsers can show.\n"
        "    → Save it as JPEG, PNG or WebP and upload the file again. "
        "Until there is a usable photo (JPEG, PNG or WebP) the initials are shown."
    ]


def test_photo_problems_in_german_are_german_throughout(authors: Path) -> None:
    _, problems = portraits_for(authors, "emre-yilmaz.jpg", b"kein Foto")
    assert problems == [
        "authors/emre-yilmaz.md:5:1: error: Das Foto lässt sich nicht verwenden: "
        "'authors/emre-yilmaz.jpg' ist kein Bild, das Browser anzeigen können.\n"
        "    → Speichern Sie es als JPEG, PNG oder WebP und laden Sie die Datei noch einmal hoch. "
        "Bis ein brauchbares Foto (JPEG, PNG oder WebP) da ist, erscheinen Initialen."
    ]
