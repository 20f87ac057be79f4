"""docs/architecture.md draws every package there is, and no package that is gone."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "architecture.md"
# Folders whose packages are not part of the house: tests, tools, generated files.
NOT_HOUSE = {"tests", "node_modules", ".venv", "output", "output-intranet", "theme", "bench"}
ENTRY = re.compile(r"^(?P<indent>\s*)(?P<name>[a-z_][a-z0-9_]*)/(\s|$)")


def packages_on_disk() -> set[str]:
    """Every folder with an __init__.py, as a path relative to the repository."""
    found = set()
    for init in REPO.rglob("__init__.py"):
        relative = init.parent.relative_to(REPO)
        if relative.parts and relative.parts[0] not in NOT_HOUSE:
            found.add(relative.as_posix())
    return found


def house_block(text: str) -> list[str]:
    """The lines of the first ```text block after the heading 'The house'."""
    start = text.index("## The house")
    fence = text.index("```text", start)
    end = text.index("```", fence + 7)
    return text[fence + 7 : end].splitlines()


def packages_in_picture(lines: list[str]) -> set[str]:
    """Paths drawn in the picture: an indented tree of `name/` entries."""
    stack: list[tuple[int, str]] = []
    drawn = set()
    for line in lines:
        match = ENTRY.match(line)
        if not match:
            continue
        indent = len(match["indent"])
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = "/".join([name for _, name in stack] + [match["name"]])
        stack.append((indent, match["name"]))
        drawn.add(path)
    return drawn


def test_the_picture_names_every_package_and_no_other() -> None:
    drawn = packages_in_picture(house_block(DOC.read_text(encoding="utf-8")))
    # The picture may draw plain folders that hold packages ("plugins/"): only packages count.
    on_disk = packages_on_disk()
    folders = {"/".join(p.split("/")[:i]) for p in on_disk for i in range(1, p.count("/") + 1)}
    missing = sorted(on_disk - drawn)
    gone = sorted(drawn - on_disk - folders)
    assert not missing, f"docs/architecture.md: add these packages to the picture: {missing}"
    assert not gone, f"docs/architecture.md: the picture draws packages that do not exist: {gone}"


def test_the_tree_reader_sees_nesting() -> None:
    lines = ["plugins/", "  editorial/", "    checks/", "  seo/", "devserver/"]
    assert packages_in_picture(lines) == {
        "plugins",
        "plugins/editorial",
        "plugins/editorial/checks",
        "plugins/seo",
        "devserver",
    }
