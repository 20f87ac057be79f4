"""The generator that lists the published polls for templates and writes the manifest."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import write_json
from faces_common.problems import Problem
from pelican.generators import Generator

from .manifest import manifest
from .messages import duplicate_poll_text
from .model import Poll

logger = logging.getLogger(__name__)

CONTEXT_KEY = "idea_polls"
# Context lists that hold written content; translations hang off their originals.
CONTENT_LISTS = ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")


class PollManifestGenerator(Generator):
    """Put every published poll into context['idea_polls'] and write the poll manifest."""

    def generate_context(self) -> None:
        """Collect the polls of all written posts and pages, reporting reused ids."""
        polls, problems = unique_polls(written_polls(self.context), self.settings["MESSAGES_LANG"])
        for problem in problems:
            logger.error("%s", problem.format())
        self.context[CONTEXT_KEY] = polls

    def generate_output(self, writer: Any) -> None:
        """Write the manifest the backend reads (polls/manifest.json by default)."""
        polls = self.context[CONTEXT_KEY]
        path = os.path.join(self.output_path, self.settings["POLLS_MANIFEST_SAVE_AS"])
        write_json(Path(path), manifest(polls, datetime.now(UTC)), sort_keys=False)
        logger.info("idea_polls: %s lists %d poll(s)", path, len(polls))


def written_polls(context: dict[str, Any]) -> Iterator[Poll]:
    """Yield the polls of every post and page this build writes (drafts only in the preview)."""
    for name in CONTENT_LISTS:
        for item in context.get(name, []):
            for content in (item, *getattr(item, "translations", [])):
                if content.save_as:
                    yield from getattr(content, CONTEXT_KEY, [])


def unique_polls(polls: Iterator[Poll], lang: str) -> tuple[list[Poll], list[Problem]]:
    """Keep the first poll of each id (by file and line); a later one is a problem."""
    kept: dict[str, Poll] = {}
    problems: list[Problem] = []
    for poll in sorted(polls, key=lambda p: (p.source_path, p.line)):
        first = kept.get(poll.id)
        if first is None:
            kept[poll.id] = poll
            continue
        other = f"{first.source_path}:{first.line}"
        message, fix = duplicate_poll_text(lang, poll.id, other)
        problems.append(Problem(poll.source_path, poll.line, message, fix, rule="poll"))
    return list(kept.values()), problems
