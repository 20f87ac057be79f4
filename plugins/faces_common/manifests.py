"""The manifests the site build writes for the backend: their versions and the thread record.

Both sides of each contract read the version from here, so a format change is one edit that
the writer (a plugin) and the reader (faces_backend) cannot disagree on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# polls/manifest.json: idea_polls writes it, faces_backend.polls reads it.
POLLS_MANIFEST_VERSION = 1
# reach/manifest.json: reach writes it, faces_backend.views reads it.
PAGES_MANIFEST_VERSION = 1
# comments/manifest.json: comments writes it, faces_backend.comments reads it.
THREADS_MANIFEST_VERSION = 1
# stories/manifest.json: story_intake writes it, faces_backend.stories reads it.
PROFILES_MANIFEST_VERSION = 1


@dataclass(frozen=True)
class ManifestThread:
    """One post that can hold comments, as the comment manifest lists it."""

    id: str
    path: str
    title: str
    lang: str
    authors: tuple[str, ...]
    open: bool
    internal: bool

    def entry(self) -> dict[str, Any]:
        """The thread's entry in the manifest's `threads` list: its fields, in their order."""
        return {**asdict(self), "authors": list(self.authors)}
