"""`invoke new-post --story ID`: an accepted story from the editorial plan as an interview draft.

The backend's `stories pull` writes the plan (EDITORIAL_PLAN_PATH); this module only reads it.
The story's text and proposer go into the draft's explanation block, an HTML comment that
`invoke check` warns about while it is there, so they never reach a published page.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import JsonFileError, read_json

from ..adapters import Person
from .scaffold import ScaffoldError
from .story_messages import story_word as word

# The interview type of a story draft when `--interview` is not given.
DEFAULT_STORY_INTERVIEW = "ein-tag-bei"


@dataclass(frozen=True)
class PlanStory:
    """One accepted story of the editorial plan: who it is about and who will ask."""

    id: str
    editor: str
    person: str
    department: str
    proposer: str
    text: str


def plan_path(settings: Mapping[str, Any]) -> Path:
    """Where the editorial plan is: EDITORIAL_PLAN_PATH under the content folder."""
    return Path(settings["PATH"], settings["EDITORIAL_PLAN_PATH"])


def load_story(
    story_id: str, settings: Mapping[str, Any], people: Mapping[str, Person]
) -> PlanStory:
    """The accepted story `story_id` from the plan; ScaffoldError says what is wrong."""
    lang = settings["MESSAGES_LANG"]
    path = plan_path(settings)
    shown = _shown(path)
    try:
        data = read_json(path)
    except JsonFileError as error:
        raise ScaffoldError(
            word(lang, "plan_json", path=shown, line=error.line, reason=error.reason)
        ) from None
    if data is None:
        raise ScaffoldError(word(lang, "plan_missing", path=shown))
    entries = data.get("stories") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ScaffoldError(word(lang, "plan_shape", path=shown))
    by_id = {
        str(entry["id"]): entry for entry in entries if isinstance(entry, dict) and "id" in entry
    }
    entry = by_id.get(story_id.strip())
    if entry is None:
        known = ", ".join(by_id) or word(lang, "plan_no_ids")
        raise ScaffoldError(word(lang, "unknown_story", value=story_id, path=shown, known=known))
    if not _text(entry, "accepted"):
        raise ScaffoldError(word(lang, "story_not_accepted", value=story_id, path=shown))
    editor = _text(entry, "editor")
    if editor not in people:
        raise ScaffoldError(
            word(lang, "story_editor", value=story_id, editor=editor or "''", path=shown)
        )
    about_self = _text(entry, "about") == "myself"
    proposer = _text(entry, "proposer")
    return PlanStory(
        id=story_id.strip(),
        editor=editor,
        # Someone proposing a story about themselves is the person of the story.
        person=_text(entry, "person") or (proposer if about_self else ""),
        department=_text(entry, "department"),
        proposer=proposer,
        text=_text(entry, "text"),
    )


def title_for(story: PlanStory, type_name: str) -> str:
    """A title proposal from the person's name, e.g. 'Ein Tag bei …' -> 'Ein Tag bei Marco'."""
    if not story.person:
        return ""
    if type_name.rstrip().endswith("…"):
        return f"{type_name.rstrip()[:-1].rstrip()} {story.person}"
    return f"{type_name}: {story.person}"


def profile_of_person(story: PlanStory, people: Mapping[str, Person]) -> list[str]:
    """The handle of the profile whose name is the story's person, if there is exactly one."""
    wanted = story.person.casefold()
    found = [handle for handle, person in people.items() if person.name.casefold() == wanted]
    return found if wanted and len(found) == 1 else []


def story_note(story: PlanStory, lang: str) -> str:
    """The note for the editor at the top of the explanation block: the story as proposed."""
    unknown = word(lang, "story_unknown")
    return word(
        lang,
        "story_note",
        id=story.id,
        proposer=story.proposer or unknown,
        person=story.person or unknown,
        department=story.department or unknown,
        # The proposer's text must not end the comment early and stays readable in an editor.
        text=textwrap.fill(story.text.replace("-->", "- ->"), width=76),
    )


def _text(entry: Mapping[str, Any], field: str) -> str:
    value = entry.get(field)
    return value.strip() if isinstance(value, str) else ""


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
