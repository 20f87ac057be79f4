"""`invoke check` as CI and people run it: formats, files written, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from editorial.checks import run_check

from tests.sites import run_invoke

BROKEN = Path(__file__).resolve().parent / "broken"
SETTINGS = str(BROKEN / "siteconf.py")


def test_text_goes_to_stdout_and_errors_fail(in_broken: Path) -> None:
    out = io.StringIO()
    assert run_check(SETTINGS, "text", stdout=out) == 1
    text = out.getvalue()
    assert text.startswith("content/authors/ohne-abteilung.md:7:1: error: ")
    assert text.endswith("Fehler: 23, Warnungen: 3 (34 Dateien geprüft).\n")


def test_github_writes_annotations_and_appends_the_job_summary(
    in_broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = io.StringIO()
    assert run_check(SETTINGS, "github", stdout=out) == 1
    lines = out.getvalue().splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 3
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("# earlier step\n## Inhaltsprüfung\n")
    assert written.count("| `content/posts/") == 13  # the errors not annotated


def test_gitlab_writes_the_code_quality_report_and_shows_text(
    in_broken: Path, tmp_path: Path
) -> None:
    report = tmp_path / "gl-code-quality-report.json"
    out = io.StringIO()
    assert run_check(SETTINGS, "gitlab", str(report), stdout=out) == 1
    issues = json.loads(report.read_text(encoding="utf-8"))
    assert len(issues) == 26
    assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issues[0])
    assert "Fehler: 23" in out.getvalue()


def test_strict_fails_on_warnings_only_and_unknown_formats_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.minisite import make_site

    settings = make_site(tmp_path, {"leftover.md": _post_with_guide()})
    monkeypatch.chdir(tmp_path)
    assert run_check(str(settings), stdout=io.StringIO()) == 0
    assert run_check(str(settings), strict=True, stdout=io.StringIO()) == 1
    assert run_check(str(settings), "xml") == 2
    assert capsys.readouterr().err == (
        "--format xml: dieses Format gibt es nicht. Wählen Sie text, github oder gitlab, "
        "z. B. --format github.\n"
    )


UNKNOWN_FORMATS = ["xml", "", "GITHUB", "text; rm -rf ~", "<script>alert(1)</script>"]


@pytest.mark.parametrize("value", UNKNOWN_FORMATS)
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            "--format {value}: dieses Format gibt es nicht. Wählen Sie text, github oder gitlab, "
            "z. B. --format github.\n",
        ),
        (
            "en",
            "--format {value}: there is no such format. Choose text, github or gitlab, "
            "e.g. --format github.\n",
        ),
    ],
)
def test_an_unknown_format_is_refused_in_the_report_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    value: str,
    language: str,
    expected: str,
) -> None:
    from tests.minisite import make_site

    settings = make_site(tmp_path, {}, f"MESSAGES_LANG = {language!r}\n")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert run_check(str(settings), value, stdout=out) == 2
    assert (out.getvalue(), capsys.readouterr().err) == ("", expected.format(value=value))
    assert not (tmp_path / "gl-code-quality-report.json").exists()


def _post_with_guide() -> str:
    from tests.minisite import GOOD_POST

    good = GOOD_POST.replace("Ein guter Beitrag", "Noch mit Erklärungen")
    return good + "\n<!-- invoke new-post:\nErklärungen\n-->\n"


def test_invoke_check_runs_in_a_fresh_process() -> None:
    completed = run_invoke("check", "--settings", SETTINGS, cwd=BROKEN)
    assert completed.returncode == 1, completed.stderr
    assert "content/posts/bild-ohne-alt.md:9:29: error: Das Bild" in completed.stdout
    assert "Traceback" not in completed.stderr
