"""The plugin's settings: documented, and refused by key and value when they cannot work."""

from __future__ import annotations

from typing import Any

import pytest
from comments import thread_file_name, thread_id
from comments.plugin import DEFAULTS, validate
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from tests.plugin_settings import assert_refused_by_name
from tests.readme import documented_settings


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("comments", "COMMENTS_") == set(DEFAULTS)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("COMMENTS_ENABLED", "yes"),
        ("COMMENTS_ALLOW_ANONYMOUS", 1),
        ("COMMENTS_ENDPOINT", "//evil.example/api"),
        ("COMMENTS_ENDPOINT", "/api/comments/"),
        ("COMMENTS_ENDPOINT", "api/comments"),
        ("COMMENTS_ENDPOINT", '/api"><script>'),
        ("COMMENTS_DATA_PATH", "/etc"),
        ("COMMENTS_FIGURES_PATH", "data/figures.txt"),
        ("COMMENTS_MANIFEST_SAVE_AS", ""),
    ],
)
def test_bad_settings_are_refused_by_name(key: str, value: Any) -> None:
    assert_refused_by_name(validate, {**DEFAULTS, key: value}, key)


def _article(metadata: dict[str, Any], source: str = "/site/content/posts/2026/a.md") -> Article:
    settings = {**DEFAULT_CONFIG, "PATH": "/site/content"}
    return Article("x", metadata={"title": "A", **metadata}, settings=settings, source_path=source)


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        pytest.param({}, "posts/2026/a", id="no Id: the source path"),
        pytest.param({"id": "kantine-2026"}, "kantine-2026", id="the Id"),
        pytest.param({"id": " kantine-2026 "}, "kantine-2026", id="the Id without spaces"),
        pytest.param({"id": "ab"}, "posts/2026/a", id="too short: the source path"),
        pytest.param({"id": "a/b/c"}, "posts/2026/a", id="not a slug: the source path"),
        pytest.param({"id": "x" * 65}, "posts/2026/a", id="too long: the source path"),
    ],
)
def test_thread_id(metadata: dict[str, Any], expected: str) -> None:
    assert thread_id(_article(metadata)) == expected


def test_thread_file_name() -> None:
    assert thread_file_name("posts/2026/a") == "posts--2026--a.json"
    assert thread_file_name("kantine-2026") == "kantine-2026.json"
