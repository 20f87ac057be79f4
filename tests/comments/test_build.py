"""Comment threads in real Pelican builds: public, intranet, after a slug change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bs4 import Tag

from tests.comments.site import HOSTILE_NAME, WRITER_FIELDS, form_fields
from tests.html_check import vnu_errors
from tests.minisite import make_site
from tests.sites import BuildRun

KANTINE = "2026/ideen-fuer-die-kantine/index.html"
OFF = "2026/ein-beitrag-ohne-kommentare/index.html"
INTERNAL = "2026/nur-fuer-mitarbeitende/index.html"
ENGLISH = "2026/building-bikes/index.html"
GOOD = "2026/ein-guter-beitrag/index.html"


def section(site: BuildRun, page: str) -> Tag:
    found = site.html(page).find("section", class_="comments")
    assert isinstance(found, Tag), f"no comments section on {page}"
    return found


def texts(tags: Any) -> list[str]:
    return [" ".join(t.get_text(" ", strip=True).split()) for t in tags]


def manifest(site: BuildRun) -> dict[str, Any]:
    return json.loads((site.output / "comments" / "manifest.json").read_text("utf-8"))


def test_thread_shows_comments_with_one_level_of_replies(comment_site: BuildRun) -> None:
    thread = section(comment_site, KANTINE)
    assert texts([thread.h2]) == ["Kommentare (4)"]
    top = thread.select("ol.comments__list > li.comment")
    assert [li["id"] for li in top] == ["c-000000000001", "c-000000000004"]
    replies = top[0].select("ol.comment__replies > li.comment--reply")
    assert [li["id"] for li in replies] == ["c-000000000002", "c-000000000003"]
    assert texts(top[1].select(".comment__name")) == ["anonym"]
    assert texts(top[1].select("time")) == ["16. März 2026"]
    assert top[1].time["datetime"] == "2026-03-16T09:04:00+01:00"


def test_replies_by_people_show_face_role_and_badge(comment_site: BuildRun) -> None:
    thread = section(comment_site, KANTINE)
    author, board = thread.select("li.comment--reply")
    assert author.select_one("a.comment__person")["href"] == "/menschen/miriam-keller/"
    assert author.select_one(".comment__person .face") is not None
    assert texts(author.select(".comment__name, .comment__role, .comment__badge")) == [
        "Miriam Keller",
        "Leiterin Entwicklung",
        "Verfasst den Beitrag",
    ]
    assert texts(board.select(".comment__name, .comment__role, .comment__badge")) == [
        "Jonas Brenner",
        "Vorstandsvorsitzender",
        "Vorstand",
    ]


def test_hostile_name_and_text_stay_text(comment_site: BuildRun) -> None:
    first = section(comment_site, KANTINE).select_one("#c-000000000001")
    assert first is not None
    assert texts(first.select(":scope > .comment__meta .comment__name")) == [HOSTILE_NAME]
    body = first.select_one(":scope > .comment__text")
    assert str(body) == (
        '<div class="comment__text"><p>Erster Absatz mit <em>Betonung</em> und '
        '<a href="https://example.org/pfad?a=1&amp;b=2" rel="nofollow ugc">'
        "https://example.org/pfad?a=1&amp;b=2</a>.</p>"
        '<p>&lt;script&gt;alert("text")&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; '
        '&lt;a href="javascript:alert(3)"&gt;klick&lt;/a&gt; javascript:alert(4)</p></div>'
    )
    page = comment_site.html(KANTINE)
    assert page.select("section.comments script, section.comments img") == []
    assert [t for t in page.find_all(True) if any(a.startswith("on") for a in t.attrs)] == []


def test_form_posts_to_the_backend_without_javascript(comment_site: BuildRun) -> None:
    thread = section(comment_site, KANTINE)
    form = thread.select_one(".comments__write form")
    assert form["action"] == "/api/comments" and form["method"] == "post"
    assert form_fields(form) == {
        **WRITER_FIELDS,
        "thread": "kantine-2026",
        "_next": "/2026/ideen-fuer-die-kantine/",
    }
    assert not form.select_one("[name=name]").has_attr("required")
    assert form.select_one("[name=text]").has_attr("required")
    assert form.select_one(".comments__trap [name=_hp]")["tabindex"] == "-1"
    help_id = form.select_one("[name=email]")["aria-describedby"]
    assert "nie" in thread.select_one(f"#{help_id}").get_text()
    assert texts(thread.select("h3#kommentieren")) == ["Schreiben Sie einen Kommentar"]
    assert texts(thread.select("#kommentar-wartet")) == ["Ihr Kommentar wartet auf Freigabe"]
    notify = form.select_one("label[for=kommentar-neu-notify]")
    assert "Autorin" in notify.get_text()


def test_each_top_level_comment_has_its_own_reply_form(comment_site: BuildRun) -> None:
    thread = section(comment_site, KANTINE)
    parents = [f["value"] for f in thread.select("details.comment__answer [name=parent]")]
    assert parents == ["c-000000000001", "c-000000000004"]
    assert thread.select("li.comment--reply details.comment__answer") == []
    ids = [t["id"] for t in comment_site.html(KANTINE).select("[id]")]
    assert len(ids) == len(set(ids))


def test_every_comment_can_be_reported(comment_site: BuildRun) -> None:
    thread = section(comment_site, KANTINE)
    forms = thread.select("details.comment__report form")
    assert [f["action"] for f in forms] == [
        f"/api/comments/c-00000000000{n}/report" for n in (1, 2, 3, 4)
    ]
    reasons = [o["value"] for o in forms[0].select("select[name=reason] option")]
    assert reasons == ["spam", "off_topic", "insulting", "personal_data", "other"]
    assert forms[0].select_one("[name=_next]")["value"] == (
        "/2026/ideen-fuer-die-kantine/#c-000000000001"
    )


def test_comments_off_keeps_old_comments_without_a_form(comment_site: BuildRun) -> None:
    thread = section(comment_site, OFF)
    assert texts(thread.select(".comment__text")) == ["Ein alter Kommentar."]
    assert texts(thread.select(".comments__closed")) == ["Kommentare sind geschlossen"]
    assert thread.select("form.comments__form, details.comment__answer") == []


def test_a_post_without_comments_invites_the_first(comment_site: BuildRun) -> None:
    thread = section(comment_site, GOOD)
    assert texts([thread.h2]) == ["Kommentare (0)"]
    assert thread.select_one(".comments__write form [name=thread]")["value"] == "posts/good"
    assert comment_site.html(GOOD).select_one('script[src$="js/comments.js"]') is not None


def test_english_post_speaks_english(comment_site: BuildRun) -> None:
    thread = section(comment_site, ENGLISH)
    # The whole page speaks English (site_i18n), so the thread needs no lang of its own.
    assert comment_site.html(ENGLISH).html["lang"] == "en" and "lang" not in thread.attrs
    assert texts([thread.h2]) == ["Comments (2)"]
    assert texts(thread.select("h3#kommentieren")) == ["Write a comment"]
    assert texts(thread.select(".comment__badge")) == ["Wrote this post"]


def test_internal_and_deleted_threads_stay_out_of_the_public_build(
    comment_site: BuildRun,
) -> None:
    assert not (comment_site.output / INTERNAL).exists()
    every_page = "".join((comment_site.output / p).read_text("utf-8") for p in comment_site.pages())
    assert "Interne Frage" not in every_page
    assert "gelöschten Beitrag" not in every_page


def test_public_manifest_lists_public_posts_only(comment_site: BuildRun) -> None:
    document = manifest(comment_site)
    assert document["version"] == 1 and document["generated"].endswith("Z")
    assert document["threads"] == [
        {
            "id": "kantine-2026",
            "path": "/2026/ideen-fuer-die-kantine/",
            "title": "Ideen für die Kantine",
            "lang": "de",
            "authors": ["miriam-keller"],
            "open": True,
            "internal": False,
        },
        {
            "id": "posts/aus",
            "path": "/2026/ein-beitrag-ohne-kommentare/",
            "title": "Ein Beitrag ohne Kommentare",
            "lang": "de",
            "authors": ["miriam-keller"],
            "open": False,
            "internal": False,
        },
        {
            "id": "posts/english",
            "path": "/2026/building-bikes/",
            "title": "Building bikes",
            "lang": "en",
            "authors": ["miriam-keller"],
            "open": True,
            "internal": False,
        },
        {
            "id": "posts/good",
            "path": "/2026/ein-guter-beitrag/",
            "title": "Ein guter Beitrag",
            "lang": "de",
            "authors": ["miriam-keller"],
            "open": True,
            "internal": False,
        },
        {
            "id": "posts/schlecht",
            "path": "/2026/schlechte-id/",
            "title": "Schlechte Id",
            "lang": "de",
            "authors": ["miriam-keller"],
            "open": True,
            "internal": False,
        },
    ]


def test_intranet_build_shows_internal_threads(intranet_site: BuildRun) -> None:
    thread = section(intranet_site, INTERNAL)
    assert texts(thread.select(".comment__text")) == ["Interne Frage."]
    assert texts(thread.select(".comment__badge")) == ["Verfasst den Beitrag", "Vorstand"]
    assert thread.select_one(".comments__write [name=name]").has_attr("required")
    internal = [t for t in manifest(intranet_site)["threads"] if t["internal"]]
    assert [(t["id"], t["authors"]) for t in internal] == [("posts/intern", ["jonas-brenner"])]


def test_new_slug_keeps_the_thread(renamed_site: BuildRun) -> None:
    thread = section(renamed_site, "2026/kantine-neu/index.html")
    assert texts([thread.h2]) == ["Kommentare (4)"]
    entry = next(t for t in manifest(renamed_site)["threads"] if t["id"] == "kantine-2026")
    assert entry["path"] == "/2026/kantine-neu/"


def test_comments_switched_off_site_wide(renamed_site: BuildRun) -> None:
    thread = section(renamed_site, "2026/kantine-neu/index.html")
    assert thread.select("form.comments__form") == []
    assert texts(thread.select(".comments__closed")) == ["Kommentare sind geschlossen"]
    assert renamed_site.html(GOOD).select("section.comments") == []
    assert {t["open"] for t in manifest(renamed_site)["threads"]} == {False}


def test_broken_data_and_ids_are_reported_with_file_and_line(comment_site: BuildRun) -> None:
    log = comment_site.log
    for expected in (
        "content/data/comments/kaputt.json:4:1: error: Die Kommentar-Datei ist kein gültiges "
        "JSON: Expecting ',' delimiter.",
        "content/data/comments/falscher-name.json:1:1: error: Die Datei gehört laut 'thread' "
        "zu 'posts/good', heisst aber nicht 'posts--good.json'.",
        "content/data/comments/posts--english-alt.json:6:1: error: Kommentar 1 ist "
        "unvollständig: 'text' fehlt oder ist leer.",
        "content/posts/doppelt.md:6:1: error: Die Id 'kantine-2026' hat schon",
        "content/posts/schlecht.md:6:1: error: 'kantine 2026!' ist als Id nicht erlaubt.",
    ):
        assert expected in log
    assert "Traceback" not in log
    # The later post with a shared Id gets no thread until its Id is changed.
    duplicate = comment_site.html("2026/noch-ein-kantinenbeitrag/index.html")
    assert duplicate.select("section.comments") == []


def test_structured_data_carries_the_thread(comment_site: BuildRun) -> None:
    page = comment_site.html(KANTINE)
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["commentCount"] == 4
    first, second = data["comment"]
    assert first["author"] == {"@type": "Person", "name": HOSTILE_NAME}
    assert first["url"].endswith("/2026/ideen-fuer-die-kantine/#c-000000000001")
    reply = first["comment"][0]
    assert reply["author"]["name"] == "Miriam Keller"
    assert reply["author"]["url"].endswith("/menschen/miriam-keller/")
    assert reply["text"] == "Danke!"
    assert "comment" not in second
    assert "</script>" not in page.select_one('script[type="application/ld+json"]').string


def test_pages_with_threads_are_valid_html(comment_site: BuildRun) -> None:
    pages = [KANTINE, OFF, ENGLISH, GOOD]
    assert vnu_errors([comment_site.output / page for page in pages]) == []


def test_review_page_lists_unanswered_comments_per_author(comment_site: BuildRun) -> None:
    section = comment_site.html("entwuerfe/index.html").select_one(
        'section[aria-labelledby="review-comments"]'
    )
    assert section is not None
    assert texts(section.select("h3")) == ["Miriam Keller (2)"]
    assert [a["href"] for a in section.select("li li a")] == [
        "/2026/ideen-fuer-die-kantine/#c-000000000004",
        "/2026/ein-beitrag-ohne-kommentare/#c-000000000005",
    ]
    assert texts(section.select("li li"))[0].startswith("Ideen für die Kantine – anonym,")


def test_the_manifest_s_entries_are_let_go_once_it_is_written(tmp_path: Path) -> None:
    from pelican import signals

    from devserver.build import build

    found: list[Any] = []

    def keep(generators: list[Any]) -> None:
        found.extend(g for g in generators if type(g).__name__ == "CommentsGenerator")

    signals.all_generators_finalized.connect(keep, weak=False)
    try:
        settings = make_site(tmp_path, {})
        assert not build(str(settings), {"OUTPUT_PATH": str(tmp_path / "output")}).failed
    finally:
        signals.all_generators_finalized.disconnect(keep)
    written = json.loads((tmp_path / "output/comments/manifest.json").read_text("utf-8"))
    assert [t["path"] for t in written["threads"]] == ["/2026/ein-guter-beitrag/"]
    assert [g.manifest_threads for g in found] == [[]]
