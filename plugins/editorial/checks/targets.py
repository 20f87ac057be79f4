"""What a link or image target in a post points to, resolved the way Pelican resolves it."""

from __future__ import annotations

import posixpath
import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

# Pelican's default INTRASITE_LINK_REGEX, anchored at the start: {filename}, |static| ...
_INTRASITE = re.compile(r"^[{|](?P<what>[a-z]+)[|}](?P<rest>.*)$")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


class Target(NamedTuple):
    """A parsed target: its {what} prefix, the content-relative path it names, or external."""

    raw: str
    what: str
    path: str
    external: bool

    @property
    def is_markdown(self) -> bool:
        """Names a Markdown source file."""
        return self.path.lower().endswith((".md", ".markdown", ".mkd", ".mdown"))


def parse_target(raw: str, source_relative: str) -> Target:
    """Resolve a target written in the file at source_relative (content-relative, posix)."""
    match = _INTRASITE.match(raw)
    what, rest = (match["what"], match["rest"]) if match else ("", raw)
    if not what and _EXTERNAL.match(raw):
        return Target(raw, "", "", external=True)
    path = unquote(urlsplit(rest).path)
    if not path:
        return Target(raw, what, "", external=False)
    if path.startswith("/"):
        resolved = path.lstrip("/")
    else:
        resolved = posixpath.join(posixpath.dirname(source_relative), path)
    return Target(raw, what, posixpath.normpath(resolved), external=False)
