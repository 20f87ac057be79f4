"""`invoke new-post`: a new post and profiles for first-time authors, asking for what is missing."""

from __future__ import annotations

import datetime as dt
import os
import sys

from ..adapters import load_people, profiles_folder
from ..config import settings_or_report
from ..messages import word
from .interviews import ANSWER_PLACEHOLDERS
from .prompts import Arguments, Ask, Say, build_request
from .scaffold import ScaffoldError, create_post


def run_new_post(
    settings_file: str,
    given: Arguments,
    *,
    interactive: bool | None = None,
    ask: Ask = input,
    say: Say = print,
    today: dt.date | None = None,
) -> int:
    """Create a post (and profiles for first-time authors); ask for what is missing on a TTY."""
    settings = settings_or_report(settings_file)
    if settings is None:
        return 2
    lang = settings["MESSAGES_LANG"]
    people, _ = load_people(settings)
    if interactive is None:
        interactive = sys.stdin.isatty()
    try:
        request = build_request(given, people, settings, interactive=interactive, ask=ask, say=say)
        created = create_post(
            request,
            settings,
            profiles_folder(settings),
            today or dt.date.today(),
        )
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    except EOFError:
        # Input ended before every question was answered (e.g. piped input ran out).
        print(word(lang, "not_a_tty", missing="…"), file=sys.stderr)
        return 1
    say(word(lang, "created_post", path=os.path.relpath(created[0])))
    for path in created[1:]:
        say(word(lang, "created_profile", path=os.path.relpath(path)))
    if request.interview_text:
        placeholder = ANSWER_PLACEHOLDERS.get(request.lang, ANSWER_PLACEHOLDERS["en"])
        say(word(lang, "created_interview", placeholder=placeholder))
    say(word(lang, "next_steps"))
    return 0
