"""A first build encodes each image once, though the review page's check asks for them too."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import clean_images.clean
import clean_images.generator
import pytest
from PIL import Image

from tests.minisite import GOOD_POST, make_site


def test_the_review_page_finds_every_image_cleaned_and_encodes_none_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from devserver.build import build

    names = [f"bild-{number}.jpg" for number in range(3)]
    body = "\n\n".join(f"![Bild {name}]({{static}}/images/{name})" for name in names)
    post = GOOD_POST.replace("Dieser Beitrag ist in Ordnung.", body)
    # pelicanconf.py's plugins in its order, with the review page whose check judges every
    # image; only those this needs, so that the build stays small.
    needed = ("safe_html", "site_i18n", "content_checks", "author_profiles", "clean_images")
    extra = f"PLUGINS = [p for p in PLUGINS if p in {(*needed, 'editorial')!r}]\n"
    settings = make_site(tmp_path, {"bilder.md": post}, extra + "CLEAN_IMAGES_WORKERS = 1\n")
    (tmp_path / "content" / "images").mkdir()
    for number, name in enumerate(names):
        Image.new("RGB", (320, 200), (40 * number, 90, 160)).save(
            tmp_path / "content/images" / name
        )
    encoded: Counter[str] = Counter()
    original = clean_images.clean.encode_job

    def counted(source: Path, *args: Any) -> Any:
        encoded[source.name] += 1
        return original(source, *args)

    # The build's own jobs and the check's call, in this process (one worker: no pool).
    monkeypatch.setattr(clean_images.clean, "encode_job", counted)
    monkeypatch.setattr(clean_images.generator, "encode_job", counted)
    result = build(str(settings), {"OUTPUT_PATH": str(tmp_path / "output")})
    assert not result.failed
    assert (tmp_path / "output" / "entwuerfe" / "index.html").is_file()  # the review page
    assert encoded == dict.fromkeys(names, 1)
