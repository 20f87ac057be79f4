"""The editor's view: drafts and scheduled posts in the preview with check results, not public."""

from __future__ import annotations

import html
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import sample
from tests.minisite import GOOD_POST, make_site, post_text
from tests.sites import BuildRun, run_build

REVIEW = "entwuerfe/index.html"


def _waiting() -> tuple[list[sample.Post], list[sample.Post]]:
    posts = sample.posts()
    drafts = [p for p in posts if p.is_draft]
    scheduled = [p for p in posts if not p.is_draft and p.date > p.date.now()]
    return drafts, scheduled


def test_the_preview_lists_every_draft_and_scheduled_post(preview_site: BuildRun) -> None:
    drafts, scheduled = _waiting()
    assert drafts and scheduled, "the sample site needs drafts and a scheduled post"
    page = preview_site.html(REVIEW)
    sections = {
        section.h2.get_text(strip=True): section for section in page.select(".review section")
    }
    for heading, posts in (("Entwürfe", drafts), ("Geplante Beiträge", scheduled)):
        entries = sections[heading].select(".review-entry")
        titles = {e.select_one(".review-entry__title").get_text(strip=True) for e in entries}
        assert titles == {p.meta["title"] for p in posts}, heading
        for entry in entries:
            link = entry.select_one(".review-entry__title a")["href"]
            assert link.startswith("/entwuerfe/")
            assert (preview_site.output / link.lstrip("/") / "index.html").exists()
            assert entry.select_one("code").get_text().startswith("content/posts/")


def test_the_review_page_is_not_for_search_engines(preview_site: BuildRun) -> None:
    page = preview_site.html(REVIEW)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    sitemap = (preview_site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/entwuerfe/" not in sitemap


def test_drafts_and_scheduled_posts_are_absent_from_the_public_site(public_site: BuildRun) -> None:
    drafts, scheduled = _waiting()
    assert not (public_site.output / "entwuerfe").exists()
    texts = [
        html.unescape(path.read_text(encoding="utf-8"))
        for path in public_site.output.rglob("*")
        if path.suffix in (".html", ".xml", ".json", ".txt")
    ]
    for post in drafts + scheduled:
        assert not any(post.meta["title"] in text for text in texts), post.path


DRAFT = post_text(
    "Ein Entwurf mit Bild", "2026-03-14 09:30", "![](images/fehlt.png)", Lang=None, Status="draft"
)


def test_check_results_appear_next_to_the_post(tmp_path: Path) -> None:
    broken = GOOD_POST.replace("Ein guter Beitrag", "Kaputt").replace("2026-03-14 09:30", "morgen")
    settings = make_site(tmp_path, {"entwurf.md": DRAFT, "kaputt.md": broken})
    run = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path)
    assert run.returncode == 0, run.log
    page = run.html(REVIEW)
    [entry] = page.select("#review-drafts ~ .review-list .review-entry")
    problems = [li.get_text(" ", strip=True) for li in entry.select(".review-problem")]
    assert [p.split(" → ")[0] for p in problems] == [
        "Fehler Zeile 7 Das Bild 'images/fehlt.png' gibt es nicht.",
        "Fehler Zeile 7 Das Bild 'images/fehlt.png' hat keinen Alternativtext.",
    ]
    [other] = page.select("#review-other ~ .review-list .review-entry")
    assert other.select_one("code").get_text() == "content/posts/kaputt.md"
    assert "'morgen' im Feld 'Date' ist kein gültiges Datum." in other.get_text()


def test_publishing_writes_no_review_page(tmp_path: Path) -> None:
    settings = make_site(tmp_path, {}, extra_settings="EDITORIAL_REVIEW_PAGE = False\n")
    run = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path)
    assert run.returncode == 0, run.log
    assert not (tmp_path / "output" / REVIEW).exists()


def test_the_site_is_checked_only_when_the_page_is_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import editorial.review.page
    from editorial.config import load_settings
    from editorial.review.page import ReviewPageGenerator

    settings = load_settings(str(make_site(tmp_path, {})))
    generator = ReviewPageGenerator(
        context={**settings, "drafts": [], "drafts_translations": []},
        settings=settings,
        path=settings["PATH"],
        theme=settings["THEME"],
        output_path=str(tmp_path / "output"),
    )
    calls: list[str] = []
    monkeypatch.setattr(
        editorial.review.page, "check_this_build", lambda s: calls.append("checked")
    )
    written: dict[str, object] = {}

    class SkippingWriter:
        def write_file(
            self, name: str, template: object, context: object, **kwargs: object
        ) -> None:
            written.update(kwargs, name=name)

    generator.generate_output(SkippingWriter())
    assert written["name"] == REVIEW and written["noindex"] is True
    assert calls == [], "a writer that skips the page must not pay for the check"


def test_the_review_page_and_the_check_after_the_build_share_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import editorial.checks.checker as checker
    from editorial.checks.in_build import check_what_was_built, start_recording
    from editorial.config import load_settings
    from editorial.review.page import review

    settings = load_settings(str(make_site(tmp_path, {"entwurf.md": DRAFT})))
    passes: list[int] = []
    read_sources = checker.read_sources
    monkeypatch.setattr(
        checker, "read_sources", lambda *args: passes.append(1) or read_sources(*args)
    )
    monkeypatch.chdir(tmp_path)
    start_recording(None)
    shown = review(settings, [])
    check_what_was_built(SimpleNamespace(settings=settings))
    assert len(passes) == 1
    # The check after the build reports what the review page's pass found.
    assert [o.path for o in shown.other_problems] == ["content/posts/entwurf.md"]
    assert "Das Bild 'images/fehlt.png' gibt es nicht." in caplog.text
    # The next build checks afresh; so does a build without the review page.
    start_recording(None)
    review(settings, [])
    assert len(passes) == 2
    start_recording(None)
    check_what_was_built(SimpleNamespace(settings=settings))
    assert len(passes) == 3
