"""The answer page prints shares in the site's locale, as the static page and the script do."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from faces_backend.http.settings import Settings
from tests.backend.helpers import FORM, NEXT, ClientFactory, config_refusal, vote


def figures_after_three_votes(make_client: ClientFactory, **changes: object) -> list[str]:
    """Vote cafe, cafe, salatbar (three readers) and return the figures of the last answer."""
    client = make_client(**changes)
    response = None
    for choice in ("cafe", "cafe", "salatbar"):
        client.cookies.clear()
        response = vote(client, FORM, choice=choice, _next=NEXT)
        assert response.status_code == 201
    assert response is not None
    page = BeautifulSoup(response.text, "html.parser")
    return [figure.get_text() for figure in page.select(".poll__result-figure")]


@pytest.mark.parametrize(
    ("changes", "figures"),
    [
        # de_CH is the site's default I18N_LOCALE: no space before the sign, like "52%".
        ({}, ["1 Stimme (33%)", "2 Stimmen (67%)"]),
        ({"locale": "de_CH"}, ["1 Stimme (33%)", "2 Stimmen (67%)"]),
        ({"locale": "de_DE"}, ["1 Stimme (33\xa0%)", "2 Stimmen (67\xa0%)"]),
        ({"locale": "de_AT"}, ["1 Stimme (33\xa0%)", "2 Stimmen (67\xa0%)"]),
        ({"locale": "en_GB", "language": "en"}, ["1 vote (33%)", "2 votes (67%)"]),
    ],
)
def test_shares_follow_the_sites_locale(
    make_client: ClientFactory, changes: dict[str, str], figures: list[str]
) -> None:
    assert figures_after_three_votes(make_client, **changes) == figures


@pytest.mark.parametrize("raw", ["xx_YY", "deutsch", "../../etc", "tlh_Klingon"])
def test_an_unknown_locale_names_the_variable_and_the_fix(raw: str) -> None:
    refused = config_refusal(Settings.from_env, {"FACES_LOCALE": raw}, for_server=False)
    assert refused == (
        f"FACES_LOCALE has value {raw!r}. Not a locale Babel knows; expected the site's "
        "locale as in the build, e.g. de_CH, de_DE or en_GB."
    )
