"""The reach manifest written by the site build: the page paths whose views may be counted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeGuard

from faces_common.manifests import PAGES_MANIFEST_VERSION

from faces_backend.http.documents import ManifestError, manifest_entries

PATH_MAX_CHARS = 512
# Site-relative page paths as the build writes them: no query, fragment, space or control.
PATH_PATTERN = re.compile(r"/[^\s?#\x00-\x1f\x7f]{0,511}")


@dataclass(frozen=True)
class ViewManifest:
    """The paths the site publishes; views of any other path are refused."""

    generated: str
    paths: frozenset[str]


def is_page_path(value: Any) -> TypeGuard[str]:
    """Return whether a value has the shape of a countable page path."""
    return isinstance(value, str) and PATH_PATTERN.fullmatch(value) is not None


def parse_view_manifest(text: str | bytes) -> ViewManifest:
    """Parse and validate the reach manifest; raise ManifestError naming the entry."""
    generated, pages = manifest_entries(text, "pages", PAGES_MANIFEST_VERSION)
    paths: set[str] = set()
    for index, entry in enumerate(pages):
        path = entry.get("path") if isinstance(entry, dict) else None
        if not is_page_path(path):
            raise ManifestError(
                f"pages[{index}].path is {path!r}; expected a site path such as '/2026/slug/' "
                f"(at most {PATH_MAX_CHARS} characters, no spaces, '?' or '#')"
            )
        if path in paths:
            raise ManifestError(f"pages[{index}].path {path!r} appears twice")
        paths.add(path)
    return ViewManifest(generated=generated, paths=frozenset(paths))
