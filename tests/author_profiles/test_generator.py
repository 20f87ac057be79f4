"""Real builds of small sites: author pages, co-authors, alumni, removed people, bad input."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from author_profiles import ordered_photos
from bs4 import BeautifulSoup
from PIL import Image

from devserver.server import ReloadHub, create_preview_app
from tests.backend.helpers import TestClient
from tests.minisite import make_site
from tests.sites import BuildRun, run_build

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")
# Only what this plugin needs, so that the checks see its output alone.
PLUGINS = (
    'PLUGINS = ["safe_html", "site_i18n", "content_checks", "visibility", "author_profiles",'
    ' "seo"]\n'
)


def profile(name: str, role: str, department: str, level: str, status: str, photo: bool) -> str:
    handle = name.lower().replace(" ", "-")
    return (
        f"Name: {name}\nRole: {role}\nDepartment: {department}\nLevel: {level}\n"
        + (
            f"Photo: {handle}.jpg\nPhoto-focus: 0.5, 0.4\nPhoto-credit: Foto: Jana Roth\n"
            if photo
            else ""
        )
        + f"Linkedin: https://www.linkedin.com/in/example-{handle}\n"
        + f"Consent: yes\nConsent-date: 2025-10-01\nStatus: {status}\n\nIch bin {name}.\n"
    )


def post(title: str, day: int, authors: str) -> str:
    return (
        f"Title: {title}\nDate: 2026-02-{day:02d} 09:00\nCategory: Technik\n{authors}\n"
        f"Lang: de\nSummary: Zusammenfassung von {title}.\n\nText von {title}.\n"
    )


def photo_with_gps(source: Path, target: Path) -> None:
    """A JPEG with camera data, a GPS position and a comment, like one straight off a phone."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x013B] = "Private Person"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (47.0, 39.0, 36.0), "E", (9.0, 10.0, 30.0)
    with Image.open(source) as image:
        portrait = image.convert("RGB").resize((900, 1100))
    portrait.save(target, quality=90, exif=exif, comment=b"Seestrasse 1, Konstanz")


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory, astronaut_path: Path) -> BuildRun:
    """A site with co-authors, an alumna, a removed person and enough posts to paginate."""
    folder = tmp_path_factory.mktemp("team")
    posts = {
        "co.md": post("Gemeinsam geschrieben", 20, "Authors: miriam-keller, Jonas Brenner"),
        "hannah.md": post("Ein Abschied", 21, "Author: hannah-vogt"),
        "lager.md": post("Ein Tag im Lager", 22, "Author: marco-bianchi"),
        "lager-zwei.md": post("Noch ein Tag im Lager", 23, "Authors: marco-bianchi, jonas-brenner"),
        **{f"m{n}.md": post(f"Notiz {n}", n, "Author: miriam-keller") for n in range(1, 12)},
    }
    settings = make_site(folder, posts, PLUGINS)
    authors = folder / "content" / "authors"
    people = {
        "miriam-keller": (
            "Miriam Keller",
            "Leiterin Entwicklung",
            "entwicklung",
            "bereichsleitung",
        ),
        "jonas-brenner": (
            "Jonas Brenner",
            "Vorstandsvorsitzender",
            "geschaeftsleitung",
            "vorstand",
        ),
        "hannah-vogt": ("Hannah Vogt", "Referentin Nachhaltigkeit", "entwicklung", "fachkraft"),
        "marco-bianchi": ("Marco Bianchi", "Fachkraft Lagerlogistik", "produktion", "fachkraft"),
    }
    statuses = {"hannah-vogt": "alumni", "marco-bianchi": "removed"}
    for handle, fields in people.items():
        text = profile(*fields, status=statuses.get(handle, "active"), photo=True)
        (authors / f"{handle}.md").write_text(text, encoding="utf-8")
        photo_with_gps(astronaut_path, authors / f"{handle}.jpg")
    run = run_build(folder / "output", settings=str(settings), strict=True)
    assert run.returncode == 0, run.log
    return run


def page_of(run: BuildRun, title: str) -> str:
    for page in run.pages():
        heading = run.html(str(page)).select_one("article.post h1")
        if heading and heading.get_text(strip=True) == title:
            return str(page)
    raise AssertionError(f"no page for {title!r}")


def test_co_authors_are_both_in_the_byline_and_on_both_pages(team: BuildRun) -> None:
    page = page_of(team, "Gemeinsam geschrieben")
    soup = team.html(page)
    byline = [
        (a["href"], a.select_one(".byline__name").get_text()) for a in soup.select(".byline a")
    ]
    assert byline == [
        ("/menschen/miriam-keller/", "Miriam Keller"),
        ("/menschen/jonas-brenner/", "Jonas Brenner"),
    ]
    assert [h.get_text(strip=True) for h in soup.select(".author-box__name")] == [
        "Miriam Keller",
        "Jonas Brenner",
    ]
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert [a["name"] for a in data["author"]] == ["Miriam Keller", "Jonas Brenner"]
    for handle in ("miriam-keller", "jonas-brenner"):
        listed = team.html(f"menschen/{handle}/index.html").select(".card__title a")
        assert "Gemeinsam geschrieben" in [a.get_text() for a in listed]


def test_author_pages_are_paginated(team: BuildRun) -> None:
    first = team.html("menschen/miriam-keller/index.html")
    second = team.html("menschen/miriam-keller/seite/2/index.html")
    titles = [
        a.get_text() for a in first.select(".card__title a") + second.select(".card__title a")
    ]
    assert len(titles) == 13 and len(set(titles)) == 13  # 11 notes, "good", the co-authored
    assert (
        first.select_one('.pagination a[rel="next"]')["href"] == "/menschen/miriam-keller/seite/2/"
    )


def test_author_page_content_and_person_data(team: BuildRun) -> None:
    soup = team.html("menschen/jonas-brenner/index.html")
    assert soup.select_one("h1").get_text() == "Jonas Brenner"
    img = soup.select_one(".person__photo img")
    assert img["alt"] == "Jonas Brenner" and img.get("loading") is None  # above the fold
    assert (img["width"], img["height"]) == ("240", "240")
    assert soup.select_one(".person__photo source")["type"] == "image/webp"
    [link] = soup.select(".person__links a")
    assert link["rel"] == ["me", "noopener"]
    person = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert person["@type"] == "Person" and person["jobTitle"] == "Vorstandsvorsitzender"
    assert person["worksFor"]["name"] == "Seewerk Velo AG"
    assert person["sameAs"] == ["https://www.linkedin.com/in/example-jonas-brenner"]
    assert person["image"].endswith("-768.jpg")
    with Image.open(served_card(team, soup)) as image:
        assert image.size == (1200, 630)
    feed = soup.select_one('link[type="application/atom+xml"][href*="menschen-jonas"]')
    assert feed["href"] == "/feeds/menschen-jonas-brenner.atom.xml"


def served_card(run: BuildRun, page: BeautifulSoup) -> Path:
    """The page's social card as the preview serves it (drawn when first asked for)."""
    card = page.select_one('meta[property="og:image"]')["content"]
    relative = card.removeprefix("http://127.0.0.1:8000/")
    with TestClient(create_preview_app(str(run.output), None, ReloadHub())) as client:
        answer = client.get(f"/{relative}")
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/jpeg", card
    assert (run.output / relative).read_bytes() == answer.content
    return run.output / relative


def test_every_post_has_a_social_card(team: BuildRun) -> None:
    for title in ("Gemeinsam geschrieben", "Ein Tag im Lager", "Notiz 3"):
        with Image.open(served_card(team, team.html(page_of(team, title)))) as image:
            assert image.size == (1200, 630)


def test_alumni_keep_a_noindex_page_with_initials_and_leave_the_wall(team: BuildRun) -> None:
    soup = team.html("menschen/hannah-vogt/index.html")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert soup.select_one(".person__photo picture") is None
    assert soup.select_one('.person__photo svg[aria-label="Hannah Vogt"]') is not None
    assert "alumniOf" in json.loads(soup.select_one('script[type="application/ld+json"]').string)
    byline = team.html(page_of(team, "Ein Abschied")).select_one(".byline")
    assert byline.select_one("a")["href"] == "/menschen/hannah-vogt/"
    assert byline.select_one("picture") is None and byline.select_one("svg") is not None
    wall = team.html("menschen/index.html")
    assert "Hannah Vogt" not in wall.select_one("main").get_text()
    assert not list((team.output / "menschen" / "fotos").glob("hannah-vogt*"))
    sitemap = (team.output / "sitemap.xml").read_text()
    assert "menschen/hannah-vogt/" not in sitemap


def test_removed_people_are_nowhere_in_the_output(team: BuildRun) -> None:
    forbidden = [b"marco", b"bianchi", b"Marco Bianchi"]
    for path in team.output.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            for word in forbidden:
                assert word.lower() not in data, f"{word!r} in {path.relative_to(team.output)}"
    assert not (team.output / "menschen" / "marco-bianchi").exists()
    soup = team.html(page_of(team, "Ein Tag im Lager"))
    assert [li.get_text(" ", strip=True) for li in soup.select(".byline__person")] == [
        "Ehemaliges Teammitglied"
    ]
    assert soup.select(".byline a") == [] and soup.select_one(".author-box") is None
    both = team.html(page_of(team, "Noch ein Tag im Lager"))
    assert [n.get_text() for n in both.select(".byline__name")] == [
        "Ehemaliges Teammitglied",
        "Jonas Brenner",
    ]
    feed = ET.parse(team.output / "feeds" / "alle.atom.xml").getroot()
    names = {e.findtext(f"{ATOM}author/{ATOM}name") for e in feed.iter(f"{ATOM}entry")}
    assert "Ehemaliges Teammitglied" in names


def served_photos(run: BuildRun) -> list[Path]:
    """Every photo file the build left to make on request, as the preview serves it."""
    ordered = sorted(ordered_photos(run.output))
    with TestClient(create_preview_app(str(run.output), None, ReloadHub())) as client:
        for relative in ordered:
            answer = client.get(f"/{relative}")
            assert answer.status_code == 200, relative
            assert (run.output / relative).read_bytes() == answer.content
    return [run.output / relative for relative in ordered]


def test_photos_in_the_output_carry_no_metadata(team: BuildRun) -> None:
    # The preview build (pelicanconf.py) checks new photos and leaves them to the preview server.
    assert not list((team.output / "menschen" / "fotos").glob("*.webp"))
    served = served_photos(team)
    photos = sorted(
        p for p in (team.output / "menschen" / "fotos").iterdir() if p.stem[-1].isdigit()
    )
    assert photos == sorted(served)
    assert {p.name.split("-")[0] for p in photos} == {"miriam", "jonas"}
    assert len(photos) == 16
    pages = [page_of(team, "Gemeinsam geschrieben"), "menschen/jonas-brenner/index.html"]
    cards = [served_card(team, team.html(page)) for page in pages]
    for path in photos + cards:
        with Image.open(path) as image:
            assert dict(image.getexif()) == {}, path.name
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(
                image.info
            ), path.name
        data = path.read_bytes()
        for marker in (b"Exif", b"PhoneMaker", b"Private Person", b"Seestrasse"):
            assert marker not in data, f"{marker!r} in {path.name}"


def test_feeds_list_the_person_s_posts_without_e_mail_addresses(team: BuildRun) -> None:
    feed = ET.parse(team.output / "feeds" / "menschen-jonas-brenner.atom.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles == ["Noch ein Tag im Lager", "Gemeinsam geschrieben"]
    for path in (team.output / "feeds").iterdir():
        assert EMAIL.findall(path.read_bytes()) == [], path.name
    assert not (team.output / "feeds" / "menschen-marco-bianchi.atom.xml").exists()


def test_the_wall_and_its_filter_pages(team: BuildRun) -> None:
    wall = team.html("menschen/index.html")
    groups = {
        g.select_one("h2").get_text(" ", strip=True): [
            n.get_text() for n in g.select(".faces__name")
        ]
        for g in wall.select(".wall__group")
    }
    assert groups == {
        "Geschäftsleitung (1)": ["Jonas Brenner"],
        "Entwicklung (1)": ["Miriam Keller"],
    }
    level = team.html("menschen/ebene/vorstand/index.html")
    shown = [li.select_one(".faces__name").get_text() for li in level.select(".faces__person")]
    hidden = [li for li in level.select(".faces__person") if li.has_attr("hidden")]
    assert shown == ["Jonas Brenner", "Miriam Keller"] and len(hidden) == 1
    assert level.select_one('.wall-filter a[aria-current="page"]')["href"] == (
        "/menschen/ebene/vorstand/"
    )
    sitemap = ET.parse(team.output / "sitemap.xml").getroot()
    listed = {loc.text for loc in sitemap.iter(f"{SITEMAP}loc")}
    assert "http://127.0.0.1:8000/menschen/abteilung/entwicklung/" in listed


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory, astronaut_path: Path) -> Path:
    """A site with an unknown author, a corrupt photo and a missing one."""
    folder = tmp_path_factory.mktemp("broken")
    posts = {
        "typo.md": post("Vertippt", 3, "Authors: jonas-brenner, Miriam Kelle"),
    }
    settings = make_site(folder, posts, PLUGINS)
    authors = folder / "content" / "authors"
    jonas = profile("Jonas Brenner", "Vorstand", "geschaeftsleitung", "vorstand", "active", True)
    (authors / "jonas-brenner.md").write_text(jonas, encoding="utf-8")
    (authors / "jonas-brenner.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    emre = profile("Emre Yilmaz", "Azubi", "produktion", "ausbildung", "active", True)
    (authors / "emre-yilmaz.md").write_text(emre, encoding="utf-8")
    return settings


def test_bad_input_is_reported_and_strict_mode_fails(broken: Path, tmp_path: Path) -> None:
    run = run_build(tmp_path / "strict", settings=str(broken), strict=True)
    assert run.returncode == 1
    assert (
        "typo.md:4:25: error: Zu 'Miriam Kelle' gibt es kein Profil.\n"
        "    → Meinten Sie 'miriam-keller' (Miriam Keller)?" in run.log
    )
    assert "authors/jonas-brenner.md:5:1: error: Das Foto lässt sich nicht verwenden:" in (run.log)
    assert (
        "authors/emre-yilmaz.md:5:1: warning: Das Foto 'emre-yilmaz.jpg' gibt es nicht." in run.log
    )
    assert "Traceback" not in run.log


def test_bad_input_still_gives_a_preview(broken: Path, tmp_path: Path) -> None:
    run = run_build(tmp_path / "preview", settings=str(broken))
    assert run.returncode == 0, run.log
    soup = run.html(page_of(run, "Vertippt"))
    people = [
        (li.select_one("a") is not None, li.select_one(".byline__name").get_text())
        for li in soup.select(".byline__person")
    ]
    assert people == [(True, "Jonas Brenner"), (False, "Miriam Kelle")]
    jonas = run.html("menschen/jonas-brenner/index.html")
    assert jonas.select_one(".person__photo svg") is not None
    assert (run.output / "menschen" / "emre-yilmaz" / "index.html").exists()


def test_cards_and_wall_entries_are_let_go_once_the_author_pages_are_written(
    tmp_path: Path,
) -> None:
    from pelican import signals

    from devserver.build import build

    kept: dict[str, dict] = {}

    def keep(generators: list) -> None:
        kept["context"] = generators[0].context

    signals.all_generators_finalized.connect(keep, weak=False)
    try:
        settings = make_site(tmp_path, {})
        # One process, so that every fragment is rendered into this process's store.
        overrides = {"OUTPUT_PATH": str(tmp_path / "output"), "PARALLEL_WRITE_PROCESSES": 1}
        assert not build(str(settings), overrides).failed
    finally:
        signals.all_generators_finalized.disconnect(keep)
    output = tmp_path / "output"
    index = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    wall = BeautifulSoup(
        (output / "menschen" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert index.select("article.card") and wall.select("li.faces__person")
    kinds = {key[0] for key in kept["context"]["_fragment_cache_store"]}
    # The navigation and the footer stand on the pages written later: they stay.
    assert {"site_nav", "site_footer"} <= kinds
    assert not kinds & {"article_card", "wall_person"}
