"""Cover copies on request: a preview build orders them, the preview server makes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clean_images import make_ordered_copy, ordered_copies
from clean_images.clean import CleanSettings, clean_images
from clean_images.clean_orders import FILE_ORDERS
from clean_images.copy_orders import ORDERS_FILE, CopyOrders
from clean_images.covers import CoverCopy, make_copies
from editorial.review.linkcheck import check_output
from PIL import Image
from starlette.testclient import TestClient

from devserver.server import ReloadHub, create_preview_app
from tests.clean_images.test_covers import picture
from tests.minisite import make_site, post_text
from tests.sites import BuildRun, run_build

COPIES = [CoverCopy(480, "images/titel-480w.jpg"), CoverCopy(800, "images/titel-800w.jpg")]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """A one-post site with a 1200-px cover, built with the preview's settings (pelicanconf)."""
    folder = tmp_path_factory.mktemp("cover-on-request")
    post = post_text("Mit Titelbild", "2026-03-14 09:30", "Text.", Image="images/titel.jpg")
    settings = make_site(folder, {"titel.md": post})
    picture(folder / "content" / "images" / "titel.jpg", (1200, 675))
    return run_build(folder / "output", settings=str(settings))


def published_copies(source: Path, cache: Path) -> dict[str, bytes]:
    """The copies a publish build's first run makes of this cover (encode_with_copies' way)."""
    [result] = clean_images([source], cache, CleanSettings(), workers=1)
    assert result.clean is not None
    make_copies(result.clean, [480, 800], CleanSettings())
    return {
        f"titel-{w}w.jpg": result.clean.with_name(f"{result.clean.stem}-{w}w.jpg").read_bytes()
        for w in (480, 800)
    }


def test_the_preview_build_names_the_copies_and_makes_none(preview: BuildRun) -> None:
    post = preview.html("2026/mit-titelbild/index.html")
    srcset = post.select_one("img[srcset]")["srcset"]
    assert "/images/titel-480w.jpg 480w" in srcset and "/images/titel-800w.jpg 800w" in srcset
    # The JPEG cover itself is ordered too (CLEAN_IMAGES_ON_REQUEST in pelicanconf.py).
    assert sorted(p.name for p in (preview.output / "images").iterdir()) == sorted(
        [ORDERS_FILE, FILE_ORDERS]
    )
    assert ordered_copies(preview.output) == {
        "images/titel.jpg",
        "images/titel-480w.jpg",
        "images/titel-800w.jpg",
    }
    assert check_output(preview.output, "", ["/api/"]) == []


def test_the_preview_server_makes_a_copy_as_the_publish_build_does(
    preview: BuildRun, tmp_path: Path
) -> None:
    expected = published_copies(preview.output.parent / "content/images/titel.jpg", tmp_path)
    with TestClient(create_preview_app(str(preview.output), None, ReloadHub())) as client:
        for name, data in expected.items():
            answer = client.get(f"/images/{name}")
            assert answer.status_code == 200 and answer.headers["content-type"] == "image/jpeg"
            assert answer.content == data
            assert (preview.output / "images" / name).read_bytes() == data
    # Made into the build's image cache: the next preview build links them, orders none.
    rebuilt = run_build(preview.output, settings=str(preview.output.parent / "siteconf.py"))
    assert not (rebuilt.output / "images" / ORDERS_FILE).exists()
    assert not (rebuilt.output / "images" / FILE_ORDERS).exists()
    for name, data in expected.items():
        assert (rebuilt.output / "images" / name).read_bytes() == data


@pytest.fixture
def ordered(tmp_path: Path) -> Path:
    """An output folder whose build ordered the two copies of one clean cover."""
    clean = picture(tmp_path / "cache" / "0123abcd.jpg", (1200, 675))
    orders = CopyOrders(CleanSettings(), on_request=True)
    orders.publish(clean, COPIES, tmp_path / "output")
    orders.write(tmp_path / "output")
    return tmp_path / "output"


@pytest.mark.parametrize(
    "asked",
    [
        "images/titel-640w.jpg",  # not ordered
        "images/titel.jpg",  # the picture itself, never a copy
        f"images/{ORDERS_FILE}",
        "other/titel-480w.jpg",  # no orders in that folder
        "images/../images/titel-480w.jpg",
        "../output/images/titel-480w.jpg",
        "",
    ],
)
def test_a_name_not_ordered_makes_nothing(ordered: Path, asked: str) -> None:
    before = sorted(ordered.parent.rglob("*"))
    assert not make_ordered_copy(ordered, asked)
    assert sorted(ordered.parent.rglob("*")) == before


@pytest.mark.parametrize(
    "asked", ["/images/titel-640w.jpg", "/images/..%2F..%2Fcache/0123abcd-480w.jpg"]
)
def test_the_preview_server_answers_404_to_a_name_not_ordered(ordered: Path, asked: str) -> None:
    before = sorted(ordered.parent.rglob("*"))
    with TestClient(create_preview_app(str(ordered), None, ReloadHub())) as client:
        assert client.get(asked).status_code == 404
    assert sorted(ordered.parent.rglob("*")) == before


def test_an_order_whose_clean_file_is_gone_is_a_404_not_a_crash(
    ordered: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (ordered.parent / "cache" / "0123abcd.jpg").unlink()
    with TestClient(create_preview_app(str(ordered), None, ReloadHub())) as client:
        assert client.get("/images/titel-480w.jpg").status_code == 404
    assert "cannot make the cover copy images/titel-480w.jpg" in caplog.text


def test_the_order_names_every_width_from_its_own_up(ordered: Path) -> None:
    orders = json.loads((ordered / "images" / ORDERS_FILE).read_text(encoding="utf-8"))
    assert {name: order["widths"] for name, order in orders.items()} == {
        "titel-480w.jpg": [480, 800],
        "titel-800w.jpg": [800],
    }
    assert make_ordered_copy(ordered, "/images/titel-800w.jpg")
    with Image.open(ordered / "images" / "titel-800w.jpg") as copy:
        assert copy.size == (800, 450)


def test_a_build_that_makes_every_copy_drops_the_last_orders(ordered: Path) -> None:
    clean = ordered.parent / "cache" / "0123abcd.jpg"
    make_copies(clean, [480, 800], CleanSettings())  # as a publish build does first
    orders = CopyOrders(CleanSettings(), on_request=False)
    orders.publish(clean, COPIES, ordered)
    orders.write(ordered)
    assert sorted(p.name for p in (ordered / "images").iterdir()) == [
        "titel-480w.jpg",
        "titel-800w.jpg",
    ]
    assert ordered_copies(ordered) == set()


def test_the_link_check_still_reports_a_copy_nobody_ordered(ordered: Path) -> None:
    page = '<img src="/images/a.jpg" srcset="/images/titel-480w.jpg 480w, /images/b-480w.jpg 480w">'
    (ordered / "index.html").write_text(page, encoding="utf-8")
    (ordered / "images" / "a.jpg").write_bytes(b"jpeg")
    broken = check_output(ordered, "", [])
    assert [(b.url, b.reason) for b in broken] == [
        ("/images/b-480w.jpg", "no file images/b-480w.jpg")
    ]
