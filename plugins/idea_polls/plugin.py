"""Wire idea polls into Pelican: settings, the Markdown extension, rendering, the manifest."""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from faces_common.messages import merge_messages_lang
from faces_common.receivers import generator_receiver
from faces_common.settings import merge_defaults, setting_error
from pelican import signals

from .blocks import read_polls
from .generator import CONTEXT_KEY, PollManifestGenerator
from .markdown_ext import MARKER_PATTERN
from .render import OPEN, TEMPLATE, PollRenderer
from .snapshot import SnapshotError, read_snapshots

logger = logging.getLogger(__name__)

EXTENSION = "idea_polls.markdown_ext"
# Context key of this build's PollRenderer, shared by the article and page generators.
RENDERER_KEY = "_idea_polls_renderer"

DEFAULTS: dict[str, Any] = {
    # Where the vote form posts to, e.g. "/api/vote" or "https://polls.example.com/vote";
    # None renders every poll read-only (pure static hosting).
    "POLLS_ENDPOINT": None,
    # Live results for the script, "{poll}" stands for the poll id, e.g.
    # "/api/polls/{poll}/results"; None: results appear only in the answer to a vote.
    "POLLS_RESULTS_ENDPOINT": None,
    # The last results pulled from the backend (`invoke poll-results`), relative to PATH.
    "POLLS_SNAPSHOT_PATH": "data/poll-results.json",
    # Where the build writes the poll manifest for the backend, relative to the output.
    "POLLS_MANIFEST_SAVE_AS": "polls/manifest.json",
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS once, validate them and add the Markdown extension."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    merge_messages_lang(settings, deprecated="POLLS_LANGUAGE")
    validate(settings)
    markdown = settings["MARKDOWN"]
    configs = markdown.get("extension_configs", {})
    if EXTENSION not in configs and EXTENSION not in markdown.get("extensions", []):
        # A new dict rather than an edit: the user's MARKDOWN value stays as written.
        settings["MARKDOWN"] = {**markdown, "extension_configs": {**configs, EXTENSION: {}}}


def validate(settings: dict[str, Any]) -> None:
    """Raise ValueError naming the first POLLS_* setting that cannot work."""

    def fail(key: str, expected: str) -> None:
        raise setting_error(key, settings[key], expected)

    endpoint = settings["POLLS_ENDPOINT"]
    if endpoint is not None and not _is_address(endpoint):
        fail("POLLS_ENDPOINT", "None or an address such as '/api/vote' or 'https://…/vote'")
    results = settings["POLLS_RESULTS_ENDPOINT"]
    if results is not None and not (_is_address(results) and "{poll}" in results):
        fail(
            "POLLS_RESULTS_ENDPOINT",
            "None or an address with {poll}, e.g. '/api/polls/{poll}/results'",
        )
    if not isinstance(settings["POLLS_SNAPSHOT_PATH"], str) or not settings["POLLS_SNAPSHOT_PATH"]:
        fail("POLLS_SNAPSHOT_PATH", "a file path such as 'data/poll-results.json'")
    save_as = settings["POLLS_MANIFEST_SAVE_AS"]
    if not isinstance(save_as, str) or not save_as.endswith(".json") or save_as.startswith("/"):
        fail(
            "POLLS_MANIFEST_SAVE_AS", "a relative path ending in .json, e.g. 'polls/manifest.json'"
        )
    if settings.get("CACHE_CONTENT") and settings.get("CONTENT_CACHING_LAYER") == "generator":
        # Generator caching would keep last build's rendering: a poll would not close.
        fail("CONTENT_CACHING_LAYER", "'reader' while the idea_polls plugin is on")


def _is_address(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("/", "https://", "http://"))


def prepare_renderer(generator: Any) -> None:
    """Give the build one PollRenderer, made with a generator's Jinja environment."""
    if RENDERER_KEY in generator.context:
        return
    settings = generator.settings
    generator.context[RENDERER_KEY] = PollRenderer(
        template=generator.env.get_template(TEMPLATE),
        endpoint=settings["POLLS_ENDPOINT"],
        results_endpoint=settings["POLLS_RESULTS_ENDPOINT"],
        site_url=settings["SITEURL"],
        locale=settings.get("I18N_LOCALE") or settings["DEFAULT_LANG"],
        zone=ZoneInfo(settings["TIMEZONE"]),
        snapshots=load_snapshots(settings),
        now=datetime.now(UTC),
        locales=settings.get("I18N_CONTENT_LOCALES") or {},
    )


def load_snapshots(settings: dict[str, Any]) -> dict[str, Any]:
    """Read the results snapshot; a broken file is reported and ignored."""
    path = os.path.join(settings["PATH"], settings["POLLS_SNAPSHOT_PATH"])
    try:
        return read_snapshots(path)
    except SnapshotError as error:
        logger.error("idea_polls: cannot use the results snapshot: %s", error)
        return {}


def render_polls(content: Any) -> None:
    """Replace the poll markers of a new post or page by the rendered polls."""
    # Pelican keeps the reader's HTML in _content; filling it here, as the object is made,
    # means no template or plugin ever sees the markers.
    html = getattr(content, "_content", None)
    context = getattr(content, "_context", None)
    if not html or not context or RENDERER_KEY not in context:
        return
    path = os.path.relpath(content.source_path, os.getcwd())
    if not MARKER_PATTERN.search(html):
        if 'class="language-poll"' in html:
            logger.warning(
                "%s: a poll was read from a content cache older than the idea_polls plugin; "
                "run `uv run invoke clean` once",
                path,
            )
        return
    renderer: PollRenderer = context[RENDERER_KEY]
    settings = content.settings
    with open(content.source_path, encoding="utf-8-sig") as source:
        found = read_polls(
            source.read(), path, settings["MESSAGES_LANG"], ZoneInfo(settings["TIMEZONE"])
        )
    for problem in found.problems:
        logger.error("%s", problem.format())
    published = []
    pieces = []
    for poll in found.polls:
        if poll is None:
            pieces.append("")
            continue
        poll = replace(
            poll,
            article_url=f"{settings['SITEURL']}/{content.url}",
            article_title=content.title,
            snapshot=renderer.snapshots.get(poll.id),
        )
        lang = getattr(content, "lang", None)
        view = renderer.view(poll, content.url, lang)
        published.append(poll)
        pieces.append(renderer.render(view, lang))
        if view.state == OPEN:
            # The page needs polls.js only when a poll on it takes votes.
            content.idea_polls_open = True

    def piece(match: Any) -> str:
        index = int(match[1])
        return pieces[index] if index < len(pieces) else ""

    content._content = MARKER_PATTERN.sub(piece, html)
    setattr(content, CONTEXT_KEY, published)


add_generator = generator_receiver(PollManifestGenerator)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.article_generator_init.connect(prepare_renderer)
    signals.page_generator_init.connect(prepare_renderer)
    signals.content_object_init.connect(render_polls)
    signals.get_generators.connect(add_generator)
