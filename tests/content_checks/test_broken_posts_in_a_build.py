"""A broken post is reported with file and line; the others still build; strict mode fails."""

from __future__ import annotations

from pathlib import Path

from tests.minisite import GOOD_POST, make_site
from tests.sites import run_build

BROKEN = GOOD_POST.replace("Title: Ein guter Beitrag", "Title: Kaputt").replace(
    "2026-03-14 09:30", "14. März 2026"
)


def test_preview_builds_the_good_posts_and_explains_the_broken_one(tmp_path: Path) -> None:
    settings = make_site(tmp_path, {"kaputt.md": BROKEN})
    run = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path)
    assert run.returncode == 0, run.log
    assert "content/posts/kaputt.md:2:1: error: '14. März 2026' im Feld 'Date'" in run.log
    assert "'2026-03-14' oder '2026-03-14 09:30'" in run.log
    # One problem, counted once: Pelican's own "Could not process" does not repeat it.
    assert "Could not process" not in run.log
    assert "with 1 problem(s) reported above" in run.log
    assert "Traceback" not in run.log
    assert (tmp_path / "output" / "2026" / "ein-guter-beitrag" / "index.html").exists()
    assert not list((tmp_path / "output").rglob("kaputt*"))


def test_strict_mode_fails_on_the_same_problem(tmp_path: Path) -> None:
    settings = make_site(tmp_path, {"kaputt.md": BROKEN})
    run = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path, strict=True)
    assert run.returncode == 1
    assert "Build failed in strict mode" in run.log
    assert "Traceback" not in run.log


def test_a_clean_site_passes_strict_mode(tmp_path: Path) -> None:
    settings = make_site(tmp_path, {})
    run = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path, strict=True)
    assert run.returncode == 0, run.log


def test_a_build_that_stops_names_the_post_it_stopped_on(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    # A template mistake the rules cannot see: it fails only while this post is written.
    (templates / "kaputt.html").write_text("{{ article.gibt_es_nicht.auch_nicht }}")
    post = GOOD_POST.replace("Title: Ein guter Beitrag", "Title: Kaputt\nTemplate: kaputt")
    settings = make_site(
        tmp_path, {"kaputt.md": post}, f"THEME_TEMPLATES_OVERRIDES = [{str(templates)!r}]\n"
    )
    run = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path)
    assert run.returncode == 1
    assert "critical: content/posts/kaputt.md: Der Build wurde abgebrochen: UndefinedError:" in (
        run.log
    )
    assert "Traceback" not in run.log
