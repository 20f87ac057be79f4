"""Find words of a form of address and a locale's spelling in the interface of built pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup

# "Sie" in the middle of a sentence, after a verb ("melden Sie"), and every "Ihr…"/"Ihnen".
FORMAL = re.compile(
    r"(?<![.!?:«»„“\"]\s)(?<!^)\bSie\b|\b(?:Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b"
)
INFORMAL = re.compile(
    r"\b(?:du|Du|dich|dir|Dir|dein|deine|deinen|deinem|deiner|deines|Dein|Deine)\b"
)
# What authors wrote: post bodies, titles, summaries. The poll box and the comments inside a
# post are the interface and stay in.
# The review page's problems are `invoke check`'s words for editors, which stay in the Sie form.
CONTENT = (
    ".e-content > :not(.poll):not(.comments), .page__content, .comment__text, "
    ".review-problem__message, .review-problem__fix, "
    ".card__summary, .card__title, .post__title, .author-box__bio, .person__bio, "
    ".page > h1, title"
)
HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]*)"')
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


def interface_texts(page: Path) -> Iterator[str]:
    """Each text and labelling attribute of a page that the theme or a plugin wrote."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for content in soup.select(CONTENT):
        content.decompose()
    for element in soup.select("script, style, pre, code"):
        element.decompose()
    for text in soup.find_all(string=True):
        if text.strip():
            yield " ".join(text.split())
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if (name in ATTRIBUTES or name.startswith("data-")) and isinstance(value, str):
                yield value


def findings(output: Path, pattern: re.Pattern[str], lang: str = "") -> list[str]:
    """'page: text' for every interface text of the site's pages (in lang) matching the pattern."""
    return [
        f"{page.relative_to(output)}: {text}"
        for page in sorted(output.rglob("*.html"))
        if page_lang(page).startswith(lang)
        for text in interface_texts(page)
        if pattern.search(text)
    ]


def page_lang(page: Path) -> str:
    """The page's language as its html element says ("" when it says none)."""
    with page.open(encoding="utf-8") as html:
        found = HTML_LANG.search(html.read(2048))
    return found.group(1) if found else ""
