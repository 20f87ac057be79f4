"""The frame both stamped forms answer through (http/stamped_post.py): way back, body limit."""

from __future__ import annotations

from bs4 import BeautifulSoup

from faces_backend import Settings
from tests.backend.comments_support import COMMENTS
from tests.backend.helpers import JSON, ORIGIN, ClientFactory
from tests.backend.stories_support import (
    NEXT,
    STORIES,
    make_story_client,
    story_settings,
)

__all__ = ["make_story_client", "story_settings"]

PLAIN_FORM = {"Origin": ORIGIN, "Accept": "text/html"}


def page_links(text: str) -> list[str]:
    """The addresses a plain answer page links to."""
    return [link["href"] for link in BeautifulSoup(text, "html.parser").select("a[href]")]


def test_a_rate_limited_proposal_leads_back_to_the_page_it_came_from(
    make_story_client: ClientFactory, settings: Settings
) -> None:
    client = make_story_client(rate_limit=1)
    assert STORIES.post(client).status_code == 201
    refused = STORIES.post(client, PLAIN_FORM)
    assert refused.status_code == 429
    assert page_links(refused.text) == [NEXT]
    assert len(STORIES.stored(settings)) == 1


def test_a_refused_proposal_without_a_way_back_links_nowhere(
    make_story_client: ClientFactory,
) -> None:
    client = make_story_client(rate_limit=1)
    assert STORIES.post(client).status_code == 201
    refused = STORIES.post(client, PLAIN_FORM, _next="")
    assert refused.status_code == 429
    assert page_links(refused.text) == []


def test_both_forms_refuse_a_body_past_the_one_limit_unread(
    make_story_client: ClientFactory,
) -> None:
    client = make_story_client()
    form_type = {**JSON, "Content-Type": "application/x-www-form-urlencoded"}
    for path in (STORIES.path, COMMENTS.path):
        at_limit = client.post(path, content=b"text=" + b"a" * (96 * 1024 - 5), headers=form_type)
        over = client.post(path, content=b"text=" + b"a" * (96 * 1024 - 4), headers=form_type)
        assert at_limit.json()["status"] != "too_large"
        assert (over.status_code, over.json()["status"]) == (413, "too_large")
