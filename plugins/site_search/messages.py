"""What the search plugin tells the person building the site, in MESSAGES_LANG."""

from __future__ import annotations

from faces_common.messages import Catalog

MESSAGES: Catalog = {
    "de": {
        "missing-binary": (
            "Das Programm Pagefind fehlt; die Suche hat keinen Index.",
            "Installieren Sie die Abhängigkeiten mit `uv sync` (das Paket pagefind-bin bringt "
            "das Programm mit) oder schalten Sie die Suche mit SEARCH_INDEX = False aus.",
        ),
        "index-failed": (
            "Pagefind konnte den Suchindex nicht schreiben: {reason}",
            "Bauen Sie noch einmal mit --debug, um die ganze Ausgabe von Pagefind zu sehen; "
            "mit SEARCH_INDEX = False baut die Site ohne Suchindex.",
        ),
    },
    "en": {
        "missing-binary": (
            "The Pagefind program is missing; search has no index.",
            "Install the dependencies with `uv sync` (the package pagefind-bin brings the "
            "program), or switch search off with SEARCH_INDEX = False.",
        ),
        "index-failed": (
            "Pagefind could not write the search index: {reason}",
            "Build again with --debug to see all that Pagefind said; with "
            "SEARCH_INDEX = False the site builds without a search index.",
        ),
    },
}
