"""Images in posts: the file exists, is described, credited, and small enough for the web."""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clean_images import ImageIssue, clean_images, clean_settings, describe, is_image
from faces_common.digests import file_stamp
from faces_common.problems import ERROR, Problem

from ..messages import text, word
from .corpus import Source
from .memo import Section, Stamp
from .scan import IMAGE
from .targets import parse_target

_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")


@dataclass(frozen=True)
class ImageUse:
    """An image a post shows: the content-relative file, and where the post names it."""

    path: str
    line: int
    column: int


# The build's verdict (its issues, none for a good image) on every image file the build cleans
# or refuses, by content-relative path, shared by all posts of one check run.
ImageFiles = dict[str, tuple[ImageIssue, ...]]
# The images each post or page shows, by the source's absolute path.
ImageUses = Mapping[str, Sequence["ImageUse"]]
_Report = Callable[..., Problem]


def image_uses(source: Source) -> list[ImageUse]:
    """Every local image the post or page shows, header image first."""
    uses = []
    header_image = source.first("image")
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
    lang = settings["MESSAGES_LANG"]

    def report(
        line: int, column: int, key: str, words: tuple[str, str] | None = None, **values: object
    ) -> Problem:
        message, fix = words or text(lang, key, **values)
        return Problem(source.shown, line, message, fix, ERROR, column, rule=key)

    problems = []
    header_image = source.first("image")
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


def judge_images(
    uses: ImageUses, content: Path, settings: Mapping[str, Any], remembered: Section[Any]
) -> ImageFiles:
    """The build's own verdict on every image the posts show and every static image.

    A verdict is remembered by the image's size and modification time: asking the build's
    cleaner again means a digest and a cache file per image (0.3 s for 2,000 images).
    """
    wanted = {use.path for found in uses.values() for use in found}
    wanted |= set(static_images(content, settings))
    root = str(content)
    files: ImageFiles = {}
    unknown: list[tuple[str, str, Stamp]] = []
    for path in sorted(p for p in wanted if is_image(p)):
        full = os.path.join(root, path)
        stamp = file_stamp(full)
        if stamp is None:
            continue
        entry = remembered.get(full, stamp)
        if entry is not None:
            files[path] = entry[1]
        else:
            unknown.append((path, full, stamp))
    if unknown:
        results = clean_images(
            [Path(full) for _, full, _ in unknown],
            Path(settings["CACHE_PATH"]),
            clean_settings(settings),
            settings.get("CLEAN_IMAGES_WORKERS"),
        )
        for (path, full, stamp), result in zip(unknown, results, strict=True):
            files[path] = result.issues
            remembered.put(full, (stamp, result.issues))
    return files


def static_images(content: Path, settings: Mapping[str, Any]) -> list[str]:
    """Content-relative paths of the images the build publishes from STATIC_PATHS."""
    found = []
    root = str(content)
    prefix = root + os.sep
    for folder in settings.get("STATIC_PATHS", []):
        start = os.path.normpath(os.path.join(root, folder))
        if os.path.isfile(start):
            candidates = [start]
        else:
            # Like pathlib's rglob: symlinked folders are not entered.
            candidates = [
                os.path.join(directory, name)
                for directory, folders, names in os.walk(start)
                for name in (*folders, *names)
            ]
        found += [
            (
                path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, root)
            ).replace(os.sep, "/")
            for path in candidates
            if is_image(path)
        ]
    return found


def unused_image_problems(
    uses: ImageUses, content: Path, files: ImageFiles, settings: Mapping[str, Any]
) -> list[Problem]:
    """What the build will say about static images no post shows, reported at the image."""
    used = {use.path for found in uses.values() for use in found}
    lang = settings["MESSAGES_LANG"]
    problems = []
    for path, issues in sorted(files.items()):
        if path in used:
            continue
        shown = os.path.relpath(content / path)
        for issue in issues:
            message, fix = describe(lang, issue, path)
            problems.append(Problem(shown, 1, message, fix, ERROR, 1, rule=issue.key))
    return problems


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
    if path not in files and not os.path.isfile(os.path.join(content, path)):
        prefix = "{static}/" if written.startswith(("{static}", "{attach}")) else ""
        hint = _guess(path, content, settings["MESSAGES_LANG"], prefix)
        expected = os.path.relpath(content / path)
        return [report(line, column, "image_missing", target=written, expected=expected, hint=hint)]
    found = []
    for issue in files.get(path, ()):
        message, fix = describe(settings["MESSAGES_LANG"], issue, written)
        found.append(report(line, column, issue.key, (message, fix)))
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
    hint = _guess(from_root, content, source.settings["MESSAGES_LANG"], "{static}/")
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
