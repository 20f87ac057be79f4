"""The Decap CMS configuration, generated from the site's settings so there is no second copy."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from author_profiles import EMPLOYEE_PROFILE_FIELDS
from faces_common.slugs import SLUG_MAX_LENGTH
from faces_common.voice import pick_words, site_address

from .messages import PHRASES, phrase, toolbar_words
from .slug_patterns import js_substitutions

# The header fields of a post in the order `invoke new-post` writes them (lower-case keys).
POST_HEADER_ORDER = (
    "title",
    "id",
    "date",
    "category",
    "tags",
    "author",
    "lang",
    "summary",
    "submitted",
    "reviewed-by",
    "image",
    "image-alt",
    "image-credit",
    "disclosure",
    "visibility",
    "status",
)
# The header fields of a profile in the order `invoke new-post` writes a new one.
PROFILE_HEADER_ORDER = EMPLOYEE_PROFILE_FIELDS
# The folders under PATH that hold profiles and images (see pelicanconf.py).
PROFILES_FOLDER = "authors"
IMAGES_FOLDER = "images"
# The data key of the file name the editor computes from the title (never written as a field).
FILENAME_KEY = "filename"


def repository_root(settings: Mapping[str, Any]) -> str:
    """The folder the CMS writes into: EDITORIAL_REPOSITORY_ROOT, else the one holding PATH."""
    root = settings.get("EDITORIAL_REPOSITORY_ROOT")
    return os.path.abspath(root or os.path.dirname(os.path.abspath(settings["PATH"])))


def content_folder(settings: Mapping[str, Any]) -> str:
    """PATH relative to the repository root, with forward slashes ("content")."""
    relative = os.path.relpath(os.path.abspath(settings["PATH"]), repository_root(settings))
    return relative.replace(os.sep, "/")


def proxy_url(settings: Mapping[str, Any]) -> str:
    """Where the local proxy (decap-server) answers the CMS."""
    return f"http://127.0.0.1:{settings['WEB_EDITOR_PROXY_PORT']}/api/v1"


def uses_board(settings: Mapping[str, Any]) -> bool:
    """True when saving makes a branch per entry: a code host, or the local proxy in git mode."""
    return settings["WEB_EDITOR_BACKEND"] is not None or settings["WEB_EDITOR_PROXY_MODE"] == "git"


def editor_config(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the editor page loads: the CMS's configuration and what our script needs."""
    lang = settings["WEB_EDITOR_LOCALE"]
    content = content_folder(settings)
    cms: dict[str, Any] = {
        "load_config_file": False,
        "locale": lang,
        "backend": _backend(settings),
        "media_folder": f"{content}/{IMAGES_FOLDER}",
        # Pictures in the text need {static}; `invoke check` refuses bare paths there.
        "public_folder": "{static}/" + IMAGES_FOLDER,
        "site_url": settings.get("SITEURL") or "/",
        "collections": [_posts(settings, content, lang), _profiles(content, lang)],
    }
    if uses_board(settings):
        # Drafts, in review, ready: each a branch (with its pull request on a code host).
        cms["publish_mode"] = "editorial_workflow"
    return {
        "cms": cms,
        "site": {
            "header_order": list(POST_HEADER_ORDER),
            "profile_header_order": list(PROFILE_HEADER_ORDER),
            "filename_key": FILENAME_KEY,
            "slug": {
                "substitutions": js_substitutions(settings["SLUG_REGEX_SUBSTITUTIONS"]),
                "unicode": bool(settings["SLUGIFY_USE_UNICODE"]),
                "preserve_case": bool(settings["SLUGIFY_PRESERVE_CASE"]),
                "max_length": SLUG_MAX_LENGTH,
            },
            "preview_css": [
                _site_path(settings, css) for css in settings["WEB_EDITOR_PREVIEW_CSS"]
            ],
            "site_root": (settings.get("SITEURL") or "").rstrip("/"),
            "poll": {key: phrase(lang, f"poll.{key}") for key in _POLL_LABELS},
            "poll_label": phrase(lang, "poll"),
            # The one phrase with quotation marks: «» on a Swiss site, as the editor's page.
            "publish_refusal": pick_words(
                PHRASES, lang, site_address(settings), settings.get("I18N_LOCALE", "")
            )["publish.unreviewed"],
            # Without the board, Decap's "Veröffentlichen" only saves a draft file: say so.
            "toolbar": {} if uses_board(settings) else toolbar_words(lang),
            # The local proxy asks nobody for a password: its "Login" only opens the editor.
            "login": phrase(lang, "open") if settings["WEB_EDITOR_BACKEND"] is None else "",
        },
    }


_POLL_LABELS = ("id", "question", "options", "label", "multiple", "closes")


def post_location(settings: Mapping[str, Any]) -> tuple[str, str, str]:
    """Folder, path template and extension of new posts, from EDITORIAL_NEW_POST_PATH."""
    pattern = str(settings.get("EDITORIAL_NEW_POST_PATH") or "posts/{year}/{slug}.md")
    fixed, brace, variable = pattern.partition("{")
    folder, _, lead = fixed.rpartition("/")
    template, _, extension = (lead + brace + variable).rpartition(".")
    template = template.replace("{year}", "{{year}}").replace("{slug}", "{{slug}}")
    content = content_folder(settings)
    return (f"{content}/{folder}" if folder else content), template, extension or "md"


def _site_path(settings: Mapping[str, Any], path: str) -> str:
    return f"{(settings.get('SITEURL') or '').rstrip('/')}/{path.lstrip('/')}"


def _backend(settings: Mapping[str, Any]) -> dict[str, Any]:
    branch = settings.get("EDITORIAL_REPOSITORY_BRANCH") or "main"
    host = settings["WEB_EDITOR_BACKEND"]
    if host is None:
        return {"name": "proxy", "proxy_url": proxy_url(settings), "branch": branch}
    return {"branch": branch, **host}


def _field(lang: str, name: str, widget: str, **options: Any) -> dict[str, Any]:
    field = {"name": name, "label": phrase(lang, name), "widget": widget, **options}
    if f"{name}.hint" in PHRASES["en"]:
        field["hint"] = phrase(lang, f"{name}.hint")
    return field


def _posts(settings: Mapping[str, Any], content: str, lang: str) -> dict[str, Any]:
    profiles = {"collection": "profiles", "value_field": "{{slug}}"}
    by_name = {"search_fields": ["name"], "display_fields": ["name"]}
    choices = settings.get("CHECKS_CHOICES") or {}
    folder, path, extension = post_location(settings)
    return {
        "name": "posts",
        "label": phrase(lang, "posts"),
        "label_singular": phrase(lang, "post"),
        "folder": folder,
        "create": True,
        "extension": extension,
        "format": "pelican",
        "identifier_field": "title",
        # The file name is the site's own slug of the title, made by our script before saving.
        "slug": "{{fields." + FILENAME_KEY + "}}",
        "path": path,
        "summary": "{{title}}",
        "sortable_fields": ["date", "title"],
        "fields": [
            _field(lang, "title", "string"),
            _field(lang, "summary", "text"),
            _field(lang, "category", "select", options=list(settings["CHECKS_CATEGORIES"] or [])),
            _field(lang, "authors", "relation", **profiles, **by_name, multiple=True, min=1),
            # The text right after the byline: the fields below are optional or the editors'.
            _field(lang, "body", "markdown", modes=["rich_text", "raw"]),
            _field(
                lang,
                "lang",
                "select",
                options=list(settings["CHECKS_LANGUAGES"]),
                default=settings["DEFAULT_LANG"],
            ),
            _field(lang, "date", "datetime", format="YYYY-MM-DD HH:mm", default="{{now}}"),
            _field(lang, "tags", "list", required=False),
            _field(
                lang,
                "image",
                "image",
                required=False,
                choose_url=False,
                media_folder=f"/{content}/{IMAGES_FOLDER}",
                public_folder=IMAGES_FOLDER,
            ),
            _field(lang, "image-alt", "string", required=False),
            _field(lang, "image-credit", "string", required=False),
            _field(
                lang,
                "visibility",
                "select",
                options=list(choices.get("visibility", ["public", "internal"])),
                default="public",
            ),
            _field(
                lang, "status", "select", options=list(settings["CHECKS_STATUSES"]), default="draft"
            ),
            _field(
                lang,
                "reviewed-by",
                "relation",
                **profiles,
                **by_name,
                required=False,
                multiple=True,
                filters=[{"field": "editor", "values": ["yes"]}],
            ),
            {"name": FILENAME_KEY, "widget": "hidden", "required": False},
        ],
    }


def _profiles(content: str, lang: str) -> dict[str, Any]:
    # No consent, status or editor fields: those stay an editor's decision in a reviewed change.
    return {
        "name": "profiles",
        "label": phrase(lang, "profiles"),
        "label_singular": phrase(lang, "profile"),
        "folder": f"{content}/{PROFILES_FOLDER}",
        "create": False,
        "delete": False,
        "extension": "md",
        "format": "pelican",
        "identifier_field": "name",
        "media_folder": "",
        "public_folder": "",
        "fields": [
            _field(lang, "name", "string"),
            _field(lang, "role", "string", required=False),
            _field(lang, "ask-me-about", "string", required=False),
            _field(lang, "photo", "image", required=False, choose_url=False),
            {**_field(lang, "bio", "markdown", modes=["rich_text", "raw"]), "name": "body"},
        ],
    }
