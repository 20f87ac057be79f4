"""The running backend's parts, opened and closed together by the app's lifespan."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from functools import partial

from starlette.applications import Starlette

from faces_backend.comments.config import CommentSettings
from faces_backend.comments.state import NotifierFactory, open_comments
from faces_backend.http.identity import VoterIdentity
from faces_backend.http.origins import OriginPolicy
from faces_backend.http.ratelimit import Limiter, RateLimiter
from faces_backend.http.services import Services
from faces_backend.http.settings import Settings
from faces_backend.http.shared_ratelimit import SharedRateLimiter
from faces_backend.polls.ballots import daily_salt
from faces_backend.polls.state import open_polls
from faces_backend.store import Store
from faces_backend.store.opening import open_store
from faces_backend.store.postgres import PostgresStore
from faces_backend.stories.config import StorySettings
from faces_backend.stories.state import open_stories
from faces_backend.views.state import open_views


def rate_limiter(settings: Settings, store: Store) -> Limiter:
    """Return the rate limit: shared in the database with PostgreSQL, else in this process."""
    if isinstance(store, PostgresStore):
        return SharedRateLimiter(store.reader, settings.rate_limit)
    return RateLimiter(settings.rate_limit)


@contextlib.asynccontextmanager
async def lifespan(
    settings: Settings,
    app: Starlette,
    *,
    comments: CommentSettings | None = None,
    notifier: NotifierFactory | None = None,
    stories: StorySettings | None = None,
) -> AsyncIterator[None]:
    """Open the store, the shared services and each feature; close them at shutdown.

    Everything is kept on `app.state`, so the app also works mounted under a parent app,
    as long as the parent runs this app's `router.lifespan_context` in its own lifespan.
    """
    async with contextlib.AsyncExitStack() as stack:
        store = stack.enter_context(open_store(settings.database_url, settings.db_path))

        async def salt_of_day(day: str) -> bytes:
            # The polls own the ballots whose address hashes the new day's salt erases
            # (comments keep no address hash: their rate limit lives in memory only).
            return await store.write(partial(daily_salt, day=day))

        services = Services(
            settings=settings,
            store=store,
            identity=VoterIdentity(settings, salt_of_day),
            limiter=rate_limiter(settings, store),
            origins=OriginPolicy(
                settings.allowed_origins, allow_missing=settings.allow_missing_origin
            ),
        )
        app.state.services = services
        stack.callback(delattr, app.state, "services")
        app.state.polls = await open_polls(services, stack)
        stack.callback(delattr, app.state, "polls")
        app.state.views = await open_views(services, stack)
        stack.callback(delattr, app.state, "views")
        config = comments if comments is not None else CommentSettings()
        # Opened after the store: the notifier's last jobs run before the writer stops.
        app.state.comments = await open_comments(services, stack, config, notifier)
        stack.callback(delattr, app.state, "comments")
        story_config = stories if stories is not None else StorySettings()
        # One login for both moderation pages: the comments' sessions check the stories' too.
        sessions = app.state.comments.sessions
        app.state.stories = await open_stories(services, stack, story_config, sessions)
        stack.callback(delattr, app.state, "stories")
        yield
