"""MESSAGES_LANG switches every plugin's problem reports in a real build; old names still work."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from author_profiles.messages import MESSAGES as PROFILE_MESSAGES
from content_checks.messages import MESSAGES as CHECK_MESSAGES
from idea_polls.messages import MESSAGES as POLL_MESSAGES
from transparency.messages import MESSAGES as TRANSPARENCY_MESSAGES

from tests.minisite import GOOD_POST, PROFILE, make_site
from tests.sites import ROOT

CATALOGS = (CHECK_MESSAGES, PROFILE_MESSAGES, POLL_MESSAGES, TRANSPARENCY_MESSAGES)
# One broken source per plugin that reports in the build.
POSTS = {
    "kaputt.md": GOOD_POST.replace("Title: Ein guter Beitrag", "Title: Kaputt").replace(
        "2026-03-14 09:30", "vierzehnter März"
    ),
    "umfrage.md": GOOD_POST.replace("Title: Ein guter Beitrag", "Title: Umfrage")
    + "\n```poll\nid: farbe\nquestion: [Welche Farbe?\n```\n",
    "korrektur.md": GOOD_POST.replace(
        "Summary: Alles in Ordnung.", "Summary: Korrigiert.\nCorrection: gestern | falsch"
    ).replace("Title: Ein guter Beitrag", "Title: Korrektur"),
}
BROKEN_PROFILE = PROFILE.replace("Department: entwicklung", "Department: gibt-es-nicht")
BROKEN = {
    "content/posts/kaputt.md",
    "content/posts/umfrage.md",
    "content/posts/korrektur.md",
    "content/authors/broken-person.md",
}
# In a process of its own, as the preview and `invoke build` run it.
SCRIPT = """
import json, logging, sys
sys.path[:0] = [{root!r}, {plugins!r}]
from devserver.build import build
said = []
class Keep(logging.Handler):
    def emit(self, record):
        said.append([record.levelname, record.getMessage()])
logging.getLogger().addHandler(Keep(logging.WARNING))
result = build({settings!r}, {{"OUTPUT_PATH": "output"}})
errors = [[problem.path, problem.message] for problem in result.errors]
print(json.dumps([errors, result.problems, said]))
"""


def build(folder: Path, extra_settings: str) -> tuple[list[list[str]], int, list[list[str]]]:
    """Build the broken site; return its errors (path, message), problem count and log lines."""
    settings = make_site(folder, POSTS, extra_settings)
    profile = folder / "content" / "authors" / "broken-person.md"
    profile.write_text(BROKEN_PROFILE.replace("Miriam Keller", "Broken Person"), encoding="utf-8")
    script = SCRIPT.format(root=str(ROOT), plugins=str(ROOT / "plugins"), settings=str(settings))
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=folder, capture_output=True, text=True, check=True
    )
    errors, problems, said = json.loads(run.stdout.splitlines()[-1])
    return errors, problems, said


def _pattern(template: str) -> re.Pattern[str]:
    pieces = re.split(r"\{[^{}]*\}", template)
    return re.compile(".+?".join(re.escape(piece) for piece in pieces), re.DOTALL)


def in_catalog(message: str, lang: str, catalogs: tuple[Mapping[str, Any], ...]) -> bool:
    """True if the message is one of the catalogs' messages in the language, values filled in."""
    return any(
        _pattern(template).fullmatch(message)
        for catalog in catalogs
        for template, _ in catalog[lang].values()
    )


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, ...]:
    return build(tmp_path_factory.mktemp("en"), "DEFAULT_LANG = 'de'\nMESSAGES_LANG = 'en'\n")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_plugin_reports_in_messages_lang(
    lang: str, english: tuple[Any, ...], tmp_path: Path
) -> None:
    other = "en" if lang == "de" else "de"
    if lang == "en":
        errors, _, _ = english
    else:
        errors, _, _ = build(tmp_path, "DEFAULT_LANG = 'en'\nMESSAGES_LANG = 'de'\n")
    assert {path for path, _ in errors} == BROKEN
    for path, message in errors:
        assert in_catalog(message, lang, CATALOGS), (path, message)
        assert not in_catalog(message, other, CATALOGS), (path, message)


@pytest.mark.parametrize("old", ["CHECKS_LANGUAGE", "AUTHORS_MESSAGES_LANG", "POLLS_LANGUAGE"])
def test_an_old_setting_still_works_and_is_named_once(
    old: str, english: tuple[Any, ...], tmp_path: Path
) -> None:
    errors, problems, said = build(tmp_path, f"MESSAGES_LANG = None\n{old} = 'en'\n")
    expected_errors, expected_problems, _ = english
    assert sorted(errors) == sorted(expected_errors)
    # The deprecation is said, but not counted: a strict build fails no sooner than before.
    assert problems == expected_problems
    deprecations = [line for line in said if old in line[1]]
    assert deprecations == [
        [
            "WARNING",
            f"{old} is deprecated and only read while MESSAGES_LANG is not set. In "
            f"pelicanconf.py write MESSAGES_LANG = 'en' instead of {old} = …; MESSAGES_LANG is "
            "the language of every plugin's messages.",
        ]
    ]


def test_the_clean_images_old_setting_is_named_once_too(tmp_path: Path) -> None:
    _, _, said = build(tmp_path, "MESSAGES_LANG = None\nCLEAN_IMAGES_LANGUAGE = 'de'\n")
    assert [line for line in said if "CLEAN_IMAGES_LANGUAGE" in line[1]] == [
        [
            "WARNING",
            "CLEAN_IMAGES_LANGUAGE ist veraltet und wird nur gelesen, solange MESSAGES_LANG "
            "fehlt. Schreiben Sie in pelicanconf.py MESSAGES_LANG = 'de' statt "
            "CLEAN_IMAGES_LANGUAGE = …; MESSAGES_LANG gilt für die Meldungen aller Plugins.",
        ]
    ]
