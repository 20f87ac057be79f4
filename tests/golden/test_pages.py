"""Golden pages: one page of each type, built with the clock fixed, compared with its snapshot.

A page that differs fails with a unified diff; `uv run invoke test --update-golden` accepts the
change by rewriting the snapshots under tests/golden/pages/ (see docs/testing.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import pytest

from tests.golden.builds import PREVIEW, PUBLIC
from tests.golden.normalise import normalise_html
from tests.golden.snapshots import (
    compare,
    obsolete_snapshots,
    remove_or_refuse,
    rewritten_report,
    update_requested,
)
from tests.sites import BuildRun


class GoldenPage(NamedTuple):
    """One page type: its snapshot name, the build it comes from and its path in the output."""

    name: str
    build: str
    path: str


PAGES = [
    GoldenPage("home", PUBLIC, "index.html"),
    GoldenPage("home-page-2", PUBLIC, "seite/2/index.html"),
    GoldenPage(
        "post-plain",
        PUBLIC,
        "2025/drei-wochen-werkstatt-was-mir-vorher-niemand-gesagt-hat/index.html",
    ),
    GoldenPage(
        "post-english", PUBLIC, "2026/torque-not-feelings-why-we-log-every-screw/index.html"
    ),
    # A translation: the English interface, the link to the German original, hreflang both ways.
    GoldenPage(
        "post-translation",
        PUBLIC,
        "2026/more-recycled-aluminium-what-changes-in-our-frames/index.html",
    ),
    GoldenPage("home-english", PUBLIC, "en/index.html"),
    GoldenPage(
        "post-poll", PUBLIC, "2026/ideen-fuer-die-kantine-was-setzen-wir-2027-zuerst-um/index.html"
    ),
    GoldenPage(
        "post-poll-results",
        PUBLIC,
        "2026/besser-zur-arbeit-kommen-was-sollen-wir-zuerst-angehen/index.html",
    ),
    GoldenPage(
        "post-correction",
        PUBLIC,
        "2026/unser-fehler-was-bei-den-bremsleitungen-des-lastesel-schiefging/index.html",
    ),
    # Credited help: "aufgezeichnet von" an editor, photos by another.
    GoldenPage(
        "post-told-to",
        PUBLIC,
        "2026/ein-tag-bei-dragan-petrovic-in-der-schweisserei/index.html",
    ),
    GoldenPage("page-join-in", PUBLIC, "mitmachen/index.html"),
    GoldenPage("page-privacy", PUBLIC, "datenschutz/index.html"),
    GoldenPage("author", PUBLIC, "menschen/jonas-brenner/index.html"),
    GoldenPage("author-without-photo", PUBLIC, "menschen/tobias-wendt/index.html"),
    GoldenPage("author-alumni", PUBLIC, "menschen/hannah-vogt/index.html"),
    GoldenPage("author-guest", PUBLIC, "menschen/sandra-graf/index.html"),
    GoldenPage("faces-wall", PUBLIC, "menschen/index.html"),
    GoldenPage("faces-department", PUBLIC, "menschen/abteilung/produktion/index.html"),
    GoldenPage("categories", PUBLIC, "kategorie/index.html"),
    GoldenPage("category", PUBLIC, "kategorie/technik/index.html"),
    GoldenPage("tags", PUBLIC, "thema/index.html"),
    GoldenPage("tag", PUBLIC, "thema/lastesel/index.html"),
    GoldenPage("archives", PUBLIC, "archiv/index.html"),
    GoldenPage("search", PUBLIC, "suche/index.html"),
    GoldenPage("transparency", PUBLIC, "transparenz/index.html"),
    GoldenPage("not-found", PUBLIC, "404.html"),
    GoldenPage("preview-review", PREVIEW, "entwuerfe/index.html"),
    GoldenPage(
        "preview-draft",
        PREVIEW,
        "entwuerfe/haendlertage-2027-was-wir-anders-machen-wollen/index.html",
    ),
    GoldenPage(
        "preview-post-poll",
        PREVIEW,
        "2026/ideen-fuer-die-kantine-was-setzen-wir-2027-zuerst-um/index.html",
    ),
    GoldenPage("preview-story-intake", PREVIEW, "geschichte-vorschlagen/index.html"),
]


@pytest.fixture(scope="module")
def updated_names(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """Collects the snapshots this run rewrote and names them once the module is done."""
    yield from rewritten_report(request, "Golden pages")


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_matches_its_golden_snapshot(
    page: GoldenPage, golden_builds: dict[str, BuildRun], updated_names: list[str]
) -> None:
    written = golden_builds[page.build].output / page.path
    assert written.exists(), f"the {page.build} build wrote no {page.path}; fix PAGES in {__file__}"
    actual = normalise_html(written.read_text(encoding="utf-8"))
    result = compare(page.name, actual, update=update_requested())
    if result.updated:
        updated_names.append(page.name)
    if result.problem:
        pytest.fail(result.problem, pytrace=False)


def test_no_snapshot_is_left_without_a_page(updated_names: list[str]) -> None:
    names = {page.name for page in PAGES}
    remove_or_refuse(obsolete_snapshots(names), updated_names, what="snapshots", table="PAGES")
