"""The sitemap's step: its free memory goes back once sitemap.xml and robots.txt are written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.give_backs import record_give_backs
from tests.minisite import make_site


def test_the_step_gives_its_free_memory_back_once_the_files_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import seo.generator

    from devserver.build import build

    output = tmp_path / "output"
    written_then = record_give_backs(
        monkeypatch, seo.generator, output / "sitemap.xml", output / "robots.txt"
    )
    settings = make_site(tmp_path, {})
    assert not build(str(settings), {"OUTPUT_PATH": str(output)}).failed
    assert written_then == [True]
