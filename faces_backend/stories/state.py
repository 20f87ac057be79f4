"""What the story handlers need at run time: services, settings, stamps, the known profiles."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from starlette.requests import Request

from faces_backend.http.documents import DocumentSource
from faces_backend.http.form_stamp import FormStamps
from faces_backend.http.moderation_session import Sessions
from faces_backend.http.services import Services
from faces_backend.stories.config import StorySettings
from faces_backend.stories.profiles import NO_PROFILES, parse_story_manifest


@dataclass
class Stories:
    """The story intake of a running app."""

    services: Services
    settings: StorySettings
    stamps: FormStamps
    manifest: DocumentSource[frozenset[str]] | None  # None: FACES_STORIES_MANIFEST unset
    sessions: Sessions  # the moderation pages' logins, shared with the comments' page

    def profiles(self) -> frozenset[str]:
        """Return the profile slugs an accepted story can be assigned to (empty if unknown)."""
        return self.manifest.current() if self.manifest is not None else NO_PROFILES


async def open_stories(
    services: Services,
    stack: contextlib.AsyncExitStack,
    config: StorySettings,
    sessions: Sessions,
) -> Stories:
    """Load the story manifest if one is set (closed with `stack`)."""
    manifest: DocumentSource[frozenset[str]] | None = None
    if config.manifest:
        manifest = DocumentSource(config.manifest, parse_story_manifest, "story manifest")
        await manifest.open()
        stack.push_async_callback(manifest.close)
    stamps = FormStamps(
        services.settings.secret,
        "stories",
        min_seconds=config.min_seconds,
        max_seconds=config.max_seconds,
    )
    return Stories(services, config, stamps, manifest, sessions)


def stories_of(request: Request) -> Stories:
    """Return the story intake of the app serving this request."""
    stories: Stories = request.app.state.stories
    return stories
