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


@pytest.mark.parametrize("on_request", [False, True])
def test_the_review_page_finds_every_image_cleaned_and_encodes_none_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_request: bool
) -> None:
    from devserver.build import build

    names = [f"bild-{number}.jpg" for number in range(3)]
    body = "\n\n".join(f"![Bild {name}]({{static}}/images/{name})" for name in names)
    post = GOOD_POST.replace("Dieser Beitrag ist in Ordnung.", body)
    # pelicanconf.py's plugins in its order, with the review page whose check judges every
    # image; only those this needs, so that the build stays small.
    needed = ("safe_html", "site_i18n", "content_checks", "author_profiles", "clean_images")
    extra = f"PLUGINS = [p for p in PLUGINS if p in {(*needed, 'editorial')!r}]\n"
    extra += f"CLEAN_IMAGES_WORKERS = 1\nCLEAN_IMAGES_ON_REQUEST = {on_request}\n"
    settings = make_site(tmp_path, {"bilder.md": post}, extra)
    (tmp_path / "content" / "images").mkdir()
    for number, name in enumerate(names):
        Image.new("RGB", (320, 200), (40 * number, 90, 160)).save(
            tmp_path / "content/images" / name
        )
    encoded: Counter[str] = Counter()
    checked: Counter[str] = Counter()
    original, original_check = clean_images.clean.encode_job, clean_images.clean.order_job

    def counted(source: Path, *args: Any) -> Any:
        encoded[source.name] += 1
        return original(source, *args)

    def counted_check(source: Path, *args: Any) -> Any:
        checked[source.name] += 1
        return original_check(source, *args)

    # The build's own jobs and the check's call, in this process (one worker: no pool).
    monkeypatch.setattr(clean_images.clean, "encode_job", counted)
    monkeypatch.setattr(clean_images.generator, "encode_job", counted)
    monkeypatch.setattr(clean_images.generator, "order_job", counted_check)
    result = build(str(settings), {"OUTPUT_PATH": str(tmp_path / "output")})
    assert not result.failed
    assert (tmp_path / "output" / "entwuerfe" / "index.html").is_file()  # the review page
    # The preview checks each JPEG once and the review page's check reads its order.
    assert encoded == ({} if on_request else dict.fromkeys(names, 1))
    assert checked == (dict.fromkeys(names, 1) if on_request else {})
