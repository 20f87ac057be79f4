"""The sample site as built: every post, listing, feed and machine-readable file."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from author_profiles import CREDIT_ROLES

from tests import sample
from tests.sample import ROOT
from tests.sites import BuildRun

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _titles_by_page(run: BuildRun, under: str = "") -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for page in run.pages():
        if under and not str(page).startswith(under):
            continue
        heading = run.html(str(page)).select_one("article.post h1")
        if heading:
            found.setdefault(heading.get_text(strip=True), []).append(page)
    return found


def test_every_public_post_has_exactly_one_page(public_site: BuildRun) -> None:
    titles = _titles_by_page(public_site)
    for post in sample.posts():
        if post.is_public:
            assert len(titles.get(post.meta["title"], [])) == 1, post.path
        else:
            assert post.meta["title"] not in titles, f"{post.path} must not be published"


def test_preview_shows_drafts_and_scheduled_posts_with_a_banner(preview_site: BuildRun) -> None:
    drafts = [p for p in sample.posts() if p.is_draft or p.date > p.date.now()]
    assert drafts, "the sample site needs drafts and a scheduled post"
    pages = _titles_by_page(preview_site, under="entwuerfe")
    for post in drafts:
        [page] = pages[post.meta["title"]]
        banner = preview_site.html(str(page)).select_one(".status-banner")
        expected = "Entwurf" if post.is_draft else "Geplant"
        assert banner is not None and expected in banner.get_text(), post.path


def test_index_is_paginated_newest_first_and_complete(public_site: BuildRun) -> None:
    # The home lists the German posts; the English ones have their own (tests/site_i18n).
    public = [p for p in sample.posts() if p.is_public and p.meta.get("lang", "de") == "de"]
    listed: list[str] = []
    page, pages_seen = "index.html", 0
    while page:
        soup = public_site.html(page)
        listed += [a.get_text(strip=True) for a in soup.select(".card__title a")]
        pages_seen += 1
        following = soup.select_one('.pagination a[rel="next"]')
        page = ""
        if following:
            href = following["href"].removeprefix("https://blog.seewerk.example/blog/")
            page = href + "index.html"
    expected = [p.meta["title"] for p in sorted(public, key=lambda p: p.date, reverse=True)]
    assert listed == expected
    assert pages_seen == -(-len(public) // 10)


def test_feeds_parse_and_list_the_newest_posts(public_site: BuildRun) -> None:
    feed = ET.parse(public_site.output / "feeds" / "alle.atom.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    public = sorted((p for p in sample.posts() if p.is_public), key=lambda p: p.date, reverse=True)
    assert [e.findtext(f"{ATOM}title") for e in entries] == [p.meta["title"] for p in public][:20]
    for entry in entries:
        assert (
            entry.find(f"{ATOM}link").get("href").startswith("https://blog.seewerk.example/blog/")
        )
    categories = {p.meta["category"] for p in public}
    category_feeds = list((public_site.output / "feeds").glob("kategorie-*.atom.xml"))
    assert len(category_feeds) == len(categories)
    for path in category_feeds:
        ET.parse(path)


def test_sitemap_lists_every_indexable_page(public_site: BuildRun) -> None:
    root = ET.parse(public_site.output / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    base = "https://blog.seewerk.example/blog/"
    expected = set()
    for page in public_site.pages():
        name = str(page)
        if name == "404.html" or "/seite/" in name:
            continue
        if public_site.html(name).select_one('meta[name="robots"][content="noindex"]'):
            continue
        expected.add(base + name.removesuffix("index.html"))
    assert listed == expected
    robots = (public_site.output / "robots.txt").read_text()
    assert f"Sitemap: {base}sitemap.xml" in robots
    assert "Disallow: /blog/entwuerfe/" in robots


def test_public_site_has_no_drafts_nor_internal_posts(public_site: BuildRun) -> None:
    assert not (public_site.output / "entwuerfe").exists()
    hidden = [p for p in sample.posts() if not p.is_public]
    everything = "\n".join(
        f.read_text(encoding="utf-8", errors="ignore")
        for f in public_site.output.rglob("*")
        if f.is_file() and f.suffix in {".html", ".xml", ".json", ".txt"}
    )
    for post in hidden:
        assert post.meta["title"] not in everything, post.path


def test_article_metadata_for_search_engines_and_social(public_site: BuildRun) -> None:
    post = next(p for p in sample.posts() if p.is_public)
    [page] = _titles_by_page(public_site)[post.meta["title"]]
    soup = public_site.html(str(page))
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    assert canonical == "https://blog.seewerk.example/blog/" + str(page).removesuffix("index.html")
    assert soup.select_one('meta[property="og:url"]')["content"] == canonical
    assert soup.select_one('meta[property="og:title"]')["content"] == post.meta["title"]
    assert soup.select_one('meta[property="og:type"]')["content"] == "article"
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == post.meta["title"]
    assert data["mainEntityOfPage"] == canonical
    assert data["datePublished"].startswith(post.meta["date"][:10])
    assert data["publisher"]["name"] == "Seewerk Velo AG"
    assert data["author"] and all(a["@type"] == "Person" for a in data["author"])


def test_every_link_to_the_site_stays_under_its_sub_path(public_site: BuildRun) -> None:
    for page in public_site.pages():
        soup = public_site.html(str(page))
        for tag in soup.select("[href], [src]"):
            url = tag.get("href") or tag.get("src")
            if url.startswith("/"):
                assert url.startswith("/blog/"), f"{page}: {url}"


def test_dates_are_german_without_installed_locales(public_site: BuildRun) -> None:
    post = next(
        p
        for p in sample.posts()
        if p.is_public and p.date.month == 3 and p.meta.get("lang", "de") == "de"
    )
    [page] = _titles_by_page(public_site)[post.meta["title"]]
    shown = public_site.html(str(page)).select_one(".post__meta time").get_text()
    assert shown == f"{post.date.day}. März {post.date.year}"


def test_required_pages_exist(public_site: BuildRun) -> None:
    for slug in (
        "ueber-uns",
        "redaktionsleitfaden",
        "impressum",
        "datenschutz",
        "about-us",
        "editorial-guidelines",
    ):
        assert (public_site.output / slug / "index.html").exists(), slug
    for listing in ("archiv", "kategorie", "thema", "menschen"):
        assert (public_site.output / listing / "index.html").exists(), listing
    assert (public_site.output / "404.html").exists()


def test_the_join_in_page_explains_credits_guests_interviews_and_stories(
    public_site: BuildRun,
) -> None:
    page = public_site.html("mitmachen/index.html").select_one(".page__content")
    headings = {h.get_text(strip=True) for h in page.select("h2")}
    assert {"Lieber erzählen als schreiben?", "Wer mitgeholfen hat", "Interviews", "Gäste"} <= (
        headings
    )
    words = page.get_text(" ")
    assert "Geschichte vorschlagen" in words  # the name of the story form's page
    code = {c.get_text() for c in page.select("code")}
    fields = {line.split(":")[0] for block in code for line in block.splitlines() if ":" in line}
    # Every credit field the build knows, named as a post's header writes it.
    assert {role.capitalize() for role in CREDIT_ROLES} <= fields | code
    assert {"Guest: yes", "Organisation:"} <= {line for b in code for line in b.splitlines()} | code
    # The interview command and every interview type exist as the page spells them.
    [command] = [c for c in code if c.startswith("uv run invoke new-post --interview ")]
    types = {p.stem for p in (ROOT / "plugins/editorial/new_post/question_sets").glob("*.yaml")}
    named = set(re.findall(r"[a-z]+(?:-[a-z]+)*", " ".join(code))) & types
    assert command.split()[5] in types and named == types
    # The handles of its credit example are profiles of the site.
    [example] = [c for c in code if "\nTold-to: " in c]
    handles = {
        value.strip()
        for line in example.strip().splitlines()
        for value in line.split(":", 1)[1].split(",")
    }
    assert handles and all((ROOT / "content/authors" / f"{h}.md").exists() for h in handles)
