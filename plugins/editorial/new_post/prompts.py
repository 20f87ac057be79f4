"""Turn new-post's arguments, and answers to questions for what is missing, into a PostRequest."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from ..adapters import Person, handles
from ..messages import word
from . import interviews, stories
from .scaffold import NewAuthor, PostRequest, ScaffoldError, handle_for, name_for

Ask = Callable[[str], str]
Say = Callable[[str], None]


@dataclass(frozen=True)
class Arguments:
    """What was given on the command line ('' or empty when not given)."""

    title: str = ""
    authors: Sequence[str] = ()
    category: str = ""
    lang: str = ""
    date: str = ""
    interview: str = ""
    # An accepted story of the editorial plan (s-…): an interview draft prefilled from it.
    story: str = ""


def build_request(
    given: Arguments,
    people: Mapping[str, Person],
    settings: Mapping[str, Any],
    *,
    interactive: bool,
    ask: Ask = input,
    say: Say = print,
) -> PostRequest:
    """Ask for what is missing (only when interactive) and validate everything."""
    lang = settings["MESSAGES_LANG"]
    authors = [h for value in given.authors for h in handles(value)]
    # An unknown story or interview type is refused before any question is asked.
    story = stories.load_story(given.story, settings, people) if given.story else None
    interview_type = given.interview or (stories.DEFAULT_STORY_INTERVIEW if story else "")
    guessed_lang = given.lang if given.lang in settings["CHECKS_LANGUAGES"] else ""
    interview = (
        interviews.load(interview_type, settings, guessed_lang or settings["DEFAULT_LANG"])
        if interview_type
        else None
    )
    given_category = given.category or (interview.category if interview else "")
    given_title = given.title.strip()
    if story and interview and not given_title:
        given_title = stories.title_for(story, interview.name)
    if story and not authors:
        authors = stories.profile_of_person(story, people)
    wanted = {"--title": given_title, "--author": authors, "--category": given_category}
    missing = [option for option, value in wanted.items() if not value]
    if missing and not interactive:
        raise ScaffoldError(word(lang, "not_a_tty", missing=", ".join(missing)))
    title = given_title or _ask_until(ask, say, word(lang, "ask_title"), _non_empty, lang)
    if authors:
        known, new = _resolve_handles(authors, people, settings)
    else:
        known, new = _ask_authors(people, settings, ask, say)
    categories = settings["CHECKS_CATEGORIES"]
    category = given_category or _ask_category(categories, ask, say, lang)
    if categories and category not in categories:
        raise ScaffoldError(
            word(lang, "bad_category", value=category, allowed=", ".join(categories))
        )
    allowed_langs = settings["CHECKS_LANGUAGES"]
    post_lang = given.lang
    if not post_lang and interactive:
        prompt = word(
            lang, "ask_lang", choices="/".join(allowed_langs), default=settings["DEFAULT_LANG"]
        )
        post_lang = ask(prompt).strip()
    post_lang = post_lang or settings["DEFAULT_LANG"]
    if post_lang not in allowed_langs:
        raise ScaffoldError(
            word(lang, "bad_lang", value=post_lang, allowed=", ".join(allowed_langs))
        )
    interview_text = ""
    if interview_type:
        # The questions in the post's language, which may differ from the one guessed above.
        questions = interviews.load(interview_type, settings, post_lang)
        interview_text = interviews.interview_body(questions, post_lang)
    return PostRequest(
        interview_text=interview_text,
        interviewers=(story.editor,) if story else (),
        editor_note=stories.story_note(story, lang) if story else "",
        title=title,
        authors=tuple(known),
        category=category,
        lang=post_lang,
        date=_date(given.date, settings, lang),
        new_authors=tuple(new),
    )


def _non_empty(value: str) -> str | None:
    return value.strip() or None


def _ask_until(
    ask: Ask, say: Say, prompt: str, parse: Callable[[str], str | None], lang: str
) -> str:
    while True:
        answer = ask(prompt)
        parsed = parse(answer)
        if parsed:
            return parsed
        say(word(lang, "not_understood", value=answer.strip() or "''"))


def _resolve_handles(
    given: Sequence[str], people: Mapping[str, Person], settings: Mapping[str, Any]
) -> tuple[list[str], list[NewAuthor]]:
    lang = settings["MESSAGES_LANG"]
    new = []
    for handle in given:
        if handle in people:
            continue
        if handle != handle_for(handle, settings):
            suggestion = handle_for(handle, settings)
            raise ScaffoldError(word(lang, "bad_handle", value=handle, suggestion=suggestion))
        close = difflib.get_close_matches(handle, list(people), n=1, cutoff=0.8)
        if close:
            raise ScaffoldError(word(lang, "close_handle", value=handle, guess=close[0]))
        new.append(NewAuthor(handle, name_for(handle)))
    return list(given), new


def _ask_authors(
    people: Mapping[str, Person], settings: Mapping[str, Any], ask: Ask, say: Say
) -> tuple[list[str], list[NewAuthor]]:
    lang = settings["MESSAGES_LANG"]
    active = sorted((p for p in people.values() if p.status == "active"), key=lambda p: p.handle)
    width = max((len(p.handle) for p in active), default=0)
    for number, person in enumerate(active, start=1):
        say(f"{number:>4}  {person.handle:<{width}}  {person.name}")
    say(f"{0:>4}  {word(lang, 'first_time')}")
    while True:
        answer = ask(word(lang, "ask_authors"))
        chosen, new, unknown = [], [], []
        for item in handles(answer):
            if item == "0":
                name = _ask_until(ask, say, word(lang, "ask_name"), _non_empty, lang)
                handle = handle_for(name, settings)
                if handle not in people:
                    new.append(NewAuthor(handle, name))
                chosen.append(handle)
            elif item.isdigit() and 1 <= int(item) <= len(active):
                chosen.append(active[int(item) - 1].handle)
            elif item in people:
                chosen.append(item)
            else:
                unknown.append(item)
        if chosen and not unknown:
            return list(dict.fromkeys(chosen)), new
        say(word(lang, "not_understood", value=", ".join(unknown) or answer.strip() or "''"))


def _ask_category(categories: Sequence[str] | None, ask: Ask, say: Say, lang: str) -> str:
    if not categories:
        return _ask_until(ask, say, word(lang, "ask_category"), _non_empty, lang)
    for number, name in enumerate(categories, start=1):
        say(f"{number:>4}  {name}")

    def parse(answer: str) -> str | None:
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(categories):
            return categories[int(answer) - 1]
        return next((c for c in categories if c.casefold() == answer.casefold()), None)

    return _ask_until(ask, say, word(lang, "ask_category"), parse, lang)


def _date(value: str, settings: Mapping[str, Any], lang: str) -> dt.datetime:
    if not value:
        now = dt.datetime.now(ZoneInfo(settings["TIMEZONE"]))
        return now.replace(second=0, microsecond=0, tzinfo=None)
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ScaffoldError(word(lang, "bad_date", value=value)) from None
