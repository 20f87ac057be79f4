"""Reading a comment post: its fields, their limits, links, e-mail and the SSO profile."""

from __future__ import annotations

import re
from dataclasses import dataclass

from faces_backend.comments.config import CommentSettings
from faces_backend.http.forms import (
    StampedForm,
    clean_line,
    clean_text,
    is_email,
    sort_fields,
)

COMMENT_ID = re.compile(r"c-[0-9a-f]{12}")
FIELDS = frozenset(
    {"thread", "parent", "name", "email", "text", "notify", "_hp", "stamp", "pow", "_next"}
)
_LINK = re.compile(r"https?://|(?<!//)www\.", re.IGNORECASE)


@dataclass(frozen=True)
class CommentForm(StampedForm):
    """The fields of a comment post, cleaned, with the first problem found (if any)."""

    thread: str
    parent: str | None
    name: str
    email: str | None
    text: str
    notify: bool
    honeypot: bool
    pow: str | None

    def hidden_fields(self) -> dict[str, str]:
        """Return the fields the preview page carries on to the confirm post."""
        required = {"thread": self.thread, "name": self.name, "text": self.text}
        notify = "on" if self.notify else None
        return self.carried(required, parent=self.parent, email=self.email, notify=notify)


def collect_comment(
    fields: list[tuple[str, str]], limits: CommentSettings, *, sso_name: str | None = None
) -> CommentForm:
    """Sort and check the fields; with SSO an empty name is the signed-in user's."""
    sorted_fields = sort_fields(fields, FIELDS)
    first, note = sorted_fields.first, sorted_fields.note
    thread = first("thread").strip()
    if not thread:
        note("thread", "missing")
    parent = first("parent").strip() or None
    if parent is not None and not COMMENT_ID.fullmatch(parent):
        note("parent", "invalid")
    name = clean_line(first("name")) or (sso_name or "")
    sorted_fields.note_required("name", name, limits.name_max)
    text = clean_text(first("text"))
    if (
        sorted_fields.note_required("text", text, limits.text_max)
        and count_links(f"{name} {text}") > limits.max_links
    ):
        note("text", "too_many_links", limits.max_links)
    email = first("email").strip() or None
    if email is not None and not is_email(email):
        note("email", "invalid")
    return CommentForm(
        thread=thread,
        parent=parent,
        name=name,
        email=email,
        text=text,
        notify=first("notify") == "on",
        honeypot=bool(first("_hp")),
        stamp=first("stamp").strip() or None,
        pow=first("pow").strip() or None,
        next_url=first("_next").strip() or None,
        problem=sorted_fields.first_problem(),
    )


def count_links(text: str) -> int:
    """Return how many links a text holds (each http://, https:// or www. counts)."""
    return len(_LINK.findall(text))
