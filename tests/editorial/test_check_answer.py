"""The check's whole answer is kept while no file under the content folders changed."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import editorial.checks.checker as checker
import editorial.checks.hints.site as hints_site
import pytest
from editorial.checks import check_site, site_hints
from editorial.config import load_settings

from tests.minisite import GOOD_POST, make_site

HOUR_AGO = time.time() - 3600
LONG_TITLE = GOOD_POST.replace("guter Beitrag", "guter " + "sehr " * 30)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A tiny site of two posts and a profile saved an hour ago, as the current folder."""
    settings = make_site(tmp_path, {"zweiter.md": LONG_TITLE})
    for path in (tmp_path / "content").rglob("*"):
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    monkeypatch.chdir(tmp_path)
    yield settings


def _memo_loads(monkeypatch: pytest.MonkeyPatch, module: Any) -> list[str]:
    """Every FindingsMemo the module makes, by the file it loads."""
    made: list[str] = []
    original = module.FindingsMemo

    def counted(settings: Any, *more: Any) -> Any:
        memo = original(settings, *more)
        made.append(memo.path.name)
        return memo

    monkeypatch.setattr(module, "FindingsMemo", counted)
    return made


def _found(result: Any) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.message) for p in result.problems]


def test_an_unchanged_site_is_answered_without_loading_the_findings(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(str(site))
    first = check_site(settings)
    loads = _memo_loads(monkeypatch, checker)
    again = check_site(settings)
    assert loads == []
    assert _found(again) == _found(first) and again.files == first.files


def test_a_profile_deleted_is_seen_though_no_post_changed(site: Path) -> None:
    settings = load_settings(str(site))
    assert check_site(settings).errors == 0
    (profile,) = (site.parent / "content" / "authors").glob("miriam-keller.*")
    profile.unlink()
    result = check_site(settings)
    assert result.errors, "a post names a person without a profile now"
    assert all(
        p.path.startswith("content/posts/") for p in result.problems if p.severity == "error"
    )


def test_a_new_image_elsewhere_makes_the_check_run_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(str(site))
    check_site(settings)
    loads = _memo_loads(monkeypatch, checker)
    (site.parent / "content" / "images").mkdir(exist_ok=True)
    (site.parent / "content" / "images" / "neu.txt").write_text("x", encoding="utf-8")
    check_site(settings)
    assert len(loads) == 1


def test_a_damaged_answer_only_costs_a_full_check(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(str(site))
    first = check_site(settings)
    (answer,) = Path(settings["CACHE_PATH"], "editorial").glob("check-answer-*.pickle")
    for damaged in (b"not a pickle", b"", b"\x80\x05K\x01."):
        answer.write_bytes(damaged)
        assert _found(check_site(settings)) == _found(first)


def test_texts_the_build_read_before_a_save_are_checked_as_read(site: Path) -> None:
    from faces_common.formats import MARKDOWN, load_source

    settings = load_settings(str(site))
    check_site(settings)  # the answer for the files as they are now
    # Without the file's findings the check takes the text the build read.
    for findings in Path(settings["CACHE_PATH"], "editorial").glob("check-findings-*.pickle"):
        findings.unlink()
    # The build read an older text of the post, without a title, before it was saved again.
    older = site.parent / "older.md"
    older.write_text(GOOD_POST.replace("Title: Ein guter Beitrag", "Title:"), encoding="utf-8")
    text, parsed = load_source(str(older), MARKDOWN)
    post = os.path.realpath(site.parent / "content" / "posts" / "zweiter.md")
    result = check_site(settings, {post: (text, parsed, (len(text), 1))})
    assert [p.path for p in result.problems if p.severity == "error"] == [
        "content/posts/zweiter.md"
    ]


def test_the_review_pages_hints_leave_the_checks_findings_unloaded(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(str(site))
    post = os.path.realpath(site.parent / "content" / "posts" / "zweiter.md")
    check_site(settings)
    everything = site_hints(settings)
    loads = _memo_loads(monkeypatch, hints_site)
    assert [h.rule for h in site_hints(settings, only={post})] == ["hint.long_title"]
    assert [name.split("-")[0] for name in loads] == ["hint"]
    assert site_hints(settings) == everything
