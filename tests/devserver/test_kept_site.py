"""The kept build renders an edited page exactly as the full build would, or declines."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from devserver.build import build
from devserver.build_worker import build_and_keep
from devserver.kept_site import KeptSite
from tests.minisite import GOOD_POST, PROFILE, make_site
from tests.sites import ROOT

SECOND_POST = GOOD_POST.replace("Ein guter Beitrag", "Der zweite Beitrag")
GOOD_PAGE = "2026/ein-guter-beitrag/index.html"


def _kept(tmp_path: Path) -> tuple[Path, KeptSite]:
    settings = make_site(tmp_path, {"zweiter.md": SECOND_POST})
    result, site = build_and_keep(str(settings), {"OUTPUT_PATH": str(tmp_path / "first")})
    assert not result.failed
    assert site is not None
    return settings, site


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@contextmanager
def _written(source: Path, text: str, then: str | None) -> Iterator[None]:
    """The source holds this text inside the block; afterwards `then`, or no file if None."""
    source.write_text(text, encoding="utf-8")
    try:
        yield
    finally:
        if then is None:
            source.unlink()
        else:
            source.write_text(then, encoding="utf-8")


def test_an_edited_post_and_page_match_the_full_build_byte_for_byte(tmp_path: Path) -> None:
    settings, site = _kept(tmp_path)
    content = tmp_path / "content"
    post, page = content / "posts" / "good.md", content / "pages" / "redaktionsleitfaden.md"
    _append(post, "\nEin neuer Absatz mit **Nachdruck** und [einem Link](https://example.org).\n")
    _append(page, "\nWer fragt, bekommt eine Antwort.\n")
    quick = tmp_path / "quick"
    written = [site.render(str(post), str(quick)), site.render(str(page), str(quick))]
    assert written == [[GOOD_PAGE], ["redaktionsleitfaden/index.html"]]
    # Nothing else: the front page, listings and the other post are the full build's job.
    assert sorted(str(p.relative_to(quick)) for p in quick.rglob("*.html")) == [
        GOOD_PAGE,
        "redaktionsleitfaden/index.html",
    ]
    full = tmp_path / "full"
    assert not build(str(settings), {"OUTPUT_PATH": str(full)}).failed
    for name in (GOOD_PAGE, "redaktionsleitfaden/index.html"):
        assert (quick / name).read_bytes() == (full / name).read_bytes(), name
    assert "Nachdruck" in (quick / GOOD_PAGE).read_text(encoding="utf-8")


def test_an_edited_profile_text_matches_the_full_build_byte_for_byte(tmp_path: Path) -> None:
    settings, site = _kept(tmp_path)
    profile = tmp_path / "content" / "authors" / "miriam-keller.md"
    _append(profile, "\nIn meiner Freizeit repariere ich *alte Räder*.\n")
    quick = tmp_path / "quick"
    written = site.render(str(profile), str(quick))
    assert written is not None and len(written) == 1
    assert [str(p.relative_to(quick)) for p in quick.rglob("*.html")] == written
    full = tmp_path / "full"
    assert not build(str(settings), {"OUTPUT_PATH": str(full)}).failed
    assert (quick / written[0]).read_bytes() == (full / written[0]).read_bytes()
    assert "alte Räder" in (quick / written[0]).read_text(encoding="utf-8")


def test_a_template_change_renders_the_viewed_pages_as_the_full_build(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = make_site(tmp_path, {"zweiter.md": SECOND_POST}, f"THEME = {str(theme)!r}\n")
    result, site = build_and_keep(str(settings), {"OUTPUT_PATH": str(tmp_path / "first")})
    assert site is not None and not result.failed
    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("</footer>", "<p>Neu im Fuss.</p></footer>", 1),
        encoding="utf-8",
    )
    quick = tmp_path / "quick"
    person = site.render(str(tmp_path / "content" / "authors" / "miriam-keller.md"), str(quick))
    assert person is not None
    viewed = [
        f"/{GOOD_PAGE.removesuffix('index.html')}",
        "/redaktionsleitfaden/",
        f"/{person[0]}",
        "/",
        "/gibt-es-nicht/",
    ]
    # The front page lists every post: the full build writes it, not the quick step.
    assert site.render_viewed(viewed, str(quick)) == [
        GOOD_PAGE,
        "redaktionsleitfaden/index.html",
        person[0],
    ]
    full = tmp_path / "full"
    assert not build(str(settings), {"OUTPUT_PATH": str(full)}).failed
    for name in (GOOD_PAGE, "redaktionsleitfaden/index.html", person[0]):
        assert "Neu im Fuss." in (quick / name).read_text(encoding="utf-8")
        assert (quick / name).read_bytes() == (full / name).read_bytes(), name


def test_a_second_edit_builds_on_the_first(tmp_path: Path) -> None:
    _, site = _kept(tmp_path)
    post = tmp_path / "content" / "posts" / "good.md"
    quick = tmp_path / "quick"
    _append(post, "\nErster Nachtrag.\n")
    assert site.render(str(post), str(quick)) == [GOOD_PAGE]
    _append(post, "\nZweiter Nachtrag.\n")
    assert site.render(str(post), str(quick)) == [GOOD_PAGE]
    page = (quick / GOOD_PAGE).read_text(encoding="utf-8")
    assert "Erster Nachtrag." in page
    assert "Zweiter Nachtrag." in page


# Edits the kept build must not render: each changes other pages, or the reader reports it.
# By the file edited (the post, or its author's profile): what the edit replaces, and with what.
POST_FILE, PROFILE_FILE = "posts/good.md", "authors/miriam-keller.md"
DECLINED = {
    "title": (POST_FILE, "Title: Ein guter Beitrag", "Title: Ein besserer Beitrag"),
    "date": (POST_FILE, "Date: 2026-03-14 09:30", "Date: 2026-03-15 09:30"),
    "slug": (POST_FILE, "Lang: de", "Lang: de\nSlug: ein-anderer-name"),
    "status": (POST_FILE, "Lang: de", "Lang: de\nStatus: draft"),
    "language": (POST_FILE, "Lang: de", "Lang: en"),
    "summary": (POST_FILE, "Summary: Alles in Ordnung.", "Summary: Jetzt anders."),
    "bad-date": (POST_FILE, "Date: 2026-03-14 09:30", "Date: 14. März"),
    "new-image": (
        POST_FILE,
        "Dieser Beitrag",
        "![Bild]({static}/images/neu.png)\n\nDieser Beitrag",
    ),
    "role": (PROFILE_FILE, "Role: Leiterin Entwicklung", "Role: Leiterin Technik"),
    "name": (PROFILE_FILE, "Name: Miriam Keller", "Name: Miriam Keller-Huber"),
    "consent": (PROFILE_FILE, "Consent: yes", "Consent: no"),
    "bad-department": (PROFILE_FILE, "Department: entwicklung", "Department: gibt-es-nicht"),
}
# Each file as the build read it, and the page the kept build renders of it.
ORIGINALS = {
    POST_FILE: (GOOD_POST, GOOD_PAGE),
    PROFILE_FILE: (PROFILE, "menschen/miriam-keller/index.html"),
}


@pytest.fixture(scope="module")
def kept_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, KeptSite]:
    """One kept build for the cases that leave it as it was (each puts its file back)."""
    folder = tmp_path_factory.mktemp("kept")
    return folder, _kept(folder)[1]


@pytest.mark.parametrize(("file", "old", "new"), DECLINED.values(), ids=DECLINED.keys())
def test_a_changed_header_or_a_problem_falls_back(
    kept_once: tuple[Path, KeptSite], tmp_path: Path, file: str, old: str, new: str
) -> None:
    folder, site = kept_once
    source = folder / "content" / file
    original, page = ORIGINALS[file]
    with _written(source, original.replace(old, new), then=original):
        assert site.render(str(source), str(tmp_path)) is None
    assert not list(tmp_path.iterdir())
    # The file as the build read it renders again: the refusal was the edit's.
    assert site.render(str(source), str(tmp_path)) == [page]


def test_a_new_or_unknown_file_falls_back(kept_once: tuple[Path, KeptSite], tmp_path: Path) -> None:
    folder, site = kept_once
    new = folder / "content" / "posts" / "neu.md"
    with _written(new, GOOD_POST.replace("Ein guter Beitrag", "Ganz neu"), then=None):
        assert site.render(str(new), str(tmp_path)) is None
    assert site.render("/etc/passwd", str(tmp_path)) is None
    assert site.render(str(folder / "content" / "posts" / "fehlt.md"), str(tmp_path)) is None
    stranger = folder / "content" / "authors" / "niemand.md"
    with _written(stranger, PROFILE.replace("Miriam Keller", "Nie Mand"), then=None):
        assert site.render(str(stranger), str(tmp_path)) is None
    assert not list(tmp_path.iterdir())
