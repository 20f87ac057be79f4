"""A small site with comment threads of every kind, built the way a user builds it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.minisite import PROFILE, make_site
from tests.sites import BuildRun, run_build

HOSTILE_NAME = '<script>alert("name")</script><img src=x onerror=alert(1)>'
HOSTILE_TEXT = (
    "Erster Absatz mit *Betonung* und https://example.org/pfad?a=1&b=2.\n\n"
    '<script>alert("text")</script> <img src=x onerror=alert(2)> '
    '<a href="javascript:alert(3)">klick</a> javascript:alert(4)'
)
BOARD_PROFILE = (
    PROFILE.replace("Miriam Keller", "Jonas Brenner")
    .replace("Level: bereichsleitung", "Level: vorstand")
    .replace("Leiterin Entwicklung", "Vorstandsvorsitzender")
    .replace("Department: entwicklung", "Department: geschaeftsleitung")
)

# What every comment form asks of its writer, before the thread (and parent) it answers.
WRITER_FIELDS: dict[str, str | None] = {
    "name": None,
    "email": None,
    "text": None,
    "notify": "on",
    "_hp": None,
}


def form_fields(form: Any) -> dict[str, str | None]:
    """Each named field of a form with its preset value (None where it has none)."""
    return {field["name"]: field.get("value") for field in form.select("[name]")}


POSTS = {
    "mit-id.md": """\
Title: Ideen für die Kantine
Slug: {slug}
Id: kantine-2026
Date: 2026-03-10 09:00
Category: Ideen
Author: miriam-keller
Lang: de
Summary: Was essen wir 2027?

Die Kantine bekommt neue Ideen.
""",
    "aus.md": """\
Title: Ein Beitrag ohne Kommentare
Date: 2026-03-11 09:00
Category: Technik
Author: miriam-keller
Lang: de
Comments: Aus
Summary: Hier wird nicht diskutiert.

Kein Kommentarfeld.
""",
    "intern.md": """\
Title: Nur für Mitarbeitende
Date: 2026-03-12 09:00
Category: Unternehmen
Author: jonas-brenner
Lang: de
Visibility: internal
Summary: Intern.

Ein interner Beitrag.
""",
    "english.md": """\
Title: Building bikes
Date: 2026-03-13 09:00
Category: Technik
Author: miriam-keller
Lang: en
Summary: In English.

An English post.
""",
    "doppelt.md": """\
Title: Noch ein Kantinenbeitrag
Date: 2026-03-14 10:00
Category: Ideen
Author: miriam-keller
Lang: de
Id: kantine-2026
Summary: Gleiche Id.

Gleiche Id wie ein anderer Beitrag.
""",
    "schlecht.md": """\
Title: Schlechte Id
Date: 2026-03-15 10:00
Category: Ideen
Author: miriam-keller
Lang: de
Id: kantine 2026!
Summary: Falsche Form.

Die Id hat Leerzeichen.
""",
}


def comment(number: int, text: str, **fields: Any) -> dict[str, Any]:
    """A comment record as the backend's pull writes it."""
    return {
        "id": f"c-{number:012x}",
        "parent": None,
        "name": "Leserin",
        "profile": None,
        "text": text,
        "received": f"2026-03-16T08:{number:02d}:00Z",
        "approved": f"2026-03-16T09:{number:02d}:00Z",
        **fields,
    }


THREADS: dict[str, list[dict[str, Any]]] = {
    "kantine-2026": [
        comment(1, HOSTILE_TEXT, name=HOSTILE_NAME),
        comment(2, "Danke!", parent="c-000000000001", name="", profile="miriam-keller"),
        comment(3, "Vom Vorstand: gute Idee.", parent="c-000000000001", profile="jonas-brenner"),
        comment(4, "Ein zweiter Kommentar.", name=""),
    ],
    "posts/aus": [comment(5, "Ein alter Kommentar.")],
    "posts/intern": [comment(6, "Interne Frage.", profile="jonas-brenner")],
    "posts/geloescht": [comment(7, "Zu einem gelöschten Beitrag.")],
    "posts/english": [
        comment(8, "Nice post.", name="Maarten"),
        comment(9, "Thanks!", parent="c-000000000008", profile="miriam-keller"),
    ],
}
FIGURES = {
    "version": 1,
    "generated": "2026-03-18T06:00:00Z",
    "received": 20,
    "approved": 12,
    "withdrawn": 1,
    "rejected": {"spam": 4, "off_topic": 1, "insulting": 1, "personal_data": 1, "other": 0},
    "approval_seconds": [600, 1200, 3600],
    "first_author_reply_seconds": {"kantine-2026": 3600, "posts/english": 7200, "posts/intern": 1},
}
BROKEN_FILES = {
    "kaputt.json": '{\n  "version": 1,\n  "thread": "posts/good"\n  "comments": []\n}\n',
    "falscher-name.json": json.dumps({"version": 1, "thread": "posts/good", "comments": []}),
    "posts--english-alt.json": json.dumps(
        {
            "version": 1,
            "thread": "posts/english-alt",
            "comments": [comment(10, "")],
        },
        indent=2,
    ),
}


def write_comment_site(folder: Path, slug: str = "ideen-fuer-die-kantine", extra: str = "") -> Path:
    """Write the posts, profiles and thread files; return the settings file."""
    posts = {name: text.replace("{slug}", slug) for name, text in POSTS.items()}
    settings = make_site(folder, posts, extra)
    (folder / "content" / "authors" / "jonas-brenner.md").write_text(BOARD_PROFILE, "utf-8")
    data = folder / "content" / "data" / "comments"
    data.mkdir(parents=True, exist_ok=True)
    for thread, comments in THREADS.items():
        document = {"version": 1, "thread": thread, "comments": comments}
        path = data / (thread.replace("/", "--") + ".json")
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), "utf-8")
    figures = folder / "content" / "data" / "comment-figures.json"
    figures.write_text(json.dumps(FIGURES), "utf-8")
    for name, text in BROKEN_FILES.items():
        (data / name).write_text(text, "utf-8")
    return settings


def build_comment_site(folder: Path, **options: Any) -> BuildRun:
    """Write the site into folder/site and build it into folder/output."""
    settings = write_comment_site(folder / "site", **options)
    return run_build(folder / "output", settings=str(settings))
