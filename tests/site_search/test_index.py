"""The Pagefind index of the sample site's builds: what it holds and what it must never hold."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from bs4 import BeautifulSoup
from site_search import make_ordered_index, ordered_index

from tests.sites import BuildRun

INTERNAL_POST = "betriebsversammlung-am-4-dezember-eure-fragen-vorab"
# Words found only in the internal post (content/posts/2026/…-fragen-vorab.md).
INTERNAL_WORDS = ("tarifabschluss", "laugengebäck", "betriebsratsbüro")
DRAFT = "entwuerfe/"


def index_text(output: Path) -> str:
    """Every file of the Pagefind index, decompressed and lowercased, as one text."""
    parts = []
    files = sorted((output / "pagefind").rglob("*.pf_*"))
    assert files, f"no Pagefind index in {output}"
    for path in files:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        parts.append(data.decode("utf-8", errors="replace").lower())
    return "\n".join(parts)


def fragments(output: Path) -> list[dict[str, Any]]:
    """Every page of the index as Pagefind stores it: address, text, meta and filters."""
    return [
        json.loads(gzip.decompress(path.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd"))
        for path in (output / "pagefind" / "fragment").glob("*.pf_fragment")
    ]


def indexed_urls(output: Path) -> set[str]:
    """The address of every page in the index, from its fragments."""
    return {fragment["url"] for fragment in fragments(output)}


def test_the_public_index_holds_not_one_word_of_an_internal_post(public_site: BuildRun) -> None:
    text = index_text(public_site.output)
    for word in (*INTERNAL_WORDS, INTERNAL_POST):
        assert word not in text


def test_the_intranet_index_finds_the_internal_post(intranet_site: BuildRun) -> None:
    text = index_text(intranet_site.output)
    for word in INTERNAL_WORDS:
        assert word in text
    assert any(INTERNAL_POST in url for url in indexed_urls(intranet_site.output))


def test_posts_and_people_are_indexed_drafts_and_lists_are_not(preview_site: BuildRun) -> None:
    # The preview build orders its index (SEARCH_INDEX_ON_REQUEST); the preview server makes it.
    if not (preview_site.output / "pagefind" / "pagefind.js").exists():
        assert ordered_index(preview_site.output) == "pagefind"
        assert make_ordered_index(preview_site.output) is not None
    urls = indexed_urls(preview_site.output)
    posts = {u for u in urls if u.startswith("/2026/") or u.startswith("/2025/")}
    people = {u for u in urls if u.startswith("/menschen/")}
    written_posts = {
        "/" + p.parent.relative_to(preview_site.output).as_posix() + "/"
        for p in preview_site.output.glob("20[0-9][0-9]/*/index.html")
    }
    assert posts == written_posts
    assert "/menschen/miriam-keller/" in people
    # Alumni keep a noindex page and stay out of search; later pages of a profile too.
    assert not any("/seite/" in u for u in urls)
    assert urls == posts | people
    assert not any(u.startswith("/" + DRAFT) for u in urls)
    assert (preview_site.output / DRAFT).is_dir()


def test_the_search_page_says_in_one_line_what_to_do_without_javascript(
    preview_site: BuildRun,
) -> None:
    page = preview_site.html("suche/index.html")
    line = page.select_one("main noscript")
    assert line is not None
    fallback = line.get_text(" ", strip=True)
    assert fallback.startswith("Die Suche braucht JavaScript.")
    assert [a["href"] for a in line.select("a")] == ["/archiv/", "/thema/", "/menschen/"]
    assert page.select_one("#search").has_attr("hidden")
    script = page.select_one("script[type=module]")["src"]
    assert script == "/theme/js/search.js"


def test_every_public_post_has_related_posts_that_exist_and_are_not_itself(
    public_site: BuildRun,
) -> None:
    base = "https://blog.seewerk.example/blog/"
    checked = 0
    for page in public_site.output.glob("20[0-9][0-9]/*/index.html"):
        own = base + page.parent.relative_to(public_site.output).as_posix() + "/"
        soup = public_site.html(str(page.relative_to(public_site.output)))
        related = soup.select_one("aside.related")
        assert related is not None, page
        lists = related.select("ul.related__list")
        assert 1 <= len(lists[0].select("li")) <= 3
        for link in related.select("li a"):
            assert link["href"] != own
            target = link["href"].removeprefix(base) + "index.html"
            assert (public_site.output / target).is_file(), link["href"]
            assert INTERNAL_POST not in link["href"]
        # Someone who withdrew consent is a label in bylines; their posts are not grouped.
        headings = [h.get_text() for h in related.select("h2")]
        assert "Mehr von Ehemaliges Teammitglied" not in headings
        checked += 1
    assert checked > 20


def test_a_profiles_excerpt_keeps_each_fact_apart_from_its_label(public_site: BuildRun) -> None:
    pages = fragments(public_site.output)
    [miriam] = [f for f in pages if f["url"].endswith("/menschen/miriam-keller/")]
    content = miriam["content"]
    # The search shows this text as the person's excerpt: label and value as separate words.
    for fact in ("Bereich Entwicklung.", "Ebene Bereichsleitung.", "Standort Konstanz."):
        assert fact in content, content[:300]
    # Name and role head the result already: the excerpt begins with the facts, and both are
    # still found as the result's metadata.
    assert content.startswith("Bereich Entwicklung."), content[:100]
    assert (miriam["meta"]["title"], miriam["meta"]["role"]) == (
        "Miriam Keller",
        "Leiterin Entwicklung",
    )
    assert "BereichEntwicklung" not in content


def _words(text: str, count: int) -> list[str]:
    """The first `count` words of a text, without punctuation, as Pagefind's excerpt shows them."""
    return [word.strip(".,:;!?«»“”\"'()–-") for word in text.split()[:count]]


def test_a_posts_excerpt_begins_with_its_own_words(public_site: BuildRun) -> None:
    posts = [f for f in fragments(public_site.output) if f["meta"].get("kind") == "post"]
    assert len(posts) > 20
    told_to = 0
    for post in posts:
        page = public_site.html(post["url"].lstrip("/") + "index.html")
        body = page.select_one(".post__content").get_text(" ", strip=True)
        # Not the category, title, date and byline of the header: the text's first words.
        assert _words(post["content"], 6) == _words(body, 6), post["url"]
        # Title, authors and category stay findable: Pagefind searches its metadata too.
        title = page.select_one("h1.post__title").get_text()
        names = [n.get_text() for n in page.select(".post__header .byline__name")]
        assert post["meta"]["title"] == title
        assert post["meta"]["category"] == page.select_one(".post__category").get_text()
        if names:
            assert post["meta"]["authors"] == ", ".join(names), post["url"]
        # Its topics too (Pagefind leaves the <footer> that lists them out of the text).
        tags = [a.get_text() for a in page.select(".post__footer .tags a")]
        assert post["meta"].get("tags", "") == ", ".join(tags), post["url"]
        # And whoever the byline credits (as told to, photos): the byline is left out too.
        credited = [p.get_text() for p in page.select(".post__header .byline__credits a")]
        assert post["meta"].get("credits", "") == ", ".join(dict.fromkeys(credited)), post["url"]
        told_to += bool(credited)
    assert told_to, "no post with credits in the sample site: the credits check checked nothing"


def test_every_result_has_a_face_the_initials_where_there_is_no_photo(
    public_site: BuildRun,
) -> None:
    pages = fragments(public_site.output)
    without_photo = 0
    for fragment in pages:
        page = public_site.html(fragment["url"].lstrip("/") + "index.html")
        image = fragment["meta"].get("image", "")
        if fragment["meta"]["kind"] == "person":
            face = page.select_one(".person__photo .face")
        else:
            # The first photo among the authors, else the first author's initials.
            faces = page.select(".post__header .byline .face")
            face = next((f for f in faces if f.name == "picture"), faces[0] if faces else None)
        if face is None:  # an author who withdrew consent: a label and no face, in search too
            assert not image.startswith("data:"), fragment["url"]
            continue
        if face.name == "picture":
            sizes = [entry.split()[0] for entry in face.select_one("img")["srcset"].split(",")]
            assert image in sizes, fragment["url"]
            continue
        # The same SVG the page shows, drawn from a data: address: no request, no other host.
        assert image.startswith("data:image/svg+xml,"), fragment["url"]
        drawn = BeautifulSoup(unquote(image.removeprefix("data:image/svg+xml,")), "html.parser")
        assert drawn.svg == face.svg, fragment["url"]
        without_photo += 1
    assert without_photo >= 2
