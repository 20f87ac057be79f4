"""Links between posts: targets exist, no bare .md links, no public links to internal posts."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

from faces_common.problems import ERROR, Problem

from ..messages import text, word
from .corpus import Source
from .scan import LINK
from .targets import parse_target

# Prefixes whose targets are files in the content folder.
_FILE_PREFIXES = ("filename", "static", "attach")


def check_links(source: Source, sources: Mapping[str, Source], content: Path) -> list[Problem]:
    """Problems with the links of one post or page; sources maps content-relative paths."""
    lang = source.settings["MESSAGES_LANG"]
    problems = []
    for ref in source.body[0]:
        if ref.kind != LINK:
            continue
        target = parse_target(ref.target, source.relative)
        if target.external or not target.path:
            continue
        found: tuple[str, dict[str, str]] | None = None
        if target.what in _FILE_PREFIXES:
            linked = sources.get(target.path)
            if linked is None and not (content / target.path).is_file():
                found = ("link_missing", {"hint": _guess(target.path, sources, lang)})
            elif linked is not None and linked.internal and not source.internal:
                found = ("link_to_internal", {})
        elif not target.what and target.is_markdown:
            if target.path in sources:
                found = ("link_bare_markdown", {"suggestion": "{filename}/" + target.path})
            else:
                found = ("link_missing", {"hint": _guess(target.path, sources, lang)})
        if found:
            key, values = found
            message, fix = text(lang, key, target=ref.target, **values)
            problems.append(
                Problem(source.shown, ref.line, message, fix, ERROR, ref.column, rule=key)
            )
    return problems


def _guess(path: str, sources: Mapping[str, Source], lang: str) -> str:
    close = difflib.get_close_matches(path, list(sources), n=1, cutoff=0.75)
    return word(lang, "hint_guess", guess="{filename}/" + close[0]) if close else ""
