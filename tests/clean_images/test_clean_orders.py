"""Clean files on request: a check that finds what a render finds, the preview making the file."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pytest
from clean_images import make_ordered_image, ordered_copies
from clean_images.checked import order_path
from clean_images.clean import CleanSettings, encode_job, order_job, plan_images
from clean_images.clean_orders import FILE_ORDERS, make_ordered_clean
from clean_images.copy_orders import ORDERS_FILE
from clean_images.verdict import ImageLimits
from editorial.review.linkcheck import check_output
from PIL import Image

from devserver.server import ReloadHub, create_preview_app
from tests.author_profiles.test_photos import SRGB_BLUE, rgb_profile
from tests.backend.helpers import TestClient
from tests.clean_images.awkward import phone_exif, portrait
from tests.minisite import GOOD_POST, make_site
from tests.sites import BuildRun, run_build

ASTRONAUT = Path("/work/shared/fixtures/astronaut.png")
SETTINGS = CleanSettings(limits=ImageLimits(max_kb=60, max_pixels=1000))


def _jpegs(folder: Path) -> dict[str, str]:
    """JPEGs that take every path of the check next to the awkward images; name -> fate."""
    folder.mkdir(parents=True, exist_ok=True)
    fates = {}
    base = portrait(1300, 731)
    if ASTRONAUT.is_file():
        with Image.open(ASTRONAUT) as astronaut:
            base = astronaut.convert("RGB").resize((1300, 731))
    base.save(folder / "wide.jpg", quality=95)  # too wide and too heavy: two warnings
    fates["wide.jpg"] = "clean"
    base.resize((1100, 700)).save(folder / "turned.jpg", exif=phone_exif(6), quality=80)
    fates["turned.jpg"] = "clean"  # shown 700 x 1100: too wide only upright
    # 1/8 scale makes both sides 80: the turn cannot be seen in the small picture's size.
    base.resize((639, 640)).save(folder / "near-square.jpg", exif=phone_exif(8))
    fates["near-square.jpg"] = "clean"
    wide_green = rgb_profile("Wide green", (0.6, 0.3, 0.03), (0.2, 0.65, 0.1), SRGB_BLUE, 2.2)
    base.save(folder / "profile.jpg", icc_profile=wide_green)
    fates["profile.jpg"] = "clean"
    base.save(folder / "bad-profile.jpg", icc_profile=b"not an icc profile at all" * 8)
    fates["bad-profile.jpg"] = "clean"
    base.save(folder / "progressive.jpg", progressive=True, quality=70)
    fates["progressive.jpg"] = "clean"
    whole = (folder / "progressive.jpg").read_bytes()
    (folder / "cut-progressive.jpg").write_bytes(whole[: len(whole) // 2])
    fates["cut-progressive.jpg"] = "refused"
    whole = (folder / "wide.jpg").read_bytes()
    # The scan cut short at the end of a marker segment: libjpeg finds it only by decoding.
    (folder / "cut.jpg").write_bytes(whole[: len(whole) * 2 // 3])
    fates["cut.jpg"] = "refused"
    damaged = bytearray(whole)
    start = whole.index(b"\xff\xda")
    damaged[start + 400 : start + 4400] = b"\xff\xd9" * 2000  # an end marker mid-scan
    (folder / "damaged.jpg").write_bytes(bytes(damaged))
    fates["damaged.jpg"] = "clean"  # libjpeg fills the rest with grey, at every scale
    return fates


@pytest.fixture(scope="module")
def images(
    awkward_images: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, str]]:
    """The awkward images and the JPEGs above in one folder; name -> fate."""
    source, awkward = awkward_images
    folder = tmp_path_factory.mktemp("ordered-images")
    for name in awkward:
        shutil.copyfile(source / name, folder / name)
    return folder, {**awkward, **_jpegs(folder)}


def _facts(result: object) -> object:
    return (
        getattr(result, "refused", None),
        getattr(result, "issues", None),
        getattr(result, "width", None),
        getattr(result, "height", None),
    )


def test_the_check_finds_what_a_render_finds(
    images: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, fates = images
    sources = [folder / name for name in fates]
    checked_plan = plan_images(sources, tmp_path / "preview", SETTINGS, orders=True)
    rendered_plan = plan_images(sources, tmp_path / "publish", SETTINGS)
    checked = checked_plan.results(
        {k: order_job(s, checked_plan.root, k, SETTINGS) for k, s in checked_plan.missing.items()}
    )
    rendered = rendered_plan.results(
        {
            k: encode_job(s, rendered_plan.root, k, SETTINGS)
            for k, s in rendered_plan.missing.items()
        }
    )
    for name, check, render in zip(fates, checked, rendered, strict=True):
        assert _facts(check) == _facts(render), name
        assert render.refused == (fates[name] == "refused"), name
        jpeg_inside = name.endswith(".jpg") and (folder / name).read_bytes()[:2] == b"\xff\xd8"
        # Only JPEGs are checked; the near-square turned one and every other format rendered.
        assert check.ordered == (jpeg_inside and not render.refused and name != "near-square.jpg")
    found = {issue.key for result in rendered for issue in result.issues}
    assert {"image_damaged", "image_too_wide", "image_too_heavy", "image_not_an_image"} <= found
    # The next preview build reads the orders: only the refused images are checked again.
    again = plan_images(sources, tmp_path / "preview", SETTINGS, orders=True)
    refused = {key for key, result in zip(again.keys, checked, strict=True) if result.refused}
    assert set(again.missing) == refused - {None}
    for name, result, check in zip(fates, again.results({}), checked, strict=True):
        if not check.refused:
            assert _facts(result) == _facts(check) and result.ordered == check.ordered, name


def test_a_changed_source_is_not_made_from_its_order(tmp_path: Path) -> None:
    source = tmp_path / "bild.jpg"
    portrait(800, 600).save(source)
    plan = plan_images([source], tmp_path / "cache", SETTINGS, orders=True)
    [(key, _)] = plan.missing.items()
    result = order_job(source, plan.root, key, SETTINGS)
    assert result.ordered and result.clean is not None and not result.clean.exists()
    portrait(800, 600).rotate(90).save(source)
    assert not make_ordered_clean(result.clean) and not result.clean.exists()
    assert order_path(plan.root, key).is_file()


@pytest.fixture(scope="module")
def builds(
    images: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[BuildRun, BuildRun]:
    """One site built as the preview (files on request) and as a publish build would."""
    folder = tmp_path_factory.mktemp("clean-on-request")
    source, fates = images
    lines = [f"![Bild {name}]({{static}}/images/{name})\n" for name in fates]
    post = GOOD_POST.replace("Dieser Beitrag ist in Ordnung.", "Bilder:\n\n" + "\n".join(lines))
    post = post.replace("Ein guter", "Ein bebilderter")
    covered = GOOD_POST.replace("Ein guter", "Ein bedeckter").replace(
        "\n\n", "\nImage: images/wide.jpg\nImage-alt: Ein Bild\nImage-credit: Foto: wir\n\n", 1
    )
    settings = make_site(
        folder,
        {"bilder.md": post, "titel.md": covered},
        "CLEAN_IMAGES_COVER_COPIES_ON_REQUEST = True\nCLEAN_IMAGES_ON_REQUEST = True\n"
        "CLEAN_IMAGES_MAX_PIXELS = 1000\nCLEAN_IMAGES_MAX_KB = 60\n",
    )
    (folder / "content" / "images").mkdir()
    for name in fates:
        shutil.copyfile(source / name, folder / "content" / "images" / name)
    publish = folder / "publishlike.py"
    text = settings.read_text(encoding="utf-8").replace(".cache", ".cache-publish")
    off = "CLEAN_IMAGES_ON_REQUEST = False\nCLEAN_IMAGES_COVER_COPIES_ON_REQUEST = False\n"
    publish.write_text(text + off, encoding="utf-8")
    return (
        run_build(folder / "output", settings=str(settings)),
        run_build(folder / "output-publish", settings=str(publish)),
    )


def _image_warnings(run: BuildRun) -> list[str]:
    # In the order the files were found, which is not the same in every build.
    return sorted(line for line in run.log.splitlines() if re.search(r"images/\S+: warning:", line))


def test_the_preview_build_reports_and_writes_what_a_publish_build_does(
    builds: tuple[BuildRun, BuildRun],
) -> None:
    preview, publish = builds
    assert preview.returncode == publish.returncode == 0, preview.log
    warnings = _image_warnings(preview)
    assert warnings == _image_warnings(publish)
    assert sum(", erlaubt sind" in line for line in warnings) >= 6, warnings
    assert preview.pages() == publish.pages()
    for page in preview.pages():
        assert (preview.output / page).read_bytes() == (publish.output / page).read_bytes(), page
    ordered = {p for p in ordered_copies(preview.output) if "-480w" not in p and "-800w" not in p}
    jpegs = {"wide", "turned", "profile", "bad-profile", "progressive", "damaged", "phone", "cmyk"}
    assert ordered == {f"images/{name}.jpg" for name in jpegs}
    assert not any((preview.output / path).exists() for path in ordered)
    # The refused images are missing from both; every ordered file counts as there.
    broken = check_output(preview.output, "", ["/api/"])
    assert broken == check_output(publish.output, "", ["/api/"]) != []


def test_the_preview_server_makes_each_file_as_the_publish_build_does(
    builds: tuple[BuildRun, BuildRun],
) -> None:
    preview, publish = builds
    ordered = sorted(ordered_copies(preview.output))
    with TestClient(create_preview_app(str(preview.output), None, ReloadHub())) as client:
        for path in ordered:
            answer = client.get(f"/{path}")
            assert answer.status_code == 200, path
            assert answer.content == (publish.output / path).read_bytes(), path
    assert not list(preview.output.rglob(FILE_ORDERS)) or ordered
    # Made into the cache: the next preview build links every file and orders none.
    rebuilt = run_build(preview.output, settings=str(preview.output.parent / "siteconf.py"))
    assert not list(rebuilt.output.rglob(FILE_ORDERS))
    assert not list(rebuilt.output.rglob(ORDERS_FILE))
    for path in ordered:
        assert (rebuilt.output / path).read_bytes() == (publish.output / path).read_bytes()


def test_concurrent_requests_make_one_file_once(tmp_path: Path) -> None:
    source = tmp_path / "content" / "bild.jpg"
    source.parent.mkdir()
    portrait(1200, 675).save(source)
    plan = plan_images([source], tmp_path / "cache", SETTINGS, orders=True)
    [(key, _)] = plan.missing.items()
    result = order_job(source, plan.root, key, SETTINGS)
    assert result.clean is not None
    output = tmp_path / "output"
    (output / "images").mkdir(parents=True)
    (output / "images" / FILE_ORDERS).write_text(
        f'{{"bild.jpg": {{"clean": "{result.clean}"}}}}', encoding="utf-8"
    )
    made: list[bool] = []
    threads = [
        threading.Thread(target=lambda: made.append(make_ordered_image(output, "images/bild.jpg")))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [True] * 8
    (tmp_path / "other").mkdir()
    expected = encode_job(source, tmp_path / "other", key, SETTINGS)
    assert expected.clean is not None
    assert (output / "images" / "bild.jpg").read_bytes() == expected.clean.read_bytes()
    assert not make_ordered_image(output, "images/../bild.jpg")
    assert not make_ordered_image(output, f"images/{FILE_ORDERS}")
