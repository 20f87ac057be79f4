"""A tiny site in a temporary folder that uses the project's settings, theme and plugins."""

from __future__ import annotations

from pathlib import Path

from devserver.site_settings import settings_over

GOOD_POST = """\
Title: Ein guter Beitrag
Date: 2026-03-14 09:30
Category: Technik
Author: miriam-keller
Lang: de
Summary: Alles in Ordnung.

Dieser Beitrag ist in Ordnung.
"""

PROFILE = """\
Name: Miriam Keller
Role: Leiterin Entwicklung
Department: entwicklung
Level: bereichsleitung
Consent: yes
Consent-date: 2026-01-10
Status: active

Ich leite die Entwicklung.
"""


def post_text(title: str, date: str, body: str, **fields: str | None) -> str:
    """A post: GOOD_POST's header without its summary, these fields changed, added or left out."""
    # Translation_of writes Translation-of; None leaves a field out; new fields follow in order.
    header: dict[str, str | None] = {
        "Title": title,
        "Date": date,
        "Category": "Technik",
        "Author": "miriam-keller",
        "Lang": "de",
    }
    header.update({name.replace("_", "-"): value for name, value in fields.items()})
    lines = [f"{name}: {value}" for name, value in header.items() if value is not None]
    return "\n".join(lines) + f"\n\n{body}\n"


GUIDELINES = """\
Title: Redaktionsleitfaden
Slug: redaktionsleitfaden

Wer schreibt, wie ein Beitrag entsteht und wer ihn prüft.
"""


def make_site(folder: Path, posts: dict[str, str], extra_settings: str = "") -> Path:
    """Write posts (name -> text) and a settings file; return the settings file."""
    for name, text in {"good.md": GOOD_POST, **posts}.items():
        path = folder / "content" / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    profile = folder / "content" / "authors" / "miriam-keller.md"
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text(PROFILE, encoding="utf-8")
    (folder / "content" / "pages").mkdir(exist_ok=True)
    guidelines = folder / "content" / "pages" / "redaktionsleitfaden.md"
    if not guidelines.exists():
        guidelines.write_text(GUIDELINES, encoding="utf-8")
    settings = folder / "siteconf.py"
    settings.write_text(
        settings_over(folder / "content", cache=folder / ".cache") + extra_settings,
        encoding="utf-8",
    )
    return settings
