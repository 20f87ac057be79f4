"""Count the files Pillow opens during a test, to show that an image is decoded only once."""

from __future__ import annotations

import pytest
from PIL import Image


def count_image_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, every path given to `Image.open` is appended to the returned list."""
    opened: list[str] = []
    original_open = Image.open

    def counting_open(path: object, *args: object, **kwargs: object) -> Image.Image:
        opened.append(str(path))
        return original_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Image, "open", counting_open)
    return opened
