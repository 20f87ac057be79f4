"""Loading the manifest from a file or URL and noticing a rebuilt site."""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

import pytest

from faces_backend.http.documents import FetchError, ManifestError, fetch_url
from faces_backend.polls.manifest_source import ManifestSource, load_manifest
from tests.backend.helpers import poll, write_manifest
from tests.servers import free_port, serve_static


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def touch_later(path: Path) -> None:
    """Move the file's mtime forward, as a rebuild a moment later would."""
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def test_file_is_reread_when_it_changes_at_most_once_a_second(tmp_path: Path) -> None:
    path = write_manifest(tmp_path / "polls.json", [poll("a")])
    clock = Clock()
    source = ManifestSource(str(path), clock=clock)

    async def scenario() -> list[list[str]]:
        await source.open()
        seen = [sorted(source.current().polls)]
        write_manifest(path, [poll("a"), poll("b")])
        touch_later(path)
        clock.now += 0.5
        seen.append(sorted(source.current().polls))
        clock.now += 0.6
        seen.append(sorted(source.current().polls))
        await source.close()
        return seen

    assert asyncio.run(scenario()) == [["a"], ["a"], ["a", "b"]]


def test_a_broken_rebuild_keeps_the_previous_manifest(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_manifest(tmp_path / "polls.json", [poll("a")])
    clock = Clock()
    source = ManifestSource(str(path), clock=clock)

    async def scenario() -> list[str]:
        await source.open()
        path.write_text("{ half written", encoding="utf-8")
        touch_later(path)
        clock.now += 2
        return sorted(source.current().polls)

    with caplog.at_level(logging.ERROR, logger="faces_backend"):
        assert asyncio.run(scenario()) == ["a"]
    assert "keeping the previous manifest" in caplog.text
    assert str(path) in caplog.text


def test_missing_file_fails_at_start(tmp_path: Path) -> None:
    source = ManifestSource(str(tmp_path / "nope.json"))
    with pytest.raises(ManifestError, match=r"cannot read the poll manifest .*nope\.json"):
        asyncio.run(source.open())


def test_load_manifest_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "polls.json"
    path.write_text('{"version": 1, "polls": [{"id": "p"}]}', encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_manifest(str(path))
    assert (
        str(caught.value) == f"poll manifest {path}: poll 'p': 'options' must be a non-empty list"
    )


def test_manifest_from_a_url(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    write_manifest(site / "polls.json", [poll("remote")])
    with serve_static(site, free_port()) as base:
        url = f"{base}polls.json"
        assert list(load_manifest(url).polls) == ["remote"]
        clock = Clock()
        source = ManifestSource(url, clock=clock)

        async def scenario() -> list[list[str]]:
            await source.open()
            seen = [sorted(source.current().polls)]
            write_manifest(site / "polls.json", [poll("remote"), poll("rebuilt")])
            touch_later(site / "polls.json")
            clock.now += 31  # past URL_CHECK_SECONDS: a conditional GET runs in the background
            seen.append(sorted(source.current().polls))
            # The refresh runs in a thread: wait for its outcome, bounded, not for a time.
            deadline = asyncio.get_running_loop().time() + 30
            while len(source.current().polls) != 2:
                assert asyncio.get_running_loop().time() < deadline, "no refresh in 30 s"
                await asyncio.sleep(0.01)
            seen.append(sorted(source.current().polls))
            await source.close()
            return seen

        assert asyncio.run(scenario()) == [["remote"], ["remote"], ["rebuilt", "remote"]]
        with pytest.raises(ManifestError, match="cannot read the poll manifest"):
            load_manifest(f"{base}missing.json")


def test_fetch_url_answers_304_and_names_http_errors(tmp_path: Path) -> None:
    write_manifest(tmp_path / "polls.json", [poll("a")])
    with serve_static(tmp_path, free_port()) as base:
        first = fetch_url(f"{base}polls.json")
        validators = {"If-Modified-Since": first.headers["last-modified"]}
        unchanged = fetch_url(f"{base}polls.json", validators)
        with pytest.raises(FetchError, match=r"^HTTP 404 File not found$"):
            fetch_url(f"{base}missing.json")
    assert (first.status, unchanged.status, unchanged.body) == (200, 304, b"")
    with pytest.raises(FetchError, match="refused"):
        fetch_url(f"http://127.0.0.1:{free_port()}/polls.json")
