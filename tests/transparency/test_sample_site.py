"""The sample site's transparency page against figures computed here, straight from content/.

Nothing here goes through the plugin's code: the posts' and profiles' files are read again,
and git is asked per file. Whatever plugins pelicanconf.py enables right now are built.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import statistics
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from tests.sample import CONTENT, ROOT, Post, posts, read_meta
from tests.sites import BuildRun

ZONE = ZoneInfo("Europe/Zurich")


def profiles() -> dict[str, dict[str, str]]:
    """Every profile's header by handle."""
    return {p.stem: read_meta(p) for p in sorted((CONTENT / "authors").glob("*.md"))}


def counted_posts(today: dt.date) -> list[Post]:
    """Published, not internal, dated up to today; a translation is not a post of its own."""
    return [
        p
        for p in posts()
        if p.meta.get("status", "published") == "published"
        and p.meta.get("visibility", "public") != "internal"
        and p.date.date() <= today
        and "translation-of" not in p.meta
    ]


def authors_of(post: Post) -> list[str]:
    """The handles a post names; a removed person is anonymous, one "former colleague"."""
    people = profiles()
    handles = [a.strip() for a in (post.meta.get("authors") or post.meta["author"]).split(",")]
    return ["(removed)" if people.get(h, {}).get("status") == "removed" else h for h in handles]


def header_lines(path: Path, field: str) -> list[str]:
    """Every value of a (repeatable) header field."""
    values = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        name, _, value = line.partition(":")
        if name.strip().lower() == field:
            values.append(value.strip())
    return values


def submitted(post: Post) -> dt.date | None:
    if "submitted" in post.meta:
        return dt.date.fromisoformat(post.meta["submitted"][:10])
    # The author date of the oldest commit that added the file, asked file by file.
    log = subprocess.run(
        [
            "git",
            "-C",
            str(ROOT),
            "log",
            "--follow",
            "--diff-filter=A",
            "--format=%aI",
            "--",
            str(post.path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    dates = log.stdout.split()
    return dt.datetime.fromisoformat(dates[-1]).astimezone(ZONE).date() if dates else None


@pytest.fixture(scope="module")
def data(public_site: BuildRun) -> dict[str, Any]:
    return json.loads((public_site.output / "transparenz" / "transparency.json").read_text())


@pytest.fixture(scope="module")
def today(data: dict[str, Any]) -> dt.date:
    generated = dt.date.fromisoformat(data["generated"])
    assert abs((generated - dt.datetime.now(ZONE).date()).days) <= 1
    return generated


def test_the_post_count_and_the_stamp(
    public_site: BuildRun, data: dict[str, Any], today: dt.date
) -> None:
    expected = counted_posts(today)
    assert data["posts"] == len(expected)
    stamp = public_site.html("transparenz/index.html").select_one(".transparency__stamp")
    assert f"aus {len(expected)} Beiträgen" in stamp.get_text()


def test_posts_per_month(data: dict[str, Any], today: dt.date) -> None:
    per_month = Counter(p.date.strftime("%Y-%m") for p in counted_posts(today))
    index = today.year * 12 + today.month - 1
    months = [f"{i // 12}-{i % 12 + 1:02d}" for i in range(index - 23, index + 1)]
    assert data["tables"]["posts-per-month"] == [
        {"month": m, "posts": per_month.get(m, 0)} for m in months
    ]


def test_editorial_process(data: dict[str, Any], today: dt.date) -> None:
    counted = counted_posts(today)
    days = []
    for post in counted:
        start = submitted(post)
        if start is not None and start <= post.date.date():
            days.append((post.date.date() - start).days)
    ordered = sorted(days)
    editorial = data["editorial"]
    assert editorial["timed_posts"] == len(days)
    assert editorial["median_days"] == statistics.median(days)
    assert editorial["p90_days"] == ordered[math.ceil(0.9 * len(ordered)) - 1]
    assert editorial["reviewed_posts"] == sum(1 for p in counted if p.meta.get("reviewed-by"))
    assert editorial["updated_later"] == sum(
        1
        for p in counted
        if "modified" in p.meta and dt.datetime.fromisoformat(p.meta["modified"]) > p.date
    )
    reviews = Counter(
        h.strip() for p in counted for h in p.meta.get("reviewed-by", "").split(",") if h.strip()
    )
    assert sorted(r["posts"] for r in data["tables"]["reviewers"]) == sorted(reviews.values())


def test_corrections_log_newest_first(data: dict[str, Any], today: dt.date) -> None:
    entries = []
    for post in counted_posts(today):
        for value in header_lines(post.path, "correction"):
            day, kind, text = (part.strip() for part in value.split("|", 2))
            entries.append((day, kind, text, post.meta["title"]))
    got = [
        (c["date"], c["type"], c["text"], c["post_title"]) for c in data["tables"]["corrections"]
    ]
    assert sorted(got) == sorted(entries)
    assert [c[0] for c in got] == sorted((c[0] for c in got), reverse=True)


def test_disclosures_and_image_credits_of_posts(data: dict[str, Any], today: dt.date) -> None:
    counted = counted_posts(today)
    assert sorted((d["post_title"], d["type"]) for d in data["tables"]["disclosures"]) == sorted(
        (p.meta["title"], p.meta["disclosure"]) for p in counted if "disclosure" in p.meta
    )
    got = [
        (c["subject"], c["credit"])
        for c in data["tables"]["image-credits"]
        if c["source"] == "post"
    ]
    assert sorted(got) == sorted(
        (p.meta["image"], p.meta.get("image-credit")) for p in counted if "image" in p.meta
    )


def test_who_writes_when_profiles_are_enabled(data: dict[str, Any], today: dt.date) -> None:
    counted = counted_posts(today)
    writers = {a for p in counted for a in authors_of(p)}
    assert data["authors"]["writers"] == len(writers)
    if "profiles" in data["unavailable"]:
        assert data["authors"]["active"] is None
        return
    people = profiles()
    guests = {h for h in writers if h in people and people[h].get("guest") == "yes"}
    status = Counter(
        people[h].get("status", "active") for h in writers if h in people and h not in guests
    )
    assert (data["authors"]["active"], data["authors"]["alumni"]) == (
        status["active"],
        status["alumni"],
    )
    assert data["authors"]["guests"] == len(guests) > 0
    helped = [p for p in counted if "told-to" in p.meta or "interview" in p.meta]
    assert data["authors"]["helped_posts"] == len(helped) > 0
    assert data["authors"]["own_posts"] == len(counted) - len(helped)
    # Guests belong to no department or level of the company: they are counted apart.
    staff = [[a for a in authors_of(p) if a not in guests] for p in counted]
    by_department = Counter(
        d for names in staff for d in {people.get(a, {}).get("department") for a in names}
    )
    got = {row["department"]: row["posts"] for row in data["tables"]["posts-by-department"]}
    assert {k: v for k, v in got.items() if v} == {k: v for k, v in by_department.items() if v}
    by_level = Counter(
        level for names in staff for level in {people.get(a, {}).get("level") for a in names}
    )
    got = {row["level"]: row["posts"] for row in data["tables"]["posts-by-level"]}
    assert {k: v for k, v in got.items() if v} == {k: v for k, v in by_level.items() if v}
    assert data["authors"]["departments_represented"] == len(
        [d for d in by_department if d is not None]
    )
    editors = sorted(
        m["name"]
        for m in people.values()
        if m.get("editor") == "yes" and m.get("status") == "active"
    )
    assert sorted(e["name"] for e in data["tables"]["editors"]) == editors
    photo_names = sorted(
        m["name"]
        for m in people.values()
        if m.get("photo") and m.get("consent") == "yes" and m.get("status") in ("active", "alumni")
    )
    got_names = sorted(
        c["subject"] for c in data["tables"]["image-credits"] if c["source"] == "profile"
    )
    assert got_names == photo_names
    removed = [m["name"] for m in people.values() if m.get("status") == "removed"]
    text = json.dumps(data, ensure_ascii=False)
    assert not any(name in text for name in removed)


def test_poll_outcomes_when_polls_are_enabled(data: dict[str, Any], today: dt.date) -> None:
    if "polls" in data["unavailable"]:
        assert "polls" not in data["tables"]
        return
    expected = {}
    for post in counted_posts(today):
        text = post.path.read_text(encoding="utf-8")
        for block in text.split("```poll\n")[1:]:
            poll = yaml.safe_load(block.split("```", 1)[0])
            expected[poll["id"]] = (poll.get("decision") or {}).get("status")
    assert {p["id"]: p["decision_status"] for p in data["tables"]["polls"]} == expected


def test_the_page_shows_the_same_figures_as_the_json(
    public_site: BuildRun, data: dict[str, Any]
) -> None:
    page = public_site.html("transparenz/index.html")
    assert page.select_one("[data-figure=writers]").get_text() == str(data["authors"]["writers"])
    assert len(page.select("#table-corrections tbody tr")) == len(data["tables"]["corrections"])
    assert len(page.select("#table-months tbody tr")) == 24
    for link in page.select("#data a"):
        assert link["href"].startswith("https://blog.seewerk.example/blog/transparenz/")


def test_every_link_on_the_page_leads_to_a_written_file(public_site: BuildRun) -> None:
    page = public_site.html("transparenz/index.html")
    broken = []
    for link in page.select("main a[href]"):
        href = link["href"].split("#")[0]
        if not href:
            continue
        relative = href.removeprefix("https://blog.seewerk.example/blog/")
        assert relative != href, f"not a link into the site: {href}"
        target = public_site.output / relative
        if not (target.is_file() or (target / "index.html").is_file()):
            broken.append(href)
    assert broken == []
