"""create_app: the app works at the root and mounted under /api by a parent app."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount

from faces_backend import Settings, create_app
from tests.backend.helpers import JSON, ORIGIN, TestClient


def test_mounted_under_api(settings: Settings) -> None:
    polls = create_app(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with polls.router.lifespan_context(polls):
            yield

    parent = Starlette(routes=[Mount("/api", app=polls)], lifespan=lifespan)
    with TestClient(parent, base_url="https://testserver") as client:
        vote = client.post("/api/vote", data={"poll": "live", "choice": "cafe"}, headers=JSON)
        assert vote.status_code == 201
        assert "; Path=/api/;" in vote.headers["set-cookie"]
        assert client.get("/api/polls/live/results").json()["results"]["total"] == 1
        assert client.get("/api/openapi.json").json()["servers"] == [{"url": "/api"}]
        assert client.get("/api/health").json()["status"] == "ok"
        assert client.post("/vote", data={}, headers={"Origin": ORIGIN}).status_code == 404


def test_each_app_has_its_own_state(settings: Settings, tmp_path: Path) -> None:
    first = create_app(settings)
    second = create_app(replace(settings, db_path=tmp_path / "other.sqlite3"))
    with TestClient(first) as one, TestClient(second) as two:
        one.post("/vote", data={"poll": "live", "choice": "cafe"}, headers=JSON)
        assert one.get("/polls/live/results").json()["results"]["total"] == 1
        assert two.get("/polls/live/results").json()["results"]["total"] == 0
