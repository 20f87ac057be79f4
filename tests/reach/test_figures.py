"""The reach plugin's parts: settings, the counts file, the figures, the chart, the report."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author
from reach.chart import LABEL_ROOM, NARROWEST, month_chart
from reach.data import DataError, ViewData, read_view_data
from reach.figures import compute_reach, count_path
from reach.pages import Countable
from reach.plugin import DEFAULTS, validate
from reach.report import build_report, format_report

from tests.plugin_settings import assert_refused_by_name
from tests.reach.site import EXPECTED, VIEWS
from tests.readme import documented_settings

SETTINGS = {**DEFAULT_CONFIG, "ARTICLE_URL": "{date:%Y}/{slug}/"}
DAY = dt.date.fromisoformat


def author(handle: str, name: str) -> Author:
    person = Author(name, SETTINGS)
    person.slug = handle
    return person


MIRIAM = author("miriam-keller", "Miriam Keller")
JONAS = author("jonas-berg", "Jonas Berg")
GONE = author("ehemaliges-teammitglied", "Ehemaliges Teammitglied")


def article(title: str, slug: str, date: str, *authors: Author) -> Article:
    return Article(
        "<p>Text.</p>",
        metadata={
            "title": title,
            "slug": slug,
            "date": dt.datetime.fromisoformat(f"{date}T09:30:00"),
            "authors": list(authors),
            "author": authors[0],
        },
        settings=SETTINGS,
    )


POSTS = [
    article("Ein guter Beitrag", "ein-guter-beitrag", "2026-03-14", MIRIAM),
    article("Werkstatt und Vertrieb", "werkstatt-und-vertrieb", "2026-06-01", MIRIAM, JONAS),
    article("Nur Jonas", "nur-jonas", "2026-11-01", JONAS),
]
PAGES = [Countable(f"/{post.url}", "post", post) for post in POSTS]
PAGES.append(Countable("/ueber-uns/", "page", SimpleNamespace(title="Über uns")))
PROFILES = {
    "miriam-keller": SimpleNamespace(
        department="entwicklung", department_label="Entwicklung", status="active"
    ),
    "jonas-berg": SimpleNamespace(
        department="produktion", department_label="Produktion", status="alumni"
    ),
}


def view_data(document: dict[str, Any], tmp_path: Path) -> ViewData:
    path = tmp_path / "views.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    data = read_view_data(str(path))
    assert data is not None
    return data


def reach_of(data: ViewData, profiles: Any = PROFILES, **changes: Any) -> Any:
    options: dict[str, Any] = {
        "window_days": 90,
        "months": 12,
        "top_posts": 10,
        "locale": "de_CH",
        "today": DAY("2027-01-01"),
        **changes,
    }
    return compute_reach(data, PAGES, profiles, **options)


def test_the_figures_match_the_hand_worked_ones(tmp_path: Path) -> None:
    reach = reach_of(view_data(VIEWS, tmp_path))
    assert reach.as_of == DAY("2026-11-22")  # the day of the pull, not the day of the build
    assert reach.window_start == DAY("2026-08-25")
    assert (reach.recent, reach.total) == EXPECTED["site"]
    assert {p.path: (p.recent, p.total) for p in reach.posts} == EXPECTED["posts"]
    assert [p.path for p in reach.posts] == list(EXPECTED["posts"])
    assert [p.path for p in reach.top_posts] == list(EXPECTED["posts"])
    for handle, (recent, total, order) in EXPECTED["authors"].items():
        reads = reach.author(handle)
        assert (reads.recent, reads.total) == (recent, total)
        assert [post.path for post in reads.posts] == order
    assert reach.author("nobody") is None
    assert [(d.label, d.posts, d.recent, d.total) for d in reach.departments] == EXPECTED[
        "departments"
    ]
    months = [(f"{m.month:%Y-%m}", m.views) for m in reach.months]
    assert months == EXPECTED["months"]
    assert reach.counts("/ueber-uns/").total == 6
    assert reach.counts("/2025/geloescht/").months == {"2025-12": 9}
    assert reach.counts("/never/").total == 0


def test_departments_need_profiles_and_skip_removed_people(tmp_path: Path) -> None:
    data = view_data(VIEWS, tmp_path)
    assert reach_of(data, profiles=None).departments is None
    removed = {**PROFILES, "jonas-berg": SimpleNamespace(department="produktion", status="removed")}
    rows = [(d.key, d.posts, d.total) for d in reach_of(data, profiles=removed).departments]
    # "Nur Jonas" is left with no known author: it counts under "no department".
    assert rows == [("entwicklung", 2, 80), (None, 1, 4)]


def test_only_the_last_months_are_charted_and_empty_counts_give_no_chart(tmp_path: Path) -> None:
    data = view_data(VIEWS, tmp_path)
    assert [f"{m.month:%Y-%m}" for m in reach_of(data, months=3).months] == [
        "2026-09",
        "2026-10",
        "2026-11",
    ]
    empty = view_data({"version": 1, "generated": VIEWS["generated"], "paths": {}}, tmp_path)
    nothing = reach_of(empty)
    assert (nothing.total, nothing.months, nothing.chart, nothing.top_posts) == (0, (), None, ())


def test_numbers_follow_the_interface_language(tmp_path: Path) -> None:
    data = view_data(VIEWS, tmp_path)
    assert reach_of(data).number(1234567) == "1’234’567"
    assert reach_of(data, locale="de_DE").number(1234567) == "1.234.567"
    assert reach_of(data, locale="en_GB").number(1234567) == "1,234,567"


def test_count_path_splits_days_into_window_and_months() -> None:
    days = {DAY("2026-01-31"): 1, DAY("2026-02-01"): 2, DAY("2026-03-02"): 4}
    counts = count_path(days, DAY("2026-03-02"), 30)
    assert (counts.total, counts.recent) == (7, 6)
    assert counts.months == {"2026-01": 1, "2026-02": 2, "2026-03": 4}


def test_the_chart_scales_to_the_busiest_month() -> None:
    chart = month_chart([(DAY("2026-01-01"), 10), (DAY("2026-02-01"), 40), (DAY("2026-03-01"), 0)])
    assert chart is not None
    heights = [column.height for column in chart.columns]
    assert heights[1] == chart.baseline - 22 and heights[0] == pytest.approx(heights[1] / 4, 0.01)
    assert heights[2] == 0
    assert all(c.y + c.height == pytest.approx(chart.baseline) for c in chart.columns)
    assert all(c.x >= 0 and c.x + c.width <= chart.width for c in chart.columns)
    assert month_chart([]) is None


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{", "Expecting property name"),
        ('{"version": 2, "paths": {}}', "expected an object with version 1"),
        ('{"version": 1, "paths": []}', "'paths' must be an object"),
        ('{"version": 1, "paths": {"/a/": {"2026-13-01": 1}}}', "'2026-13-01' is not a day"),
        ('{"version": 1, "paths": {"/a/": {"2026-01-01": -1}}}', "-1 is not a whole number"),
        ('{"version": 1, "paths": {"/a/": {"2026-01-01": true}}}', "True is not a whole number"),
        ('{"version": 1, "generated": "yesterday", "paths": {}}', "'generated' is 'yesterday'"),
    ],
)
def test_a_broken_counts_file_names_the_problem(
    tmp_path: Path, document: str, message: str
) -> None:
    path = tmp_path / "views.json"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_view_data(str(path))
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)


def test_no_counts_file_means_nothing_pulled_yet(tmp_path: Path) -> None:
    assert read_view_data(str(tmp_path / "views.json")) is None


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("REACH_ENDPOINT", "https://stats.example.com/views"),
        ("REACH_ENDPOINT", "//stats.example.com/views"),
        ("REACH_ENDPOINT", "/api/views/"),
        ("REACH_ENDPOINT", "/api/views?x=1"),
        ("REACH_DATA_PATH", "data/views.csv"),
        ("REACH_MANIFEST_SAVE_AS", "/reach/manifest.json"),
        ("REACH_FIGURES_SAVE_AS", None),
        ("REACH_FIGURES_SAVE_AS", "reach/figures.csv"),
        ("REACH_WINDOW_DAYS", 0),
        ("REACH_WINDOW_DAYS", True),
        ("REACH_MONTHS", "12"),
        ("REACH_TOP_POSTS", 1000),
        ("REACH_POST_COUNTS", "yes"),
        ("REACH_PRIVACY_PAGE", None),
    ],
)
def test_a_bad_setting_is_named_with_its_value(key: str, value: Any) -> None:
    assert_refused_by_name(validate, {**DEFAULTS, key: value}, key)


def test_the_defaults_are_valid() -> None:
    validate(dict(DEFAULTS))
    validate({**DEFAULTS, "REACH_ENDPOINT": "/api/views"})
    validate({**DEFAULTS, "REACH_FIGURES_SAVE_AS": ""})


def test_the_editors_report(tmp_path: Path) -> None:
    pages = [
        {
            "path": "/a/",
            "kind": "post",
            "title": "A",
            "date": "2026-01-10",
            "authors": [{"handle": "miriam-keller", "name": "Miriam Keller"}],
        },
        {
            "path": "/b/",
            "kind": "post",
            "title": "B",
            "date": "2026-02-10",
            "authors": [{"handle": "jonas-berg", "name": "Jonas Berg"}],
        },
        {"path": "/c/", "kind": "post", "title": "C", "date": "2026-03-10", "authors": []},
        {"path": "/d/", "kind": "post", "title": "D", "date": "2026-04-10", "authors": []},
        {"path": "/e/", "kind": "post", "title": "E", "date": "2026-05-10", "authors": []},
        {"path": "/neu/", "kind": "post", "title": "Neu", "date": "2026-11-20", "authors": []},
        {"path": "/seite/", "kind": "page", "title": "Seite", "date": None, "authors": []},
    ]
    data = ViewData(
        dt.datetime(2026, 11, 22, 6, tzinfo=dt.UTC),
        {
            "/a/": {DAY("2026-11-01"): 50, DAY("2026-01-11"): 100},
            "/b/": {DAY("2026-11-01"): 1},
            "/c/": {DAY("2026-11-01"): 9},
            "/d/": {DAY("2026-11-01"): 30},
            "/seite/": {DAY("2026-11-01"): 500},
        },
    )
    report = build_report(data, pages, window_days=90)
    assert [(p.path, p.recent, p.total) for p in report.posts] == [
        ("/a/", 50, 150),
        ("/d/", 30, 30),
        ("/c/", 9, 9),
        ("/b/", 1, 1),
        ("/e/", 0, 0),
        ("/neu/", 0, 0),
    ]
    # Five posts old enough (not /neu/); the lowest quarter ends at the second lowest: 1 read.
    assert report.few_below == 1
    assert [p.path for p in report.few] == ["/e/", "/b/"]
    assert [p.path for p in build_report(data, pages, window_days=90, few=9).few] == [
        "/e/",
        "/b/",
        "/c/",
    ]
    text = format_report(report, top=2)
    assert text.splitlines()[3:6] == [
        "   recent  all time  published   post",
        "       50       150  2026-01-10  A (/a/), by Miriam Keller",
        "       30        30  2026-04-10  D (/d/), by no author",
    ]
    assert "       1         1  2026-02-10  B (/b/), by Jonas Berg" in text


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("reach", "REACH_") == set(DEFAULTS)


@pytest.mark.parametrize(("months", "step"), [(3, 1), (7, 1), (12, 2), (24, 4)])
def test_month_labels_are_thinned_so_they_fit_a_phone(months: int, step: int) -> None:
    start = DAY("2024-01-01")
    chart = month_chart([(start + dt.timedelta(days=31 * i), i + 1) for i in range(months)])
    assert chart is not None and chart.label_step == step
    labelled = [i for i in range(months) if chart.labelled(i)]
    assert labelled[-1] == months - 1  # the latest month is always named
    gaps = {(b - a) * chart.width / months for a, b in itertools.pairwise(labelled)}
    assert all(gap * NARROWEST / 100 >= LABEL_ROOM for gap in gaps)
