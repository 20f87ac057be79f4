"""The webhook notice: plain JSON with a `text` that Slack, Mattermost, Teams and Matrix accept.

A chat service is a third party: the notice carries the post, the display name the
commenter chose and the moderation link, never an e-mail address and never the unmoderated
text (which may hold personal data; that is one of the reasons to reject a comment).
"""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Any

from faces_backend.comments.events import CommentEvent
from faces_backend.comments.notify.mail import encodable, post_link
from faces_backend.comments.notify.settings import NotifySettings
from faces_backend.comments.notify.texts import text

WEBHOOK_TIMEOUT_SECONDS = 10
# Anything shaped like an address, also one a commenter typed as their name.
_ADDRESS_LIKE = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+")
REDACTED = "[…]"


class WebhookRefused(OSError):
    """The webhook answered with a status other than 2xx."""


def webhook_payload(event: CommentEvent, settings: NotifySettings) -> dict[str, Any]:
    """Return the JSON body announcing a new comment, free of addresses."""
    name = redact(event.name)
    title = redact(event.post_title)
    return {
        "text": text(
            settings.language,
            "webhook_text",
            name=name,
            title=title,
            moderation_url=settings.moderation_url,
        ),
        "event": "comment_received",
        "comment": event.comment_id,
        "thread": event.thread,
        "post_title": title,
        "post_url": post_link(settings, event.post_url) if settings.public_url else event.post_url,
        "name": name,
        "reply_to": event.parent,
        "received": event.received,
        "moderation_url": settings.moderation_url,
    }


def redact(value: str) -> str:
    """Return `value` with everything that looks like an e-mail address replaced."""
    return _ADDRESS_LIKE.sub(REDACTED, encodable(value))


def post_webhook(url: str, payload: dict[str, Any]) -> None:
    """POST the payload as JSON; raise OSError if the webhook cannot be reached or refuses."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
        if not 200 <= response.status < 300:
            raise WebhookRefused(f"the webhook answered {response.status}")
