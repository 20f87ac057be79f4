"""Reading a story proposal: its fields, their limits, the contact (e-mail or phone)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from faces_backend.http.forms import (
    StampedForm,
    clean_line,
    clean_text,
    is_email,
    sort_fields,
)
from faces_backend.stories.config import CONTACT_MAX, DEPARTMENT_MAX, NAME_MAX, StorySettings

About = Literal["myself", "someone"]
ABOUT: tuple[About, ...] = ("myself", "someone")
STORY_ID = re.compile(r"s-[0-9a-f]{12}")
FIELDS = frozenset(
    {"about", "text", "person", "department", "contact", "proposer", "_hp", "stamp", "_next"}
)
_PHONE = re.compile(r"\+?[0-9][0-9 ()/.-]{4,30}[0-9]")


@dataclass(frozen=True)
class StoryForm(StampedForm):
    """The fields of a story proposal, cleaned, with the first problem found (if any)."""

    about: About
    text: str
    person: str | None
    department: str
    contact: str | None
    proposer: str | None

    def hidden_fields(self) -> dict[str, str]:
        """Return the fields the check page carries on to the confirm post."""
        required = {"about": self.about, "text": self.text, "department": self.department}
        return self.carried(
            required, person=self.person, contact=self.contact, proposer=self.proposer
        )


def collect_story(fields: list[tuple[str, str]], limits: StorySettings) -> StoryForm:
    """Sort and check the fields; the first problem is the one the proposer reads."""
    sorted_fields = sort_fields(fields, FIELDS)
    first, note = sorted_fields.first, sorted_fields.note
    about = first("about").strip()
    if not about:
        note("about", "missing")
    elif about not in ABOUT:
        note("about", "invalid")
    text = clean_text(first("text"))
    sorted_fields.note_required("text", text, limits.text_max)
    department = clean_line(first("department"))
    sorted_fields.note_required("department", department, DEPARTMENT_MAX)
    person, proposer = clean_line(first("person")), clean_line(first("proposer"))
    for name, value in (("person", person), ("proposer", proposer)):
        if len(value) > NAME_MAX:
            note(name, "too_long", NAME_MAX)
    contact = clean_line(first("contact"))
    if len(contact) > CONTACT_MAX:
        note("contact", "too_long", CONTACT_MAX)
    elif contact and not (is_email(contact) or _PHONE.fullmatch(contact)):
        note("contact", "invalid")
    return StoryForm(
        about="someone" if about == "someone" else "myself",
        text=text,
        person=person or None,
        department=department,
        contact=contact or None,
        proposer=proposer or None,
        stamp=first("stamp").strip() or None,
        next_url=first("_next").strip() or None,
        problem=sorted_fields.first_problem(),
    )
