"""A site showing hostile SVG files: what is published is inert, check and build agree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.clean_images.hostile_svg import Case
from tests.clean_images.test_awkward_site import verdicts
from tests.sites import ROOT, BuildRun

ACTIVE_FILES = ("seite.html", "daten.xml")
# What no published SVG may contain, whatever it came from.
ACTIVE = re.compile(
    r"<script|javascript:|\son\w+\s*=|foreignObject|@import|evil\.example|tracker\.example|"
    r"<\?xml-stylesheet|<!ENTITY|<iframe|<embed|<object",
    re.IGNORECASE,
)


def test_every_published_svg_is_inert(
    svg_build: BuildRun, svg_site: tuple[Path, dict[str, Case]]
) -> None:
    _, cases = svg_site
    assert "Traceback" not in svg_build.log
    assert svg_build.returncode == 1, svg_build.log
    published = {p.name for p in (svg_build.output / "images").iterdir()}
    assert published == {n for n, c in cases.items() if c.verdict in ("clean", "cleaned")}
    every_svg = list(svg_build.output.rglob("*.svg"))
    found = {
        str(p.relative_to(svg_build.output)): ACTIVE.findall(p.read_text(encoding="utf-8"))
        for p in every_svg
    }
    assert {path: hits for path, hits in found.items() if hits} == {}
    for name, case in cases.items():
        if name in published:
            text = (svg_build.output / "images" / name).read_text(encoding="utf-8")
            assert [w for w in case.forbidden if w.lower() in text.lower()] == [], name
    print(f"svg site: {len(every_svg)} SVG files checked")


def test_each_svg_problem_names_the_file_and_the_fix(
    svg_build: BuildRun, svg_site: tuple[Path, dict[str, Case]]
) -> None:
    _, cases = svg_site
    for name, case in cases.items():
        found = re.findall(rf"images/{re.escape(name)}: warning: (.*)\n    → (.*)", svg_build.log)
        if case.verdict == "clean":
            assert found == [], (name, found)
        elif case.verdict == "cleaned":
            [(message, fix)] = found
            assert "entfernt" in message and "aussieht" in fix, (name, message)
        else:
            [(message, fix)] = found
            assert "fehlt das Bild auf der Website" in fix, (name, fix)
            assert "SVG" in message and "SVG" in fix, (name, message)


def test_documents_that_would_run_are_left_out_with_a_reason(svg_build: BuildRun) -> None:
    assert list(svg_build.output.rglob("*.html.*")) == []
    for name in ACTIVE_FILES:
        assert not (svg_build.output / "images" / name).exists()
        [(message, fix)] = re.findall(
            rf"images/{re.escape(name)}: warning: (.*)\n    → (.*)", svg_build.log
        )
        assert "nicht veröffentlicht" in message and "content/" in fix, message
        assert "Bild" not in message


def test_check_and_build_give_the_same_verdict_on_svg(
    svg_build: BuildRun, svg_site: tuple[Path, dict[str, Case]]
) -> None:
    settings, cases = svg_site
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "check", "--settings"]
    checked = subprocess.run(
        [*command, str(settings)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    names = [*cases, "skript.svg", *ACTIVE_FILES]
    from_build = verdicts(svg_build.log, names)
    from_check = verdicts(checked.stdout + checked.stderr, names)
    assert checked.returncode == 1
    assert from_check == from_build
    expected = {n for n, c in cases.items() if c.verdict != "clean"} | {"skript.svg"}
    expected |= set(ACTIVE_FILES)
    assert {name for name, _ in from_build} == expected
