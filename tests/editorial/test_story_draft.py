"""`invoke new-post --story ID`: an accepted story of the editorial plan as an interview draft."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from editorial.checks import check_site
from editorial.config import load_settings
from editorial.new_post import Arguments, run_new_post

from tests.minisite import make_site
from tests.sites import run_build

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PLAN = ROOT / "content" / "data" / "editorial-plan.json"
PLAN = Path("content/data/editorial-plan.json")
STORY = "s-3f9a1c07d2e4"
POST = Path("content/posts/2026/ein-tag-bei-marco-aus-der-endmontage.md")
TODAY = dt.date(2026, 12, 1)
MARCO = "Name: Marco Bianchi\nRole: Monteur\nDepartment: produktion\nLevel: fachkraft\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A tiny site with the sample plan and two profiles, as the current folder."""
    settings = make_site(tmp_path, {})
    (tmp_path / "content" / "authors" / "marco-bianchi.md").write_text(
        MARCO + "Consent: yes\nConsent-date: 2026-01-10\nStatus: active\n\nIch montiere.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    PLAN.parent.mkdir(parents=True)
    shutil.copy(SAMPLE_PLAN, PLAN)
    yield settings


def _draft(settings: Path, story: str = STORY, authors: tuple[str, ...] = (), **given: str) -> int:
    arguments = Arguments(story=story, authors=authors, date="2026-11-30 09:00", **given)
    return run_new_post(str(settings), arguments, interactive=False, today=TODAY)


def _plan(entry: dict[str, object]) -> None:
    PLAN.write_text(json.dumps({"version": 1, "stories": [entry]}), encoding="utf-8")


def test_a_story_becomes_an_interview_draft_with_its_editor_and_a_note(site: Path) -> None:
    assert _draft(site, authors=("marco-bianchi",)) == 0
    text = POST.read_text(encoding="utf-8")
    header, guide, body = text.partition("<!-- invoke new-post:")[0], *text.split("-->", 1)
    # The default type (ein-tag-bei), its category, a title from the person, the editor.
    assert header.startswith("Title: Ein Tag bei Marco aus der Endmontage\n")
    assert "\nCategory: Menschen\n" in header and "\nInterview: miriam-keller\n" in header
    assert "\nAuthor: marco-bianchi\n" in header and "\nStatus: draft\n" in header
    # The story and its proposer only inside the explanation block, never in the text.
    assert (
        "Vorgeschlagen von: Lea\n" in guide and "Über: Marco aus der Endmontage, Montage" in guide
    )
    assert "alte Lastenvelos für die Velobörse" in guide
    assert "Lea" not in body and "Lastenvelos" not in body
    assert body.count("\n[ANTWORT]\n") == 5
    # `invoke check` warns about the block with the note while it is there.
    result = check_site(load_settings(str(site)))
    marker = text.splitlines().index("<!-- invoke new-post:") + 1
    assert (str(POST), marker, "scaffold_guide") in [
        (p.path, p.line, p.rule) for p in result.problems
    ]
    # Answered and the block deleted: the draft checks clean.
    POST.write_text(header + body.replace("[ANTWORT]", "So war es."), encoding="utf-8")
    answered = check_site(load_settings(str(site)))
    assert answered.problems == [] and answered.exit_code() == 0


def test_a_post_published_with_the_note_left_in_shows_none_of_it(
    site: Path, tmp_path: Path
) -> None:
    assert _draft(site, authors=("marco-bianchi",)) == 0
    text = POST.read_text(encoding="utf-8").replace("[ANTWORT]", "So war es.")
    POST.write_text(text.replace("Status: draft", "Status: published"), encoding="utf-8")
    run = run_build(tmp_path / "output", settings=str(site), cwd=tmp_path)
    assert run.returncode == 0, run.log
    html = (tmp_path / "output/2026/ein-tag-bei-marco-aus-der-endmontage/index.html").read_text(
        encoding="utf-8"
    )
    assert "So war es." in html
    # Not even in the page source: the proposer, the story, the explanations.
    assert (
        "Lastenvelos" not in html and "Vorgeschlagen" not in html and "invoke new-post" not in html
    )


def test_an_english_draft_of_another_type_and_the_author_from_the_person(site: Path) -> None:
    _plan(
        {
            "id": STORY,
            "accepted": "2026-11-28",
            "editor": "miriam-keller",
            "about": "myself",
            "proposer": "Marco Bianchi",
            "department": "Montage",
            "text": "Velos.",
        }
    )
    assert _draft(site, interview="projektbericht", lang="en") == 0
    text = Path("content/posts/2026/project-report-marco-bianchi.md").read_text(encoding="utf-8")
    # Someone proposing their own story is its person; their profile is the author.
    assert text.startswith("Title: Project report: Marco Bianchi\n")
    assert "\nAuthor: marco-bianchi\n" in text and "\nLang: en\n" in text


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            "unknown",
            "Die Geschichte 's-000000000000' steht nicht in content/data/editorial-plan.json. "
            "Bekannt sind: s-3f9a1c07d2e4, z. B. --story s-3f9a1c07d2e4.",
        ),
        (
            "not_accepted",
            "Die Geschichte 's-3f9a1c07d2e4' in content/data/editorial-plan.json ist "
            "nicht angenommen (kein 'accepted').",
        ),
        (
            "no_plan",
            "content/data/editorial-plan.json gibt es nicht: Es gibt noch keinen Redaktionsplan.",
        ),
        (
            "broken",
            "content/data/editorial-plan.json:3: Der Redaktionsplan lässt sich nicht lesen "
            "(JSON: Expecting ',' delimiter).",
        ),
        (
            "no_editor",
            "Die Geschichte 's-3f9a1c07d2e4' in content/data/editorial-plan.json nennt "
            "als Redaktion 'miriam-kelller', dazu gibt es kein Profil.",
        ),
        (
            "no_list",
            "content/data/editorial-plan.json: Im Redaktionsplan fehlt die Liste 'stories'.",
        ),
    ],
)
def test_a_story_that_cannot_become_a_draft_is_refused_and_nothing_is_written(
    site: Path, change: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = json.loads(SAMPLE_PLAN.read_text(encoding="utf-8"))["stories"][0]
    story = STORY
    if change == "unknown":
        story = "s-000000000000"
    elif change == "not_accepted":
        _plan({**entry, "accepted": None})
    elif change == "no_plan":
        PLAN.unlink()
    elif change == "broken":
        PLAN.write_text('{\n  "stories": [\n    {"id": "s-1" "x": 1}\n  ]\n}\n', encoding="utf-8")
    elif change == "no_editor":
        _plan({**entry, "editor": "miriam-kelller"})
    elif change == "no_list":
        PLAN.write_text('{"version": 1}', encoding="utf-8")
    before = sorted(Path("content").rglob("*"))
    assert _draft(site, story, authors=("marco-bianchi",)) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith(expected), error
    assert "Traceback" not in error
    assert sorted(Path("content").rglob("*")) == before


def test_the_refusal_in_english_where_messages_lang_says_so(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.write_text(site.read_text(encoding="utf-8") + '\nMESSAGES_LANG = "en"\n', "utf-8")
    assert _draft(site, "s-nope") == 1
    assert capsys.readouterr().err.strip() == (
        "The story 's-nope' is not in content/data/editorial-plan.json. Known: s-3f9a1c07d2e4, "
        "e.g. --story s-3f9a1c07d2e4."
    )


def test_the_plan_path_is_a_setting(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site.write_text(
        site.read_text(encoding="utf-8") + '\nEDITORIAL_PLAN_PATH = "data/plan.json"\n', "utf-8"
    )
    assert _draft(site, authors=("marco-bianchi",)) == 1
    assert capsys.readouterr().err.startswith("content/data/plan.json gibt es nicht")
    PLAN.rename("content/data/plan.json")
    assert _draft(site, authors=("marco-bianchi",)) == 0
