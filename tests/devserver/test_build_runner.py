"""The build runner keeps every error with file, line, message and fix, and each source's pages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from faces_common.problems import Problem

from tests.minisite import GOOD_POST, make_site
from tests.sites import ROOT

BAD_DATE = GOOD_POST.replace("Title: Ein guter Beitrag", "Title: Kaputt").replace(
    "2026-03-14 09:30", "<b>14. März</b>"
)
NO_TITLE = GOOD_POST.replace("Title: Ein guter Beitrag\n", "")
BAD_POLL = GOOD_POST.replace("Title: Ein guter Beitrag", "Title: Umfrage") + (
    "\n```poll\nid: farbe\nquestion: [Welche Farbe?\n```\n"
)
# In a process of its own, in the site's folder, as the preview runs it: Pelican's signals and
# pelicanconf's caches live for a whole process.
SCRIPT = """
import dataclasses, json, sys
sys.path[:0] = [{root!r}, {plugins!r}]
from devserver.build import build
result = build({settings!r}, {{"OUTPUT_PATH": "output"}}, pages={pages!r})
errors = [dataclasses.astuple(problem) for problem in result.errors]
print(json.dumps([result.failed, errors, result.language, result.pages]))
"""


def build_result(
    folder: Path, settings: Path, pages: bool = True
) -> tuple[bool, list[Problem], str, dict[str, Any]]:
    """Build the site in a fresh process; return failed, errors, language and pages."""
    script = SCRIPT.format(
        root=str(ROOT), plugins=str(ROOT / "plugins"), settings=str(settings), pages=pages
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=folder, capture_output=True, text=True, check=True
    )
    failed, errors, language, pages = json.loads(run.stdout.splitlines()[-1])
    return failed, [Problem(*error) for error in errors], language, pages


def test_each_error_is_kept_as_invoke_check_words_it(tmp_path: Path) -> None:
    posts = {"kaputt.md": BAD_DATE, "ohne-titel.md": NO_TITLE, "umfrage.md": BAD_POLL}
    failed, errors, language, pages = build_result(tmp_path, make_site(tmp_path, posts))
    assert (failed, language) == (False, "de")
    assert sorted(errors, key=lambda p: p.path) == [
        Problem(
            "content/posts/kaputt.md",
            2,
            "'<b>14. März</b>' im Feld 'Date' ist kein gültiges Datum.",
            "Schreiben Sie das Datum als Jahr-Monat-Tag, mit Uhrzeit oder ohne: "
            "'2026-03-14' oder '2026-03-14 09:30'.",
        ),
        Problem(
            "content/posts/ohne-titel.md",
            5,
            "Das Pflichtfeld 'Title' fehlt.",
            "Ergänzen Sie im Kopf der Datei eine Zeile wie 'Title: Mein erster Beitrag'.",
        ),
        Problem(
            "content/posts/umfrage.md",
            12,
            "Der Umfrage-Block ist kein gültiges YAML: eine eckige Klammer [ wird nicht wieder "
            "geschlossen.",
            "Prüfen Sie Einrückung und Doppelpunkte. Texte mit ':' oder '#' setzen Sie in "
            "Anführungszeichen.",
        ),
    ]
    content = tmp_path / "content"
    assert pages == {
        str(content / "posts" / "good.md"): ["2026/ein-guter-beitrag/index.html"],
        str(content / "posts" / "umfrage.md"): ["2026/umfrage/index.html"],
        str(content / "pages" / "redaktionsleitfaden.md"): ["redaktionsleitfaden/index.html"],
    }


def test_a_file_pelican_cannot_read_is_named(tmp_path: Path) -> None:
    # editorial reads every source itself and stops the build on such a file (reported apart).
    without_editorial = "PLUGINS = [name for name in PLUGINS if name != 'editorial']\n"
    settings = make_site(tmp_path, {}, without_editorial)
    (tmp_path / "content" / "posts" / "binaer.md").write_bytes(b"\xff\xfe\x00Title: \x81\x82")
    failed, errors, _, _ = build_result(tmp_path, settings)
    assert not failed
    assert errors == [
        Problem(
            "content/posts/binaer.md",
            1,
            "Die Datei ist nicht als UTF-8 gespeichert; Umlaute würden falsch erscheinen.",
            "Öffnen Sie sie im Editor und speichern Sie sie mit der Kodierung 'UTF-8' (z. B. in "
            "VS Code unten rechts, im Windows-Editor unter 'Speichern unter').",
        ),
    ]


def test_a_clean_build_has_no_errors_and_reports_in_english_when_set(tmp_path: Path) -> None:
    settings = make_site(tmp_path, {}, "MESSAGES_LANG = 'en'\n")
    failed, errors, language, pages = build_result(tmp_path, settings, pages=False)
    # `invoke build` asks for no table of pages: nobody reads it there.
    assert (failed, errors, language, pages) == (False, [], "en", {})


def test_a_stopped_build_keeps_the_reason(tmp_path: Path) -> None:
    settings = make_site(tmp_path, {}, "MESSAGES_LANG = 'fr'\n")
    failed, errors, _, _ = build_result(tmp_path, settings)
    assert failed
    assert errors == [
        Problem(
            "",
            0,
            f"{settings}: Eine Einstellung ist ungültig: MESSAGES_LANG has value 'fr'. "
            "Expected 'de' or 'en'. Korrigieren Sie sie in dieser Datei.",
            "",
        )
    ]


def test_a_template_syntax_error_names_the_template_and_line(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    lines = article.read_text(encoding="utf-8").split("\n")
    lines.insert(2, "{% if %}")
    article.write_text("\n".join(lines), encoding="utf-8")
    settings = make_site(tmp_path, {}, f"THEME = {str(theme)!r}\n")
    failed, errors, _, _ = build_result(tmp_path, settings)
    assert failed
    assert [(p.path, p.line, p.fix) for p in errors] == [
        ("theme/templates/article.html", 3, "mit --debug sehen Sie die technischen Einzelheiten")
    ]
    assert errors[0].message.startswith("Der Build wurde abgebrochen: ")
