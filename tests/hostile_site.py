"""A small site whose every author- and reader-facing field carries a script payload."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

from tests.sites import ROOT, BuildRun, run_build

# Each payload names its field, so a dialog that fires says where the hole is.
PAYLOADS = (
    "<script>alert('{field}')</script>",
    "\"><img src=x onerror=alert('{field}')>",
    "</script><script>alert('{field}')</script>",
    "'><svg onload=alert('{field}')>",
    "<!-- {{{{ 7*7 }}}} -->",
)
JAVASCRIPT_URL = "javascript:alert('{field}')"
OPTION_LABEL = "Kaffee & Kuchen"
SUGGESTION = "<img src=x onerror=alert('suggestion')>"
SUMMARY_WITH_QUOTES = 'Ein "Zitat" im Summary'
ENTITY_SUMMARY = "&lt;script&gt;alert('entity')&lt;/script&gt;"


def hostile(field: str) -> str:
    """Every payload for one field, on one line."""
    return f"{field}: " + " ".join(p.format(field=field) for p in PAYLOADS)


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML strings


POLLS = f"""\
```poll
id: offen
question: {_yaml(hostile("question"))}
options:
  - {{id: kuchen, label: {_yaml(OPTION_LABEL)}, description: {_yaml(hostile("description"))}}}
  - {{id: boese, label: {_yaml(hostile("label"))}}}
closes: 2099-12-31
results: after_vote
suggestions: true
```

```poll
id: zu
question: {_yaml(hostile("closed-question"))}
options:
  - {{id: kuchen, label: {_yaml(OPTION_LABEL)}}}
  - {{id: boese, label: {_yaml(hostile("result-label"))}}}
closes: 2020-01-31
results: after_close
decision:
  status: done
  response: {_yaml(hostile("decision"))}
```
"""

GERMAN_POST = f"""\
Title: Deutsch {hostile("title")}
Date: 2026-03-14 09:30
Category: {hostile("category")}
Tags: {hostile("tag")}, Zweites Thema
Author: miriam-keller
Lang: de
Summary: {SUMMARY_WITH_QUOTES} {hostile("summary")} {ENTITY_SUMMARY}
Image: images/bild.jpg
Image-alt: {hostile("image-alt")}
Image-credit: {hostile("image-credit")}
Correction: 2026-03-15 | correction | {hostile("correction")}

Der Text selbst ist harmlos.

{POLLS}
"""

ENGLISH_POST = f"""\
Title: English {hostile("title-en")}
Date: 2026-03-10 09:30
Category: {hostile("category")}
Tags: {hostile("tag")}
Author: miriam-keller
Lang: en
Summary: {SUMMARY_WITH_QUOTES} in English

The text itself is harmless.
"""

DRAFT = f"""\
Title: Entwurf {hostile("draft-title")}
Date: 2026-03-01 09:30
Category: {hostile("category")}
Author: miriam-keller
Lang: de
Status: draft
Summary: Ein Entwurf.

Noch nicht fertig.
"""

PAGE = """\
Title: {title}
Slug: {slug}
Summary: {summary}

Eine Seite.
"""

PROFILE = f"""\
Name: Miriam {hostile("name")}
Role: {hostile("role")}
Department: entwicklung
Level: bereichsleitung
Location: {hostile("location")}
Languages: {hostile("language")}
Ask-me-about: {hostile("topic")}
Photo: miriam-keller.jpg
Photo-credit: {hostile("photo-credit")}
LINK_FIELDConsent: yes
Consent-date: 2026-01-10
Status: active

Bio {hostile("bio")}

[Link](javascript:alert('bio-link'))
"""

SETTINGS = """\
import sys
sys.path.insert(0, {root!r})
from {base} import *
PATH = {content!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
CACHE_PATH = {cache!r}
LOAD_CONTENT_CACHE = False
DEFAULT_PAGINATION = 1
CHECKS_CATEGORIES = None
AUTHORS_DEPARTMENTS = {{**AUTHORS_DEPARTMENTS, "entwicklung": {department!r}}}
POLLS_SNAPSHOT_PATH = {snapshot!r}
"""


def write_site(folder: Path, *, publish: bool) -> Path:
    """Write the hostile content and its settings; return the settings file."""
    content = folder / "content"
    for name, text in {"de.md": GERMAN_POST, "en.md": ENGLISH_POST, "draft.md": DRAFT}.items():
        path = content / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (content / "images").mkdir()
    shutil.copy(
        ROOT / "content" / "images" / "rahmenfertigung.jpg", content / "images" / "bild.jpg"
    )
    (content / "pages").mkdir()
    for slug in ("ueber-uns", "redaktionsleitfaden", "impressum"):
        page = PAGE.format(
            title=hostile(f"page-{slug}"), slug=slug, summary=hostile(f"page-summary-{slug}")
        )
        (content / "pages" / f"{slug}.md").write_text(page, encoding="utf-8")
    authors = content / "authors"
    authors.mkdir()
    # A javascript: address is a content warning, so the strict build leaves it out.
    link = "" if publish else f"Linkedin: {JAVASCRIPT_URL.format(field='linkedin')}\n"
    (authors / "miriam-keller.md").write_text(PROFILE.replace("LINK_FIELD", link), encoding="utf-8")
    shutil.copy(ROOT / "content" / "authors" / "anja-seidel.jpg", authors / "miriam-keller.jpg")
    snapshot = folder / "poll-results.json"
    snapshot.write_text(
        json.dumps(
            {
                "generated": "2026-03-20T10:00:00+00:00",
                "polls": {
                    name: {
                        "total": 3,
                        "options": {"kuchen": 2, "boese": 1},
                        "suggestions": [{"text": SUGGESTION}, {"text": hostile("suggestion")}],
                    }
                    for name in ("offen", "zu")
                },
            }
        ),
        encoding="utf-8",
    )
    settings = folder / "siteconf.py"
    settings.write_text(
        textwrap.dedent(
            SETTINGS.format(
                # The preview takes votes (the open form); the public build is read-only.
                base="publishconf" if publish else "pelicanconf",
                root=str(ROOT),
                content=str(content),
                theme=str(ROOT / "theme"),
                plugins=str(ROOT / "plugins"),
                cache=str(folder / ".cache"),
                department=hostile("department"),
                snapshot=str(snapshot),
            )
        ),
        encoding="utf-8",
    )
    if not publish:
        with settings.open("a", encoding="utf-8") as file:
            file.write('POLLS_ENDPOINT = "/api/vote"\n')
    return settings


def build_hostile(folder: Path, *, publish: bool = False, siteurl: str = "") -> BuildRun:
    """Build the hostile site: the preview build, or the public one in strict mode."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = write_site(folder, publish=publish)
    return run_build(
        folder / "output",
        settings=str(settings),
        strict=publish,
        env={"SITEURL": siteurl} if siteurl else None,
    )
