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


# The pages of each build by snapshot name: the page's file, or its folder (for its index.html).
PUBLIC_PAGES = {
    "home": "",
    "home-page-2": "seite/2/",
    "post-plain": "2025/drei-wochen-werkstatt-was-mir-vorher-niemand-gesagt-hat/",
    "post-english": "2026/torque-not-feelings-why-we-log-every-screw/",
    # A translation: the English interface, the link to the German original, hreflang both ways.
    "post-translation": "2026/more-recycled-aluminium-what-changes-in-our-frames/",
    "home-english": "en/",
    "post-poll": "2026/ideen-fuer-die-kantine-was-setzen-wir-2027-zuerst-um/",
    "post-poll-results": "2026/besser-zur-arbeit-kommen-was-sollen-wir-zuerst-angehen/",
    "post-correction": "2026/unser-fehler-was-bei-den-bremsleitungen-des-lastesel-schiefging/",
    # Credited help: "aufgezeichnet von" an editor, photos by another.
    "post-told-to": "2026/ein-tag-bei-dragan-petrovic-in-der-schweisserei/",
    "page-join-in": "mitmachen/",
    # A translated page: its English version, linked both ways with the German guide.
    "page-join-in-english": "join-in/",
    "page-privacy": "datenschutz/",
    "author": "menschen/jonas-brenner/",
    "author-without-photo": "menschen/tobias-wendt/",
    "author-alumni": "menschen/hannah-vogt/",
    "author-guest": "menschen/sandra-graf/",
    "faces-wall": "menschen/",
    "faces-department": "menschen/abteilung/produktion/",
    "categories": "kategorie/",
    "category": "kategorie/technik/",
    "tags": "thema/",
    "tag": "thema/lastesel/",
    "archives": "archiv/",
    "search": "suche/",
    "transparency": "transparenz/",
    "not-found": "404.html",
}
PREVIEW_PAGES = {
    "preview-review": "entwuerfe/",
    "preview-draft": "entwuerfe/haendlertage-2027-was-wir-anders-machen-wollen/",
    "preview-post-poll": "2026/ideen-fuer-die-kantine-was-setzen-wir-2027-zuerst-um/",
    "preview-story-intake": "geschichte-vorschlagen/",
}


def _file(path: str) -> str:
    """The written file of a page given by its file or by its folder."""
    return path + "index.html" if path == "" or path.endswith("/") else path


PAGES = [
    GoldenPage(name, build, _file(path))
    for build, pages in ((PUBLIC, PUBLIC_PAGES), (PREVIEW, PREVIEW_PAGES))
    for name, path in pages.items()
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
    assert written.exists(), f"the {page.build} build wrote no {page.path}; fix it in {__file__}"
    actual = normalise_html(written.read_text(encoding="utf-8"))
    result = compare(page.name, actual, update=update_requested())
    if result.updated:
        updated_names.append(page.name)
    if result.problem:
        pytest.fail(result.problem, pytrace=False)


def test_no_snapshot_is_left_without_a_page(updated_names: list[str]) -> None:
    names = {page.name for page in PAGES}
    remove_or_refuse(obsolete_snapshots(names), updated_names, what="snapshots", table="PAGES")
