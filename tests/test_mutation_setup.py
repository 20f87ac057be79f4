"""The mutation task's targets and staging (the mutation run itself is not part of the suite)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.mutation import REPO, TARGETS, stage


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_every_target_names_files_that_exist(name: str) -> None:
    target = TARGETS[name]
    for source in target.mutate:
        top, _, rest = source.partition("/")
        in_repo = REPO / source if top == "faces_backend" else REPO / "plugins" / top / rest
        assert in_repo.is_file(), source
    for test in target.tests:
        assert (REPO / test).is_file(), test


def test_staging_puts_plugins_where_mutmut_names_them(tmp_path: Path) -> None:
    staging = stage(TARGETS["checker"], tmp_path / "checker")
    config = tomllib.loads((staging / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["pytest"]["ini_options"]["pythonpath"] == ["."]
    mutmut = config["tool"]["mutmut"]
    assert mutmut["only_mutate"] == ["content_checks/rules.py", "editorial/checks/checker.py"]
    assert {"pelicanconf.py", "content", "theme", "plugins"} <= set(mutmut["also_copy"])
    assert not {"content_checks", "editorial"} & set(mutmut["also_copy"])
    assert (staging / "content_checks" / "rules.py").read_bytes() == (
        REPO / "plugins" / "content_checks" / "rules.py"
    ).read_bytes()
    assert (staging / "plugins" / "content_checks" / "rules.py").is_file()
    assert not (staging / ".venv").exists()
