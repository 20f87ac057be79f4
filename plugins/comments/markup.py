"""The HTML of a thread's comments and forms, written in Python rather than in Jinja.

A synthetic site with 10 comments on each of 1,000 posts spent most of the comments' build cost
in Jinja macro calls (a report form per comment, a reply form per top-level comment); the same
markup from f-strings costs a small fraction of that (docs/benchmarks.md). The section around
it, its heading and the notes stay in `partials/comments.html`; faces come from the theme's
`face` macro, which the partial hands in. Every value is escaped here; a comment's text arrives
as sanitised Markup (text.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from .view import CommentView, ThreadView

# Stands for the parent's id in the thread's reply form; NUL is in no id, word or address.
_PARENT = "\0"
# The theme's `face(profile, px)` macro, as partials/comments.html passes it in.
FaceMacro = Callable[[Any, int], Any]


def comment_list(view: ThreadView, site_url: str, face: FaceMacro) -> Markup:
    """The `<li>` of every top-level comment with its replies, report and reply forms."""
    parts = _Parts(view, str(escape(site_url)), face)
    return Markup("".join(parts.comment(comment) for comment in view.comments))


def comment_form(view: ThreadView) -> Markup:
    """The form for a new top-level comment."""
    return Markup(_form(view, _escaped_words(view.words), None))


class _Parts:
    """What every comment of one thread shares, escaped once, and how one comment is written."""

    def __init__(self, view: ThreadView, site_url: str, face: FaceMacro) -> None:
        self.view = view
        self.site_url = site_url
        self.face = face
        self.words = _escaped_words(view.words)
        self.next_url = str(escape(view.next_url))
        self.report_action = str(escape(view.endpoint))
        self.options = _options(view.reasons)
        # One reply form per thread, its parent's id filled in per comment.
        self.reply_form = _form(view, self.words, _PARENT) if view.takes_comments else ""

    def comment(self, comment: CommentView, reply: bool = False) -> str:
        """One comment as an `<li>`; a top-level one with its replies and its reply form."""
        w = self.words
        ident = str(escape(comment.id))
        classes = "comment"
        if reply:
            classes += " comment--reply"
        if comment.profile:
            classes += " comment--person"
        date = (
            f'<a class="comment__date" href="#{ident}"><time datetime="'
            f'{escape(comment.received.isoformat(timespec="seconds"))}">'
            f"{escape(comment.date_text)}</time></a>"
        )
        out = [f'<li class="{classes}" id="{ident}">\n<div class="comment__meta">\n']
        out.append(self._person(comment) if comment.profile else self._name(comment))
        out.append(f'{date}\n</div>\n<div class="comment__text">{comment.html}</div>\n')
        if self.view.endpoint:
            out.append(self._report(ident))
        if not reply:
            label = escape(self.view.words["replies_label"].format(name=comment.name))
            out.append(
                f'<ol class="comment__replies" aria-label="{label}" data-replies-to="{ident}">\n'
            )
            out.extend(self.comment(answer, True) for answer in comment.replies)
            out.append("</ol>\n")
            if self.reply_form:
                reply_to = escape(self.view.words["reply_to"].format(name=comment.name))
                out.append(
                    f'<details class="comment__answer">\n<summary>{w["answer"]}<span '
                    f'class="visually-hidden"> – {reply_to}</span></summary>\n'
                )
                out.append(self.reply_form.replace(_PARENT, ident))
                out.append("</details>\n")
        out.append("</li>\n")
        return "".join(out)

    def _name(self, comment: CommentView) -> str:
        return f'<span class="comment__name">{escape(comment.name)}</span>\n'

    def _person(self, comment: CommentView) -> str:
        profile = comment.profile
        out = [
            f'<a class="comment__person" href="{self.site_url}/{escape(profile.url)}">'
            f"{self.face(profile, 40)}{self._name(comment).rstrip()}</a>\n"
        ]
        if profile.role:
            out.append(f'<span class="comment__role">{escape(profile.role)}</span>\n')
        out.extend(f'<span class="comment__badge">{escape(b)}</span>' for b in comment.badges)
        return "".join(out)

    def _report(self, ident: str) -> str:
        w = self.words
        field = f"melden-{ident}"
        return (
            f'<details class="comment__report">\n<summary>{w["report"]}</summary>\n'
            f'<form method="post" action="{self.report_action}/{ident}/report">\n'
            f'<label for="{field}">{w["report_reason"]}</label>\n'
            f'<select id="{field}" name="reason">\n{self.options}</select>\n'
            f'<div class="comments__trap">\n<label for="{field}-hp">{w["trap"]}</label>\n'
            f'<input type="text" id="{field}-hp" name="_hp" tabindex="-1" autocomplete="off">\n'
            f'</div>\n<input type="hidden" name="_next" value="{self.next_url}#{ident}">\n'
            f'<button type="submit">{w["report_send"]}</button>\n</form>\n</details>\n'
        )


def _escaped_words(said: Mapping[str, str]) -> Mapping[str, str]:
    """The interface words of a thread (view.words), escaped once per language."""
    return _escaped(tuple(said.items()))


@functools.lru_cache(maxsize=4)
def _escaped(said: tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    return {key: str(escape(value)) for key, value in said}


@functools.lru_cache(maxsize=8)
def _options(reasons: tuple[tuple[str, str], ...]) -> str:
    return "".join(
        f'<option value="{escape(value)}">{escape(label)}</option>\n' for value, label in reasons
    )


def _form(view: ThreadView, w: Mapping[str, str], parent: str | None) -> str:
    """The comment form; `parent` is the id of the comment it answers (escaped by the caller)."""
    p = f"kommentar-{parent or 'neu'}"
    name_label = w["name_optional"] if view.allow_anonymous else w["name"]
    required = "" if view.allow_anonymous else " required"
    notify = w["notify_many"] if view.several_authors else w["notify_one"]
    parent_field = f'<input type="hidden" name="parent" value="{parent}">\n' if parent else ""
    return (
        f'<form class="comments__form" method="post" action="{escape(view.endpoint)}" '
        "data-comments-form>\n"
        f'<div class="comments__field">\n<label for="{p}-name">{name_label}</label>\n'
        f'<input type="text" id="{p}-name" name="name" autocomplete="name" maxlength="80"'
        f"{required}>\n</div>\n"
        f'<div class="comments__field">\n<label for="{p}-email">{w["email"]}</label>\n'
        f'<input type="email" id="{p}-email" name="email" autocomplete="email" maxlength="254" '
        f'aria-describedby="{p}-email-help">\n'
        f'<p class="comments__hint" id="{p}-email-help">{w["email_help"]}</p>\n</div>\n'
        f'<div class="comments__field">\n<label for="{p}-text">{w["text"]}</label>\n'
        f'<textarea id="{p}-text" name="text" rows="5" maxlength="5000" required '
        f'aria-describedby="{p}-text-help"></textarea>\n'
        f'<p class="comments__hint" id="{p}-text-help">{w["text_help"]}</p>\n</div>\n'
        f'<div class="comments__check">\n<input type="checkbox" id="{p}-notify" name="notify" '
        f'value="on" aria-describedby="{p}-notify-help">\n'
        f'<label for="{p}-notify">{notify}</label>\n'
        f'<p class="comments__hint" id="{p}-notify-help">{w["notify_help"]}</p>\n</div>\n'
        f'<div class="comments__trap">\n<label for="{p}-hp">{w["trap"]}</label>\n'
        f'<input type="text" id="{p}-hp" name="_hp" tabindex="-1" autocomplete="off">\n</div>\n'
        f'<input type="hidden" name="thread" value="{escape(view.thread)}">\n{parent_field}'
        f'<input type="hidden" name="_next" value="{escape(view.next_url)}">\n'
        f'<button type="submit" class="comments__submit">'
        f"{w['send_reply'] if parent else w['send']}</button>\n"
        '<p class="comments__live" role="status"></p>\n</form>\n'
    )
