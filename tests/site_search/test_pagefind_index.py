"""The index stage when Pagefind cannot index: one plain message with the fix, no traceback."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from site_search.pagefind_index import pagefind_command, write_index
from site_search.plugin import DEFAULTS


@pytest.mark.parametrize(
    ("lang", "said", "fix"),
    [
        ("de", "Pagefind konnte den Suchindex nicht schreiben: ", "SEARCH_INDEX = False"),
        ("en", "Pagefind could not write the search index: ", "SEARCH_INDEX = False"),
    ],
)
def test_a_folder_without_pages_is_reported_in_the_report_language(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, lang: str, said: str, fix: str
) -> None:
    settings = {**DEFAULTS, "OUTPUT_PATH": str(tmp_path), "MESSAGES_LANG": lang}
    with caplog.at_level(logging.ERROR):
        assert write_index(settings) is None
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    message = record.getMessage()
    assert message.startswith(f"search: {said}")
    assert fix in message.splitlines()[-1]
    assert record.exc_info is None


def test_the_whole_site_is_indexed_in_the_site_language_unless_told_otherwise() -> None:
    settings = {**DEFAULTS, "OUTPUT_PATH": "output", "DEFAULT_LANG": "de"}
    assert pagefind_command(settings)[-2:] == ["--force-language", "de"]
    assert pagefind_command({**settings, "SEARCH_LANGUAGE": "en"})[-2:] == [
        "--force-language",
        "en",
    ]
    assert "--force-language" not in pagefind_command({**settings, "SEARCH_LANGUAGE": "page"})


PAGE = (
    '<!doctype html><html lang="de"><head><title>{0}</title></head><body>'
    "<main data-pagefind-body><h1>{0}</h1><p>Ein Beitrag über {0}.</p></main></body></html>"
)


def test_pagefind_runs_again_only_when_a_page_changed(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text(PAGE.format("Velofahren"), encoding="utf-8")
    settings = {
        **DEFAULTS,
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(tmp_path / "cache"),
        "MESSAGES_LANG": "de",
    }
    script = output / settings["SEARCH_INDEX_FOLDER"] / "pagefind.js"

    def ran(of: dict[str, object] = settings) -> bool:
        """Whether Pagefind wrote its index (again) in this call."""
        index = Path(str(of["OUTPUT_PATH"]), str(of["SEARCH_INDEX_FOLDER"]), "pagefind.js")
        before = index.stat().st_mtime_ns if index.is_file() else None
        assert write_index(of) is not None
        return index.stat().st_mtime_ns != before

    assert ran()
    assert not ran()
    (output / "index.html").write_text(PAGE.format("Fähre"), encoding="utf-8")
    assert ran()
    assert not ran()
    # The index in the output, not the remembered digest, is what the search page reads.
    script.unlink()
    assert ran() and script.is_file()
    # Another output folder has an index of its own.
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "index.html").write_text(PAGE.format("Fähre"), encoding="utf-8")
    assert ran({**settings, "OUTPUT_PATH": str(tmp_path / "other")})
