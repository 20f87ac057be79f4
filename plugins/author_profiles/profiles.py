"""Read and check the employee profiles (content/authors/<handle>.md), keeping line numbers."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from faces_common.header import Field, Header, parse_header
from faces_common.header_check import field_findings
from faces_common.html import sanitize_author_html
from faces_common.messages import messages_lang
from faces_common.problems import ERROR, WARNING, Problem
from markdown import Markdown
from markupsafe import Markup
from pelican.utils import slugify

from .avatars import initials_svg
from .messages import problem

STATUSES = ("active", "alumni", "removed")

# Link fields in the order they are shown, with the label a reader sees.
LINK_FIELDS = {
    "website": "Website",
    "linkedin": "LinkedIn",
    "xing": "XING",
    "mastodon": "Mastodon",
    "github": "GitHub",
}
KNOWN_FIELDS = (
    "name",
    "role",
    "department",
    "level",
    "location",
    "languages",
    "joined",
    "ask-me-about",
    *LINK_FIELDS,
    "photo",
    "photo-focus",
    "photo-credit",
    "consent",
    "consent-date",
    "status",
    "editor",
)
REQUIRED_FIELDS = ("name", "role", "department", "level")
_EXAMPLES = {
    "name": "Name: Miriam Keller",
    "role": "Role: Leiterin Entwicklung",
    "department": "Department: entwicklung",
    "level": "Level: fachkraft",
}
_HANDLE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_YES = ("yes", "ja", "true")
_NO = ("no", "nein", "false")


@dataclass(frozen=True)
class PhotoFile:
    """One size of a processed photo: addresses relative to the site root."""

    size: int
    webp: str
    jpeg: str


@dataclass(frozen=True)
class AuthorProfile:
    """One person as the site shows them; what they did not consent to is left empty."""

    handle: str
    name: str
    role: str
    department: str | None
    department_label: str
    level: str | None
    level_label: str
    location: str
    languages: list[str]
    joined: dt.date | None
    ask_me_about: list[str]
    links: list[tuple[str, str]]
    status: str
    is_editor: bool
    consent: bool
    consent_date: dt.date | None
    photo_credit: str | None
    has_photo: bool
    url: str | None
    source_path: str
    bio: Markup = field(default_factory=Markup)
    bio_summary: str = ""
    avatar_svg: Markup = field(default_factory=Markup)
    photos: tuple[PhotoFile, ...] = ()
    feed_url: str | None = None
    social_card: str | None = None
    # The photo named in the profile, before processing; None when it must not be shown.
    photo_source: str | None = field(default=None, repr=False)
    photo_focus: tuple[float, float] | None = field(default=None, repr=False)
    photo_line: int = field(default=0, repr=False)

    @property
    def is_active(self) -> bool:
        """Works here now: on the faces wall, with photo."""
        return self.status == "active"

    @property
    def editor(self) -> bool:
        """Same as is_editor (the name the profile field has)."""
        return self.is_editor

    @property
    def is_alumni(self) -> bool:
        """Has left: the page stays (noindex), initials instead of the photo."""
        return self.status == "alumni"

    def photo_for(self, pixels: int) -> PhotoFile | None:
        """The smallest size sharp at twice `pixels` (the fallback image), else the largest."""
        if not self.photos:
            return None
        return next((p for p in self.photos if p.size >= 2 * pixels), self.photos[-1])


@dataclass(frozen=True)
class ProfileRules:
    """What the settings say about profiles."""

    departments: Mapping[str, str]
    levels: Mapping[str, str]
    lang: str
    author_url: str
    markdown: Mapping[str, Any]
    slug_substitutions: list[tuple[str, str]]


def rules_from_settings(settings: Mapping[str, Any]) -> ProfileRules:
    """Collect the settings profiles are read with; an unset list of choices allows any value."""
    lang = messages_lang(settings)
    return ProfileRules(
        departments=settings.get("AUTHORS_DEPARTMENTS") or {},
        levels=settings.get("AUTHORS_LEVELS") or {},
        lang=lang,
        author_url=settings.get("AUTHOR_URL") or "author/{slug}/",
        markdown=settings.get("MARKDOWN", {}),
        slug_substitutions=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
    )


def load_profiles(
    folder: str | os.PathLike[str], settings: Mapping[str, Any]
) -> tuple[dict[str, AuthorProfile], list[Problem]]:
    """Read and check every profile in a folder, without processing photos (for other tools)."""
    profiles, problems = read_profiles(Path(folder), rules_from_settings(settings))
    return {profile.handle: profile for profile in profiles}, problems


def read_profiles(folder: Path, rules: ProfileRules) -> tuple[list[AuthorProfile], list[Problem]]:
    """Read every <handle>.md under folder; return the profiles and every problem found."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return [], problems
    markdown = _markdown(rules.markdown)
    by_handle: dict[str, AuthorProfile] = {}
    by_name: dict[str, AuthorProfile] = {}
    for path in sorted(folder.rglob("*.md")):
        profile = _read_one(path, rules, markdown, problems)
        if profile is None:
            continue
        where = _display_path(path)
        other = by_handle.get(profile.handle)
        if other is not None:
            problems.append(
                problem(
                    rules.lang,
                    where,
                    1,
                    "duplicate_handle",
                    handle=profile.handle,
                    other=_display_path(Path(other.source_path)),
                )
            )
            continue
        same_name = by_name.get(name_key(profile.name))
        if same_name is not None:
            problems.append(
                problem(
                    rules.lang,
                    where,
                    1,
                    "duplicate_name",
                    WARNING,
                    name=profile.name,
                    other=_display_path(Path(same_name.source_path)),
                )
            )
        by_handle[profile.handle] = profile
        by_name.setdefault(name_key(profile.name), profile)
    return list(by_handle.values()), problems


def name_key(name: str) -> str:
    """The form of a name that comparisons use: case, spacing and Unicode form ignored."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _display_path(path: Path) -> str:
    return os.path.relpath(path, os.getcwd())


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


class _ProfileReader:
    """Checks the fields of one profile and collects its problems."""

    def __init__(self, path: Path, header: Header, rules: ProfileRules, problems: list[Problem]):
        self.path = path
        self.where = _display_path(path)
        self.header = header
        self.rules = rules
        self.problems = problems

    def report(self, line: int, key: str, severity: str = ERROR, **values: object) -> None:
        self.problems.append(problem(self.rules.lang, self.where, line, key, severity, **values))

    def check_fields(self) -> None:
        # A profile still shows with a stray, unknown or repeated line: warnings only.
        for found in field_findings(self.header, KNOWN_FIELDS):
            self.report(found.line, found.key, WARNING, **found.values)
        last_line = self.header.fields[-1].line
        for key in REQUIRED_FIELDS:
            present = self.header.first(key)
            if present is None or not present.value:
                self.report(
                    present.line if present else last_line,
                    "missing",
                    field=key.capitalize(),
                    example=_EXAMPLES[key],
                )

    def value(self, key: str) -> str:
        return self.header.value(key)

    def choice(self, key: str, allowed: Mapping[str, str]) -> str | None:
        found = self.header.first(key)
        if found is None or not found.value:
            return None  # reported as missing
        if not allowed:
            return found.value
        wanted = found.value.casefold()
        for choice_key, label in allowed.items():
            # The label ("Entwicklung") is what people often write instead of the key.
            if wanted in (choice_key.casefold(), str(label).casefold()):
                return choice_key
        self.report(
            found.line,
            "bad_choice",
            field=found.name,
            value=found.value,
            allowed=", ".join(allowed),
        )
        return None

    def status(self) -> str:
        found = self.header.first("status")
        if found is None or not found.value:
            return "active"
        if found.value.lower() in STATUSES:
            return found.value.lower()
        self.report(
            found.line,
            "bad_choice",
            field=found.name,
            value=found.value,
            allowed=", ".join(STATUSES),
        )
        # A mistyped "removed" must not publish someone who withdrew consent.
        return "removed"

    def yes_no(self, key: str) -> bool | None:
        found = self.header.first(key)
        if found is None or not found.value:
            return None
        if found.value.lower() in _YES:
            return True
        if found.value.lower() in _NO:
            return False
        self.report(found.line, "bad_yes_no", field=found.name, value=found.value)
        return False

    def date(self, key: str) -> dt.date | None:
        found = self.header.first(key)
        if found is None or not found.value:
            return None
        try:
            return dt.date.fromisoformat(found.value)
        except ValueError:
            self.report(found.line, "bad_date", WARNING, field=found.name, value=found.value)
            return None

    def links(self) -> list[tuple[str, str]]:
        links = []
        for key, label in LINK_FIELDS.items():
            found = self.header.first(key)
            if found is None or not found.value:
                continue
            parts = urlsplit(found.value)
            if parts.scheme in ("http", "https") and parts.netloc and " " not in found.value:
                links.append((label, found.value))
            else:
                self.report(found.line, "bad_link", WARNING, field=found.name, value=found.value)
        return links

    def focus(self) -> tuple[float, float] | None:
        found = self.header.first("photo-focus")
        if found is None or not found.value:
            return None
        try:
            x, y = (float(part) for part in found.value.split(","))
        except ValueError:
            x = y = -1.0
        if 0.0 <= x <= 1.0 and 0.0 <= y <= 1.0:
            return (x, y)
        self.report(found.line, "bad_focus", WARNING, field=found.name, value=found.value)
        return None

    def photo(self) -> tuple[Field | None, Path | None]:
        found = self.header.first("photo")
        if found is None or not found.value:
            return None, None
        source = (self.path.parent / found.value).resolve()
        if not source.is_file():
            self.report(
                found.line,
                "photo_missing",
                WARNING,
                photo=found.value,
                folder=_display_path(self.path.parent),
            )
            return found, None
        return found, source


def _read_one(
    path: Path, rules: ProfileRules, markdown: Markdown, problems: list[Problem]
) -> AuthorProfile | None:
    text = path.read_text(encoding="utf-8-sig")
    header = parse_header(text)
    reader = _ProfileReader(path, header, rules, problems)
    if not header.fields:
        reader.report(1, "no_header")
        return None
    reader.check_fields()

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
        reader.report(header.first("consent").line, "missing_consent_date", WARNING)
    shown = bool(consent) and status != "removed"
    wants_photo = shown and status == "active"

    links = reader.links()
    focus = reader.focus()
    photo_field, photo_source = reader.photo() if wants_photo else (None, None)
    body = "\n".join(text.splitlines()[header.body_line - 1 :])
    markdown.reset()
    bio = sanitize_author_html(markdown.convert(body)) if shown and body.strip() else Markup("")

    return AuthorProfile(
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


def _split_list(value: str) -> list[str]:
    # A semicolon wins, so that topics may contain commas ("Zahlen, die man versteht; …").
    separator = ";" if ";" in value else ","
    return [part.strip() for part in value.split(separator) if part.strip()]


def _first_paragraph(html: Markup) -> str:
    match = re.search(r"<p>(.*?)</p>", str(html), flags=re.DOTALL)
    return Markup(match.group(1)).striptags() if match else ""
