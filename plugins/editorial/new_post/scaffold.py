"""Write a new post (and a first-time author's profile) with every field present and explained."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from clean_images import clean_settings
from faces_common.formats import GUIDE_END, GUIDE_MARKER
from faces_common.slugs import slug_for

from ..adapters import employee_profile_fields
from ..messages import word
from .guide import POST_GUIDE, PROFILE_GUIDE


class ScaffoldError(ValueError):
    """The post cannot be created as asked; the message says why and what to do."""


@dataclass(frozen=True)
class NewAuthor:
    """Someone writing for the first time: a profile is created for them."""

    handle: str
    name: str


@dataclass(frozen=True)
class PostRequest:
    """What a new post needs: title, authors' handles, category, language and date."""

    title: str
    authors: tuple[str, ...]
    category: str
    lang: str
    date: dt.datetime
    new_authors: tuple[NewAuthor, ...] = ()
    # An interview draft: the questions and their answer placeholders become the text.
    interview_text: str = ""
    # From an accepted story: who asks the questions, and the story as a note for them.
    interviewers: tuple[str, ...] = ()
    editor_note: str = ""


def post_path(request: PostRequest, settings: Mapping[str, Any]) -> Path:
    """Where the post goes: content/posts/<year>/<slug>.md by default."""
    relative = settings["EDITORIAL_NEW_POST_PATH"].format(
        year=request.date.year, slug=slug_for(request.title, settings)
    )
    return Path(settings["PATH"], relative)


def post_text(request: PostRequest, settings: Mapping[str, Any], today: dt.date) -> str:
    """The new post's file: the header with every field, then the explanation block."""
    author_field = "Authors" if len(request.authors) > 1 else "Author"
    header = [
        ("Title", request.title),
        ("Id", thread_id_for(request, settings)),
        ("Date", request.date.strftime("%Y-%m-%d %H:%M")),
        ("Category", request.category),
        ("Tags", ""),
        (author_field, ", ".join(request.authors)),
        # Who asked and wrote down the answers: filled in by the editor (see docs/writing.md).
        *(
            (("Interview", ", ".join(request.interviewers)), ("Told-to", ""))
            if request.interview_text
            else ()
        ),
        ("Lang", request.lang),
        ("Summary", ""),
        ("Submitted", today.isoformat()),
        ("Reviewed-by", ""),
        ("Image", ""),
        ("Image-alt", ""),
        ("Image-credit", ""),
        ("Disclosure", ""),
        ("Visibility", "public"),
        # A new post is a draft until its author says otherwise: an unfinished text never
        # becomes the first card on the home page by accident.
        ("Status", "draft"),
    ]
    guide = Template(POST_GUIDE[settings["MESSAGES_LANG"]])
    pixels = clean_settings(settings).limits.max_pixels
    # The story's note sits inside the explanation block: never published, warned about.
    explained = guide.safe_substitute(pixels=pixels)
    if request.editor_note:
        explained = f"{request.editor_note.strip()}\n\n{explained.strip()}"
    return _file(header, explained) + request.interview_text


def thread_id_for(request: PostRequest, settings: Mapping[str, Any]) -> str:
    """The post's stable `Id:` (its comment thread): year and title, letters, digits and '-'."""
    # Written once: a later change of title or slug keeps the comments (plugins/comments).
    slug = slug_for(request.title, settings)
    plain = re.sub(r"[^A-Za-z0-9]+", "-", f"{request.date.year}-{slug}")
    return plain.strip("-")[:64].rstrip("-")


def profile_text(author: NewAuthor, lang: str) -> str:
    """A first-time author's profile: every field, consent 'no' until the checklist is done."""
    values = {"name": author.name, "consent": "no", "status": "active", "editor": "no"}
    header = [(field.capitalize(), values.get(field, "")) for field in employee_profile_fields()]
    return _file(header, PROFILE_GUIDE[lang])


def create_post(
    request: PostRequest, settings: Mapping[str, Any], profiles_folder: Path, today: dt.date
) -> list[Path]:
    """Write the post and any new profiles; never overwrite an existing file."""
    lang = settings["MESSAGES_LANG"]
    planned = [(post_path(request, settings), post_text(request, settings, today))]
    planned += [
        (profiles_folder / f"{author.handle}.md", profile_text(author, lang))
        for author in request.new_authors
    ]
    for path, _ in planned:
        if path.exists():
            raise ScaffoldError(word(lang, "exists", path=path))
    for path, content in planned:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return [path for path, _ in planned]


def handle_for(name: str, settings: Mapping[str, Any]) -> str:
    """A handle from a name, e.g. 'Jürg Müller' -> 'jurg-muller'."""
    # Profile file names are plain: lower-case letters, digits and single hyphens.
    return re.sub(r"[^a-z0-9]+", "-", slug_for(name, settings).lower()).strip("-")


def name_for(handle: str) -> str:
    """A first guess at a name from a handle, e.g. 'anna-meier' -> 'Anna Meier'."""
    return " ".join(part.capitalize() for part in re.split(r"[-_]+", handle) if part)


def _file(header: Sequence[tuple[str, str]], guide: str) -> str:
    fields = "\n".join(f"{name}: {value}".rstrip() for name, value in header)
    return f"{fields}\n\n{GUIDE_MARKER}\n{guide.strip()}\n{GUIDE_END}\n\n"
