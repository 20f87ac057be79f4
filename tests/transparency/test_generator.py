"""Tiny sites built the way a user builds: the page, its data files, its edge cases and errors."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.give_backs import record_give_backs
from tests.minisite import make_site
from tests.sites import BuildRun, run_build

from .conftest import figures, header, plugin_settings, profile

Site = Callable[..., BuildRun]
TEXT = " ".join


def text(run: BuildRun, selector: str, page: str = "transparenz/index.html") -> str:
    """The whitespace-normalised text of the first element matching the selector."""
    element = run.html(page).select_one(selector)
    assert element is not None, selector
    return TEXT(element.get_text(" ").split())


def test_without_profiles_polls_or_history_the_page_builds_and_says_what_is_missing(
    site: Site,
) -> None:
    run = site(
        {
            "full.md": header(
                "Voller Beitrag",
                "2026-05-04 10:00",
                Submitted="2026-04-24",
                Reviewed_by="lea-hofstetter",
                Modified="2026-05-06 08:00",
                Image="images/a.jpg",
                Image_credit="Grafik: Seewerk Velo AG, CC BY 4.0",
                Disclosure="sponsored",
                Correction="2026-05-05 | clarification | Gemeint ist der Rahmen.",
            ),
            "internal.md": header(
                "Intern", "2026-05-05", Visibility="internal", Disclosure="sponsored"
            ),
            "draft.md": header("Entwurf", "2026-05-05", Status="draft", Disclosure="own-product"),
        },
        strict=True,
    )
    assert run.returncode == 0, run.log
    page = run.html("transparenz/index.html")
    assert page.html["lang"] == "de"
    assert text(run, ".transparency__stamp") == "Erstellt am 30. Juni 2026 aus 2 Beiträgen."
    notice = [TEXT(li.get_text(" ").split()) for li in page.select(".transparency__notice li")]
    assert len(notice) == 3
    assert notice[0].startswith("Die Profile der Autorinnen und Autoren sind nicht verfügbar.")
    assert notice[1].startswith("Die Ideen-Umfragen sind nicht verfügbar")
    assert notice[2].startswith(
        "Die Geschichte des Repositorys ist nicht lesbar (diese Kopie der Website ist kein "
        "git-Repository)."
    )
    assert text(run, "[data-figure=writers]") == "1"
    assert page.select_one("[data-figure=departments]") is None
    assert text(run, "[data-figure=median-days]") == "10 Tage"
    assert text(run, "[data-figure=reviewed]") == "1 von 2"
    assert text(run, "[data-figure=updated]") == "1"
    assert [TEXT(td.get_text(" ").split()) for td in page.select("#table-corrections td")] == [
        "05.05.2026",
        "Klarstellung",
        "Gemeint ist der Rahmen.",
        "Voller Beitrag",
    ]
    assert [a.get_text() for a in page.select("#table-disclosures a")] == ["Voller Beitrag"]
    assert text(run, "#polls p") == "Die Umfrageergebnisse sind in diesem Build nicht verfügbar."
    # The image is named by its post, not by its file path.
    assert text(run, "#table-credits tbody th") == "Titelbild von Voller Beitrag"
    assert "images/a.jpg" not in text(run, "#table-credits")
    assert text(run, "#table-credits td") == (
        "Grafik: Seewerk Velo AG, CC BY 4.0 Lizenz: frei nutzbar mit Namensnennung (CC BY 4.0)"
    )

    data = figures(run)
    assert (data["posts"], data["unavailable"]) == (2, ["profiles", "polls", "history"])
    assert data["editorial"]["untimed_posts"] == 1
    assert data["editorial"]["history_missing"] == "no-repository"
    links = [a["href"] for a in page.select("#data a")]
    assert links[0] == "/transparenz/transparency.json"
    for href in links:
        assert (run.output / href.lstrip("/")).is_file(), href
    months = list(
        csv.reader(io.StringIO((run.output / "transparenz/posts-per-month.csv").read_text()))
    )
    assert months[0] == ["month", "posts"] and months[-2:] == [["2026-05", "1"], ["2026-06", "0"]]

    nav = run.html("index.html").select_one(".site-nav a[href='/transparenz/']")
    assert nav is not None and nav.get_text() == "Transparenz"
    assert "/transparenz/" in (run.output / "sitemap.xml").read_text()


def test_with_profiles_and_polls_every_section_has_its_figures(site: Site) -> None:
    profiles = {
        "miriam-keller": profile(
            "Miriam Keller",
            "entwicklung",
            "bereichsleitung",
            has_photo=True,
            photo_credit="Foto: Jana Roth",
        ),
        "jonas-brenner": profile("Jonas Brenner", "geschaeftsleitung", "vorstand"),
        "lea-hofstetter": profile(
            "Lea Hofstetter", "vertrieb", "fachkraft", is_editor=True, has_photo=True
        ),
        "hannah-vogt": profile(
            "Hannah Vogt",
            "entwicklung",
            "fachkraft",
            status="alumni",
            has_photo=True,
            photo_credit="Foto: Privat, CC0",
        ),
        "marco-bianchi": profile(
            "Marco Bianchi",
            "produktion",
            "fachkraft",
            status="removed",
            has_photo=True,
            photo_credit="Foto: Marco",
            is_editor=True,
        ),
    }
    polls = [
        {
            "id": "kurs",
            "question": "Welcher Kurs zuerst?",
            "options": [{"id": "a", "label": "Pannenhilfe"}, {"id": "b", "label": "Bremsen"}],
            "decision": {"status": "planned", "response": "Start im Januar."},
            "article_url": "/2026/vorstand-und-gast/",  # as idea_polls: SITEURL + url
            "article_title": "Vorstand und Gast",
            "snapshot": {"total": 12, "votes": {"a": 5, "b": 7}},
            "results_mode": "live",
            "closes": None,
        },
        {
            "id": "entwurf",
            "question": "Nur im Entwurf?",
            "options": [{"id": "a", "label": "Ja"}],
            "decision": None,
            "article_url": "entwuerfe/entwurf/",
            "article_title": "Entwurf",
            "snapshot": None,
        },
    ]
    run = site(
        {
            "good.md": header("Vorstand und Gast", "2026-05-04", author="jonas-brenner, gast"),
            "guest.md": header("Nur Gast", "2026-06-01", author="gast"),
            "removed.md": header(
                "Von Marco", "2026-06-02", author="marco-bianchi", Reviewed_by="marco-bianchi"
            ),
            "alumni.md": header("Von Hannah", "2026-06-03", author="hannah-vogt"),
            "draft.md": header("Entwurf", "2026-06-03", author="hannah-vogt", Status="draft"),
        },
        profiles=profiles,
        polls=polls,
        strict=True,
    )
    assert run.returncode == 0, run.log
    page = run.html("transparenz/index.html")
    assert [li.get_text(" ", strip=True) for li in page.select(".transparency__notice li")] == [
        "Die Geschichte des Repositorys ist nicht lesbar (diese Kopie der Website ist kein "
        "git-Repository). Beiträge ohne das Feld «Submitted:» haben daher kein Einreichungsdatum."
    ]

    def rows(table: str) -> list[str]:
        return [TEXT(tr.get_text(" ").split()) for tr in page.select(f"#{table} tbody tr")]

    # Marco's profile is removed: his post counts, but not for his department or level.
    assert rows("table-departments") == [
        "Geschäftsleitung 1",
        "Entwicklung 1",
        "Produktion 0",
        "Vertrieb 0",
        "Ohne Angabe des Bereichs 3",
    ]
    assert rows("table-levels") == [
        "Vorstand 1",
        "Bereichsleitung 0",
        "Fachkraft 1",
        "Ohne Angabe der Ebene 3",
    ]
    assert text(run, "[data-figure=writers]") == "4"
    assert text(run, "[data-figure=active]") == "1"
    assert text(run, "[data-figure=alumni]") == "1"
    assert text(run, "[data-figure=departments]") == "2 von 4"
    assert rows("table-polls") == [
        "Welcher Kurs zuerst? Vorstand und Gast 12 Bremsen (7) Geplant : Start im Januar."
    ]
    assert rows("table-credits") == [
        "Profilfoto von Hannah Vogt Foto: Privat, CC0 Lizenz: gemeinfrei (CC0)",
        "Profilfoto von Lea Hofstetter kein Bildnachweis angegeben"
        " Lizenz: keine genannt, alle Rechte vorbehalten",
        "Profilfoto von Miriam Keller Foto: Jana Roth"
        " Lizenz: keine genannt, alle Rechte vorbehalten",
    ]
    assert page.select_one("#table-polls a")["href"] == "/2026/vorstand-und-gast/"
    assert rows("table-reviewers") == ["Eine ehemalige Kollegin oder ein ehemaliger Kollege 1"]
    editors = page.select(".transparency__editors a")
    assert [(a.get_text(), a["href"]) for a in editors] == [
        ("Lea Hofstetter", "/menschen/lea-hofstetter/")
    ]
    assert rows("table-department-quarters")[0] == "Geschäftsleitung 0 0 0 0 0 0 0 1"
    assert "Marco" not in (run.output / "transparenz" / "transparency.json").read_text()


BAD_POSTS = {
    "late.md": header("Zu spät eingereicht", "2026-03-14 09:30", Submitted="2026-03-15"),
    "bad.md": header(
        "Schlechte Korrektur",
        "2026-03-14 09:30",
        Correction=[
            "2026-03-16 | erratum | Falsch.",
            "16.03.2026 | correction | Falsch.",
            "2026-03-17 | correction | Richtig.",
        ],
    ),
}


def test_bad_metadata_is_an_error_naming_file_and_line_and_strict_mode_fails(site: Site) -> None:
    run = site(BAD_POSTS, strict=True)
    assert run.returncode != 0
    assert (
        "content/posts/late.md:7:1: error: Eingereicht am 2026-03-15, aber veröffentlicht am "
        "2026-03-14: die Einreichung liegt nach der Veröffentlichung." in run.log
    )
    assert "content/posts/bad.md:7:1: error: Die Art 'erratum' im Feld 'Correction'" in run.log
    assert "content/posts/bad.md:8:1: error: '16.03.2026' im Feld 'Correction'" in run.log
    assert "Build failed in strict mode" in run.log


def test_without_strict_mode_the_page_builds_without_the_bad_entries(site: Site) -> None:
    run = site(BAD_POSTS)
    assert run.returncode == 0, run.log
    data = figures(run)
    assert [c["text"] for c in data["tables"]["corrections"]] == ["Richtig."]
    assert [t["post_title"] for t in data["tables"]["turnaround"]] == []


def test_an_english_site_with_a_single_author_no_polls_and_no_corrections(site: Site) -> None:
    run = site(
        {"good.md": header("A post", "2026-06-01", Submitted="2026-05-30")},
        'I18N_LOCALE = "en_GB"\n'
        'TRANSPARENCY_URL = "transparency/"\n'
        'TRANSPARENCY_SAVE_AS = "transparency/index.html"\n',
        profiles={"miriam-keller": profile("Miriam Keller", "entwicklung", "bereichsleitung")},
        polls=[],
        strict=True,
    )
    assert run.returncode == 0, run.log
    page = run.html("transparency/index.html")
    assert page.html["lang"] == "en"
    assert page.h1.get_text() == "Transparency"
    assert text(run, ".transparency__stamp", "transparency/index.html") == (
        "Generated on 30 June 2026 from 1 post."
    )
    assert text(run, "[data-figure=median-days]", "transparency/index.html") == "2 days"
    assert text(run, "[data-figure=departments]", "transparency/index.html") == "1 of 4"
    assert text(run, "#corrections p", "transparency/index.html") == (
        "No post has needed a correction so far."
    )
    assert text(run, "#polls p", "transparency/index.html") == "There have been no polls yet."
    assert page.select_one(".transparency__notice") is None
    assert (run.output / "transparency" / "transparency.json").is_file()
    assert run.html("index.html").select_one(".site-nav a[href='/transparency/']") is not None


def test_submission_dates_come_from_the_first_commit_when_the_field_is_missing(
    tmp_path: Path,
) -> None:
    root = tmp_path / "repo"
    settings = make_site(
        root,
        {
            "good.md": header("Aus der Geschichte", "2026-03-14 09:30"),
            "meta.md": header("Mit Feld", "2026-03-20 09:30", Submitted="2026-03-19"),
        },
        plugin_settings(),
    )
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2026-03-02T10:00:00+01:00",
        "GIT_COMMITTER_DATE": "2026-03-02T10:00:00+01:00",
    }
    for args in (["init", "-q"], ["add", "content"], ["commit", "-qm", "Beiträge"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)
    run = run_build(root / "output", settings=str(settings), strict=True, cwd=root)
    assert run.returncode == 0, run.log
    editorial = figures(run)["editorial"]
    assert (editorial["from_history"], editorial["from_metadata"], editorial["untimed_posts"]) == (
        1,
        1,
        0,
    )
    assert sorted(t["days"] for t in figures(run)["tables"]["turnaround"]) == [1, 12]
    assert (root / ".cache" / "transparency-history.json").is_file()
    assert "history" not in figures(run)["unavailable"]


def test_without_the_plugin_there_is_no_page_and_no_link(tmp_path: Path) -> None:
    settings = make_site(
        tmp_path,
        {},
        'PLUGINS = ["safe_html", "site_i18n", "content_checks", "visibility", "seo"]\n',
    )
    run = run_build(tmp_path / "output", settings=str(settings), strict=True)
    assert run.returncode == 0, run.log
    assert not (run.output / "transparenz").exists()
    assert run.html("index.html").select(".site-nav a[href*='transparenz']") == []


def test_the_step_gives_its_free_memory_back_once_the_page_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import transparency.generator

    from devserver.build import build

    output = tmp_path / "output"
    written_then = record_give_backs(
        monkeypatch, transparency.generator, output / "transparenz" / "index.html"
    )
    settings = make_site(tmp_path, {})
    assert not build(str(settings), {"OUTPUT_PATH": str(output)}).failed
    assert written_then == [True]
