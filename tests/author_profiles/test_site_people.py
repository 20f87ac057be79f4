"""The people of the sample site as built: the wall, bylines, author pages, photos, privacy."""

from __future__ import annotations

import json
import logging
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from tests import sample
from tests.faces_wall import visible_names
from tests.sites import ROOT, BuildRun

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PUBLIC = "https://blog.seewerk.example/blog/"
EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")
LINK_FIELDS = ("website", "linkedin", "xing", "mastodon", "github")


def profiles() -> dict[str, dict[str, str]]:
    """Every profile of the sample site, read independently of the plugin."""
    folder = sample.CONTENT / "authors"
    return {path.stem: sample.read_meta(path) for path in sorted(folder.glob("*.md"))}


def with_status(status: str) -> dict[str, dict[str, str]]:
    return {h: m for h, m in profiles().items() if m.get("status", "active") == status}


def settings() -> dict[str, dict[str, str]]:
    import pelicanconf

    return {"department": pelicanconf.AUTHORS_DEPARTMENTS, "level": pelicanconf.AUTHORS_LEVELS}


def local(href: str) -> str:
    """An address of the public site as a path in its output folder."""
    path = href.removeprefix(PUBLIC).removeprefix("/blog/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def test_the_sample_has_every_kind_of_person() -> None:
    assert with_status("active") and with_status("alumni") and with_status("removed")
    assert any(
        m.get("consent") == "yes" and "photo" not in m for m in with_status("active").values()
    )


def test_the_wall_shows_every_active_person_by_department(public_site: BuildRun) -> None:
    active = with_status("active")
    staff = [m for m in active.values() if m.get("guest") != "yes"]
    guests = sorted(m["name"] for m in active.values() if m.get("guest") == "yes")
    expected = {}
    for key, label in settings()["department"].items():
        names = sorted(m["name"] for m in staff if m["department"] == key)
        if names:
            expected[f"{label} ({len(names)})"] = names
    # Guests belong to no department: a group of their own, last.
    expected[f"Gäste ({len(guests)})"] = guests
    soup = public_site.html("menschen/index.html")
    shown = {
        group.select_one("h2").get_text(" ", strip=True): sorted(
            n.get_text() for n in group.select(".faces__name")
        )
        for group in soup.select(".wall__group")
    }
    assert shown == expected
    assert list(shown) == list(expected)  # in the order of the settings
    assert soup.select(".faces__person[hidden]") == []
    status = soup.select_one('[role="status"]').get_text()
    assert status == f"{len(active)} Personen angezeigt"


@pytest.mark.parametrize("kind", ["department", "level"])
def test_every_filter_page_shows_exactly_its_people(public_site: BuildRun, kind: str) -> None:
    active = with_status("active")
    folder = {"department": "abteilung", "level": "ebene"}[kind]
    for key, label in settings()[kind].items():
        expected = sorted(m["name"] for m in active.values() if m.get(kind) == key)
        page = public_site.output / "menschen" / folder / key / "index.html"
        if not expected:
            assert not page.exists()
            continue
        soup = public_site.html(f"menschen/{folder}/{key}/index.html")
        shown = sorted(visible_names(soup))
        assert shown == expected, key
        assert soup.select_one("h1").get_text() == f"Menschen: {label}"
        current = soup.select_one('.wall-filter a[aria-current="page"]')
        assert current["href"] == f"{PUBLIC}menschen/{folder}/{key}/"


def test_every_byline_names_the_post_s_authors_and_links_to_their_pages(
    public_site: BuildRun,
) -> None:
    people = profiles()
    titled = {p.meta["title"]: p for p in sample.posts() if p.is_public}
    checked = 0
    for page in public_site.pages():
        soup = public_site.html(str(page))
        heading = soup.select_one("article.post h1")
        if heading is None or heading.get_text(strip=True) not in titled:
            continue
        header = titled[heading.get_text(strip=True)].meta
        handles = [h.strip() for h in (header.get("authors") or header["author"]).split(",")]
        expected = [
            people[h]["name"] if people[h].get("status") != "removed" else "Ehemaliges Teammitglied"
            for h in handles
        ]
        byline = soup.select_one("article.post .byline")
        assert [n.get_text() for n in byline.select(".byline__name")] == expected, page
        for link in byline.select("a"):
            assert (public_site.output / local(link["href"])).is_file(), link["href"]
        checked += 1
    assert checked == len(titled)


def test_every_author_page_exists_with_person_data(public_site: BuildRun) -> None:
    for handle, meta in profiles().items():
        page = public_site.output / "menschen" / handle / "index.html"
        if meta.get("status") == "removed":
            assert not page.exists()
            continue
        soup = public_site.html(f"menschen/{handle}/index.html")
        assert soup.select_one("h1").get_text() == meta["name"]
        person = json.loads(soup.select_one('script[type="application/ld+json"]').string)
        assert person["@type"] == "Person" and person["name"] == meta["name"]
        assert person["jobTitle"] == meta["role"]
        if meta.get("guest") == "yes":
            # A guest works for their own organisation, never for the company.
            assert "worksFor" not in person and "alumniOf" not in person
            assert person["affiliation"] == {"@type": "Organization", "name": meta["organisation"]}
        else:
            employer = person["alumniOf" if meta.get("status") == "alumni" else "worksFor"]
            assert employer == {
                "@type": "Organization",
                "name": "Seewerk Velo AG",
                "url": "https://seewerk.example",
            }
        assert person["sameAs"] == [meta[f] for f in LINK_FIELDS if f in meta]
        assert ("image" in person) == ("photo" in meta and meta.get("status") == "active")
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        assert canonical == f"{PUBLIC}menschen/{handle}/"


def test_alumni_pages_are_noindex_and_not_in_the_sitemap(public_site: BuildRun) -> None:
    sitemap = ET.parse(public_site.output / "sitemap.xml").getroot()
    listed = {loc.text for loc in sitemap.iter(f"{SITEMAP}loc")}
    for handle, meta in with_status("alumni").items():
        soup = public_site.html(f"menschen/{handle}/index.html")
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
        assert soup.select_one("picture") is None or "photo" not in meta
        assert f"{PUBLIC}menschen/{handle}/" not in listed
        assert meta["name"] not in public_site.html("menschen/index.html").get_text()
    for handle in with_status("active"):
        assert f"{PUBLIC}menschen/{handle}/" in listed


@pytest.mark.parametrize("site", ["public_site", "preview_site"])
def test_removed_people_are_nowhere_in_the_output(
    site: str, request: pytest.FixtureRequest
) -> None:
    run: BuildRun = request.getfixturevalue(site)
    words = []
    for handle, meta in with_status("removed").items():
        words += [handle, meta["name"], *meta["name"].split()]
    words = [w.casefold().encode() for w in words if len(w) > 3]
    assert words
    for path in run.output.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            for word in words:
                assert word not in data, f"{word!r} in {path.relative_to(run.output)}"


def test_photos_in_the_output_carry_no_metadata(public_site: BuildRun) -> None:
    with_gps = []
    for source in (sample.CONTENT / "authors").glob("*.jpg"):
        with Image.open(source) as image:
            if image.getexif().get_ifd(0x8825):
                with_gps.append(source)
    assert with_gps, "the sample photos should include one with a GPS position"
    photos = sorted((public_site.output / "menschen" / "fotos").iterdir())
    people = {h for h, m in with_status("active").items() if "photo" in m}
    assert {p.name.rsplit("-", 2)[0] for p in photos} == people
    for path in photos:
        with Image.open(path) as image:
            assert dict(image.getexif()) == {}, path.name
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(
                image.info
            ), path.name
            side = int(path.stem.rsplit("-", 1)[1])
            assert image.size == (side, side)
        assert b"Exif" not in path.read_bytes()[:4096], path.name


def test_social_cards_for_posts_and_people(public_site: BuildRun) -> None:
    handles = {h for h, m in profiles().items() if m.get("status") != "removed"}
    pages = [str(p) for p in public_site.pages() if str(p)[:4].isdigit()]
    pages += [f"menschen/{handle}/index.html" for handle in sorted(handles)]
    for page in pages:
        tag = public_site.html(page).select_one('meta[property="og:image"]')
        assert tag is not None, page
        with Image.open(public_site.output / local(tag["content"])) as image:
            assert image.size == (1200, 630), page


def test_feeds_have_no_e_mail_addresses(public_site: BuildRun) -> None:
    feeds = sorted((public_site.output / "feeds").glob("menschen-*.atom.xml"))
    expected = {
        h for h, m in profiles().items() if m.get("status", "active") in ("active", "alumni")
    }
    assert {f.name.removeprefix("menschen-").removesuffix(".atom.xml") for f in feeds} == expected
    for path in (public_site.output / "feeds").iterdir():
        ET.parse(path)
        assert EMAIL.findall(path.read_bytes()) == [], path.name


def test_a_second_build_does_no_photo_or_card_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from devserver.build import build

    monkeypatch.chdir(ROOT)
    overrides = {
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "LOAD_CONTENT_CACHE": False,
        "CACHE_CONTENT": False,
    }
    caplog.set_level(logging.INFO, logger="author_profiles")
    runs = []
    for _ in range(2):
        caplog.clear()
        result = build("pelicanconf.py", overrides)
        assert not result.failed
        runs.append([r.getMessage() for r in caplog.records if r.name.startswith("author_prof")])
    photos = [len(list((sample.CONTENT / "authors").glob("*.jpg")))]
    first, second = ("\n".join(messages) for messages in runs)
    # The preview (pelicanconf.py) checks new photos and leaves them to the preview server; the
    # second build finds their orders in the cache and checks nothing again.
    count = r"\(0 processed, 0 from the cache, {} checked now, (\d+) left to make on request\)"
    checked = re.search(r"photos ready in [\d.]+ s " + count.format(r"(\d+)"), first)
    again = re.search(r"photos ready in [\d.]+ s " + count.format("0"), second)
    assert checked and again and checked[1] == checked[2] == again[1] != "0"
    # It draws no card in the build either, only when one is asked for.
    for run in (first, second):
        assert re.search(r"social cards ready in [\d.]+ s \(0 drawn, \d+ left to draw on", run)
    orders = list((tmp_path / "cache" / "author_photos").glob("*.order.json"))
    assert 0 < len(orders) <= photos[0]
    assert os.listdir(tmp_path / "output" / "menschen" / "fotos") == ["photos-on-request.json"]


def test_every_card_belongs_to_a_published_page(public_site: BuildRun) -> None:
    # A draft's card would show its title on the public site before it is published.
    used = set()
    for page in public_site.pages():
        tag = public_site.html(str(page)).select_one('meta[property="og:image"]')
        if tag is not None:
            used.add(local(tag["content"]))
    cards = {
        path.relative_to(public_site.output).as_posix()
        for path in (public_site.output / "menschen" / "karten").iterdir()
    }
    assert cards and cards <= used
