"""Check that every link and image in the built site points to a file that exists (no network).

A file the preview server makes on its first request (a cover copy or a person's photo a preview
build ordered: clean_images.ordered_copies, author_profiles.ordered_photos) counts as there: it
is, as soon as a browser asks for it.
"""

from __future__ import annotations

import os
import posixpath
import sys
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from author_profiles import ordered_photos
from clean_images import ordered_copies

# Attributes that hold an address a browser follows or loads.
_URL_ATTRIBUTES = {"href", "src", "poster", "action", "data"}
_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
_NO_FOLDER = {
    "de": "{output}: Diesen Ordner gibt es nicht. Bauen Sie die Website zuerst "
    "(uv run invoke publish) oder nennen Sie den gebauten Ordner mit --output.",
    "en": "{output}: there is no such folder. Build the site first (uv run invoke publish) "
    "or name the built folder with --output.",
}


@dataclass(frozen=True)
class BrokenLink:
    """A link in a page whose target is not in the output."""

    page: str
    line: int
    url: str
    reason: str

    def format(self) -> str:
        """'page:line: broken link url (reason)'."""
        return f"{self.page}:{self.line}: broken link {self.url} ({self.reason})"


@dataclass(frozen=True)
class _Link:
    url: str
    line: int


class _PageParser(HTMLParser):
    """Collect a page's ids and the addresses in its url attributes (and srcset)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[_Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in _URL_ATTRIBUTES:
                self.links.append(_Link(value.strip(), line))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append(_Link(candidate.split()[0], line))


def check_output(output: Path, site_url: str, ignore: Sequence[str]) -> list[BrokenLink]:
    """Every broken internal link in the HTML pages under output."""
    base = urlsplit(site_url)
    prefix = base.path.rstrip("/")
    pages = {}
    for path in sorted(output.rglob("*.html")):
        parser = _PageParser()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        pages[path.relative_to(output).as_posix()] = parser
    site = _Site(output, pages, ordered_copies(output) | ordered_photos(output))
    broken = []
    for page, parser in pages.items():
        page_url = f"{prefix}/{page}"
        for link in parser.links:
            reason = _problem(link.url, page_url, base.netloc, prefix, site, ignore)
            if reason:
                broken.append(BrokenLink(page, link.line, link.url, reason))
    return broken


@dataclass(frozen=True)
class _Site:
    output: Path
    pages: dict[str, _PageParser]
    made_on_request: Container[str]


def _problem(
    url: str, page_url: str, host: str, prefix: str, site: _Site, ignore: Iterable[str]
) -> str:
    if not url or url.lower().startswith(_SKIPPED_SCHEMES):
        return ""
    parts = urlsplit(url)
    if (parts.scheme or parts.netloc) and (parts.netloc != host or not host):
        return ""  # another site: not ours to check, and no network here
    path = parts.path
    if not path:
        target_page = page_url
    elif path.startswith("/"):
        target_page = path
    else:
        target_page = posixpath.join(posixpath.dirname(page_url), path)
    target_page = posixpath.normpath(unquote(target_page)) + ("/" if path.endswith("/") else "")
    if any(target_page.startswith(p) or target_page.startswith(prefix + p) for p in ignore):
        return ""
    if prefix and not (target_page == prefix or target_page.startswith(prefix + "/")):
        return f"outside the site's path {prefix}/"
    relative = target_page[len(prefix) :].lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    file = site.output / relative
    if not file.is_file():
        if (file / "index.html").is_file():
            relative = f"{relative}/index.html"
        elif relative not in site.made_on_request:
            return f"no file {relative}"
    pages = site.pages
    if parts.fragment and relative in pages and unquote(parts.fragment) not in pages[relative].ids:
        return f"no id #{parts.fragment} in {relative}"
    return ""


def run_linkcheck(output: str, site_url: str, ignore: Sequence[str], lang: str = "de") -> int:
    """Print every broken link and return 1 if there is any."""
    folder = Path(output)
    if not folder.is_dir():
        print(_NO_FOLDER["en" if lang == "en" else "de"].format(output=output), file=sys.stderr)
        return 2
    broken = check_output(folder, site_url, ignore)
    for link in broken:
        print(link.format())
    pages = sum(1 for _ in folder.rglob("*.html"))
    print(f"{len(broken)} broken link(s) in {pages} page(s) under {os.path.normpath(output)}.")
    return 1 if broken else 0
