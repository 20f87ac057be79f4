"""Builds of the comment test site, shared by the tests of one module."""

from __future__ import annotations

import pytest

from tests.comments.site import build_comment_site
from tests.sites import BuildRun


@pytest.fixture(scope="session")
def comment_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The public build of the comment test site."""
    return build_comment_site(tmp_path_factory.mktemp("comments-public"))


@pytest.fixture(scope="session")
def intranet_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The intranet build (internal posts too) where a name is required."""
    return build_comment_site(
        tmp_path_factory.mktemp("comments-intranet"),
        extra='VISIBILITY_AUDIENCE = "internal"\nCOMMENTS_ALLOW_ANONYMOUS = False\n',
    )


@pytest.fixture(scope="session")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The site after the post with an Id got a new slug, with comments switched off site-wide."""
    return build_comment_site(
        tmp_path_factory.mktemp("comments-renamed"),
        slug="kantine-neu",
        extra="COMMENTS_ENABLED = False\n",
    )
