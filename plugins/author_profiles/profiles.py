"""Read and check the employee profiles (content/authors/<handle>.md), keeping line numbers."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol, cast

from faces_common.digests import file_stamp
from faces_common.header import parse_header
from faces_common.html import sanitize_author_html
from faces_common.problems import WARNING, Problem
from markdown import Markdown
from markupsafe import Markup
from pelican.utils import slugify

from .avatars import initials_svg
from .messages import problem
from .profile_fields import ProfileFields, display_path
from .profile_model import AuthorProfile, PhotoFile, ProfileRules, rules_from_settings

# What other modules and tools import from here; the records live in profile_model.py.
__all__ = [
    "AuthorProfile",
    "PhotoFile",
    "ProfileRules",
    "Remembered",
    "load_profiles",
    "name_key",
    "read_profiles",
    "rules_from_settings",
]

_HANDLE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Remembered(Protocol):
    """Entries kept between runs by path, each valid while its first item (the stamp) holds."""

    def get(self, path: str, stamp: object) -> Any | None:
        """The entry made at this stamp, or None."""

    def put(self, path: str, findings: Any, newest_ns: int | None = None) -> None:
        """Keep an entry; newest_ns: the latest modification time of the files it read."""


def load_profiles(
    folder: str | os.PathLike[str],
    settings: Mapping[str, Any],
    remembered: Remembered | None = None,
) -> tuple[dict[str, AuthorProfile], list[Problem]]:
    """Read and check every profile in a folder, without processing photos (for other tools).

    With `remembered` (a memo kept by the caller for these settings and this working folder),
    a profile whose file and photo are unchanged is not read again.
    """
    profiles, problems = read_profiles(Path(folder), rules_from_settings(settings), remembered)
    return {profile.handle: profile for profile in profiles}, problems


def read_profiles(
    folder: Path, rules: ProfileRules, remembered: Remembered | None = None
) -> tuple[list[AuthorProfile], list[Problem]]:
    """Read every <handle>.md under folder; return the profiles and every problem found."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return [], problems
    # Made when the first profile has to be read: with every profile remembered, never.
    markdown = _Renderer(rules.markdown)
    by_handle: dict[str, AuthorProfile] = {}
    by_name: dict[str, AuthorProfile] = {}
    for path in _profile_files(folder):
        profile = _read_or_recall(path, rules, markdown, problems, remembered)
        if profile is None:
            continue
        other = by_handle.get(profile.handle)
        if other is not None:
            problems.append(
                problem(
                    rules.lang,
                    display_path(path),
                    1,
                    "duplicate_handle",
                    handle=profile.handle,
                    other=display_path(Path(other.source_path)),
                )
            )
            continue
        key = name_key(profile.name)
        same_name = by_name.get(key)
        if same_name is not None:
            problems.append(
                problem(
                    rules.lang,
                    display_path(path),
                    1,
                    "duplicate_name",
                    WARNING,
                    name=profile.name,
                    other=display_path(Path(same_name.source_path)),
                )
            )
        by_handle[profile.handle] = profile
        by_name.setdefault(key, profile)
    return list(by_handle.values()), problems


def _profile_files(folder: Path) -> list[Path]:
    """Every .md file under folder, in pathlib's order (by parts), as rglob found them."""
    # os.walk and strings: rglob and sorting 2,000 Paths took longer than the profiles'
    # remembered findings. Like rglob, symlinked folders are not entered.
    names = [
        os.path.join(directory, name)
        for directory, _, files in os.walk(folder)
        for name in files
        if name.endswith(".md")
    ]
    return [Path(name) for name in sorted(names, key=lambda name: name.split(os.sep))]


def name_key(name: str) -> str:
    """The form of a name that comparisons use: case, spacing and Unicode form ignored."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


class _Renderer:
    """The Markdown converter for biographies, made on first use."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.config = config
        self.made: Markdown | None = None

    def convert(self, text: str) -> str:
        """The HTML of a biography."""
        if self.made is None:
            self.made = _markdown(self.config)
        self.made.reset()
        return str(self.made.convert(text))


def _markdown(config: Mapping[str, Any]) -> Markdown:
    extension_configs = dict(config.get("extension_configs", {}))
    extensions = list(extension_configs)
    for extension in config.get("extensions", []):
        # The header is cut off before rendering, so the meta extension has nothing to do.
        if extension not in extensions and extension != "markdown.extensions.meta":
            extensions.append(extension)
    return Markdown(
        extensions=extensions,
        extension_configs=extension_configs,
        output_format=config.get("output_format", "html5"),
    )


def _read_or_recall(
    path: Path,
    rules: ProfileRules,
    markdown: _Renderer,
    problems: list[Problem],
    remembered: Remembered | None,
) -> AuthorProfile | None:
    """One profile and its own problems, from the memo while the file and its photo are unchanged.

    Rendering 2,000 biographies through Python-Markdown was half of `invoke check` at 10,000
    posts. An entry holds (stamp, photo path, photo stamp, profile, problems): the photo is
    the one file besides the profile that reading it looks at (whether it exists).
    """
    name = str(path)
    stamp = file_stamp(name)
    entry = remembered.get(name, stamp) if remembered is not None else None
    if entry is not None and (entry[1] is None or file_stamp(entry[1]) == entry[2]):
        problems += entry[4]
        return cast(AuthorProfile | None, entry[3])
    own: list[Problem] = []
    profile, photo = _read_one(path, rules, markdown, own)
    problems += own
    if remembered is None or stamp is None:
        return profile
    photo_stamp = file_stamp(photo) if photo is not None else None
    # Saved or removed while it was read: nothing to remember it by.
    found = profile is not None and profile.photo_source is not None
    if photo is not None and (photo_stamp is not None) != found:
        return profile
    newest = max(stamp[1], photo_stamp[1] if photo_stamp else 0)
    remembered.put(name, (stamp, photo, photo_stamp, profile, tuple(own)), newest)
    return profile


def _read_one(
    path: Path, rules: ProfileRules, markdown: _Renderer, problems: list[Problem]
) -> tuple[AuthorProfile | None, str | None]:
    """The profile (None without a header) and the photo file it looked for, if any."""
    text = path.read_text(encoding="utf-8-sig")
    header = parse_header(text)
    reader = ProfileFields(path, header, rules, problems)
    if not header.fields:
        reader.report(1, "no_header")
        return None, None
    guest = bool(reader.yes_no("guest"))
    reader.check_fields(guest)

    handle = path.stem
    if not _HANDLE.match(handle):
        slug = slugify(handle, regex_subs=rules.slug_substitutions)
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug).strip("-") or "vorname-nachname"
        reader.report(1, "bad_handle", name=path.name, suggestion=suggestion)
        handle = suggestion

    name = reader.value("name") or handle
    department = reader.choice("department", rules.departments)
    level = reader.choice("level", rules.levels)
    status = reader.status()
    consent = reader.yes_no("consent")
    consent_date = reader.date("consent-date")
    if consent is None:
        reader.report(header.fields[-1].line, "missing_consent", WARNING)
    elif consent and consent_date is None and header.first("consent-date") is None:
        consent_field = header.first("consent")
        line = consent_field.line if consent_field else header.fields[-1].line
        reader.report(line, "missing_consent_date", WARNING)
    shown = bool(consent) and status != "removed"
    wants_photo = shown and status == "active"

    links = reader.links()
    focus = reader.focus()
    photo_field, photo_source = reader.photo() if wants_photo else (None, None)
    looked_for = (
        (photo_source or (path.parent / photo_field.value).resolve()) if photo_field else None
    )
    body = "\n".join(text.splitlines()[header.body_line - 1 :])
    bio = sanitize_author_html(markdown.convert(body)) if shown and body.strip() else Markup("")

    profile = AuthorProfile(
        handle=handle,
        name=name,
        role=reader.value("role"),
        department=department,
        department_label=str(rules.departments.get(department, department)) if department else "",
        level=level,
        level_label=str(rules.levels.get(level, level)) if level else "",
        location=reader.value("location") if shown else "",
        languages=_split_list(reader.value("languages")) if shown else [],
        joined=reader.date("joined") if shown else None,
        ask_me_about=_split_list(reader.value("ask-me-about")) if shown else [],
        links=links if shown else [],
        status=status,
        is_editor=bool(reader.yes_no("editor")),
        is_guest=guest,
        organisation=reader.value("organisation"),
        consent=bool(consent),
        consent_date=consent_date,
        photo_credit=(reader.value("photo-credit") or None) if photo_source else None,
        has_photo=False,
        url=None if status == "removed" else rules.author_url.format(slug=handle, name=name),
        source_path=str(path),
        bio=bio,
        bio_summary=_first_paragraph(bio),
        avatar_svg=Markup(initials_svg(name, handle, name)),
        photo_source=str(photo_source) if photo_source else None,
        photo_focus=focus,
        photo_line=photo_field.line if photo_field else 0,
    )
    return profile, str(looked_for) if looked_for is not None else None


def _split_list(value: str) -> list[str]:
    # A semicolon wins, so that topics may contain commas ("Zahlen, die man versteht; …").
    separator = ";" if ";" in value else ","
    return [part.strip() for part in value.split(separator) if part.strip()]


def _first_paragraph(html: Markup) -> str:
    match = re.search(r"<p>(.*?)</p>", str(html), flags=re.DOTALL)
    return Markup(match.group(1)).striptags() if match else ""
