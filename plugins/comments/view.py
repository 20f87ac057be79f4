"""What the theme shows of one thread: comments with their replies, badges and the form."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from markupsafe import Markup

from .data import Comment
from .markup import FaceMacro, comment_form, comment_list
from .messages import REPORT_REASONS, words
from .text import render_text

NO_COMMENTS_SINCE = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class CommentView:
    """One comment ready for the template; `profile` is set for a person with a profile."""

    id: str
    name: str
    html: Markup
    received: dt.datetime
    date_text: str = ""  # `received` as the theme's `date` filter shows it
    plain: str = ""  # the text as written, whitespace collapsed (structured data)
    profile: Any = None
    badges: tuple[str, ...] = ()
    replies: tuple[CommentView, ...] = ()


# One per post for the whole build (10,000 posts: a __dict__ each, about 1.5 MiB): slots.
@dataclass(frozen=True, slots=True)
class ThreadView:
    """A post's thread as the partial renders it (partials/comments.html)."""

    thread: str
    lang: str
    open: bool
    post_path: str
    endpoint: str
    next_url: str
    since: str
    allow_anonymous: bool
    several_authors: bool
    comments: tuple[CommentView, ...] = ()
    words: Mapping[str, str] = field(default_factory=dict)
    reasons: tuple[tuple[str, str], ...] = ()

    @property
    def count(self) -> int:
        """All comments, replies included."""
        return sum(1 + len(c.replies) for c in self.comments)

    @property
    def takes_comments(self) -> bool:
        """The form is shown: the thread is open and a backend takes comments."""
        return self.open and bool(self.endpoint)

    @property
    def shown(self) -> bool:
        """The section appears: it has comments, or it takes new ones."""
        return bool(self.comments) or self.takes_comments

    @property
    def live_url(self) -> str:
        """The backend's address for approved comments newer than this build."""
        return f"{self.endpoint}/{self.thread}" if self.endpoint else ""

    def list_html(self, site_url: str, face: FaceMacro) -> Markup:
        """The comments with their replies and forms, as `<li>` items (markup.py)."""
        return comment_list(self, site_url, face)

    def form_html(self) -> Markup:
        """The form for a new top-level comment."""
        return comment_form(self)

    def report_url(self, comment_id: str) -> str:
        """Where the "report" form of one comment posts to."""
        return f"{self.endpoint}/{comment_id}/report"

    def structured(self, site_base: str) -> list[dict[str, Any]]:
        """schema.org Comment entries (replies nested) for the post's JSON-LD."""
        page = f"{site_base}/{self.post_path}"
        return [_structured(comment, site_base, page) for comment in self.comments]


@dataclass(frozen=True)
class ThreadContext:
    """What every thread of a build shares: settings, profiles and the build time."""

    endpoint: str
    site_url: str
    allow_anonymous: bool
    board_level: str | None
    removed_label: str
    profiles: Mapping[str, Any]
    zone: dt.tzinfo
    # The theme's `date` filter (site_i18n), so the comments' dates read like the post's.
    format_date: Callable[[dt.datetime], str]
    # The site's form of address (I18N_ADDRESS) and locale (I18N_LOCALE) for the words.
    address: str = "Sie"
    locale: str = ""


def thread_view(
    article: Any,
    thread: str,
    comments: Sequence[Comment],
    is_open: bool,
    shared: ThreadContext,
) -> ThreadView:
    """Arrange a post's comments: top-level ones in order, each with its replies."""
    lang = "en" if getattr(article, "lang", "de") == "en" else "de"
    url = article.url  # Pelican formats a post's URL anew on every read
    said, reasons = _interface(lang, shared.address, shared.locale)
    authors = tuple(getattr(a, "slug", str(a)) for a in getattr(article, "authors", ()))
    replies: dict[str, list[CommentView]] = {}
    for comment in comments:
        if comment.parent is not None:
            replies.setdefault(comment.parent, []).append(
                _comment_view(comment, authors, said, shared)
            )
    top = tuple(
        _comment_view(comment, authors, said, shared, tuple(replies.get(comment.id, ())))
        for comment in comments
        if comment.parent is None
    )
    return ThreadView(
        thread=thread,
        lang=lang,
        open=is_open,
        post_path=url,
        endpoint=shared.endpoint,
        next_url=f"{shared.site_url}/{url}",
        since=_since(comments),
        allow_anonymous=shared.allow_anonymous,
        several_authors=len(authors) > 1,
        comments=top,
        words=said,
        reasons=reasons,
    )


@functools.cache
def _interface(
    lang: str, address: str, locale: str
) -> tuple[Mapping[str, str], tuple[tuple[str, str], ...]]:
    """The words and report reasons of a language, one read-only table shared by every thread."""
    # One table per post held 10,000 copies of the same words at scale (19 MiB).
    said = MappingProxyType(words(lang, address, locale))
    return said, tuple((reason, said[f"reason_{reason}"]) for reason in REPORT_REASONS)


def _since(comments: Sequence[Comment]) -> str:
    """The newest approval the page holds: the backend adds what was approved after it."""
    # Not the build time: a comment approved between the last pull and the build would be
    # in neither the page nor the backend's answer until the next pull.
    if not comments:
        return NO_COMMENTS_SINCE  # most posts: one text for all of them
    newest = max(c.approved for c in comments)
    return newest.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _comment_view(
    comment: Comment,
    authors: tuple[str, ...],
    said: Mapping[str, str],
    shared: ThreadContext,
    replies: tuple[CommentView, ...] = (),
) -> CommentView:
    profile = shared.profiles.get(comment.profile) if comment.profile else None
    name = comment.name or said["anonymous"]
    badges: list[str] = []
    if profile is not None and profile.status == "removed":
        # Someone who withdrew consent appears nowhere by name, not even under a comment.
        profile, name = None, shared.removed_label
    elif profile is not None:
        name = profile.name
        if profile.handle in authors:
            badges.append(said["post_author"])
        if shared.board_level is not None and profile.level == shared.board_level:
            badges.append(profile.level_label)
    received = comment.received.astimezone(shared.zone)
    return CommentView(
        id=comment.id,
        name=name,
        html=render_text(comment.text),
        plain=" ".join(comment.text.split()),
        received=received,
        date_text=shared.format_date(received),
        profile=profile,
        badges=tuple(badges),
        replies=replies,
    )


def _structured(comment: CommentView, site_base: str, page: str) -> dict[str, Any]:
    author: dict[str, Any] = {"@type": "Person", "name": comment.name}
    if comment.profile is not None and comment.profile.url:
        author["url"] = f"{site_base}/{comment.profile.url}"
    entry: dict[str, Any] = {
        "@type": "Comment",
        "url": f"{page}#{comment.id}",
        "author": author,
        "dateCreated": comment.received.isoformat(timespec="seconds"),
        "text": comment.plain,
    }
    if comment.replies:
        entry["comment"] = [_structured(reply, site_base, page) for reply in comment.replies]
    return entry
