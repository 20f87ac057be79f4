"""Every figure from plain post records, with the edge cases the page must survive."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from transparency.authorship import Count
from transparency.corrections import Correction
from transparency.editorial import percentile
from transparency.figures import Sources, compute_figures
from transparency.history import History
from transparency.listings import licence
from transparency.people import Catalog, Person
from transparency.polls import PollOutcome
from transparency.posts import PostRecord

ZONE = ZoneInfo("Europe/Zurich")
TODAY = dt.date(2026, 6, 30)
TYPES = ["correction", "clarification", "retraction"]
DEPARTMENTS = Catalog(
    {"geschaeftsleitung": "GL", "entwicklung": "Entwicklung", "vertrieb": "Vertrieb"}
)
LEVELS = Catalog({"vorstand": "Vorstand", "fachkraft": "Fachkraft"})


def post(day: str, *authors: str, **fields: object) -> PostRecord:
    published = dt.datetime.fromisoformat(f"{day} 09:00").replace(tzinfo=ZONE)
    slug = f"{day}-{'-'.join(authors)}"
    return PostRecord(
        key=f"posts/{slug}.md",
        title=f"Post {slug}",
        url=f"2026/{slug}/",
        published=published,
        authors=authors or ("miriam",),
        **fields,  # type: ignore[arg-type]
    )


def person(handle: str, department: str | None, level: str | None, **fields: object) -> Person:
    return Person(handle=handle, name=handle.title(), department=department, level=level, **fields)  # type: ignore[arg-type]


PEOPLE = {
    "jonas": person(
        "jonas", "geschaeftsleitung", "vorstand", department_label="GL", level_label="Vorstand"
    ),
    "miriam": person(
        "miriam",
        "entwicklung",
        "fachkraft",
        has_photo=True,
        photo_credit="Foto: A, CC BY 4.0",
        url="menschen/miriam/",
    ),
    "hannah": person("hannah", "entwicklung", "fachkraft", status="alumni", has_photo=True),
    "marco": person(
        "marco",
        "vertrieb",
        "fachkraft",
        status="removed",
        has_photo=True,
        photo_credit="Foto: B",
        is_editor=True,
    ),
    "lea": person("lea", "vertrieb", "fachkraft", is_editor=True, url="menschen/lea/"),
}


def sources(**overrides: object) -> Sources:
    values: dict[str, object] = {
        "today": TODAY,
        "months": 24,
        "zone": ZONE,
        "correction_types": TYPES,
        "people": PEOPLE,
        "departments": DEPARTMENTS,
        "levels": LEVELS,
        "polls": [],
        **overrides,
    }
    return Sources(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "share", "expected"),
    [
        ([5], 0.9, 5),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9),
        ([3, 1, 2], 0.9, 3),
        ([4, 8], 0.5, 4),
    ],
)
def test_the_percentile_is_the_nearest_rank(values: list[int], share: float, expected: int) -> None:
    assert percentile(values, share) == expected


def test_turnaround_from_metadata_and_history_median_and_90th_percentile() -> None:
    posts = [
        post("2026-03-10", submitted=dt.date(2026, 3, 1)),  # 9 days
        post("2026-03-20", submitted=dt.date(2026, 3, 20)),  # 0 days
        post("2026-04-10"),  # from history: 2026-04-03 23:30 UTC is 04-04 in Zurich → 6 days
        post("2026-04-20"),  # history after publication (imported later): not timed
        post("2026-05-01"),  # no date at all: not timed
    ]
    history = History(
        {
            posts[2].key: dt.datetime(2026, 4, 3, 23, 30, tzinfo=dt.UTC),
            posts[3].key: dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.UTC),
        }
    )
    editorial = compute_figures(posts, sources(history=history)).editorial
    assert sorted(t.days for t in editorial.turnarounds) == [0, 6, 9]
    assert (editorial.median_days, editorial.p90_days) == (6.0, 9)
    assert (editorial.from_metadata, editorial.from_history, editorial.untimed) == (2, 1, 2)


def test_an_invalid_submitted_date_is_not_replaced_by_the_history() -> None:
    late = post("2026-03-10", submitted_invalid=True)
    history = History({late.key: dt.datetime(2026, 3, 1, tzinfo=dt.UTC)})
    editorial = compute_figures([late], sources(history=history)).editorial
    assert editorial.turnarounds == () and editorial.median_days is None


def test_reviewers_updates_and_removed_people_stay_unnamed() -> None:
    posts = [
        post("2026-03-10", reviewers=("lea",), modified=dt.datetime(2026, 3, 12, tzinfo=ZONE)),
        post("2026-03-11", reviewers=("lea", "marco")),
        post("2026-03-12", reviewers=("tobias",)),
        post("2026-03-13"),
    ]
    editorial = compute_figures(posts, sources()).editorial
    assert [(r.handle, r.name, r.posts) for r in editorial.reviewers] == [
        ("lea", "Lea", 2),
        ("tobias", "tobias", 1),
        (None, None, 1),
    ]
    assert (editorial.reviewed, editorial.updated_later) == (3, 1)


def test_who_writes_by_department_and_level_with_a_post_without_department() -> None:
    posts = [
        post("2026-03-10", "jonas"),
        post("2026-03-11", "miriam", "hannah"),  # one department, counted once
        post("2026-03-12", "miriam", "jonas"),  # two departments, counted for each
        post("2026-03-13", "gast"),  # no profile: no department
    ]
    who = compute_figures(posts, sources()).authorship
    assert who.by_department == (
        Count("geschaeftsleitung", "GL", 2),
        Count("entwicklung", "Entwicklung", 2),
        Count("vertrieb", "Vertrieb", 0),
        Count(None, None, 1),
    )
    assert who.by_level == (
        Count("vorstand", "Vorstand", 2),
        Count("fachkraft", "Fachkraft", 2),
        Count(None, None, 1),
    )
    assert (who.writers, who.active, who.alumni) == (4, 2, 1)
    assert (who.departments_represented, who.departments_total) == (2, 3)


def test_a_single_author_without_polls_or_corrections() -> None:
    figures = compute_figures([post("2026-06-01", "miriam")], sources())
    assert figures.posts == 1
    assert (figures.authorship.writers, figures.authorship.departments_represented) == (1, 1)
    assert figures.corrections == () and figures.polls == ()
    assert figures.correction_counts == {"correction": 0, "clarification": 0, "retraction": 0}
    assert figures.unavailable == ()


def test_without_profiles_and_polls_those_figures_are_named_unavailable() -> None:
    figures = compute_figures(
        [post("2026-06-01", "miriam")],
        sources(people=None, departments=None, levels=None, polls=None),
    )
    assert figures.unavailable == ("profiles", "polls")
    assert figures.authorship.writers == 1
    assert figures.authorship.by_department is None and figures.cadence.by_department is None
    assert figures.editors is None and figures.polls is None


def test_cadence_counts_months_and_quarters_in_the_window_ending_today() -> None:
    posts = [
        post("2024-06-30", "jonas"),  # before the 24-month window (July 2024 – June 2026)
        post("2024-07-01", "jonas"),
        post("2026-06-30", "miriam"),
        post("2026-06-02", "gast"),
    ]
    cadence = compute_figures(posts, sources()).cadence
    assert [m.start for m in cadence.months][:: len(cadence.months) - 1] == [
        dt.date(2024, 7, 1),
        dt.date(2026, 6, 1),
    ]
    assert sum(m.value for m in cadence.months) == 3 and cadence.before_window == 1
    assert cadence.months[-1].value == 2
    assert cadence.quarters[0] == dt.date(2024, 7, 1) and cadence.quarters[-1] == dt.date(
        2026, 4, 1
    )
    rows = {s.key: s.values for s in cadence.by_department or ()}
    assert rows["geschaeftsleitung"] == (1, 0, 0, 0, 0, 0, 0, 0)
    assert rows["entwicklung"][-1] == 1 and rows[None][-1] == 1


def test_corrections_newest_first_and_counted_by_type() -> None:
    posts = [
        post("2026-02-01", corrections=(Correction(dt.date(2026, 2, 3), "correction", "A", 9),)),
        post(
            "2026-03-01",
            corrections=(
                Correction(dt.date(2026, 3, 2), "retraction", "B", 9),
                Correction(dt.date(2026, 3, 5), "correction", "C", 10),
            ),
        ),
    ]
    figures = compute_figures(posts, sources())
    assert [(c.date.day, c.text) for c in figures.corrections] == [(5, "C"), (2, "B"), (3, "A")]
    assert figures.correction_counts == {"correction": 2, "clarification": 0, "retraction": 1}


def test_image_credits_from_posts_and_shown_profile_photos_only() -> None:
    posts = [
        post("2026-02-01", image="images/a.jpg", image_credit="Grafik: Seewerk, CC BY-SA 4.0"),
        post("2026-03-01", image="images/b.jpg"),
    ]
    credits = compute_figures(posts, sources()).credits
    assert [(c.source, c.subject, c.credit, c.licence) for c in credits] == [
        ("post", "images/b.jpg", None, None),
        ("post", "images/a.jpg", "Grafik: Seewerk, CC BY-SA 4.0", "CC BY-SA 4.0"),
        ("profile", "Hannah", None, None),
        ("profile", "Miriam", "Foto: A, CC BY 4.0", "CC BY 4.0"),
    ]


@pytest.mark.parametrize(
    ("credit", "code"),
    [
        ("Illustration: Seewerk Velo AG, gemeinfrei (CC0 1.0)", "CC0 1.0"),
        ("Foto: Privat, cc0", "CC0"),
        ("Grafik: Seewerk, cc by-sa 4.0", "CC BY-SA 4.0"),
        ("Foto: NASA, Public Domain", "Public Domain"),
        ("Karte: gemeinfrei", "Public Domain"),
        ("Foto: CC BY-NC-ND 4.0", "CC BY-NC-ND 4.0"),
        ("Foto: Jana Roth", None),
        ("Foto: ACC BYTE", None),
        (None, None),
    ],
)
def test_licence_codes_from_credit_lines(credit: str | None, code: str | None) -> None:
    assert licence(credit) == code


def test_disclosures_newest_first_in_the_order_of_the_types() -> None:
    posts = [
        post("2026-02-01", disclosure="own-product"),
        post("2026-03-01", disclosure="sponsored"),
        post("2026-04-01"),
    ]
    figures = compute_figures(posts, sources(disclosure_types=["sponsored", "own-product"]))
    assert [d.kind for d in figures.disclosures] == ["sponsored", "own-product"]
    assert figures.disclosure_counts == {"sponsored": 1, "own-product": 1}


def test_only_polls_of_counted_posts_appear_and_editors_are_active_ones() -> None:
    counted = post("2026-03-01")

    def poll(poll_id: str, url: str) -> PollOutcome:
        return PollOutcome(poll_id, "?", url, "T", 10, ("A",), 6, "planned", "Ja", False)

    figures = compute_figures(
        [counted],
        sources(polls=[poll("mine", counted.url), poll("draft", "entwuerfe/x/")]),
    )
    assert [p.id for p in figures.polls or ()] == ["mine"]
    assert [(e.title, e.url) for e in figures.editors or ()] == [("Lea", "menschen/lea/")]
