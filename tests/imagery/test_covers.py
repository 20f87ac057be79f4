"""devserver/imagery/covers.py: the drawn covers, and the sample posts that show them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from transparency.listings import licence

from devserver.imagery.covers import COVERS_FOLDER, HEIGHT, WIDTH, Cover, covers_to_draw, draw_cover
from tests.sample import CONTENT, posts

# A cover is shown on every card of a listing: ten of them must not outweigh the page.
MAX_COVER_BYTES = 20_000
FILE_PATH = re.compile(r"[\w-]+/[\w./-]+|\.(?:jpe?g|png|webp|gif|svg)\b", re.IGNORECASE)


def test_every_sample_post_has_a_cover_with_alt_text_and_a_credit_with_a_licence() -> None:
    for post in posts():
        name = post.path.name
        image = post.meta.get("image", "")
        assert (CONTENT / image).is_file(), f"{name}: no cover file {image!r}"
        assert len(post.meta.get("image-alt", "")) > 30, f"{name}: alt text missing or too short"
        credit = post.meta.get("image-credit", "")
        assert licence(credit), f"{name}: the credit {credit!r} names no licence"
        assert not FILE_PATH.search(credit), f"{name}: the credit {credit!r} shows a file path"


def test_every_cover_under_images_covers_is_drawn_by_the_tool() -> None:
    drawn = {cover.file for cover in covers_to_draw()}
    on_disk = set((CONTENT / COVERS_FOLDER).glob("*"))
    assert drawn == on_disk
    assert len(drawn) >= 20


@pytest.mark.parametrize("cover", covers_to_draw()[:3], ids=lambda c: c.file.stem)
def test_a_committed_cover_is_what_the_tool_draws(cover: Cover) -> None:
    with Image.open(cover.file) as committed:
        assert committed.size == (WIDTH, HEIGHT)
        difference = ImageChops.difference(committed.convert("RGB"), draw_cover(cover))
    # WebP is lossy: the committed pixels are close to the drawing, not equal to it.
    assert max(ImageStat.Stat(difference).mean) < 3


def test_the_same_cover_is_drawn_the_same_and_other_posts_differ(tmp_path: Path) -> None:
    one = Cover(tmp_path / "a.webp", "Technik")
    assert draw_cover(one).tobytes() == draw_cover(one).tobytes()
    other = Cover(tmp_path / "b.webp", "Technik")
    assert draw_cover(one).tobytes() != draw_cover(other).tobytes()


def test_covers_are_small_and_carry_no_metadata() -> None:
    for path in sorted((CONTENT / COVERS_FOLDER).glob("*")):
        assert path.suffix == ".webp", path.name
        assert path.stat().st_size <= MAX_COVER_BYTES, path.name
        with Image.open(path) as image:
            assert not {"exif", "xmp", "icc_profile"} & set(image.info), path.name


def test_a_post_in_a_category_without_a_palette_is_named(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "neu.md").write_text(
        "Title: Neu\nCategory: Rezepte\nImage: images/covers/neu.webp\n\nText\n", encoding="utf-8"
    )
    with pytest.raises(SystemExit) as stopped:
        covers_to_draw(tmp_path / "posts", tmp_path)
    message = str(stopped.value)
    assert "neu.md" in message and "'Rezepte'" in message
    assert "devserver/imagery/covers.py" in message


def test_posts_with_other_images_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "foto.md").write_text(
        "Title: Foto\nCategory: Rezepte\nImage: images/foto.jpg\n\nImage: images/covers/x.webp\n",
        encoding="utf-8",
    )
    assert covers_to_draw(tmp_path / "posts", tmp_path) == []
