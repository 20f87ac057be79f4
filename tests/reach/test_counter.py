"""The view counter in-process: what counts, what does not, and what the database keeps."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from faces_backend.store.sqlite import SqliteStore
from faces_backend.store.writer import Writer
from faces_backend.views.counter import ViewCounter
from faces_backend.views.endpoints import PIXEL
from tests.backend.helpers import ORIGIN, TestClient
from tests.reach.conftest import AppFactory
from tests.reach.helpers import BROWSER_UA, PAGES, READER, reader, stored_views, write_pages


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def test_a_view_by_script_and_by_image_each_count_once(
    make_app: AppFactory, views_settings: Any
) -> None:
    with TestClient(make_app(), base_url=ORIGIN) as client:
        beacon = client.post("/views?p=/2026/kantine/", headers=reader(1))
        pixel = client.get("/views.gif?p=/ueber-uns/", headers={"User-Agent": BROWSER_UA})
    assert (beacon.status_code, beacon.content) == (204, b"")
    assert beacon.headers["reach-status"] == "counted"
    assert beacon.headers["cache-control"] == "no-store"
    assert "set-cookie" not in beacon.headers and "set-cookie" not in pixel.headers
    assert (pixel.status_code, pixel.headers["content-type"]) == (200, "image/gif")
    assert pixel.content == PIXEL and pixel.headers["reach-status"] == "counted"
    assert stored_views(views_settings.db_path) == [
        ("/2026/kantine/", today(), 1),
        ("/ueber-uns/", today(), 1),
    ]


def test_views_of_a_day_are_added_up_per_page(make_app: AppFactory, views_settings: Any) -> None:
    with TestClient(make_app(), base_url=ORIGIN) as client:
        for number in range(5):
            client.post("/views?p=/2026/kantine/", headers=reader(number))
        for number in range(3):
            client.get("/views.gif?p=/", headers=reader(number))
    assert stored_views(views_settings.db_path) == [
        ("/", today(), 3),
        ("/2026/kantine/", today(), 5),
    ]


@pytest.mark.parametrize(
    ("target", "headers", "code", "status"),
    [
        ("/views?p=/gibt-es-nicht/", {}, 404, "unknown_path"),
        ("/views?p=/2026/kantine", {}, 404, "unknown_path"),  # exact paths only
        ("/views?p=/2026/kantine/index.html", {}, 404, "unknown_path"),
        ("/views", {}, 400, "malformed"),
        ("/views?p=", {}, 400, "malformed"),
        ("/views?p=2026/kantine/", {}, 400, "malformed"),
        ("/views?p=/2026/kantine/&p=/ueber-uns/", {}, 400, "malformed"),
        ("/views?p=/a%20b/", {}, 400, "malformed"),
        ("/views?p=/%ff/", {}, 400, "malformed"),
        ("/views?p=/2026/kantine/%0a", {}, 400, "malformed"),
        ("/views?p=/" + "a" * 1100, {}, 414, "query_too_long"),
        ("/views?p=/2026/kantine/", {"Origin": "https://evil.example"}, 403, "origin_not_allowed"),
        ("/views?p=/2026/kantine/", {"Origin": "null"}, 403, "origin_not_allowed"),
    ],
)
def test_bad_requests_get_a_4xx_and_count_nothing(
    make_app: AppFactory,
    views_settings: Any,
    target: str,
    headers: dict[str, str],
    code: int,
    status: str,
) -> None:
    with TestClient(make_app(), base_url=ORIGIN) as client:
        answer = client.post(target, headers={**reader(1), **headers})
        pixel = client.get(
            target.replace("/views", "/views.gif", 1), headers={**reader(2), **headers}
        )
    assert (answer.status_code, answer.json()) == (code, {"status": status})
    assert answer.headers["reach-status"] == status
    assert pixel.status_code == code
    assert stored_views(views_settings.db_path) == []


def test_an_oversized_body_is_refused(make_app: AppFactory, views_settings: Any) -> None:
    with TestClient(make_app(), base_url=ORIGIN) as client:
        small = client.post("/views?p=/ueber-uns/", headers=reader(1), content=b"x" * 100)
        large = client.post("/views?p=/2026/kantine/", headers=reader(2), content=b"x" * 5000)
    assert small.status_code == 204
    assert (large.status_code, large.json()) == (413, {"status": "too_large"})
    assert stored_views(views_settings.db_path) == [("/ueber-uns/", today(), 1)]


BOTS = [
    "",
    "curl/8.5.0",
    "python-httpx/0.28.1",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)",
    BROWSER_UA.replace("Chrome/", "HeadlessChrome/"),
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"DNT": "1"}, "do_not_track"),
        ({"Sec-GPC": "1"}, "global_privacy_control"),
        *[({"User-Agent": agent}, "bot") for agent in BOTS],
    ],
)
def test_do_not_track_gpc_and_bots_are_not_counted(
    make_app: AppFactory, views_settings: Any, headers: dict[str, str], status: str
) -> None:
    with TestClient(make_app(), base_url=ORIGIN) as client:
        beacon = client.post("/views?p=/2026/kantine/", headers={**reader(1), **headers})
        pixel = client.get("/views.gif?p=/2026/kantine/", headers={**reader(2), **headers})
    assert (beacon.status_code, beacon.headers["reach-status"]) == (204, status)
    assert (pixel.status_code, pixel.headers["reach-status"]) == (200, status)
    assert stored_views(views_settings.db_path) == []


@pytest.mark.parametrize(
    "user_agent",
    [
        BROWSER_UA,
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36",
    ],
)
def test_readers_browsers_count(make_app: AppFactory, views_settings: Any, user_agent: str) -> None:
    with TestClient(make_app(), base_url=ORIGIN) as client:
        answer = client.post("/views?p=/", headers={**reader(1), "User-Agent": user_agent})
    assert answer.headers["reach-status"] == "counted"


def test_a_head_request_counts_nothing(make_app: AppFactory, views_settings: Any) -> None:
    with TestClient(make_app(), base_url=ORIGIN) as client:
        answer = client.head("/views.gif?p=/", headers=reader(1))
    assert (answer.status_code, answer.headers["reach-status"]) == (200, "head_request")
    assert stored_views(views_settings.db_path) == []


def test_a_reload_loop_counts_once(make_app: AppFactory, views_settings: Any) -> None:
    with TestClient(make_app(), base_url=ORIGIN) as client:
        statuses = [
            client.post("/views?p=/2026/kantine/", headers=reader(7)).headers["reach-status"]
            for _ in range(50)
        ]
        pixel = client.get("/views.gif?p=/2026/kantine/", headers=reader(7))
        other_reader = client.post("/views?p=/2026/kantine/", headers=reader(8))
        other_browser = client.post(
            "/views?p=/2026/kantine/",
            headers={**reader(7), "User-Agent": BROWSER_UA.replace("130", "131")},
        )
    assert statuses == ["counted"] + ["repeat"] * 49
    assert pixel.headers["reach-status"] == "repeat"
    assert other_reader.headers["reach-status"] == "counted"
    assert other_browser.headers["reach-status"] == "counted"
    assert stored_views(views_settings.db_path) == [("/2026/kantine/", today(), 3)]


def test_a_client_walking_the_site_is_limited_per_minute(
    make_app: AppFactory, views_settings: Any
) -> None:
    with TestClient(make_app(views_rate_limit=3), base_url=ORIGIN) as client:
        answers = [client.post(f"/views?p={page}", headers=reader(9)) for page in PAGES[:5]]
    assert [a.status_code for a in answers] == [204, 204, 204, 429, 429]
    assert answers[3].json() == {"status": "rate_limited"}
    assert 1 <= int(answers[3].headers["retry-after"]) <= 60
    assert len(stored_views(views_settings.db_path)) == 3


def test_without_a_reach_manifest_nothing_counts(make_app: AppFactory, views_settings: Any) -> None:
    with TestClient(make_app(views_manifest=""), base_url=ORIGIN) as client:
        answer = client.post("/views?p=/2026/kantine/", headers=reader(1))
        unknown = client.post("/views?p=/gibt-es-nicht/", headers=reader(1))
    assert (answer.status_code, answer.headers["reach-status"]) == (204, "disabled")
    assert unknown.headers["reach-status"] == "disabled"
    assert stored_views(views_settings.db_path) == []


def test_a_rebuilt_site_is_picked_up(
    make_app: AppFactory, views_settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("faces_backend.http.documents.FILE_CHECK_SECONDS", 0.0)
    with TestClient(make_app(), base_url=ORIGIN) as client:
        before = client.post("/views?p=/2027/neu/", headers=reader(1))
        path = Path(views_settings.views_manifest)
        write_pages(path, [*PAGES, "/2027/neu/"])
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
        after = client.post("/views?p=/2027/neu/", headers=reader(1))
    assert (before.status_code, after.status_code) == (404, 204)
    assert stored_views(views_settings.db_path) == [("/2027/neu/", today(), 1)]


def test_the_database_holds_nothing_but_path_day_and_count(
    make_app: AppFactory, views_settings: Any
) -> None:
    with TestClient(make_app(), base_url=ORIGIN) as client:
        for number in range(20):
            headers = {**reader(number), "Referer": f"{ORIGIN}/2026/kantine/?utm=x"}
            client.post("/views?p=/2026/kantine/", headers=headers)
            client.get("/views.gif?p=/datenschutz/", headers=headers)
        client.post("/views?p=/2026/kantine/", headers={**reader(99), "Sec-GPC": "1"})
    db = views_settings.db_path
    conn = sqlite3.connect(db)
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(page_views)")]
        others = {
            table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for (table,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'page_views'"
            )
        }
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    assert columns == ["path", "day", "views"]
    assert set(others.values()) == {0}, others
    assert stored_views(db) == [
        ("/2026/kantine/", today(), 20),
        ("/datenschutz/", today(), 20),
    ]
    raw = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
    for trace in (b"198.51.100.", b"Mozilla", b"Chrome", b"utm=x", b"blog.example.com"):
        assert trace not in raw


def test_the_counter_keeps_views_when_the_database_fails(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "faces.sqlite3")
    counter = ViewCounter(SqliteStore(writer, reader=sqlite3.connect(":memory:")))

    async def scenario() -> tuple[int, int, int]:
        counter.add("/a/", "2026-11-22")
        counter.add("/a/", "2026-11-22")
        written_while_stopped = await counter.flush()  # the writer is not running
        kept = counter.pending()
        writer.start()
        try:
            return written_while_stopped, kept, await counter.flush()
        finally:
            writer.stop()

    assert asyncio.run(scenario()) == (0, 2, 2)
    assert stored_views(tmp_path / "faces.sqlite3") == [("/a/", "2026-11-22", 2)]
    assert counter.pending() == 0


def test_views_and_votes_share_the_writer(make_app: AppFactory, views_settings: Any) -> None:
    vote_headers = {
        "Origin": ORIGIN,
        "Accept": "application/json",
        "X-Forwarded-For": "203.0.113.5",
    }
    with TestClient(make_app(), base_url=ORIGIN) as client:
        client.post("/views?p=/2026/kantine/", headers=READER | {"X-Forwarded-For": "198.51.100.1"})
        vote = client.post("/vote", data={"poll": "live", "choice": "cafe"}, headers=vote_headers)
    assert vote.status_code == 201
    assert stored_views(views_settings.db_path) == [("/2026/kantine/", today(), 1)]
