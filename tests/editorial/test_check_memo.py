"""The check's findings memo: an unchanged file is not read again, a changed one always is."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import editorial.checks.corpus as corpus
import pytest
from editorial.checks import check_site
from editorial.config import load_settings

from tests.minisite import GOOD_POST, make_site

BAD_TITLE = GOOD_POST.replace("Title: Ein guter Beitrag", "Title:")
HOUR_AGO = time.time() - 3600


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A tiny site of two posts saved an hour ago, as the current folder."""
    settings = make_site(tmp_path, {"zweiter.md": GOOD_POST.replace("guter", "zweiter")})
    for path in (tmp_path / "content").rglob("*.md"):
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    monkeypatch.chdir(tmp_path)
    yield settings


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the check reads, in order."""
    read: list[str] = []
    original = corpus.load_source

    def counted(path: str, format_: str) -> Any:
        read.append(Path(path).name)
        return original(path, format_)

    monkeypatch.setattr(corpus, "load_source", counted)
    return read


def _found(result: Any) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.message) for p in result.problems]


def test_a_second_check_reads_no_unchanged_file_and_finds_the_same(
    site: Path, reads: list[str]
) -> None:
    settings = load_settings(str(site))
    first = check_site(settings)
    assert sorted(reads) == ["good.md", "redaktionsleitfaden.md", "zweiter.md"]
    reads.clear()
    again = check_site(settings)
    assert reads == []
    assert _found(again) == _found(first)


def test_an_edited_file_is_read_again_and_its_problem_reported(
    site: Path, reads: list[str]
) -> None:
    settings = load_settings(str(site))
    assert check_site(settings).errors == 0
    post = site.parent / "content" / "posts" / "zweiter.md"
    post.write_text(BAD_TITLE, encoding="utf-8")
    os.utime(post, (HOUR_AGO + 60, HOUR_AGO + 60))
    reads.clear()
    result = check_site(settings)
    assert reads == ["zweiter.md"]
    assert [p.path for p in result.problems if p.severity == "error"] == [
        "content/posts/zweiter.md"
    ]


def test_a_file_saved_a_moment_ago_is_read_on_every_run(site: Path, reads: list[str]) -> None:
    # Its time may not change at the next save of the same size (the clock is coarse).
    post = site.parent / "content" / "posts" / "zweiter.md"
    post.write_text(GOOD_POST.replace("guter", "dritter"), encoding="utf-8")
    settings = load_settings(str(site))
    check_site(settings)
    reads.clear()
    check_site(settings)
    assert reads == ["zweiter.md"]


def test_other_settings_read_every_file_again(site: Path, reads: list[str]) -> None:
    settings = load_settings(str(site))
    check_site(settings)
    reads.clear()
    english = check_site({**settings, "MESSAGES_LANG": "en"})
    assert len(reads) == 3
    post = site.parent / "content" / "posts" / "zweiter.md"
    post.write_text(BAD_TITLE, encoding="utf-8")
    os.utime(post, (HOUR_AGO + 60, HOUR_AGO + 60))
    english = check_site({**settings, "MESSAGES_LANG": "en"})
    assert any("title" in p.message.lower() for p in english.problems), _found(english)


def test_how_many_processes_read_and_write_keeps_the_memo(site: Path, reads: list[str]) -> None:
    settings = load_settings(str(site))
    check_site(settings)
    reads.clear()
    one_writer = {
        **settings,
        "PARALLEL_WRITE_PROCESSES": 1,
        "PARALLEL_WRITE_BALANCE": False,
        "PARALLEL_WRITE_FORK_MAX_POSTS": 10,
        "PARALLEL_READ_PROCESSES": 1,
        "PARALLEL_READ_MIN_FILES": 5,
    }
    assert check_site(one_writer).errors == 0
    assert reads == []


def test_builds_with_other_settings_keep_each_its_own_memo(site: Path, reads: list[str]) -> None:
    # The preview and the publish build take turns: neither may make the other read every file.
    preview = load_settings(str(site))
    publish = {**preview, "SITEURL": "https://blog.example.org", "RELATIVE_URLS": False}
    check_site(preview)
    check_site(publish)
    reads.clear()
    assert check_site(preview).errors == 0 and check_site(publish).errors == 0
    assert reads == []
    # Memos of settings gone by are dropped, the newest few are kept.
    for number in range(6):
        check_site({**preview, "SITEURL": f"https://{number}.example.org"})
    memos = list(Path(preview["CACHE_PATH"], "editorial").glob("check-findings-*.pickle"))
    assert len(memos) == 4


def test_a_damaged_memo_only_costs_reading_again(site: Path, reads: list[str]) -> None:
    settings = load_settings(str(site))
    check_site(settings)
    memos = list(Path(settings["CACHE_PATH"], "editorial").glob("check-*.pickle"))
    assert len(memos) == 2  # the files' findings and the whole answer
    for memo in memos:
        memo.write_bytes(b"not a pickle")
    reads.clear()
    assert check_site(settings).errors == 0
    assert len(reads) == 3


def test_writing_hints_are_remembered_too(site: Path, reads: list[str]) -> None:
    from editorial.checks import site_hints

    post = site.parent / "content" / "posts" / "zweiter.md"
    post.write_text(GOOD_POST.replace("guter Beitrag", "guter " + "sehr " * 30), encoding="utf-8")
    os.utime(post, (HOUR_AGO, HOUR_AGO))
    settings = load_settings(str(site))
    check_site(settings)  # as the review page and `invoke check --hints` do first
    first = site_hints(settings)
    assert [h.rule for h in first] == ["hint.long_title"]
    reads.clear()
    assert site_hints(settings) == first
    assert reads == []


def test_the_review_page_asks_for_the_hints_of_its_waiting_posts_only(site: Path) -> None:
    from editorial.checks import site_hints

    post = site.parent / "content" / "posts" / "zweiter.md"
    post.write_text(GOOD_POST.replace("guter Beitrag", "guter " + "sehr " * 30), encoding="utf-8")
    settings = load_settings(str(site))
    assert [h.rule for h in site_hints(settings, only={os.path.realpath(post)})] == [
        "hint.long_title"
    ]
    other = site.parent / "content" / "posts" / "good.md"
    assert other.is_file()
    assert site_hints(settings, only={os.path.realpath(other)}) == []


def test_asking_for_some_posts_keeps_the_others_hints_remembered(
    site: Path, reads: list[str]
) -> None:
    from editorial.checks import site_hints

    post = site.parent / "content" / "posts" / "zweiter.md"
    post.write_text(GOOD_POST.replace("guter Beitrag", "guter " + "sehr " * 30), encoding="utf-8")
    os.utime(post, (HOUR_AGO, HOUR_AGO))
    settings = load_settings(str(site))
    check_site(settings)
    everything = site_hints(settings)
    site_hints(settings, only={os.path.realpath(post)})  # as the review page asks
    reads.clear()
    assert site_hints(settings) == everything
    assert reads == []


@pytest.fixture
def profile_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The profiles author_profiles reads (renders), in order."""
    import author_profiles.profiles as profiles

    read: list[str] = []
    original = profiles._read_one

    def counted(path: Path, *args: Any) -> Any:
        read.append(path.name)
        return original(path, *args)

    monkeypatch.setattr(profiles, "_read_one", counted)
    return read


def _save_an_hour_ago(path: Path, text: str | bytes, minutes_later: int = 0) -> None:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    os.utime(path, (HOUR_AGO + 60 * minutes_later, HOUR_AGO + 60 * minutes_later))


def test_a_changed_profile_is_read_again_and_its_error_reported(
    site: Path, profile_reads: list[str]
) -> None:
    from tests.minisite import PROFILE

    settings = load_settings(str(site))
    first = check_site(settings)
    assert (first.errors, profile_reads) == (0, ["miriam-keller.md"])
    profile_reads.clear()
    assert _found(check_site(settings)) == _found(first)
    assert profile_reads == []
    profile = site.parent / "content" / "authors" / "miriam-keller.md"
    _save_an_hour_ago(profile, PROFILE.replace("entwicklung", "quatsch"), minutes_later=1)
    result = check_site(settings)
    assert profile_reads == ["miriam-keller.md"]
    assert [(p.path, p.line, p.rule) for p in result.problems if p.severity == "error"] == [
        ("content/authors/miriam-keller.md", 3, "author_profiles.bad_choice")
    ]


def test_the_profile_memo_does_not_hide_a_photo_change(
    site: Path, profile_reads: list[str]
) -> None:
    from PIL import Image

    from tests.minisite import PROFILE

    authors = site.parent / "content" / "authors"
    with_photo = PROFILE.replace("Consent: yes", "Photo: miriam.jpg\nConsent: yes")
    _save_an_hour_ago(authors / "miriam-keller.md", with_photo)
    settings = load_settings(str(site))

    def photo_rules() -> list[str]:
        return [p.rule for p in check_site(settings).problems if p.path.startswith("content/a")]

    assert photo_rules() == ["author_profiles.photo_missing"]
    assert photo_rules() == ["author_profiles.photo_missing"]
    assert profile_reads == ["miriam-keller.md"]  # the second run took the memo's profile

    picture = authors / "miriam.jpg"
    Image.new("RGB", (800, 800), (120, 140, 160)).save(picture, quality=90)
    os.utime(picture, (HOUR_AGO, HOUR_AGO))
    assert photo_rules() == []
    assert profile_reads == ["miriam-keller.md"] * 2

    # The same profile, the photo replaced by something that is no picture at all.
    _save_an_hour_ago(picture, b"no picture at all", minutes_later=2)
    assert photo_rules() == ["author_profiles.photo_error"]

    picture.unlink()
    assert photo_rules() == ["author_profiles.photo_missing"]


def test_the_image_verdict_memo_does_not_hide_a_changed_image(site: Path) -> None:
    from PIL import Image

    post = site.parent / "content" / "posts" / "zweiter.md"
    with_image = GOOD_POST.replace("guter", "zweiter").replace(
        "Lang: de", "Lang: de\nImage: images/bild.png\nImage-alt: Ein Bild\nImage-credit: Foto: uns"
    )
    _save_an_hour_ago(post, with_image)
    picture = site.parent / "content" / "images" / "bild.png"
    picture.parent.mkdir()
    Image.new("RGB", (40, 30), (10, 20, 30)).save(picture)
    os.utime(picture, (HOUR_AGO, HOUR_AGO))
    settings = load_settings(str(site))
    assert check_site(settings).problems == []
    assert check_site(settings).problems == []
    _save_an_hour_ago(picture, b"no picture at all", minutes_later=1)
    assert [(p.path, p.line, p.rule) for p in check_site(settings).problems] == [
        ("content/posts/zweiter.md", 6, "image_not_an_image")
    ]


def test_the_check_after_a_build_remembers_the_files_the_build_read(
    site: Path, reads: list[str]
) -> None:
    from content_checks import read_in_this_build
    from content_checks.reader import check_file, forget_reads

    settings = load_settings(str(site))
    content = Path(settings["PATH"])
    forget_reads()
    for post in ("good.md", "zweiter.md"):
        check_file(str(content / "posts" / post), settings)  # as the build's readers do
    # Saved again after the build read it: the check must not take the build's text for it.
    edited = content / "posts" / "zweiter.md"
    os.utime(edited, (HOUR_AGO + 60, HOUR_AGO + 60))
    check_site(settings, read_in_this_build())
    assert reads == ["redaktionsleitfaden.md"]  # the page the readers did not read
    forget_reads()
    reads.clear()
    check_site(settings)
    assert reads == ["zweiter.md"]


@pytest.fixture
def rules_run_on(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the check runs the content rules on itself, in order."""
    import editorial.checks.checker as checker

    ran: list[str] = []
    original = checker.check_source

    def counted(source: Any, path: str, settings: Any, kind: str) -> Any:
        ran.append(Path(path).name)
        return original(source, path, settings, kind)

    monkeypatch.setattr(checker, "check_source", counted)
    return ran


def test_the_check_after_reading_takes_the_rules_problems_from_the_reader(
    site: Path, rules_run_on: list[str]
) -> None:
    from content_checks import read_in_this_build
    from content_checks.reader import check_file, forget_reads

    settings = load_settings(str(site))
    content = Path(settings["PATH"])
    bad = content / "posts" / "zweiter.md"
    _save_an_hour_ago(bad, BAD_TITLE)
    expected = _found(check_site({**settings, "CACHE_PATH": str(site.parent / "other-cache")}))
    assert any(path.endswith("zweiter.md") for path, _, _ in expected), expected
    rules_run_on.clear()
    forget_reads()
    for post in ("good.md", "zweiter.md"):
        check_file(str(content / "posts" / post), settings)  # as the build's readers do
    assert _found(check_site(settings, read_in_this_build())) == expected
    assert rules_run_on == ["redaktionsleitfaden.md"]  # the page the readers did not read
    forget_reads()


def test_the_check_runs_the_rules_itself_where_the_reader_checked_another_kind(
    site: Path, rules_run_on: list[str]
) -> None:
    from content_checks import read_in_this_build
    from content_checks.reader import check_file, forget_reads

    settings = load_settings(str(site))
    post = Path(settings["PATH"]) / "posts" / "good.md"
    forget_reads()
    check_file(str(post), settings)
    read = read_in_this_build()
    text, source, stamp, _, _ = read[os.path.realpath(post)]
    # As if the reader had checked it as a page: its problems are not those of a post.
    read[os.path.realpath(post)] = (text, source, stamp, (), "page")
    check_site({**settings, "CACHE_PATH": str(site.parent / "third-cache")}, read)
    assert "good.md" in rules_run_on
    forget_reads()
