"""The manifests' contract: what a plugin writes is what the backend reads, version included."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from typing import Any

import pytest
from comments.manifest import manifest as threads_manifest
from faces_common.manifests import ManifestThread
from idea_polls.manifest import manifest as polls_manifest
from reach.pages import manifest as pages_manifest

from devserver.output import EMPTY_MANIFESTS
from faces_backend.comments.threads import parse_comment_manifest
from faces_backend.http.documents import ManifestError
from faces_backend.polls.manifest import parse_manifest
from faces_backend.stories.profiles import parse_story_manifest
from faces_backend.views.manifest import parse_view_manifest

BUILT = dt.datetime(2026, 12, 6, 20, 0, tzinfo=dt.UTC)
THREADS = (
    ManifestThread("2026-kantine", "/2026/kantine/", "Kantine", "de", ("anna", "ben"), True, False),
    ManifestThread("2026-intern", "/2026/intern/", "Intern", "en", (), False, True),
)


def test_the_backend_reads_back_every_thread_the_plugin_writes() -> None:
    document = json.dumps(threads_manifest(THREADS, BUILT)).encode()
    read = parse_comment_manifest(document)
    assert read.threads == {thread.id: thread for thread in THREADS}
    assert read.generated == "2026-12-06T20:00:00Z"


@pytest.mark.parametrize(
    ("written", "parse"),
    [
        (threads_manifest(THREADS, BUILT), parse_comment_manifest),
        (polls_manifest([], BUILT), parse_manifest),
        (pages_manifest([], BUILT), parse_view_manifest),
    ],
    ids=["threads", "polls", "pages"],
)
def test_the_backend_reads_the_version_the_plugin_writes_and_no_other(
    written: dict[str, Any], parse: Callable[[bytes], object]
) -> None:
    parse(json.dumps(written).encode())
    future = {**written, "version": written["version"] + 1}
    with pytest.raises(ManifestError, match="this backend reads version"):
        parse(json.dumps(future).encode())


@pytest.mark.parametrize(
    ("folder", "parse"),
    [
        ("polls", parse_manifest),
        ("reach", parse_view_manifest),
        ("comments", parse_comment_manifest),
        ("stories", parse_story_manifest),
    ],
)
def test_the_previews_empty_manifests_are_ones_the_backend_reads(
    folder: str, parse: Callable[[bytes], object]
) -> None:
    parse(json.dumps(EMPTY_MANIFESTS[os.path.join(folder, "manifest.json")]).encode())
