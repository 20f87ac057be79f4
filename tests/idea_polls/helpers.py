"""Helpers for the idea poll tests: posts with polls, a canonical form of HTML fragments."""

from __future__ import annotations

import textwrap
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

# Only the plugins a poll needs: the tests stay about polls while other plugins change.
POLL_PLUGINS = 'PLUGINS = ["safe_html", "site_i18n", "content_checks", "idea_polls", "seo"]\n'


def poll_post(title: str, slug: str, block: str, lang: str = "de") -> str:
    """A valid post whose body holds one ```poll block; the fence is on line 10."""
    return (
        f"Title: {title}\nDate: 2026-03-14 09:30\nCategory: Ideen\nAuthor: miriam-keller\n"
        f"Lang: {lang}\nSlug: {slug}\nSummary: Eine Umfrage.\n\nVorher.\n"
        f"```poll\n{textwrap.dedent(block).strip()}\n```\n\nNachher.\n"
    )


def canonical(html: str | Tag) -> Any:
    """A comparable form of an HTML fragment: tags, attributes, whitespace-collapsed text."""
    if isinstance(html, str):
        parsed = BeautifulSoup(html, "html.parser").find(True)
        assert isinstance(parsed, Tag), html
        html = parsed
    return _walk(html)


def _walk(node: Tag) -> Any:
    children: list[Any] = []
    for child in node.children:
        if isinstance(child, Tag):
            children.append(_walk(child))
        elif isinstance(child, NavigableString) and type(child) is NavigableString:
            text = " ".join(child.split())
            if text:
                children.append(text)
    attributes = {
        name: " ".join(value) if isinstance(value, list) else value
        for name, value in sorted(node.attrs.items())
    }
    return (node.name, attributes, children)
