"""`invoke new-post --interview`: a draft from a question set that `invoke check` holds back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from editorial.checks import check_site
from editorial.config import load_settings
from editorial.new_post import Arguments, run_new_post

TODAY = dt.date(2026, 11, 22)
POST = Path("content/posts/2026/ein-tag-bei-miriam.md")


def _interview(settings: Path, kind: str, lang: str = "de", category: str = "") -> int:
    arguments = Arguments(
        title="Ein Tag bei Miriam",
        authors=("miriam-keller",),
        category=category,
        lang=lang,
        date="2026-12-01 09:00",
        interview=kind,
    )
    return run_new_post(str(settings), arguments, interactive=False, today=TODAY)


def _without_guide(path: Path = POST) -> str:
    """What the editor does before the check: delete the explanations block."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index("<!--"), text.index("-->") + len("-->")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_the_draft_holds_every_question_with_a_placeholder(site: Path) -> None:
    assert _interview(site, "ein-tag-bei") == 0
    text = POST.read_text(encoding="utf-8")
    # The type's category when none is given, and the fields for who asked and wrote.
    assert "\nCategory: Menschen\n" in text
    assert "\nInterview:\n" in text and "\nTold-to:\n" in text
    body = text.split("-->", 1)[1]
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Wann beginnt Ihr Tag, und was machen Sie als Erstes?"
    assert len(headings) == 5
    assert body.count("\n[ANTWORT]\n") == 5


def test_check_names_each_unanswered_question_until_it_is_answered(site: Path) -> None:
    _interview(site, "projektbericht")
    text = _without_guide()
    lines = text.splitlines()
    placeholder_lines = [n for n, line in enumerate(lines, start=1) if line == "[ANTWORT]"]
    result = check_site(load_settings(str(site)))
    found = [(p.path, p.line, p.rule) for p in result.problems]
    assert found == [(str(POST), n, "unanswered_question") for n in placeholder_lines]
    first = result.problems[0]
    assert first.message == (
        "Die Frage 'Welches Problem sollte das Projekt lösen?' ist noch nicht beantwortet."
    )
    assert result.exit_code() == 1
    # One answer given: one error fewer; all answered: the draft checks clean.
    POST.write_text(text.replace("[ANTWORT]", "Die Lieferzeit.", 1), encoding="utf-8")
    assert len(check_site(load_settings(str(site))).problems) == len(placeholder_lines) - 1
    POST.write_text(text.replace("[ANTWORT]", "So war es."), encoding="utf-8")
    answered = check_site(load_settings(str(site)))
    assert answered.problems == [] and answered.exit_code() == 0


def test_english_questions_for_an_english_post(site: Path) -> None:
    assert _interview(site, "frage-an-den-vorstand", lang="en") == 0
    text = _without_guide()
    assert "## What is the short answer?\n\n[ANSWER]\n" in text
    result = check_site(load_settings(str(site)))
    assert {p.rule for p in result.problems} == {"unanswered_question"}


def test_an_unknown_type_lists_the_known_ones(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _interview(site, "tag-bei") == 1
    assert capsys.readouterr().err.strip() == (
        "Den Interviewtyp 'tag-bei' gibt es nicht. Bekannt sind: ein-tag-bei, "
        "frage-an-den-vorstand, projektbericht, z. B. --interview ein-tag-bei."
    )
    assert not POST.exists()


def test_the_site_s_own_question_sets_replace_and_add(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "content" / "data" / "interviews"
    own.mkdir(parents=True)
    (own / "ein-tag-bei.yaml").write_text(
        "category: Einblicke\nquestions:\n  de:\n    - Was tun Sie um sieben?\n", encoding="utf-8"
    )
    (own / "kaputt.yaml").write_text("questions:\n  de: [offen\n", encoding="utf-8")
    assert _interview(site, "ein-tag-bei") == 0
    text = POST.read_text(encoding="utf-8")
    assert "\nCategory: Einblicke\n" in text
    assert (
        "## Was tun Sie um sieben?\n\n[ANTWORT]\n" in text
        and text.split("-->")[1].count("## ") == 1
    )
    POST.unlink()
    # A broken file is named with its line, never a traceback.
    assert _interview(site, "kaputt", category="Technik") == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("content/data/interviews/kaputt.yaml:")
    assert "Die Fragen lassen sich nicht lesen (YAML)" in error
    assert "Traceback" not in error


def test_a_language_without_questions_is_refused_as_a_language(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _interview(site, "ein-tag-bei", lang="fr") == 1
    assert (
        capsys.readouterr().err.strip() == "'fr' ist keine erlaubte Sprache. Erlaubt sind: de, en."
    )
