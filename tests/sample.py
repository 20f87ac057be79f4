"""An independent reading of the sample content, to compare the build against."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
_FIELD = re.compile(r"^([A-Za-z-]+):\s*(.*)$")


@dataclass(frozen=True)
class Post:
    """A post as its file declares it."""

    path: Path
    meta: dict[str, str]

    @property
    def date(self) -> dt.datetime:
        """The publication date."""
        return dt.datetime.fromisoformat(self.meta["date"])

    @property
    def is_draft(self) -> bool:
        """Marked as draft in the file."""
        return self.meta.get("status") == "draft"

    @property
    def is_public(self) -> bool:
        """Appears on the public site: published, dated in the past, not internal."""
        return (
            not self.is_draft
            and self.date <= dt.datetime.now()
            and self.meta.get("visibility", "public") != "internal"
        )


def read_meta(path: Path) -> dict[str, str]:
    """The header fields of a Markdown file (first occurrence of each, lower-case keys)."""
    meta: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        match = _FIELD.match(line)
        if match:
            meta.setdefault(match[1].lower(), match[2].strip())
    return meta


def posts() -> list[Post]:
    """Every post of the sample site."""
    return [Post(p, read_meta(p)) for p in sorted((CONTENT / "posts").rglob("*.md"))]


def pages() -> list[Post]:
    """Every page of the sample site."""
    return [Post(p, read_meta(p)) for p in sorted((CONTENT / "pages").rglob("*.md"))]
