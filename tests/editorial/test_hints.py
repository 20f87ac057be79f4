"""Writing hints: `invoke check --hints` names each at its file and line and never fails."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from editorial.checks import run_check

from tests.minisite import make_site, post_text
from tests.sites import BuildRun, run_invoke

LONG_SENTENCE = (
    "Als wir im Frühjahr beschlossen haben, die Montage der Lastenräder von zwei auf drei "
    "Schichten umzustellen, wussten wir noch nicht, wie viele Gespräche mit den Familien der "
    "Kolleginnen und Kollegen dafür nötig sein würden."
)
# Line numbers below are the lines of this text in its file.
PASTED = f"""\
Title: Was wir beim Umstellen der Montage auf drei Schichten gelernt haben und was nicht
Date: 2026-03-14 09:30
Category: Technik
Author: miriam-keller
Lang: de
Summary: Ein Beitrag mit allem, was man aus Word und von Websites mitkopiert.

Kurz vorweg. {LONG_SENTENCE}

• Erstens die Schichtpläne
• Zweitens die Kantine

![Bild]({{static}}/images/klein.png)

Foto: Jana Roth

Teilen

```text
• Im Code ist das kein Hinweis.
```
"""
ENGLISH = post_text(
    "A short English post",
    "2026-03-15 09:30",
    "Notwithstanding considerable organisational complexity, comprehensive methodological "
    "standardisation necessitates interdepartmental coordination. Institutional "
    "accountability mechanisms facilitate operational transparency.",
    Lang="en",
    Summary="Plain.",
)
BROKEN = post_text(
    "Ohne Kategorie", "2026-03-16 09:30", "Ein Satz.", Category=None, Summary="Fehlt etwas."
)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A tiny site with a pasted post and a hard English one, as the current folder."""
    settings = make_site(tmp_path, {"kopiert.md": PASTED, "english.md": ENGLISH})
    image = tmp_path / "content" / "images" / "klein.png"
    image.parent.mkdir(parents=True)
    from PIL import Image

    Image.new("RGB", (4, 4), "white").save(image)
    monkeypatch.chdir(tmp_path)
    yield settings


def _hints(settings: Path, **options: bool) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run_check(str(settings), stdout=out, hints=True, **options)
    return code, [line for line in out.getvalue().splitlines() if ": hint: " in line]


def test_each_hint_names_its_file_and_line(site: Path) -> None:
    code, hints = _hints(site)
    assert code == 0
    where = [(line.split(": hint: ")[0], line.split(": hint: ")[1]) for line in hints]
    got = set(where)
    expected = {
        "content/posts/english.md:8:1": "Der Text ist schwer zu lesen (Lesbarkeit 0 von 100, "
        "Formel nach Flesch).",
        "content/posts/kopiert.md:1:1": "Der Titel hat 81 Zeichen; Suchmaschinen zeigen etwa 60.",
        "content/posts/kopiert.md:8:1": "Dieser Satz hat 34 Wörter: „Als wir im Frühjahr "
        "beschlossen haben, …“",
        "content/posts/kopiert.md:10:1": "Hier steht ein Aufzählungszeichen „•“ aus einem "
        "Schreibprogramm.",
        "content/posts/kopiert.md:11:1": "Hier steht ein Aufzählungszeichen „•“ aus einem "
        "Schreibprogramm.",
        "content/posts/kopiert.md:13:1": "Die Bildbeschreibung „Bild“ sagt nicht, was zu sehen "
        "ist.",
        "content/posts/kopiert.md:15:1": "Hier steht ein Bildnachweis im Text: „Foto: Jana Roth“",
        "content/posts/kopiert.md:17:1": "„Teilen“ sieht nach übrig gebliebenem Text einer anderen "
        "Website aus (Teilen-Knopf oder Kommentarformular).",
    }
    assert got == set(expected.items())
    assert len(where) == len(expected)  # each once, sorted by file and line
    assert where == sorted(where, key=lambda w: (w[0].split(":")[0], int(w[0].split(":")[1])))


def test_hints_never_fail_and_errors_stay_errors(site: Path, tmp_path: Path) -> None:
    # Strict fails on warnings, never on hints.
    assert _hints(site, strict=True)[0] == 0
    (tmp_path / "content" / "posts" / "kaputt.md").write_text(BROKEN, encoding="utf-8")
    code, hints = _hints(site)
    assert code == 1 and hints


def test_the_task_prints_hints_and_exits_zero(site: Path, tmp_path: Path) -> None:
    done = run_invoke("check", "--hints", "--settings", str(site), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "content/posts/kopiert.md:8:1: hint: Dieser Satz hat 34 Wörter" in done.stdout
    assert done.stdout.rstrip().endswith("Schreibhinweise: 8 (Vorschläge, keine Fehler).")
    assert "Traceback" not in done.stderr


def test_the_review_page_shows_a_draft_s_hints(preview_site: BuildRun) -> None:
    page = preview_site.html("entwuerfe/index.html")
    entry = next(
        li for li in page.select(".review-entry") if "halbzeit-im-ersten-lehrjahr" in li.get_text()
    )
    hints = entry.select(".review-hints .review-problem--hint")
    assert [h.select_one(".review-problem__message").get_text() for h in hints] == [
        "Der Titel hat 85 Zeichen; Suchmaschinen zeigen etwa 60."
    ]
    assert entry.select_one(".review-hints summary").get_text() == (
        "1 Schreibhinweis (ein Vorschlag, kein Fehler)"
    )


def test_github_shows_hints_as_notices(site: Path) -> None:
    out = io.StringIO()
    assert run_check(str(site), "github", stdout=out, hints=True) == 0
    notices = [line for line in out.getvalue().splitlines() if line.startswith("::notice ")]
    assert len(notices) == 8
    assert notices[0].startswith("::notice file=content/posts/english.md,line=8,col=1,")
