"""`invoke new-post`: with arguments, with questions on a terminal, and refusing without either."""

from __future__ import annotations

import datetime as dt
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from editorial.checks import check_site
from editorial.config import load_settings
from editorial.new_post import Arguments, run_new_post

from tests.sites import ROOT, run_build

TODAY = dt.date(2026, 11, 22)
POST = Path("content/posts/2026/wie-wir-laufraeder-zentrieren.md")


def _create(settings: Path, *authors: str, **given: str) -> int:
    arguments = Arguments(
        title=given.get("title", "Wie wir Laufräder zentrieren"),
        authors=authors,
        category=given.get("category", "Technik"),
        lang=given.get("lang", "de"),
        date=given.get("date", "2026-12-01 09:00"),
    )
    return run_new_post(str(settings), arguments, interactive=False, today=TODAY)


def test_arguments_create_the_post_with_every_field(site: Path) -> None:
    assert _create(site, "miriam-keller") == 0
    lines = POST.read_text(encoding="utf-8").splitlines()
    assert lines[:17] == [
        "Title: Wie wir Laufräder zentrieren",
        "Id: 2026-wie-wir-laufraeder-zentrieren",
        "Date: 2026-12-01 09:00",
        "Category: Technik",
        "Tags:",
        "Author: miriam-keller",
        "Lang: de",
        "Summary:",
        "Submitted: 2026-11-22",
        "Reviewed-by:",
        "Image:",
        "Image-alt:",
        "Image-credit:",
        "Disclosure:",
        "Visibility: public",
        "Status: draft",
        "",
    ]
    guide = "\n".join(lines[17:])
    assert guide.startswith("<!-- invoke new-post:")
    assert guide.count("-->") == 1 and guide.rstrip().endswith("-->")
    for field in ("Title", "Id", "Date", "Category", "Tags", "Author", "Lang", "Summary"):
        assert f"\n{field} " in guide, f"{field} is explained"
    for field in (
        "Submitted",
        "Reviewed-by",
        "Image-alt",
        "Image-credit",
        "Disclosure",
        "Visibility",
    ):
        assert f"\n{field} " in guide, f"{field} is explained"
    assert "Modified" in guide and "Correction" in guide


@pytest.mark.parametrize(("messages_lang", "page"), [("de", "mitmachen.md"), ("en", "join-in.md")])
def test_the_guide_sends_the_writer_to_the_join_in_page_in_its_language(
    site: Path, messages_lang: str, page: str
) -> None:
    site.write_text(
        site.read_text(encoding="utf-8") + f"\nMESSAGES_LANG = {messages_lang!r}\n", "utf-8"
    )
    assert _create(site, "miriam-keller", lang=messages_lang) == 0
    [line] = [line for line in POST.read_text(encoding="utf-8").splitlines() if "```poll" in line]
    named = re.search(r"'([^']+)'(?: page \(([a-z-]+/)\))?", line)
    assert named is not None, line
    # The sample site's page of that name, in the guide's language, at the address it gives.
    header = dict(
        field.split(": ", 1)
        for field in (ROOT / "content" / "pages" / page)
        .read_text(encoding="utf-8")
        .split("\n\n")[0]
        .splitlines()
    )
    assert header["Title"].startswith(named[1] + ":")
    assert header.get("Lang", "de") == messages_lang
    assert named[2] in (None, header["Slug"] + "/")


def _write_text(path: Path = POST) -> None:
    """What the author does next: write a paragraph below the explanations."""
    with path.open("a", encoding="utf-8") as post:
        post.write("Speichen, Nabe, Felge: so geht es.\n")


def test_the_new_post_checks_clean_once_it_has_text_except_for_the_explanations(
    site: Path,
) -> None:
    _create(site, "miriam-keller")
    _write_text()
    result = check_site(load_settings(str(site)))
    assert [(p.path, p.rule) for p in result.problems] == [(str(POST), "scaffold_guide")]


def test_a_new_post_without_text_is_refused_and_stays_a_draft(site: Path, tmp_path: Path) -> None:
    _create(site, "miriam-keller", date="2026-11-01 09:00")
    text = POST.read_text(encoding="utf-8")
    assert "\nStatus: draft\n" in text
    # The explanations are no text: deleting them leaves an empty post, which check refuses.
    POST.write_text(text[: text.index("<!-- invoke new-post:")], encoding="utf-8")
    result = check_site(load_settings(str(site)))
    assert [(p.path, p.line, p.rule) for p in result.problems] == [(str(POST), 18, "no_body")]
    assert result.exit_code(strict=True) == 1
    run = run_build(tmp_path / "output", settings=str(site), cwd=tmp_path, strict=True)
    assert run.returncode == 1
    assert f"{POST}:18:1: error: Der Beitrag hat keinen Text." in run.log
    home = run.html("index.html").get_text()
    assert "Laufräder" not in home


def test_the_new_post_builds_as_a_scheduled_post(site: Path, tmp_path: Path) -> None:
    _create(site, "miriam-keller", date="2099-01-01 09:00")
    _write_text(Path("content/posts/2099/wie-wir-laufraeder-zentrieren.md"))
    run = run_build(tmp_path / "output", settings=str(site), cwd=tmp_path)
    assert run.returncode == 0, run.log
    page = run.html("entwuerfe/wie-wir-laufraeder-zentrieren/index.html")
    assert page.select_one("h1").get_text(strip=True) == "Wie wir Laufräder zentrieren"
    assert "invoke new-post" not in page.select_one(".post__content").get_text()


def test_a_first_time_author_gets_a_profile_with_the_consent_checklist(site: Path) -> None:
    assert _create(site, "miriam-keller", "jana-roth") == 0
    post = POST.read_text(encoding="utf-8")
    assert "Authors: miriam-keller, jana-roth\n" in post
    profile = Path("content/authors/jana-roth.md").read_text(encoding="utf-8")
    assert profile.startswith("Name: Jana Roth\nRole:\nDepartment:\nLevel:\n")
    assert "\nConsent: no\n" in profile and "\nStatus: active\n" in profile
    assert profile.count("[ ] ") == 5
    _write_text()
    problems = check_site(load_settings(str(site))).problems
    assert {p.path for p in problems if p.severity == "error"} == {
        "content/authors/jana-roth.md"
    }, "the empty profile is the only thing left to fill in"


def test_a_handle_close_to_an_existing_one_is_refused(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _create(site, "miriam-kelller") == 1
    assert "Meinten Sie 'miriam-keller'?" in capsys.readouterr().err
    assert not Path("content/authors/miriam-kelller.md").exists()
    assert not POST.exists()


def test_bad_arguments_are_explained(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _create(site, "miriam-keller", category="Werkstatt") == 1
    assert "'Werkstatt' ist keine Kategorie. Erlaubt sind: Einblicke, Technik" in (
        capsys.readouterr().err
    )
    assert _create(site, "miriam-keller", date="1. Dezember") == 1
    assert "'1. Dezember' ist kein Datum" in capsys.readouterr().err


def test_an_existing_file_is_never_overwritten(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _create(site, "miriam-keller") == 0
    POST.write_text("Title: Mein Text\n", encoding="utf-8")
    assert _create(site, "miriam-keller") == 1
    assert "gibt es schon" in capsys.readouterr().err
    assert POST.read_text(encoding="utf-8") == "Title: Mein Text\n"


def test_questions_for_everything_missing(site: Path) -> None:
    answers = iter(["", "Wie wir Laufräder zentrieren", "7, 1", "1, 0", "Jana Roth", "2", ""])
    asked: list[str] = []
    said: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    code = run_new_post(
        str(site), Arguments(date="2026-12-01 09:00"), interactive=True, ask=ask,
        say=said.append, today=TODAY,
    )  # fmt: skip
    assert code == 0
    assert asked == [
        "Titel des Beitrags: ",
        "Titel des Beitrags: ",
        "Wer schreibt? Nummer oder Kürzel, mehrere mit Komma getrennt: ",
        "Wer schreibt? Nummer oder Kürzel, mehrere mit Komma getrennt: ",
        "Ihr Vor- und Nachname: ",
        "Kategorie (Nummer oder Name): ",
        "Sprache (de/en) [de]: ",
    ]
    assert "   1  miriam-keller  Miriam Keller" in said
    assert "   0  Ich schreibe zum ersten Mal (neues Profil)" in said
    assert "Das habe ich nicht verstanden: 7" in said
    post = POST.read_text(encoding="utf-8")
    assert "Authors: miriam-keller, jana-roth\n" in post
    assert "Category: Technik\n" in post and "Lang: de\n" in post
    assert Path("content/authors/jana-roth.md").exists()


def test_without_a_terminal_missing_arguments_fail_clearly(site: Path, tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "new-post", "--settings", str(site),
         "--title", "Ohne Autor"],
        cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert completed.returncode == 1
    assert "Es fehlen Angaben: --author, --category." in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not list((tmp_path / "content" / "posts").rglob("ohne-autor*"))


def test_on_a_real_terminal_the_task_asks(site: Path, tmp_path: Path) -> None:
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), "new-post", "--settings", str(site),
         "--date", "2026-12-01 09:00"],
        cwd=tmp_path, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
    )  # fmt: skip
    os.close(slave)
    transcript = ""
    try:
        for prompt, answer in (
            ("Titel des Beitrags: ", "Wie wir Laufräder zentrieren"),
            ("mehrere mit Komma getrennt: ", "miriam-keller"),
            ("Kategorie (Nummer oder Name): ", "Technik"),
            ("[de]: ", "en"),
        ):
            transcript = _read_until(master, prompt, transcript)
            os.write(master, f"{answer}\n".encode())
        transcript = _read_until(master, "Nächste Schritte", transcript)
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        os.close(master)
    assert "Angelegt: content/posts/2026/wie-wir-laufraeder-zentrieren.md" in transcript
    assert "Lang: en\n" in (tmp_path / POST).read_text(encoding="utf-8")


def _read_until(fd: int, expected: str, transcript: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    start = len(transcript)
    while expected not in transcript[start:]:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {expected!r} in {transcript!r}"
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            assert chunk, f"the task ended before {expected!r}: {transcript!r}"
            transcript += chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return transcript


def test_a_300_character_title_gives_a_short_file_name(site: Path) -> None:
    title = ("Warum wir " + "sehr " * 60)[:260] + " lange Titel lieben und was daraus folgt"
    assert _create(site, "miriam-keller", title=title) == 0
    [created] = Path("content/posts/2026").glob("*.md")
    assert created.name == "warum-wir" + "-sehr" * 18 + ".md"
    assert f"Title: {title}\n" in created.read_text(encoding="utf-8")
