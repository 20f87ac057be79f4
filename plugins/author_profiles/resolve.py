"""Map the authors a post names (by handle or by exact name) to profiles."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from faces_common.formats import MARKDOWN, format_of, read_source
from faces_common.problems import Problem
from pelican.contents import Article
from pelican.urlwrappers import Author
from pelican.utils import slugify

from .credits import credits_of
from .messages import problem
from .profiles import AuthorProfile, name_key

AUTHOR_FIELDS = ("author", "authors")


class PlainAuthor(Author):
    """An author without a page: the neutral label for a removed person, or an unknown name."""

    url = ""
    save_as = ""
    page_name = ""


@dataclass(frozen=True)
class AuthorIndex:
    """Profiles by handle and by name, for finding the person a post names."""

    profiles: Mapping[str, AuthorProfile]
    by_name: Mapping[str, tuple[str, ...]]

    @classmethod
    def build(cls, profiles: Mapping[str, AuthorProfile]) -> AuthorIndex:
        """Index the profiles by handle and by name."""
        by_name: dict[str, tuple[str, ...]] = {}
        for handle, profile in profiles.items():
            key = name_key(profile.name)
            by_name[key] = (*by_name.get(key, ()), handle)
        return cls(profiles, by_name)

    def find(self, written: str) -> tuple[AuthorProfile | None, tuple[str, ...]]:
        """Return the profile a post means, or None and the handles a name is ambiguous between."""
        text = written.strip()
        for candidate in (text, text.lower()):
            if candidate in self.profiles:
                return self.profiles[candidate], ()
        handles = self.by_name.get(name_key(text), ())
        if len(handles) == 1:
            return self.profiles[handles[0]], ()
        return None, handles

    def suggest(self, written: str) -> AuthorProfile | None:
        """The closest handle or name to a misspelt author, if any is close."""
        choices: dict[str, str] = {handle: handle for handle in self.profiles}
        for key, handles in self.by_name.items():
            choices.setdefault(key, handles[0])
        close = difflib.get_close_matches(name_key(written), list(choices), n=1, cutoff=0.6)
        return self.profiles[choices[close[0]]] if close else None


def find_profile(context: Mapping[str, Any], author: Any) -> AuthorProfile | None:
    """The profile of a post's author (an Author or a handle); None if it has no public profile."""
    if isinstance(author, PlainAuthor) or author is None:
        return None
    handle = getattr(author, "slug", author)
    profile = (context.get("author_profiles") or {}).get(handle)
    return profile if profile is not None and profile.status != "removed" else None


def display_name(context: Mapping[str, Any], author: Any) -> str:
    """The name to show for a post's author."""
    profile = find_profile(context, author)
    return profile.name if profile is not None else str(author)


def attach_authors(
    articles: Iterable[Article],
    profiles: Mapping[str, AuthorProfile],
    settings: Mapping[str, Any],
) -> list[Problem]:
    """Replace each post's authors by their profiles' canonical authors, credit the helpers.

    Returns the problems: names in `Authors:` or a credit field without a profile.
    """
    problems: list[Problem] = []
    people = Resolver(AuthorIndex.build(profiles), settings, neutral_author(settings), {}, problems)
    for article in articles:
        authors: list[Author] = []
        for author in getattr(article, "authors", []):
            replacement = (
                author
                if isinstance(author, PlainAuthor)
                else people.person(article.source_path, author.name, AUTHOR_FIELDS)
            )
            if replacement not in authors:
                authors.append(replacement)
        if authors:
            article.authors = authors
            article.author = authors[0]
            article.metadata["authors"] = authors
            article.metadata["author"] = authors[0]
        article.credits = credits_of(article, people.person)
    return problems


@dataclass
class Resolver:
    """Turns a name written in a post into the Author the site shows, noting unknown names."""

    index: AuthorIndex
    settings: Mapping[str, Any]
    neutral: Author
    canonical: dict[str, Author]
    problems: list[Problem]

    def person(self, source_path: str, written: str, fields: tuple[str, ...]) -> Author:
        """The profile's canonical Author, the neutral label, or a plain name (reported)."""
        profile, ambiguous = self.index.find(written)
        if profile is None:
            self.problems.append(
                _unknown(source_path, written, ambiguous, self.index, self.settings, fields)
            )
            return PlainAuthor(written, self.settings)
        if profile.status == "removed":
            return self.neutral
        found = self.canonical.get(profile.handle) or _canonical(profile, self.settings)
        self.canonical[profile.handle] = found
        return found


def neutral_author(settings: Mapping[str, Any]) -> PlainAuthor:
    """The byline label shown instead of a person who withdrew consent."""
    label = settings["AUTHORS_REMOVED_LABEL"]
    neutral = PlainAuthor(label, settings)
    # Set explicitly: from a label without letters Pelican would warn about an empty slug.
    neutral.slug = _slug(label, settings) or "removed"
    return neutral


def author_index(profiles: Mapping[str, AuthorProfile]) -> AuthorIndex:
    """The profiles indexed by handle and by name, for author_problems over many files."""
    return AuthorIndex.build(profiles)


def author_problems(
    source_path: str,
    names: Iterable[str],
    profiles: Mapping[str, AuthorProfile] | AuthorIndex,
    settings: Mapping[str, Any],
    fields: tuple[str, ...] = AUTHOR_FIELDS,
) -> list[Problem]:
    """The problems the build reports for the people a file names in `fields` (`invoke check`)."""
    # A check of every post passes the index made once: indexing per post grew with
    # posts x profiles (10,000 x 2,000 names normalised per check).
    index = profiles if isinstance(profiles, AuthorIndex) else AuthorIndex.build(profiles)
    problems = []
    for name in names:
        profile, ambiguous = index.find(name)
        if profile is None:
            problems.append(_unknown(source_path, name, ambiguous, index, settings, fields))
    return problems


def _slug(text: str, settings: Mapping[str, Any]) -> str:
    return str(slugify(text, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", [])))


def _canonical(profile: AuthorProfile, settings: Mapping[str, Any]) -> Author:
    author = Author(profile.name, settings)
    author.slug = profile.handle
    return author


def _unknown(
    source_path: str,
    written: str,
    ambiguous: tuple[str, ...],
    index: AuthorIndex,
    settings: Mapping[str, Any],
    fields: tuple[str, ...],
) -> Problem:
    lang = settings["MESSAGES_LANG"]
    folder = settings["AUTHORS_DIR"]
    path = os.path.relpath(source_path, os.getcwd())
    line, column = _position(source_path, written, fields)
    if ambiguous:
        return problem(
            lang,
            path,
            line,
            "ambiguous_author",
            column=column,
            name=written,
            handles=", ".join(ambiguous),
            handle=ambiguous[0],
        )
    guess = index.suggest(written)
    if guess is not None:
        return problem(
            lang,
            path,
            line,
            "unknown_author",
            column=column,
            name=written,
            handle=guess.handle,
            full=guess.name,
            folder=folder,
        )
    return problem(
        lang,
        path,
        line,
        "unknown_author_no_guess",
        column=column,
        name=written,
        folder=folder,
        slug=_slug(written, settings) or "vorname-nachname",
    )


def _position(source_path: str, written: str, keys: tuple[str, ...]) -> tuple[int, int]:
    # Read only for posts with a problem: finding the line costs a second read of the header.
    try:
        with open(source_path, encoding="utf-8-sig") as source:
            text = source.read()
    except OSError:
        return 1, 1
    # Markdown, reStructuredText or HTML: the header as the content checks read it.
    header = read_source(text, format_of(source_path) or MARKDOWN).header
    fields = [f for f in header.fields if f.key in keys]
    if not fields:
        return 1, 1
    lines = text.splitlines()
    for found in fields:
        raw = lines[found.line - 1] if found.line <= len(lines) else ""
        # The name as a whole item: 'lea-redaktio' is not the start of 'lea-redaktion'.
        match = re.search(rf"(?<![\w-]){re.escape(written)}(?![\w-])", raw)
        if match:
            return found.line, match.start() + 1
    return fields[0].line, 1
