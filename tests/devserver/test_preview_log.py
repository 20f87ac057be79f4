"""What the preview prints in its terminal: each line says something."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.devserver.live import post, start_live_preview

BAD_SETTINGS = [
    "TIMEZONE = (\n",  # does not parse
    "raise RuntimeError('kaputt')\n",  # fails while it runs
    "PLUGINS = ['kein_solches_plugin_' + 'x' * 3]\nMESSAGES_LANG = 1 / 0\n",
]


@pytest.mark.parametrize("bad", BAD_SETTINGS)
def test_a_bad_settings_file_prints_its_error_and_no_empty_line(tmp_path: Path, bad: str) -> None:
    preview = start_live_preview(tmp_path, {"a.md": post("A")}, settings=bad)
    preview.stop()
    lines = preview.log.read_text(encoding="utf-8").splitlines()
    assert any("preview" not in line and ".py:" in line for line in lines), lines
    assert any(line.startswith(f"Preview: {preview.origin}/") for line in lines), lines
    assert "" not in lines, lines
