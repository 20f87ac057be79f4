"""The moderators' actions, shared by the CLI and the moderation page: each a writer job."""

from __future__ import annotations

import re
from dataclasses import dataclass

from faces_backend.comments.events import CommentEvent, Notifier, comment_event
from faces_backend.comments.store import (
    Comment,
    NewComment,
    decide,
    get_comment,
    insert_comment,
    new_id,
)
from faces_backend.comments.threads import CommentManifest
from faces_backend.http.keyed_error import KeyedError
from faces_backend.store.connection import Connection

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
REPLY_MAX_CHARS = 20000


class ModerationError(KeyedError, ValueError):
    """A moderation action cannot be done as asked; `key` names the message, `values` fill it."""


@dataclass(frozen=True)
class Decided:
    """What an action did: the comment as it is now, and the event to notify (if any)."""

    comment: Comment
    event: CommentEvent | None


def approve(conn: Connection, comment_id: str, manifest: CommentManifest) -> Decided:
    """Approve a pending or reported comment (writer job)."""
    found = decide(conn, comment_id, "approved")
    if found is None:
        raise ModerationError("no_comment", id=comment_id)
    return Decided(found, event_of(found, manifest))


def reject(conn: Connection, comment_id: str, reason: str) -> Decided:
    """Reject a comment with a reason; it leaves the site at the next pull (writer job)."""
    found = decide(conn, comment_id, "rejected", reason)
    if found is None:
        raise ModerationError("no_comment", id=comment_id)
    return Decided(found, None)


def reply(
    conn: Connection,
    comment_id: str,
    *,
    profile: str,
    text: str,
    name: str | None,
    manifest: CommentManifest,
) -> Decided:
    """Store an author's reply, approved at once; a pending parent is approved with it."""
    if not SLUG.fullmatch(profile):
        raise ModerationError("bad_profile", profile=profile)
    if not text.strip() or len(text) > REPLY_MAX_CHARS:
        raise ModerationError("bad_reply", limit=REPLY_MAX_CHARS)
    target = get_comment(conn, comment_id)
    if target is None:
        raise ModerationError("no_comment", id=comment_id)
    parent = target if target.parent is None else get_comment(conn, target.parent)
    if parent is None or parent.status == "rejected":
        raise ModerationError("rejected_parent", id=comment_id)
    if parent.status == "pending":
        decide(conn, parent.id, "approved")
    record = NewComment(parent.thread, parent.id, name or profile, profile, text.strip())
    reply_id = new_id()
    insert_comment(
        conn,
        record,
        comment_id=reply_id,
        withdraw_hash=None,
        nonce=None,
        nonce_expires=0,
        status="approved",
    )
    stored = get_comment(conn, reply_id)
    assert stored is not None
    return Decided(stored, event_of(stored, manifest))


def event_of(comment: Comment, manifest: CommentManifest) -> CommentEvent:
    """Return the notifier's view of a stored comment, with its post from the manifest if known."""
    thread = manifest.threads.get(comment.thread)
    return comment_event(comment.id, comment, comment.received, thread)


def tell(notifier: Notifier, decided: Decided) -> None:
    """Pass an action's outcome on to the notifier."""
    if decided.comment.status == "rejected":
        notifier.forget(decided.comment.id)
    elif decided.event is not None:
        notifier.comment_approved(decided.event)
