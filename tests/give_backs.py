"""Record when a plugin's step gives malloc's free pages back, and whether its files were there."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest


def record_give_backs(
    monkeypatch: pytest.MonkeyPatch, module: ModuleType, *written: Path
) -> list[bool]:
    """Replace module.give_back; each call appends whether every file of `written` existed then."""
    calls: list[bool] = []

    def give_back() -> bool:
        calls.append(all(path.is_file() for path in written))
        return True

    monkeypatch.setattr(module, "give_back", give_back)
    return calls
