"""HTML from people, made safe to write into a page: the one place that marks it as Markup.

Templates autoescape everything (JINJA_ENVIRONMENT in pelicanconf.py); text that carries
formatting on purpose passes through one of these sanitizers and comes back as Markup.
"""

from __future__ import annotations

import nh3
from markupsafe import Markup

# What a reader may format (comments, suggestions with formatting): nothing that can load,
# run or restyle anything.
READER_TAGS = frozenset({"p", "a", "em", "strong", "code", "ul", "ol", "li"})
# Authors format short fields (a summary, a bio) a little more, and link within the site.
AUTHOR_TAGS = READER_TAGS | {"br", "abbr", "blockquote"}

_READER_CLEANER = nh3.Cleaner(
    tags=set(READER_TAGS),
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}},
    url_schemes={"https", "mailto"},
    # A relative address from a reader could point anywhere on this site (or, as "//host",
    # to another one): readers link with full https addresses only.
    url_relative="deny",
    link_rel="nofollow ugc",
)
_AUTHOR_CLEANER = nh3.Cleaner(
    tags=set(AUTHOR_TAGS),
    clean_content_tags={"script", "style"},
    attributes={"a": {"href", "title"}, "abbr": {"title"}},
    url_schemes={"https", "http", "mailto"},
    link_rel=None,
)


def sanitize_reader_html(html: str) -> Markup:
    """Keep a reader's paragraphs, emphasis, code, lists and https/mailto links; drop the rest."""
    return Markup(_READER_CLEANER.clean(html))


def sanitize_author_html(html: str) -> Markup:
    """Keep an author's formatting of a short field (summary, bio); drop scripts and handlers."""
    return Markup(_AUTHOR_CLEANER.clean(html))
