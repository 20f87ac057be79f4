"""Images in posts: the file exists, is described, credited, and small enough for the web."""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content_checks.problems import ERROR, Problem

from .corpus import Source
from .messages import text, word
from .scan import IMAGE
from .targets import parse_target

# Formats Pillow cannot measure but browsers show; only their size in bytes is checked.
_UNMEASURED = (".svg",)
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")


@dataclass(frozen=True)
class ImageFile:
    """What the checks need to know about an image file."""

    size: int
    width: int
    height: int
    readable: bool


@dataclass(frozen=True)
class ImageUse:
    """An image a post shows: the content-relative file, and where the post names it."""

    path: str
    line: int
    column: int


# Measurements per content-relative path, shared by all posts of one check run.
ImageFiles = dict[str, ImageFile | None]
_Report = Callable[..., Problem]


def image_uses(source: Source) -> list[ImageUse]:
    """Every local image the post or page shows, header image first."""
    uses = []
    header_image = source.fields.get("image")
    if header_image and header_image.value:
        uses.append(ImageUse(_header_path(header_image.value), header_image.line, 1))
    for ref in source.body[0]:
        if ref.kind == IMAGE:
            target = parse_target(ref.target, source.relative)
            if not target.external and target.path:
                uses.append(ImageUse(target.path, ref.line, ref.column))
    return uses


def check_images(
    source: Source, content: Path, files: ImageFiles, settings: Mapping[str, Any]
) -> list[Problem]:
    """Problems with the header image and every image in the body."""
    lang = settings["CHECKS_LANGUAGE"]

    def report(line: int, column: int, key: str, **values: object) -> Problem:
        message, fix = text(lang, key, **values)
        return Problem(source.shown, line, message, fix, ERROR, column, rule=key)

    problems = []
    header_image = source.fields.get("image")
    if header_image and header_image.value:
        line, written = header_image.line, header_image.value
        problems += _file_problems(
            _header_path(written), written, line, 1, content, files, settings, report
        )
        if not source.value("image-alt"):
            problems.append(report(line, 1, "image_no_alt_header"))
        if not source.value("image-credit"):
            problems.append(report(line, 1, "image_no_credit"))
    for ref in source.body[0]:
        if ref.kind != IMAGE:
            continue
        if not (ref.label or "").strip():
            problems.append(report(ref.line, ref.column, "image_no_alt", target=ref.target))
        target = parse_target(ref.target, source.relative)
        if target.external:
            if not ref.target.startswith("data:"):
                problems.append(report(ref.line, ref.column, "image_external", target=ref.target))
        elif not target.what:
            problems.append(_bare_path(source, ref.target, ref.line, ref.column, content, report))
        else:
            problems += _file_problems(
                target.path, ref.target, ref.line, ref.column, content, files, settings, report
            )
    return problems


def measure(path: Path, files: ImageFiles, key: str) -> ImageFile | None:
    """Size and pixel dimensions of an image file (header only), None if it does not exist."""
    if key in files:
        return files[key]
    try:
        size = path.stat().st_size
    except OSError:
        files[key] = None
        return None
    width = height = 0
    readable = True
    if path.suffix.lower() not in _UNMEASURED:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as image:  # reads the header, not the pixels
                width, height = image.size
        except (UnidentifiedImageError, OSError):
            readable = False
    files[key] = ImageFile(size, width, height, readable)
    return files[key]


def _header_path(value: str) -> str:
    # The theme writes SITEURL/<Image:>, so the header names a path from the content root.
    return posixpath.normpath(value.strip().lstrip("/"))


def _file_problems(
    path: str,
    written: str,
    line: int,
    column: int,
    content: Path,
    files: ImageFiles,
    settings: Mapping[str, Any],
    report: _Report,
) -> list[Problem]:
    facts = measure(content / path, files, path)
    if facts is None:
        prefix = "{static}/" if written.startswith(("{static}", "{attach}")) else ""
        hint = _guess(path, content, settings["CHECKS_LANGUAGE"], prefix)
        expected = os.path.relpath(content / path)
        return [report(line, column, "image_missing", target=written, expected=expected, hint=hint)]
    limit_kb = settings["EDITORIAL_IMAGE_MAX_KB"]
    pixels = settings["EDITORIAL_IMAGE_MAX_PIXELS"]
    found = []
    if not facts.readable:
        found.append(report(line, column, "image_unreadable", target=written))
    elif max(facts.width, facts.height) > pixels:
        found.append(
            report(
                line,
                column,
                "image_too_wide",
                target=written,
                width=facts.width,
                height=facts.height,
                pixels=pixels,
            )
        )
    if facts.size > limit_kb * 1024:
        size = facts.size // 1024
        found.append(
            report(
                line,
                column,
                "image_too_heavy",
                target=written,
                size=size,
                limit=limit_kb,
                pixels=pixels,
            )
        )
    return found


def _bare_path(
    source: Source, written: str, line: int, column: int, content: Path, report: _Report
) -> Problem:
    # Without {static} the browser resolves the path against the post's address, not content/.
    bare = written.split("#")[0].split("?")[0]
    from_root = posixpath.normpath(bare.lstrip("/"))
    from_file = posixpath.normpath(posixpath.join(posixpath.dirname(source.relative), bare))
    if (content / from_root).is_file():
        return report(
            line, column, "image_bare_path", target=written, suggestion=f"{{static}}/{from_root}"
        )
    if not bare.startswith("/") and (content / from_file).is_file():
        return report(
            line, column, "image_bare_path", target=written, suggestion=f"{{static}}{bare}"
        )
    hint = _guess(from_root, content, source.settings["CHECKS_LANGUAGE"], "{static}/")
    expected = os.path.relpath(content / from_root)
    return report(line, column, "image_missing", target=written, expected=expected, hint=hint)


def _guess(path: str, content: Path, lang: str, prefix: str = "") -> str:
    folder = content / posixpath.dirname(path)
    if not folder.is_dir():
        folder = content / "images"
    if not folder.is_dir():
        return ""
    names = [p.name for p in folder.iterdir() if p.suffix.lower() in _IMAGE_SUFFIXES]
    close = difflib.get_close_matches(posixpath.basename(path), names, n=1, cutoff=0.6)
    if not close:
        return ""
    relative = (folder / close[0]).relative_to(content).as_posix()
    return word(lang, "hint_guess", guess=prefix + relative)
