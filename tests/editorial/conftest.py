"""Fixtures for the editorial tests: the broken corpus checked from its own folder, a tiny site."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.minisite import make_site

BROKEN = Path(__file__).resolve().parent / "broken"


@pytest.fixture(scope="session")
def broken_settings() -> dict[str, Any]:
    """The settings of the broken corpus with every plugin's defaults merged."""
    from editorial.config import load_settings

    return load_settings(str(BROKEN / "siteconf.py"))


@pytest.fixture
def in_broken(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run the test from the corpus folder, so that problems name content/posts/…"""
    monkeypatch.chdir(BROKEN)
    yield BROKEN
    assert os.getcwd() == str(BROKEN)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A tiny site (one profile: miriam-keller) as the current folder; yields its settings.

    Modules that need more in the site (test_hints, test_story_draft) define their own.
    """
    settings = make_site(tmp_path, {})
    monkeypatch.chdir(tmp_path)
    yield settings
