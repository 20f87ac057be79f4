"""The errors of the latest preview build, shown where the editor looks: in the browser.

Every page gets an overlay listing the errors (file:line, what is wrong, the fix: the words of
`invoke check`), and the address of a post that is not built because of its errors answers
with an error page instead of its last good version. All text is escaped: it quotes the author.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import replace
from html import escape

from faces_common.problems import Problem

from devserver.build import BuildResult

OVERLAY_ID = "faces-preview-problems"
# More than this many errors are summed up; `invoke check` lists them all.
MOST_SHOWN = 20

TEXTS = {
    "de": {
        "heading_one": "1 Fehler in den Inhalten",
        "heading_many": "{count} Fehler in den Inhalten",
        "intro": (
            "Betroffene Beiträge fehlen in der Vorschau oder zeigen nicht den neuesten Stand. "
            "Beheben Sie die Fehler und speichern Sie: Diese Meldung verschwindet dann von selbst."
        ),
        "fix": "So beheben Sie es:",
        "more": "… und {count} weitere: `uv run invoke check` zeigt alle.",
        "hide": "Meldung ausblenden",
        "label": "Fehler in der Vorschau",
        "page_title": "Fehler in {path}",
        "page_heading": "Dieser Beitrag wird nicht gebaut",
        "rebuild_failed": (
            "Die Vorschau konnte nicht neu bauen ({error}); sie zeigt den letzten Stand und "
            "versucht es beim nächsten Speichern wieder."
        ),
        "not_published": (
            "Die Vorschau konnte {output} nicht erneuern ({error}); sie zeigt den letzten Stand. "
            "Prüfen Sie den freien Speicherplatz und die Schreibrechte des Ordners."
        ),
        "page_text": (
            "{path} hat Fehler (siehe unten). Sobald Sie sie behoben und gespeichert haben, "
            "erscheint hier wieder der Beitrag."
        ),
    },
    "en": {
        "heading_one": "1 error in the content",
        "heading_many": "{count} errors in the content",
        "intro": (
            "Posts with errors are missing from the preview or do not show your latest changes. "
            "Fix the errors and save: this message then disappears by itself."
        ),
        "fix": "How to fix it:",
        "more": "… and {count} more: `uv run invoke check` lists them all.",
        "hide": "Hide this message",
        "label": "Errors in the preview",
        "page_title": "Errors in {path}",
        "page_heading": "This post is not built",
        "rebuild_failed": (
            "The preview could not rebuild ({error}); it shows the last version and tries "
            "again with the next save."
        ),
        "not_published": (
            "The preview could not renew {output} ({error}); it shows the last version. "
            "Check the free disk space and whether the folder is writable."
        ),
        "page_text": (
            "{path} has errors (see below). As soon as you fix them and save, "
            "the post shows here again."
        ),
    },
}

STYLE = (
    f"#{OVERLAY_ID}{{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;"
    "box-sizing:border-box;max-height:70vh;overflow:auto;margin:0;padding:1rem;"
    "background:#fff;color:#1a1a1a;border-top:.25rem solid #b00020;"
    "box-shadow:0 -.25rem 1rem rgba(0,0,0,.35);font:1rem/1.5 system-ui,sans-serif;"
    "text-align:left;overflow-wrap:anywhere}"
    f"#{OVERLAY_ID} h2{{margin:0 0 .5rem;font-size:1.25rem;line-height:1.3;color:#b00020}}"
    f"#{OVERLAY_ID} p,#{OVERLAY_ID} ul{{margin:.5rem 0}}"
    f"#{OVERLAY_ID} ul{{padding-left:1.25rem}}"
    f"#{OVERLAY_ID} li{{margin:.75rem 0}}"
    f"#{OVERLAY_ID} code{{font:600 .95em/1.4 ui-monospace,monospace;color:inherit;"
    "background:none}"
    f"#{OVERLAY_ID} button{{font:inherit;min-height:2.75rem;padding:.5rem 1rem;"
    "color:#fff;background:#1a1a1a;border:0;border-radius:.25rem;cursor:pointer}"
)


class BuildProblems:
    """The errors of the latest build, and which addresses belong to posts they keep out."""

    def __init__(self) -> None:
        self.errors: tuple[Problem, ...] = ()
        self.language = "de"
        self.overlay = ""
        self.state = ""
        # Absolute source path -> output paths of its pages in the latest build that made them.
        self.pages_by_source: dict[str, tuple[str, ...]] = {}
        # URL path -> the broken source whose page it was.
        self.broken: dict[str, str] = {}

    def update(self, result: BuildResult) -> list[str]:
        """Take in a build's result; return the URL paths that broke or were mended."""
        self.errors = tuple(result.errors)
        self.language = result.language if result.language in TEXTS else "de"
        for source in list(self.pages_by_source):
            if not os.path.exists(source):
                del self.pages_by_source[source]
        self.pages_by_source.update(result.pages)
        failing = {os.path.abspath(p.path) for p in self.errors if p.path}
        broken = {
            url: source
            for source in failing - set(result.pages)
            for output in self.pages_by_source.get(source, ())
            for url in _urls(output)
        }
        changed = sorted(set(broken).symmetric_difference(self.broken))
        self.broken = broken
        self._render()
        return changed

    def rebuild_failed(self, error: Exception) -> None:
        """Add the reason a rebuild failed outside Pelican to the errors shown."""
        reason = TEXTS[self.language]["rebuild_failed"].format(error=error)
        self.errors = (*self.errors, Problem("", 0, reason, ""))
        self._render()

    def _render(self) -> None:
        self.state = ""
        if self.errors:
            shown = repr((self.language, self.errors)).encode()
            self.state = hashlib.blake2b(shown, digest_size=8).hexdigest()
        self.overlay = render_overlay(self.errors, self.language, self.state)

    def error_page(self, url_path: str) -> str | None:
        """The page shown instead of a post its errors keep out of the build, else None."""
        source = self.broken.get(url_path)
        if source is None:
            return None
        texts = TEXTS[self.language]
        shown = escape(os.path.relpath(source, os.getcwd()))
        return (
            f'<!DOCTYPE html>\n<html lang="{self.language}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{texts['page_title'].format(path=shown)}</title></head>"
            f'<body style="font:1rem/1.5 system-ui,sans-serif;margin:1rem">'
            f"<main><h1>{escape(texts['page_heading'])}</h1>"
            f"<p>{texts['page_text'].format(path=f'<code>{shown}</code>')}</p></main>"
            "</body></html>"
        )


def not_published(result: BuildResult, output: str, error: OSError) -> BuildResult:
    """The build's result, failed, with the reason the preview could not serve it."""
    texts = TEXTS.get(result.language, TEXTS["de"])
    reason = Problem("", 0, texts["not_published"].format(output=output, error=error), "")
    return replace(result, failed=True, errors=(*result.errors, reason))


def render_overlay(errors: Iterable[Problem], language: str, state: str) -> str:
    """The overlay listing the errors (empty string when there are none), all text escaped."""
    errors = list(errors)
    if not errors:
        return ""
    texts = TEXTS.get(language, TEXTS["de"])
    heading = texts["heading_one"] if len(errors) == 1 else texts["heading_many"]
    items = "".join(_item(problem, texts) for problem in errors[:MOST_SHOWN])
    more = ""
    if len(errors) > MOST_SHOWN:
        more = f"<p>{escape(texts['more'].format(count=len(errors) - MOST_SHOWN))}</p>"
    return (
        f'<aside id="{OVERLAY_ID}" lang="{language}" aria-label="{escape(texts["label"])}" '
        f'data-state="{escape(state)}"><style>{STYLE}</style><div role="alert">'
        f"<h2>{escape(heading.format(count=len(errors)))}</h2>"
        f"<p>{escape(texts['intro'])}</p><ul>{items}</ul>{more}</div>"
        f'<button type="button" data-preview-hide>{escape(texts["hide"])}</button></aside>'
    )


def _item(problem: Problem, texts: dict[str, str]) -> str:
    place = f"<code>{escape(f'{problem.path}:{problem.line}')}</code> " if problem.path else ""
    fix = f"<br>{escape(texts['fix'])} {escape(problem.fix)}" if problem.fix else ""
    return f"<li>{place}{escape(problem.message)}{fix}</li>"


def _urls(output: str) -> list[str]:
    """The URL paths a written file answers to (a folder's index.html also as the folder)."""
    url = "/" + output.replace(os.sep, "/")
    if url.endswith("/index.html"):
        return [url, url[: -len("index.html")], url[: -len("/index.html")] or "/"]
    return [url]
