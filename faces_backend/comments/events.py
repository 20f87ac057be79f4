"""What the comment backend tells the notifier (contract 5); NOTIFY implements `Notifier`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from faces_common.manifests import ManifestThread

from faces_backend.comments.store import Comment, NewComment


@dataclass(frozen=True)
class CommentEvent:
    """One comment as the notifier sees it: public fields only, never an e-mail address."""

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


def comment_event(
    comment_id: str, comment: NewComment | Comment, received: str, thread: ManifestThread | None
) -> CommentEvent:
    """Return the notifier's view of a comment; its post's fields are empty when unknown."""
    return CommentEvent(
        comment_id=comment_id,
        thread=comment.thread,
        post_title=thread.title if thread else "",
        post_url=thread.path if thread else "",
        author_profiles=thread.authors if thread else (),
        name=comment.name,
        text=comment.text,
        parent=comment.parent,
        profile=comment.profile,
        received=received,
    )


class Notifier(Protocol):
    """The notifications the comment backend triggers; none of them may block a request."""

    def comment_received(self, event: CommentEvent) -> None:
        """Tell the editors, the post's authors and the webhook about a new comment."""

    def comment_approved(self, event: CommentEvent) -> None:
        """Tell a parent's commenter (who confirmed the opt-in) about an author's reply."""

    def subscribe(self, comment_id: str, email: str, lang: str) -> None:
        """Start the double opt-in for reply mails; the address is stored by NOTIFY only."""

    def forget(self, comment_id: str) -> None:
        """Drop any address kept for this comment (withdrawn or rejected)."""


class NoNotifier:
    """The notifier while none is configured: it sends nothing and keeps nothing."""

    def comment_received(self, event: CommentEvent) -> None:
        """Send nothing."""

    def comment_approved(self, event: CommentEvent) -> None:
        """Send nothing."""

    def subscribe(self, comment_id: str, email: str, lang: str) -> None:
        """Keep nothing: the address is dropped here."""

    def forget(self, comment_id: str) -> None:
        """Nothing is kept, so nothing to drop."""
