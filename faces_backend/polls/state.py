"""What the polls' handlers need at run time: the shared services and the poll manifest."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from starlette.requests import Request

from faces_backend.http.services import Services
from faces_backend.polls.manifest_source import ManifestSource


@dataclass
class Polls:
    """The polls feature of a running app."""

    services: Services
    manifest: ManifestSource


async def open_polls(services: Services, stack: contextlib.AsyncExitStack) -> Polls:
    """Load the poll manifest (closed with `stack`) and return the feature's state."""
    manifest = ManifestSource(services.settings.manifest)
    await manifest.open()
    stack.push_async_callback(manifest.close)
    return Polls(services, manifest)


def polls_of(request: Request) -> Polls:
    """Return the polls feature of the app serving this request."""
    polls: Polls = request.app.state.polls
    return polls
