"""The thread's HTML written in Python: every value escaped, every form where the theme had it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from bs4 import BeautifulSoup, Tag
from comments.markup import comment_form, comment_list
from comments.messages import REPORT_REASONS, words
from comments.view import CommentView, ThreadView
from markupsafe import Markup

from tests.comments.site import WRITER_FIELDS, form_fields

WHEN = dt.datetime(2026, 3, 16, 9, 4, tzinfo=dt.timezone(dt.timedelta(hours=1)))
# Quotes, tags, an ampersand and NUL (the reply form's stand-in for its parent) in one name.
NASTY = "a\"b'<script>x()</script>&amp;\0z"
ENDPOINT = "https://api.example/c&d"
SITE = 'https://site.example/a&b"'


def _face(profile: Any, px: int) -> Markup:
    return Markup('<span class="face face--{}" data-who="{}"></span>').format(px, profile.name)


def _comment(number: int, paragraph: str, **more: Any) -> CommentView:
    """A comment by NASTY received at WHEN, with one paragraph of text."""
    return CommentView(
        id=f"c-{number:012d}",
        name=NASTY,
        html=Markup("<p>{}</p>").format(paragraph),
        received=WHEN,
        date_text="16. März 2026",
        **more,
    )


def _view(endpoint: str = ENDPOINT, is_open: bool = True) -> ThreadView:
    person = SimpleNamespace(name=NASTY, url='menschen/x"y/', role="<b>Chefin</b> & Co")
    reply = _comment(2, "Antwort", profile=person, badges=('"Vorstand"<i>',))
    top = _comment(1, "Frage", replies=(reply,))
    said = words("de")
    return ThreadView(
        thread="kantine-2026",
        lang="de",
        open=is_open,
        post_path="2026/k/",
        endpoint=endpoint,
        next_url=f"{SITE}/2026/k/",
        since="2026-03-16T08:04:00Z",
        allow_anonymous=False,
        several_authors=True,
        comments=(top,),
        words=said,
        reasons=tuple((reason, said[f"reason_{reason}"]) for reason in REPORT_REASONS),
    )


def _parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(f"<ol>{html}</ol>", "html.parser")


def _one(page: BeautifulSoup | Tag, selector: str) -> Tag:
    found = page.select_one(selector)
    assert isinstance(found, Tag), selector
    return found


def test_every_value_comes_back_as_written_and_adds_no_markup() -> None:
    page = _parse(comment_list(_view(), SITE, _face))
    assert page.select("script, b, i") == []
    assert [t.get_text() for t in page.select(".comment__name")] == [NASTY, NASTY]
    assert _one(page, "a.comment__person")["href"] == f'{SITE}/menschen/x"y/'
    assert _one(page, ".comment__person .face")["data-who"] == NASTY
    assert _one(page, ".comment__role").get_text() == "<b>Chefin</b> & Co"
    assert _one(page, ".comment__badge").get_text() == '"Vorstand"<i>'
    assert _one(page, "ol.comment__replies")["aria-label"] == (
        f"Antworten auf den Kommentar von {NASTY}"
    )
    assert _one(page, "details.comment__answer summary .visually-hidden").get_text() == (
        f" – Antwort an {NASTY}"
    )
    reports = [f["action"] for f in page.select("details.comment__report form")]
    assert reports == [f"{ENDPOINT}/c-00000000000{n}/report" for n in (1, 2)]
    assert _one(page, "#c-000000000002 [name=_next]")["value"] == f"{SITE}/2026/k/#c-000000000002"
    assert _one(page, "#c-000000000001 time")["datetime"] == "2026-03-16T09:04:00+01:00"


def test_the_reply_form_answers_its_own_comment_with_unique_ids() -> None:
    page = _parse(comment_list(_view(), SITE, _face))
    reply_forms = page.select("details.comment__answer form")
    assert len(reply_forms) == 1  # replies take no replies: one level
    form = reply_forms[0]
    assert form_fields(form) == {
        **WRITER_FIELDS,
        "thread": "kantine-2026",
        "parent": "c-000000000001",
        "_next": f"{SITE}/2026/k/",
    }
    assert form["action"] == ENDPOINT
    assert _one(form, "[name=name]").has_attr("required")
    assert (
        _one(form, "label[for=kommentar-c-000000000001-notify]").get_text()
        == (words("de")["notify_many"])
    )
    ids = [t["id"] for t in page.select("[id]")]
    assert len(ids) == len(set(ids))
    assert {label["for"] for label in page.select("label")} <= set(ids)
    assert "\0" not in str(form).replace(NASTY, "")


def test_closed_thread_keeps_report_forms_and_no_backend_shows_no_forms() -> None:
    closed = _parse(comment_list(_view(is_open=False), SITE, _face))
    assert closed.select("details.comment__answer") == []
    assert len(closed.select("details.comment__report form")) == 2
    static = _parse(comment_list(_view(endpoint=""), SITE, _face))
    assert static.select("form, details") == []
    assert [li["id"] for li in static.select("li.comment")] == ["c-000000000001", "c-000000000002"]


def test_new_comment_form_has_no_parent() -> None:
    form = _one(_parse(comment_form(_view())), "form[data-comments-form]")
    assert form.select("[name=parent]") == []
    assert _one(form, "[name=thread]")["value"] == "kantine-2026"
    assert _one(form, "button").get_text() == words("de")["send"]
    assert _one(form, "[name=text]")["id"] == "kommentar-neu-text"
