"""Mark the HTML Pelican's readers made as Markup, so autoescaped templates print it as HTML.

The theme autoescapes every value. A post's or page's body is the author's Markdown, reviewed
by the editors, and printed as written; its `Summary:` field is a header line that also lands
in cards, feeds and meta tags, so it passes the author sanitizer first. Pelican computes
`content` and `summary` in properties of its content classes: each Article and Page gets a
subclass whose two properties say "this is HTML", the one reviewed place for both.
"""

from __future__ import annotations

from typing import Any

from faces_common.html import sanitize_author_html
from markupsafe import Markup
from pelican import contents, signals
from pelican.contents import Content

from .content_html import OwnHtml


def _content(self: Content) -> Markup:
    return Markup(Content.content.fget(self))


# Attribute of a post with a `Summary:` field: the field itself when sanitising left it as it
# was, else (field, sanitised Markup).
_SANITISED = "_safe_html_summary"


def _summary(self: Content) -> Markup:
    summary = Content.summary.fget(self)
    if "summary" not in self.metadata:
        return Markup(summary)  # cut from the content, which is trusted as a whole
    # The field does not depend on the page's address: sanitise it once per object. Most
    # summaries come out unchanged; for those the post keeps no second copy, only the field
    # itself (10,000 posts: about 2 MiB held through the writing otherwise).
    cached = self.__dict__.get(_SANITISED)
    if cached is summary:
        return Markup(summary)
    if type(cached) is not tuple or cached[0] is not summary:
        clean = sanitize_author_html(summary)
        if clean == summary:
            self.__dict__[_SANITISED] = summary
            return Markup(summary)
        cached = (summary, clean)
        self.__dict__[_SANITISED] = cached
    return cached[1]


_PROPERTIES = {
    "content": property(_content),
    # Pelican assigns every metadata field as an attribute: keep its no-op setter.
    "summary": property(_summary, Content.summary.fset),
}


# Pelican names settings after the class (PAGE_URL, PAGE_SAVE_AS): the subclasses keep the names.
class Article(OwnHtml, contents.Article):
    """A post whose content and summary are Markup."""

    content = _PROPERTIES["content"]
    summary = _PROPERTIES["summary"]


class Page(OwnHtml, contents.Page):
    """A page whose content and summary are Markup."""

    content = _PROPERTIES["content"]
    summary = _PROPERTIES["summary"]


_MARKED = {contents.Article: Article, contents.Page: Page}


def check_autoescape(pelican: Any) -> None:
    """Refuse to build with templates that would print author text as live HTML."""
    environment = pelican.settings.get("JINJA_ENVIRONMENT", {})
    if environment.get("autoescape") is not True:
        raise ValueError(
            f"JINJA_ENVIRONMENT['autoescape'] has value {environment.get('autoescape')!r}. "
            "Expected True: the theme prints titles, names and summaries through autoescaping."
        )


def mark_html(content: Any) -> None:
    """Give a new post or page the subclass whose content and summary are Markup."""
    marked = _MARKED.get(type(content))
    if marked is not None:
        content.__class__ = marked


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(check_autoescape)
    signals.content_object_init.connect(mark_html)
