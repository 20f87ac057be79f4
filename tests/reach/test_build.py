"""A real build with pulled counts: the manifest, the beacon, and the figures on every page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import Tag

from tests.html_check import vnu_errors
from tests.reach.site import AS_OF, EXPECTED, build_reach_site, make_reach_site
from tests.sites import BuildRun, run_build

POST = "2026/ein-guter-beitrag/index.html"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    return build_reach_site(tmp_path_factory.mktemp("reach-site"))


def text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text().split())


def numbers(row: Tag) -> list[str]:
    return [text(cell) for cell in row.select("td")]


def test_the_manifest_lists_every_published_post_and_page(built: BuildRun) -> None:
    manifest = json.loads((built.output / "reach" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == 1
    assert [page["path"] for page in manifest["pages"]] == EXPECTED["countable"]
    by_path = {page["path"]: page for page in manifest["pages"]}
    assert by_path["/2026/werkstatt-und-vertrieb/"] == {
        "path": "/2026/werkstatt-und-vertrieb/",
        "kind": "post",
        "title": "Werkstatt und Vertrieb",
        "date": "2026-06-01",
        "authors": [
            {"handle": "miriam-keller", "name": "Miriam Keller"},
            {"handle": "jonas-berg", "name": "Jonas Berg"},
        ],
    }
    assert by_path["/ueber-uns/"] == {
        "path": "/ueber-uns/",
        "kind": "page",
        "title": "Über uns",
        "date": None,
        "authors": [],
    }


def test_a_post_reports_its_view_to_the_own_origin(built: BuildRun) -> None:
    page = built.html(POST)
    script = page.select_one("script[src$='reach.js']")
    assert script is not None and script.has_attr("defer")
    assert (script["data-endpoint"], script["data-path"]) == (
        "/api/views",
        "/2026/ein-guter-beitrag/",
    )
    pixel = page.select_one("noscript img.reach-pixel")
    assert pixel is not None
    assert (pixel["src"], pixel["alt"], pixel["width"], pixel["height"]) == (
        "/api/views.gif?p=/2026/ein-guter-beitrag/",
        "",
        "1",
        "1",
    )
    assert pixel["referrerpolicy"] == "no-referrer"
    script_file = built.output / "theme" / "js" / "reach.js"
    assert script_file.stat().st_size <= 1024


def test_drafts_are_not_counted(built: BuildRun) -> None:
    draft = built.html("entwuerfe/ein-entwurf/index.html")
    assert draft.select("script[src$='reach.js'], noscript img.reach-pixel") == []


def test_a_post_shows_its_own_count(built: BuildRun) -> None:
    count = built.html(POST).select_one(".reach-post")
    assert text(count) == (
        "50-mal gelesen, davon 8 in den letzten 90 Tagen (Stand: 22.11.2026, so zählen wir)"
    )
    link = count.select_one("a") if count else None
    assert link is not None and link["href"] == "/datenschutz/#reichweite"


def test_the_author_page_shows_the_reads_of_each_post(built: BuildRun) -> None:
    for handle, (recent, total, order) in EXPECTED["authors"].items():
        section = built.html(f"menschen/{handle}/index.html").select_one("section.reach-author")
        assert section is not None, handle
        figures = [text(section.select_one(f"[data-reach={key}]")) for key in ("recent", "total")]
        assert figures == [str(recent), str(total)]
        rows = section.select("tbody tr")
        assert [row.select_one("a")["href"] for row in rows] == order
        assert [numbers(row) for row in rows] == [
            [str(n) for n in EXPECTED["posts"][path]] for path in order
        ]
    assert text(section.select_one("h2")) == "Wie oft diese Beiträge gelesen wurden"


def test_the_transparency_page_shows_how_the_blog_is_used(built: BuildRun) -> None:
    page = built.html("transparenz/index.html")
    section = page.select_one("section#reach")
    assert section is not None
    assert text(section.select_one("h2")) == "Wie der Blog genutzt wird"
    recent, total = EXPECTED["site"]
    assert text(section.select_one("[data-reach=recent]")) == str(recent)
    assert text(section.select_one("[data-reach=total]")) == str(total)

    months = [
        (row.select_one("time")["datetime"], text(row.select_one("td")))
        for row in section.select("#reach-table-months tbody tr")
    ]
    assert months == [(month, str(views)) for month, views in EXPECTED["months"]]
    columns = section.select("svg.reach-chart rect.reach-chart__column")
    assert len(columns) == len(EXPECTED["months"])
    tallest = max(float(c["height"]) for c in columns)
    assert [float(c["height"]) for c in columns].index(tallest) == 3  # March, 40 views
    assert section.select_one("svg.reach-chart")["role"] == "img"

    top = [
        (row.select_one("th a")["href"], numbers(row)[1:])
        for row in section.select("#reach-table-top tbody tr")
    ]
    assert top == [
        (path, [str(recent), str(total)]) for path, (recent, total) in EXPECTED["posts"].items()
    ]
    by = [
        text(row.select_one(".reach-table__by"))
        for row in section.select("#reach-table-top tbody tr")
    ]
    assert by == ["Miriam Keller, Jonas Berg", "Miriam Keller", "Jonas Berg"]

    departments = [
        [text(row.select_one("th")), *numbers(row)]
        for row in section.select("#reach-table-departments tbody tr")
    ]
    assert departments == [
        [label, str(posts), str(recent), str(total)]
        for label, posts, recent, total in EXPECTED["departments"]
    ]


def test_the_figures_are_published_as_json_beside_the_page(built: BuildRun) -> None:
    figures = json.loads((built.output / "reach" / "figures.json").read_text(encoding="utf-8"))
    assert set(figures) == {
        "version", "as_of", "window_days", "recent", "total", "months", "pages", "departments"
    }  # fmt: skip
    assert (figures["as_of"], figures["window_days"]) == (AS_OF, 90)
    assert (figures["recent"], figures["total"]) == EXPECTED["site"]
    assert [(m["month"], m["views"]) for m in figures["months"]] == EXPECTED["months"]
    pages = {page["path"]: page for page in figures["pages"]}
    for path, (recent, total) in EXPECTED["posts"].items():
        assert (pages[path]["recent"], pages[path]["total"]) == (recent, total)
    assert pages["/2026/nur-jonas/"]["title"] == "Nur Jonas"
    assert sum(page["total"] for page in figures["pages"]) == figures["total"]
    assert [
        (row["label"], row["posts"], row["recent"], row["total"]) for row in figures["departments"]
    ] == EXPECTED["departments"]
    link = built.html("transparenz/index.html").select_one("section#reach a[download]")
    assert link is not None and link["href"] == "/reach/figures.json"
    assert text(link) == "Die Zahlen als JSON"


def reach_note(run: BuildRun, absent: str) -> str:
    """The note in the reach section of the transparency page (listed, without `absent`)."""
    page = run.html("transparenz/index.html")
    assert page.select(absent) == [], absent
    assert page.select_one(".transparency__toc a[href='#reach']") is not None
    return text(page.select_one("section#reach .reach-empty"))


def test_without_an_endpoint_nothing_is_sent_and_the_page_says_so(tmp_path: Path) -> None:
    run = build_reach_site(tmp_path, extra="REACH_ENDPOINT = None\n")
    assert not (run.output / "reach").exists()
    for relative in (POST, "menschen/miriam-keller/index.html"):
        page = run.html(relative)
        assert page.select("script[src$='reach.js'], noscript, .reach-post, section.reach") == []
    assert reach_note(run, "script[src$='reach.js'], noscript, .reach-figures") == (
        "Diese Website zählt keine Aufrufe, deshalb gibt es keine Zahlen dazu, "
        "wie sie genutzt wird."
    )


def test_before_the_first_pull_pages_count_and_the_page_says_why_it_has_no_figures(
    tmp_path: Path,
) -> None:
    run = build_reach_site(tmp_path, views=False)
    assert (run.output / "reach" / "manifest.json").exists()
    assert not (run.output / "reach" / "figures.json").exists()
    page = run.html(POST)
    assert page.select("script[src$='reach.js']") != []
    assert page.select(".reach-post") == []
    assert reach_note(run, ".reach-figures, .reach-chart") == (
        "Noch keine Aufrufzahlen: Diese Fassung der Website wurde gebaut, bevor Zahlen von "
        "unserem Server abgeholt wurden. Sie erscheinen hier mit dem nächsten Build, nachdem "
        "die Redaktion sie abgerufen hat."
    )


def test_a_broken_counts_file_is_reported_and_ignored(tmp_path: Path) -> None:
    settings = make_reach_site(tmp_path)
    (tmp_path / "content" / "data" / "views.json").write_text('{"version": 1, "paths": [1]}')
    run = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path)
    assert run.returncode == 0, run.log
    assert "reach: cannot use the pulled view counts" in run.log
    assert "'paths' must be an object" in run.log
    assert run.html(POST).select(".reach-post") == []


def test_pages_with_counts_are_valid_html(built: BuildRun) -> None:
    pages = [built.output / POST, built.output / "menschen/miriam-keller/index.html"]
    pages.append(built.output / "transparenz/index.html")
    assert vnu_errors(pages) == []
