"""The README as the tests read it: the settings each plugin's section documents."""

from __future__ import annotations

import re

from tests.sites import ROOT


def documented_settings(plugin: str, prefix: str) -> set[str]:
    """The settings named in the first column of the tables under ### `plugin` in README.md."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"### `{plugin}`", 1)[1].split("\n### ", 1)[0]
    cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {name for cell in cells for name in re.findall(rf"`({prefix}\w+)`", cell)}
