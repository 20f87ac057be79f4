"""A tiny site with pulled view counts: posts, a draft, an internal post, pages, two people.

The figures its pages must show are worked out by hand in EXPECTED, from VIEWS.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from tests.minisite import make_site
from tests.sites import BuildRun, built

AS_OF = "2026-11-22"


def post(title: str, date: str, authors: str, *extra: str) -> str:
    """A valid post header and one line of text."""
    lines = [f"Title: {title}", f"Date: {date} 09:30", "Category: Technik", f"Authors: {authors}"]
    lines += ["Lang: de", "Summary: Ein Beitrag.", *extra, "", "Text."]
    return "\n".join(lines) + "\n"


POSTS = {
    "gemeinsam.md": post("Werkstatt und Vertrieb", "2026-06-01", "miriam-keller, jonas-berg"),
    "jonas.md": post("Nur Jonas", "2026-11-01", "jonas-berg"),
    "entwurf.md": post("Ein Entwurf", "2026-11-10", "jonas-berg", "Status: draft"),
    "intern.md": post("Nur intern", "2026-10-10", "jonas-berg", "Visibility: internal"),
}
JONAS = """\
Name: Jonas Berg
Role: Monteur
Department: produktion
Level: fachkraft
Consent: yes
Consent-date: 2026-01-10
Status: active

Ich baue Velos.
"""
PRIVACY = """\
Title: Datenschutz
Slug: datenschutz

## Reichweite {#reichweite}

Wir zählen Seitenaufrufe ohne Cookies.
"""
ABOUT = "Title: Über uns\nSlug: ueber-uns\n\nWer wir sind.\n"
# The counts as `invoke reach-pull` writes them. The 90-day window is 2026-08-25 … 2026-11-22.
VIEWS = {
    "version": 1,
    "generated": f"{AS_OF}T06:00:00+00:00",
    "days": "UTC",
    "paths": {
        "/2026/ein-guter-beitrag/": {
            "2026-03-20": 40,
            "2026-08-24": 2,  # one day before the window
            "2026-08-25": 3,
            "2026-11-22": 5,
        },
        "/2026/werkstatt-und-vertrieb/": {"2026-06-02": 10, "2026-10-15": 20},
        "/2026/nur-jonas/": {"2026-11-02": 4},
        "/ueber-uns/": {"2026-11-01": 6},
        "/2025/geloescht/": {"2025-12-31": 9},  # a post that is gone: still in the totals
    },
}
EXPECTED = {
    "site": (38, 99),  # (last 90 days, all time)
    "posts": {  # most read recently first
        "/2026/werkstatt-und-vertrieb/": (20, 30),
        "/2026/ein-guter-beitrag/": (8, 50),
        "/2026/nur-jonas/": (4, 4),
    },
    "authors": {
        "miriam-keller": (28, 80, ["/2026/werkstatt-und-vertrieb/", "/2026/ein-guter-beitrag/"]),
        "jonas-berg": (24, 34, ["/2026/werkstatt-und-vertrieb/", "/2026/nur-jonas/"]),
    },
    "departments": [("Entwicklung", 2, 28, 80), ("Produktion", 2, 24, 34)],
    "months": [
        ("2025-12", 9),
        ("2026-01", 0),
        ("2026-02", 0),
        ("2026-03", 40),
        ("2026-04", 0),
        ("2026-05", 0),
        ("2026-06", 10),
        ("2026-07", 0),
        ("2026-08", 5),
        ("2026-09", 0),
        ("2026-10", 20),
        ("2026-11", 15),
    ],
    "countable": [
        "/2026/ein-guter-beitrag/",
        "/2026/nur-jonas/",
        "/2026/werkstatt-und-vertrieb/",
        "/datenschutz/",
        "/redaktionsleitfaden/",
        "/ueber-uns/",
    ],
}


def make_reach_site(folder: Path, *, views: bool = True, extra: str = "") -> Path:
    """Write the site (with the counts file unless views=False); return its settings file."""
    settings = make_site(
        folder,
        POSTS,
        textwrap.dedent(f"""\
            REACH_ENDPOINT = "/api/views"
            TRANSPARENCY_TODAY = {AS_OF!r}
            TRANSPARENCY_EDITORIAL_PAGE = ""
            TRANSPARENCY_GIT = False
            # The backend of this branch has no comment routes yet (tests/comments covers them).
            COMMENTS_ENDPOINT = None
            """)
        + extra,
    )
    content = folder / "content"
    (content / "authors" / "jonas-berg.md").write_text(JONAS, encoding="utf-8")
    (content / "pages" / "datenschutz.md").write_text(PRIVACY, encoding="utf-8")
    (content / "pages" / "ueber-uns.md").write_text(ABOUT, encoding="utf-8")
    if views:
        (content / "data").mkdir(exist_ok=True)
        (content / "data" / "views.json").write_text(json.dumps(VIEWS), encoding="utf-8")
    return settings


def build_reach_site(folder: Path, *, views: bool = True, extra: str = "") -> BuildRun:
    """The reach test site written into folder and built strictly into folder/output."""
    settings = make_reach_site(folder, views=views, extra=extra)
    return built(folder / "output", settings=str(settings), cwd=folder, strict=True)
