"""A translation names the post (or page) it translates (`Translation-of:`): it must exist."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from faces_common.problems import ERROR, Problem

from ..messages import text
from .corpus import ARTICLE, PAGE, Source

DEFAULT_FIELD = "translation-of"


def check_translations(sources: Sequence[Source]) -> list[Problem]:
    """Problems with the translation headers of every post and page, in one pass over all."""
    problems = []
    for kind in (ARTICLE, PAGE):
        problems += _check_kind([source for source in sources if source.kind == kind])
    return problems


def _check_kind(posts: Sequence[Source]) -> list[Problem]:
    # A post translates a post and a page a page: Pelican groups each kind on its own.
    by_slug = {post.slug: post for post in posts}
    problems = []
    for post in posts:
        key = str(post.settings.get("I18N_TRANSLATION_FIELD", DEFAULT_FIELD)).lower()
        field = post.first(key)
        if field is None or not field.value.strip():
            continue
        named = field.value.strip()
        lang = post.settings["MESSAGES_LANG"]
        target = by_slug.get(named)
        if target is None:
            # Authors often shorten the slug to its first words.
            starts = sorted(slug for slug in by_slug if slug.startswith(named))
            close = starts or difflib.get_close_matches(named, list(by_slug), n=1, cutoff=0.6)
            rule, values = "translation_missing", {"guess": close[0] if close else "…"}
        elif (translated := target.first(key)) is not None:
            rule, values = "translation_of_translation", {"original": translated.value.strip()}
        elif target.lang == post.lang:
            rule, values = "translation_same_lang", {"lang": post.lang}
        else:
            continue
        phrasing = rule if post.kind == ARTICLE else f"page.{rule}"
        message, fix = text(lang, phrasing, field=field.name, slug=named, **values)
        problems.append(Problem(post.shown, field.line, message, fix, ERROR, rule=rule))
    return problems
