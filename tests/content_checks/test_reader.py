"""Pelican's own 'Could not process' message: dropped when explained, given file and words else."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from content_checks.reader import ContentError, ReportedOnce

from tests.sites import ROOT


def _log_failure(error: Exception, caplog: pytest.LogCaptureFixture) -> list[str]:
    logger = logging.getLogger("test.generators")
    logger.addFilter(ReportedOnce("content", "de"))
    try:
        with caplog.at_level(logging.WARNING, logger="test.generators"):
            try:
                raise error
            except Exception:
                # What Pelican's generators do when a reader raises (exc_info only with DEBUG).
                logger.exception("Could not process %s", "posts/x.md", exc_info=False)
    finally:
        logger.filters.clear()
    return [record.getMessage() for record in caplog.records]


def test_a_file_the_rules_explained_is_not_reported_again(caplog: pytest.LogCaptureFixture) -> None:
    assert _log_failure(ContentError("content/posts/x.md: skipped"), caplog) == []


def test_any_other_failure_names_the_file_and_the_error(caplog: pytest.LogCaptureFixture) -> None:
    [message] = _log_failure(AttributeError("'Article' object has no attribute 'x'"), caplog)
    path = os.path.join("content", "posts", "x.md")
    assert message.startswith(
        f"{path}:1:1: error: Die Datei konnte nicht gelesen werden "
        "(AttributeError: 'Article' object has no attribute 'x').\n    → Prüfen Sie"
    )
    assert "Traceback" not in message


def test_pelicans_duplicate_warnings_give_way_to_the_rule(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger("test.utils")
    logger.addFilter(ReportedOnce("content", "de"))
    with caplog.at_level(logging.WARNING, logger="test.utils"):
        logger.warning('There are %s items "%s" with lang %s: \n%s\n%s', 2, "x", "de", "a", "b")
        logger.warning("Something else")
    logger.filters.clear()
    assert [r.getMessage() for r in caplog.records] == ["Something else"]


POSTS = {
    # A summary is a formatted field: reading it takes the meta preprocessor away.
    "eins.md": "Title: Eins\nDate: 2026-03-14\nSummary: Kurz *und* gut.\n\n# Kopf\n\nText[^1].\n\n"
    "[^1]: Fussnote.\n",
    # No summary, so nothing resets the instance but the reader: the footnote must not stay.
    "zwei.md": "Title: Zwei\nDate: 2026-03-15\nTags: a, b\n\n# Kopf\n\nNoch ein *Text*[^2].\n\n"
    "[^2]: Zweite Fussnote.\n",
    "ohne.md": "Nur Text, kein Kopf.\n",
    "drei.md": "Title: Drei\nDate: 2026-03-16\nSummary: Wieder kurz.\n\n# Kopf\n\nText[^1].\n\n"
    "[^1]: Andere Fussnote.\n",
}


def test_the_markdown_reader_keeps_one_instance_and_reads_as_pelicans_own(tmp_path: Path) -> None:
    from content_checks.reader import _KeptMarkdown, checked
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    for name, text in POSTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert _KeptMarkdown in checked(MarkdownReader).__mro__
    kept_reader = type("Kept", (_KeptMarkdown, MarkdownReader), {})(settings)
    instances = set()
    for name in POSTS:
        path = str(tmp_path / name)
        expected = MarkdownReader(settings).read(path)
        assert kept_reader.read(path) == expected, name
        instances.add(id(kept_reader._md))
    assert len(instances) == 1
