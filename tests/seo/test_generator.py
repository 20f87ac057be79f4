"""The sitemap's step: its free memory goes back once sitemap.xml and robots.txt are written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.minisite import make_site


def test_the_step_gives_its_free_memory_back_once_the_files_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import seo.generator

    from devserver.build import build

    output = tmp_path / "output"
    written_then: list[bool] = []
    monkeypatch.setattr(
        seo.generator,
        "give_back",
        lambda: (
            written_then.append(
                (output / "sitemap.xml").is_file() and (output / "robots.txt").is_file()
            )
            or True
        ),
    )
    settings = make_site(tmp_path, {})
    assert not build(str(settings), {"OUTPUT_PATH": str(output)}).failed
    assert written_then == [True]
