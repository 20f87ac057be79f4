"""Reading a form post: bounded body, form decoding, the reserved fields and clean text."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import AsyncGenerator, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect, Request

MAX_FIELDS = 32
# A poll's or an option's id, as the manifest declares it and a vote form carries it.
ID_MAX_CHARS = 64
ID_PATTERN = re.compile(rf"[A-Za-z0-9_-]{{1,{ID_MAX_CHARS}}}")
SID_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")
# Fields every form of the blog may carry: the way back, the honeypot, the submission id.
RESERVED_FIELDS = frozenset({"_next", "_hp", "_sid"})
# A plausible e-mail address: one @, a dot in the domain, none of the characters that end one.
EMAIL_PATTERN = re.compile(r"[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[A-Za-z]{2,63}")
# The longest address mail can carry (RFC 5321's path limit less the angle brackets).
EMAIL_MAX_CHARS = 254
# Line and paragraph separators become newlines; a tab becomes a space (not glued words).
_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\t": " "})
# Kept from the "other" categories: only the newline. Cc are controls; Cf are invisible
# format characters (bidi overrides U+202A-202E and isolates U+2066-2069, marks U+200E/200F,
# zero-width U+200B-200D, U+2060, U+FEFF, soft hyphen, tags) that can disguise the text a
# moderator reads in a terminal or on the page.
_INVISIBLE = frozenset(("Cc", "Cf", "Cs"))


class BodyTooLarge(Exception):
    """The body exceeds the byte limit, or has more fields than MAX_FIELDS."""


class MalformedBody(Exception):
    """The body cannot be decoded as a form."""


@dataclass(frozen=True)
class FieldProblem:
    """Why one field is not acceptable: the field name and an error code."""

    field: str
    error: str
    limit: int | None = None


@dataclass(frozen=True)
class SortedFields:
    """A form's known fields by name, and the problems of unknown and repeated ones."""

    values: dict[str, list[str]]
    problems: list[FieldProblem]

    def first(self, name: str) -> str:
        """Return the first value of a field, or "" when the form does not carry it."""
        return self.values.get(name, [""])[0]

    def given(self, name: str) -> str | None:
        """Return the first value of a field, or None when the form does not carry it."""
        found = self.values.get(name)
        return found[0] if found else None

    def note(self, field: str, error: str, limit: int | None = None) -> None:
        """Note a field's problem; the reader is told the first one noted."""
        self.problems.append(FieldProblem(field, error, limit))

    def note_required(self, field: str, value: str, most: int) -> bool:
        """Note a required field's problem (missing, or over `most` characters); True if none."""
        if not value:
            self.note(field, "missing")
        elif len(value) > most:
            self.note(field, "too_long", most)
        else:
            return True
        return False

    def first_problem(self) -> FieldProblem | None:
        """Return the first problem noted, or None when the form has none."""
        return self.problems[0] if self.problems else None


def sort_fields(
    fields: list[tuple[str, str]], known: frozenset[str], once: Sequence[str] | None = None
) -> SortedFields:
    """Sort a post's fields by name; an unknown field, or a repeated one of `once`, is a problem.

    `once` lists in their order the fields that may appear only once; by default every known one.
    """
    values: dict[str, list[str]] = {}
    problems: list[FieldProblem] = []
    for name, value in fields:
        if name in known:
            values.setdefault(name, []).append(value)
        elif not name.startswith("_"):
            problems.append(FieldProblem(name[:ID_MAX_CHARS], "unknown_field"))
    single = sorted(known) if once is None else once
    problems.extend(
        FieldProblem(name, "repeated") for name in single if len(values.get(name, [])) > 1
    )
    return SortedFields(values, problems)


@dataclass(frozen=True)
class StampedForm:
    """What a stamped form (a comment, a story proposal) carries besides its own fields."""

    stamp: str | None
    next_url: str | None  # the way back, from `_next`
    problem: FieldProblem | None  # the first problem found, if any

    def carried(self, required: dict[str, str], **optional: str | None) -> dict[str, str]:
        """The fields a check page carries on to the confirm post: required, given, the way back."""
        given = {**optional, "_next": self.next_url}
        return {**required, **{name: value for name, value in given.items() if value}}


def is_email(text: str) -> bool:
    """Whether a text is a plausible e-mail address, no longer than an address can be."""
    return len(text) <= EMAIL_MAX_CHARS and EMAIL_PATTERN.fullmatch(text) is not None


async def read_body(request: Request, limit: int) -> bytes:
    """Read the request body, refusing more than `limit` bytes without reading them all."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge
            chunks.append(chunk)
    except ClientDisconnect:
        raise MalformedBody("the client closed the connection mid-body") from None
    return b"".join(chunks)


async def decode_fields(request: Request, body: bytes) -> list[tuple[str, str]]:
    """Decode an urlencoded or multipart body into (name, value) pairs."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/x-www-form-urlencoded":
        try:
            fields = parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise MalformedBody("the form is not valid UTF-8 url-encoding") from None
    elif media_type == "multipart/form-data":
        try:
            # The parser would replace bad bytes silently; a form is text, so all of it is UTF-8.
            body.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedBody("the form is not valid UTF-8") from None
        fields = await _multipart(request, body)
    else:
        raise MalformedBody(
            "expected Content-Type application/x-www-form-urlencoded or multipart/form-data"
        )
    if len(fields) > MAX_FIELDS:
        raise BodyTooLarge
    return fields


def decode_json_fields(body: bytes) -> list[tuple[str, str]]:
    """Decode a JSON object of strings (booleans become "on"/"") into (name, value) pairs."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise MalformedBody("the body is not valid UTF-8 JSON") from None
    if not isinstance(data, dict):
        raise MalformedBody("expected a JSON object")
    if len(data) > MAX_FIELDS:
        raise BodyTooLarge
    fields: list[tuple[str, str]] = []
    for name, value in data.items():
        if isinstance(value, bool):
            value = "on" if value else ""
        if value is None:
            continue
        if not isinstance(value, str):
            raise MalformedBody(f"field {name!r}: expected a string")
        fields.append((name, value))
    return fields


async def _multipart(request: Request, body: bytes) -> list[tuple[str, str]]:
    async def replay() -> AsyncGenerator[bytes, None]:
        yield body

    # The body is already bounded, so the field count is checked by the caller.
    parser = MultiPartParser(
        request.headers, replay(), max_files=0, max_fields=len(body), max_part_size=len(body) + 1
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise MalformedBody(f"invalid multipart form: {exc.message}") from None
    fields: list[tuple[str, str]] = []
    for name, value in form.multi_items():
        if not isinstance(value, str):
            raise MalformedBody("file uploads are not accepted")
        fields.append((name, value))
    return fields


def clean_text(text: str) -> str:
    """Return a reader's text as stored: NFC, newlines only, no controls or invisible marks."""
    text = text.replace("\r\n", "\n").translate(_BREAKS)
    kept = "".join(
        char for char in text if char == "\n" or unicodedata.category(char) not in _INVISIBLE
    )
    return unicodedata.normalize("NFC", kept).strip()


def clean_line(text: str) -> str:
    """Return a one-line field as stored: clean text with every run of white space one space."""
    return " ".join(clean_text(text).split())
