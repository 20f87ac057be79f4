"""The EDITORIAL_ settings: their defaults, merged once when Pelican starts, and their checks."""

from __future__ import annotations

from typing import Any

from faces_common.messages import merge_messages_lang
from faces_common.settings import merge_defaults

# Keeps `invoke new-post`'s explanation block (and a story's note in it) out of every page.
GUIDE_EXTENSION = "editorial.guide_markdown"

DEFAULTS: dict[str, Any] = {
    # Write the editors' review page (drafts, scheduled posts, check results): preview only.
    "EDITORIAL_REVIEW_PAGE": False,
    # Where the review page is written, relative to the output folder.
    "EDITORIAL_REVIEW_SAVE_AS": "entwuerfe/index.html",
    # Web address of the repository; when set, posts and profiles get a "suggest a change" link.
    "EDITORIAL_REPOSITORY_URL": None,
    # The branch the web editor opens.
    "EDITORIAL_REPOSITORY_BRANCH": "main",
    # The web editor's address: GitHub's; GitLab's is "{repository}/-/edit/{branch}/{path}".
    "EDITORIAL_EDIT_URL": "{repository}/edit/{branch}/{path}",
    # The repository's root folder; None means the folder that holds PATH.
    "EDITORIAL_REPOSITORY_ROOT": None,
    # Where `invoke new-post` writes a post, relative to PATH.
    "EDITORIAL_NEW_POST_PATH": "posts/{year}/{slug}.md",
    # Folder inside PATH with the editors' interview question sets (<type>.yaml): they replace
    # the shipped set of the same name or add a type (`invoke new-post --interview TYPE`).
    "EDITORIAL_INTERVIEWS_PATH": "data/interviews",
    # The editorial plan inside PATH: accepted stories that `invoke stories pull` writes and
    # `invoke new-post --story ID` turns into an interview draft (read here, never built).
    "EDITORIAL_PLAN_PATH": "data/editorial-plan.json",
    # Writing hints (`invoke check --hints`, the review page); they never fail anything.
    # A sentence with more words than this gets a hint.
    "EDITORIAL_HINTS_SENTENCE_WORDS": 25,
    # A paragraph with more words than this gets a hint (a wall of text on screen).
    "EDITORIAL_HINTS_PARAGRAPH_WORDS": 120,
    # Titles longer than this many characters are cut off in search results.
    "EDITORIAL_HINTS_TITLE_CHARACTERS": 60,
    # A post whose reading ease (Amstad for German, Flesch for English, 0-100) is below this.
    "EDITORIAL_HINTS_READING_EASE": 40,
    # Path prefixes `invoke linkcheck` does not look for in the output (served by the backend).
    "EDITORIAL_LINKCHECK_IGNORE": ["/api/"],
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    merge_messages_lang(settings)
    markdown = settings.get("MARKDOWN") or {}
    configs = markdown.get("extension_configs", {})
    if GUIDE_EXTENSION not in configs and GUIDE_EXTENSION not in markdown.get("extensions", []):
        # A new dict rather than an edit: the user's MARKDOWN value stays as written.
        settings["MARKDOWN"] = {**markdown, "extension_configs": {**configs, GUIDE_EXTENSION: {}}}
    for key, field in (("EDITORIAL_EDIT_URL", "{path}"), ("EDITORIAL_NEW_POST_PATH", "{slug}")):
        if field not in str(settings[key]):
            raise ValueError(f"{key} has value {settings[key]!r}. It must contain {field}.")
    repository = settings["EDITORIAL_REPOSITORY_URL"]
    if repository is not None and not str(repository).startswith(("https://", "http://")):
        raise ValueError(
            f"EDITORIAL_REPOSITORY_URL has value {repository!r}. Expected an https:// address "
            "or None."
        )
    if settings["EDITORIAL_REVIEW_PAGE"] and not settings["EDITORIAL_REVIEW_SAVE_AS"]:
        raise ValueError(
            "EDITORIAL_REVIEW_SAVE_AS has value ''. Give the review page a path, or set "
            "EDITORIAL_REVIEW_PAGE = False."
        )
    plan = settings["EDITORIAL_PLAN_PATH"]
    if not isinstance(plan, str) or not plan.strip():
        raise ValueError(
            f"EDITORIAL_PLAN_PATH has value {plan!r}. Expected a file path inside PATH, e.g. "
            "'data/editorial-plan.json'."
        )
    for key in (
        "EDITORIAL_HINTS_SENTENCE_WORDS",
        "EDITORIAL_HINTS_PARAGRAPH_WORDS",
        "EDITORIAL_HINTS_TITLE_CHARACTERS",
        "EDITORIAL_HINTS_READING_EASE",
    ):
        if (
            not isinstance(settings[key], int)
            or isinstance(settings[key], bool)
            or settings[key] < 1
        ):
            raise ValueError(
                f"{key} has value {settings[key]!r}. Expected a positive whole number."
            )
    if not isinstance(settings["EDITORIAL_LINKCHECK_IGNORE"], list | tuple):
        raise ValueError(
            f"EDITORIAL_LINKCHECK_IGNORE has value {settings['EDITORIAL_LINKCHECK_IGNORE']!r}. "
            "Expected a list of path prefixes."
        )
