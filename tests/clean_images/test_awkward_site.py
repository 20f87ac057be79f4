"""A site built from awkward images: nothing leaks, nothing crashes, check and build agree."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.clean_images.conftest import PROFILE
from tests.clean_images.metadata import every_image, metadata_in
from tests.minisite import GOOD_POST, make_site
from tests.sites import ROOT, BuildRun, run_build


@pytest.fixture(scope="module")
def site(
    awkward_images: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, str]]:
    """A site whose one post shows every awkward image, with a profile per awkward photo."""
    source, expected = awkward_images
    folder = tmp_path_factory.mktemp("awkward-site")
    lines = [f"![Bild {name}]({{static}}/images/{name})\n" for name in expected]
    post = GOOD_POST.replace("Dieser Beitrag ist in Ordnung.", "Bilder:\n\n" + "\n".join(lines))
    posts = {"bilder.md": post.replace("Ein guter", "Ein bebilderter")}
    # Cards and photos made in the build, as when publishing: they are images of the site too.
    settings = make_site(
        folder,
        posts,
        "AUTHORS_CARDS_ON_REQUEST = False\nAUTHORS_PHOTOS_ON_REQUEST = False\n"
        "CLEAN_IMAGES_ON_REQUEST = False\n",
    )
    (folder / "content" / "images").mkdir()
    for name in expected:
        shutil.copyfile(source / name, folder / "content" / "images" / name)
        handle = "person-" + re.sub(r"[^a-z0-9]+", "-", name)
        authors = folder / "content" / "authors"
        shutil.copyfile(source / name, authors / name)
        (authors / f"{handle}.md").write_text(
            PROFILE.format(name=f"Person {handle[7:]}", photo=name), encoding="utf-8"
        )
    return settings, expected


@pytest.fixture(scope="module")
def strict_build(site: tuple[Path, dict[str, str]]) -> BuildRun:
    settings, _ = site
    return run_build(settings.parent / "output", settings=str(settings), strict=True)


@pytest.fixture(scope="module")
def check_output(site: tuple[Path, dict[str, str]]) -> subprocess.CompletedProcess[str]:
    settings, _ = site
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "check", "--settings"]
    return subprocess.run(
        [*command, str(settings)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def verdicts(log: str, names: list[str]) -> set[tuple[str, str]]:
    """(file name, message with the file's path replaced) for every problem naming a file."""
    found = set()
    for message in re.findall(r": (?:error|warning): (.*)", log):
        for name in names:
            if name in message:
                found.add((name, re.sub(r"'[^']*" + re.escape(name) + "'", "'<file>'", message)))
    return found


def test_the_site_builds_around_the_bad_images_and_strict_mode_fails(
    strict_build: BuildRun,
) -> None:
    assert strict_build.returncode == 1, strict_build.log
    assert "Traceback" not in strict_build.log
    assert (strict_build.output / "index.html").is_file()
    assert (strict_build.output / "2026" / "ein-bebilderter-beitrag" / "index.html").is_file()


def test_no_image_of_the_site_carries_metadata(strict_build: BuildRun) -> None:
    images = every_image(strict_build.output)
    # 7 post images, 6 usable photos in 8 files each (4 for the small ones), social cards.
    assert len(images) >= 40, len(images)
    found = {str(p.relative_to(strict_build.output)): metadata_in(p) for p in images}
    assert {path: meta for path, meta in found.items() if meta} == {}
    print(f"awkward site: {len(images)} images without metadata")


def test_post_images_are_upright_and_the_refused_ones_left_out(
    strict_build: BuildRun, site: tuple[Path, dict[str, str]]
) -> None:
    _, expected = site
    published = {p.name for p in (strict_build.output / "images").iterdir()}
    assert published == {name for name, fate in expected.items() if fate == "clean"}
    with Image.open(strict_build.output / "images" / "phone.jpg") as phone:
        assert phone.size == (480, 640)


def test_each_refused_image_is_named_with_its_fix(
    strict_build: BuildRun, site: tuple[Path, dict[str, str]]
) -> None:
    _, expected = site
    for name, fate in expected.items():
        if fate != "refused":
            continue
        [post_problem] = re.findall(
            rf"images/{re.escape(name)}: warning: (.*)\n    → (.*)", strict_build.log
        )
        assert "fehlt das Bild auf der Website" in post_problem[1], post_problem
        photo_problems = re.findall(
            rf"error: Das Foto lässt sich nicht verwenden: .*{re.escape(name)}.*\n    → (.*)",
            strict_build.log,
        )
        assert len(photo_problems) == 1, (name, strict_build.log)
        assert "erscheinen Initialen" in photo_problems[0]


def test_check_and_build_give_the_same_verdict(
    strict_build: BuildRun,
    check_output: subprocess.CompletedProcess[str],
    site: tuple[Path, dict[str, str]],
) -> None:
    _, expected = site
    names = list(expected)
    from_build = verdicts(strict_build.log, names)
    from_check = verdicts(check_output.stdout + check_output.stderr, names)
    assert check_output.returncode == 1
    assert from_check == from_build
    # Every refused file is among them, as a post image and as a photo.
    assert {name for name, _ in from_build} >= {n for n, f in expected.items() if f == "refused"}
