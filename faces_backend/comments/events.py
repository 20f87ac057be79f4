"""The meeting point of the comment backend and the notifier (contract 5 of issue 15)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class CommentEvent:
    """One comment as the notifier sees it: never an e-mail address."""

    comment_id: str
    thread: str
    post_title: str
    post_url: str
    author_profiles: tuple[str, ...]
    name: str
    text: str
    parent: str | None
    profile: str | None
    received: str


class Notifier(Protocol):
    """The notifier's entry points; none of them blocks the request that calls it."""

    def comment_received(self, event: CommentEvent) -> None:
        """Tell the editors, the post's authors (SMTP) and the webhook of a new comment."""

    def comment_approved(self, event: CommentEvent) -> None:
        """If it is an author's reply: one mail to the parent's commenter who confirmed."""

    def subscribe(self, comment_id: str, email: str, lang: str) -> None:
        """Start the double opt-in (confirmation mail); only the notifier stores the address."""

    def forget(self, comment_id: str) -> None:
        """Withdrawn or rejected: drop any address stored for this comment."""
