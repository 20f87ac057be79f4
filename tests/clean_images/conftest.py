"""Fixtures for the clean_images tests: awkward images, hostile SVG site, intranet build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clean_images.awkward import write_awkward_images
from tests.clean_images.hostile_svg import Case, write_hostile_svgs
from tests.minisite import GOOD_POST, make_site
from tests.sites import BuildRun, run_build

# A profile whose photo is the given file, for the sites of awkward and hostile images.
PROFILE = """\
Name: {name}
Role: Fachkraft
Department: entwicklung
Level: fachkraft
Consent: yes
Consent-date: 2026-01-10
Status: active
Photo: {photo}

Ich arbeite hier.
"""


@pytest.fixture(scope="session")
def awkward_images(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A folder of awkward images, and for each what the build must do with it."""
    folder = tmp_path_factory.mktemp("awkward")
    return folder, write_awkward_images(folder)


@pytest.fixture(scope="session")
def svg_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Case]]:
    """A site whose post shows every hostile SVG, and a profile whose photo is one."""
    folder = tmp_path_factory.mktemp("svg-site")
    cases = write_hostile_svgs(folder / "content" / "images")
    lines = [f"![Grafik {name}]({{static}}/images/{name})\n" for name in cases]
    lines.append("[Eine Seite]({static}/images/seite.html)\n")
    post = GOOD_POST.replace("Dieser Beitrag ist in Ordnung.", "Grafiken:\n\n" + "\n".join(lines))
    settings = make_site(folder, {"grafiken.md": post.replace("Ein guter", "Ein gezeichneter")})
    authors = folder / "content" / "authors"
    (authors / "skript.svg").write_text(cases["script.svg"].text, encoding="utf-8")
    (authors / "person-svg.md").write_text(
        PROFILE.format(name="Person Svg", photo="skript.svg"), encoding="utf-8"
    )
    # Documents a browser would run, next to the drawings; a post links to one of them.
    (folder / "content" / "images" / "seite.html").write_text("<script>alert('html')</script>")
    (folder / "content" / "images" / "daten.xml").write_text(
        '<h:html xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></h:html>'
    )
    return settings, cases


@pytest.fixture(scope="session")
def svg_build(svg_site: tuple[Path, dict[str, Case]]) -> BuildRun:
    """The strict build of the SVG site (it fails: the hostile files are reported)."""
    settings, _ = svg_site
    return run_build(settings.parent / "output", settings=str(settings), strict=True)
