"""Reading and sorting the fields of a vote post."""

from __future__ import annotations

import asyncio

import pytest
from starlette.requests import Request
from starlette.types import Message

from faces_backend.http.forms import (
    BodyTooLarge,
    FieldProblem,
    MalformedBody,
    clean_text,
    decode_fields,
    read_body,
)
from faces_backend.polls.form import VoteForm, collect

MULTIPART = "multipart/form-data; boundary=b"


def request(body: bytes, content_type: str, chunks: int = 1) -> Request:
    """Return a request whose body arrives in `chunks` pieces, without Content-Length."""
    size = max(1, -(-len(body) // chunks))
    pieces = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
    messages: list[Message] = [
        {"type": "http.request", "body": piece, "more_body": i < len(pieces) - 1}
        for i, piece in enumerate(pieces)
    ]

    async def receive() -> Message:
        return messages.pop(0)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/vote",
        "headers": [(b"content-type", content_type.encode())],
    }
    return Request(scope, receive)


def decode(
    body: bytes, content_type: str = "application/x-www-form-urlencoded"
) -> list[tuple[str, str]]:
    return asyncio.run(decode_fields(request(body, content_type), body))


def test_urlencoded_fields_in_order() -> None:
    assert decode(b"poll=p&choice=a&choice=b&suggestion=Gr%C3%BCn+tee&_hp=") == [
        ("poll", "p"),
        ("choice", "a"),
        ("choice", "b"),
        ("suggestion", "Grün tee"),
        ("_hp", ""),
    ]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"poll=%C3%28", "application/x-www-form-urlencoded"),
        (b"poll=\xc3\x28", "application/x-www-form-urlencoded"),
        (b"poll=p", "text/plain"),
        (b"poll=p", ""),
        (
            b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--",
            "multipart/form-data; boundary=b",
        ),
        (
            b'--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n'
            b"\r\nx\r\n--b--\r\n",
            MULTIPART,
        ),
        # Latin-1 bytes, as an old form with accept-charset or a script might send them.
        (
            b'--b\r\nContent-Disposition: form-data; name="suggestion"\r\n\r\nGr\xfcn\r\n--b--\r\n',
            MULTIPART,
        ),
        (
            b'--b\r\nContent-Disposition: form-data; name="poll\xe4"\r\n\r\np\r\n--b--\r\n',
            MULTIPART,
        ),
        (b"poll=p&suggestion=Gr%FCn", "application/x-www-form-urlencoded"),
        (b"poll=p&suggestion=Gr\xfcn", "application/x-www-form-urlencoded"),
    ],
)
def test_undecodable_bodies_are_malformed(body: bytes, content_type: str) -> None:
    with pytest.raises(MalformedBody):
        decode(body, content_type)


def test_more_than_32_fields_is_too_large() -> None:
    with pytest.raises(BodyTooLarge):
        decode(b"&".join([b"_x=1"] * 33))
    assert len(decode(b"&".join([b"_x=1"] * 32))) == 32


def test_body_limit_counts_the_bytes_that_arrive() -> None:
    assert asyncio.run(read_body(request(b"x" * 100, "text/plain", chunks=10), 100)) == b"x" * 100
    with pytest.raises(BodyTooLarge):
        asyncio.run(read_body(request(b"x" * 101, "text/plain", chunks=10), 100))


def test_collect_a_complete_form() -> None:
    form = collect(
        [
            ("poll", "p"),
            ("choice", "a"),
            ("choice", "b"),
            ("suggestion", " Tee\x1b[31m\r\nund Kekse "),
            ("_next", " https://blog.example.com/x "),
            ("_hp", ""),
            ("_sid", "abcd-1234"),
            ("_utm_source", "newsletter"),
        ]
    )
    assert form == VoteForm(
        poll="p",
        choices=("a", "b"),
        suggestion="Tee[31m\nund Kekse",
        sid="abcd-1234",
        problem=None,
    )


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ([("poll", "p"), ("email", "x")], FieldProblem("email", "unknown_field")),
        ([("poll", "p"), ("poll", "q")], FieldProblem("poll", "repeated")),
        ([("poll", "p"), ("_sid", "a"), ("_sid", "b")], FieldProblem("_sid", "repeated")),
        ([("poll", "p" * 65)], FieldProblem("poll", "too_long", 64)),
        ([("poll", "p"), ("choice", "c" * 65)], FieldProblem("choice", "too_long", 64)),
        ([("poll", "p"), ("suggestion", "s" * 501)], FieldProblem("suggestion", "too_long", 500)),
        ([("poll", "p"), ("_sid", "sieben7")], FieldProblem("_sid", "invalid")),
        ([("poll", "p"), ("_sid", "x" * 65)], FieldProblem("_sid", "invalid")),
        ([("poll", "p"), ("_sid", "with space")], FieldProblem("_sid", "invalid")),
    ],
)
def test_collect_notes_the_first_problem(
    fields: list[tuple[str, str]], problem: FieldProblem
) -> None:
    assert collect(fields).problem == problem


def test_empty_optional_fields_count_as_absent() -> None:
    form = collect([("poll", "p"), ("suggestion", " \n "), ("_next", ""), ("_sid", "")])
    assert (form.suggestion, form.sid, form.problem) == (None, None, None)
    assert collect([("poll", "p"), ("suggestion", "ä" * 500)]).problem is None


def test_multipart_in_utf8_is_read() -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="suggestion"\r\n\r\n'
        + "Grüner Tee ☕".encode()
        + b"\r\n--b--\r\n"
    )
    assert decode(body, MULTIPART) == [("suggestion", "Grüner Tee ☕")]


# Each hostile suggestion and what is stored of it.
HOSTILE_SUGGESTIONS = [
    ("Salat\u202ebar", "Salatbar"),  # right-to-left override
    ("\u202aa\u202bb\u202cc\u202dd\u202ee", "abcde"),  # every bidi embedding/override
    ("\u2066a\u2067b\u2068c\u2069", "abc"),  # bidi isolates
    ("a\u200eb\u200fc", "abc"),  # direction marks
    ("zero\u200bwidth\u200cjoin\u200dx", "zerowidthjoinx"),  # zero-width space/non-joiner/joiner
    ("word\u2060joiner", "wordjoiner"),  # word joiner
    ("\ufeffBOM im Text\ufeff", "BOM im Text"),  # byte order mark
    ("Tee\x1b[31m rot", "Tee[31m rot"),  # terminal escape
    ("a\x00b\x07c\x7fd\x85e\x9bf", "abcdef"),  # NUL, BEL, DEL, C1 controls
    ("Zeile 1\r\nZeile 2\rZeile 3", "Zeile 1\nZeile 2\nZeile 3"),  # line ends
    ("a\u2028b\u2029c", "a\nb\nc"),  # line and paragraph separators
    ("Tab\tgetrennt", "Tab getrennt"),  # tab: a space, not glued words
    ("Soft\u00adhyphen", "Softhyphen"),  # invisible soft hyphen
    ("Tag\U000e0041\U000e0042s", "Tags"),  # invisible tag characters
    ("Cafe\u0301", "Café"),  # NFC: decomposed e + accent becomes é
    ("\u212b", "Å"),  # NFC: Angstrom sign becomes the letter
    ("\u200b\u202e \u2066\n", ""),  # nothing visible left: no suggestion at all
]


@pytest.mark.parametrize(("raw", "stored"), HOSTILE_SUGGESTIONS)
def test_suggestions_lose_controls_and_invisible_marks(raw: str, stored: str) -> None:
    assert clean_text(raw) == stored
    assert collect([("poll", "p"), ("suggestion", raw)]).suggestion == (stored or None)


def test_invisible_padding_does_not_count_towards_the_limit() -> None:
    form = collect([("poll", "p"), ("suggestion", "a" * 500 + "\u200b" * 600)])
    assert (form.suggestion, form.problem) == ("a" * 500, None)
