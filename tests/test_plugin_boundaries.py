"""Plugins use each other only through a package's public API (its __init__), not its modules."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sites import ROOT

PLUGINS = ROOT / "plugins"
# The shared kernel every plugin may use in full.
SHARED_KERNEL = "faces_common"
# What a relative import that climbs out of its plugin reaches: no plugin of its own.
OUTSIDE = "<above plugins/>"


def plugin_names(folder: Path = PLUGINS) -> set[str]:
    """The plugin packages: folders under plugins/ with an __init__.py."""
    return {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}


def boundary_crossings(path: Path, source: str, plugins: set[str]) -> list[str]:
    """Each import of another plugin's module in one file, as 'file:line: module'."""
    package = list(path.relative_to(PLUGINS).parts[:-1])
    own = package[0]
    found = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        for module in _imported_modules(node, package):
            if module == OUTSIDE or ("." in module and _foreign(module, own, plugins)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {module}")
    return found


def _foreign(module: str, own: str, plugins: set[str]) -> bool:
    top = module.split(".")[0]
    return top != own and top in plugins and top != SHARED_KERNEL


def _imported_modules(node: ast.AST, package: list[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        # A relative import that climbs out of its own plugin lands in another one (or nowhere).
        if node.level > len(package):
            return [OUTSIDE]
        base = package[: len(package) - node.level + 1]
        module = ".".join([*base, *([node.module] if node.module else [])])
    else:
        module = node.module or ""
    # `from plugin import module` reaches a module just as `import plugin.module` does.
    submodules = [f"{module}.{a.name}" for a in node.names if _is_module(f"{module}.{a.name}")]
    return [module, *submodules]


def _is_module(dotted: str) -> bool:
    path = PLUGINS.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def crossings_under(folder: Path, find: Callable[[Path, str], list[str]]) -> list[str]:
    """What `find` reports in each Python file under `folder`, in path order."""
    return [
        crossing
        for path in sorted(folder.rglob("*.py"))
        for crossing in find(path, path.read_text(encoding="utf-8"))
    ]


def test_plugins_import_each_other_only_through_their_package() -> None:
    plugins = plugin_names()
    found = crossings_under(PLUGINS, lambda path, source: boundary_crossings(path, source, plugins))
    assert found == []


def job_crossings(path: Path, source: str) -> list[str]:
    """Inside a plugin split by job: a job's import of another job's module, or shared code's."""
    package = list(path.relative_to(PLUGINS).parts[:-1])
    jobs = {p.name for p in PLUGINS.joinpath(package[0]).iterdir() if (p / "__init__.py").is_file()}
    own_job = package[1] if len(package) > 1 else ""
    found = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        for module in _imported_modules(node, package):
            parts = module.split(".")
            if parts[0] != package[0] or len(parts) < 2 or parts[1] not in jobs:
                continue
            # Jobs use each other through their package; shared modules use none of them.
            reaches_in = len(parts) > 2 and parts[1] != own_job
            shared_uses_job = not own_job and path.name != "__init__.py"
            if reaches_in or shared_uses_job:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {module}")
    return found


def test_editorial_jobs_use_each_other_only_through_their_package() -> None:
    assert crossings_under(PLUGINS / "editorial", job_crossings) == []


def _plugin_crossings(path: Path, source: str) -> list[str]:
    return boundary_crossings(path, source, plugin_names())


# Each check by name: between plugins, and between editorial's jobs.
CHECKS = {"plugin": _plugin_crossings, "job": job_crossings}


@pytest.mark.parametrize(
    ("check", "file", "source", "expected"),
    [
        # Each way of reaching into another plugin's module.
        ("plugin", "editorial/x.py", "from author_profiles.profiles import load_profiles", 1),
        ("plugin", "editorial/x.py", "import idea_polls.blocks", 1),
        ("plugin", "editorial/x.py", "from idea_polls import blocks", 1),
        ("plugin", "editorial/x.py", "def f():\n    from visibility.plugin import is_internal", 1),
        ("plugin", "author_profiles/photos/x.py", "from ...clean_images import verdict", 1),
        ("plugin", "editorial/checks/x.py", "from ...reach.report import build_report", 1),
        # What is allowed: the package's own API, its own modules, the kernel, outside packages.
        ("plugin", "editorial/x.py", "from author_profiles import load_profiles", 0),
        ("plugin", "editorial/x.py", "import author_profiles", 0),
        ("plugin", "editorial/checks/x.py", "from ..adapters import Person", 0),
        ("plugin", "editorial/checks/x.py", "from editorial.config import load_settings", 0),
        ("plugin", "editorial/x.py", "from faces_common.problems import Problem", 0),
        ("plugin", "editorial/x.py", "from content_checks.rules import check_source", 1),
        ("plugin", "editorial/x.py", "from content_checks import check_source", 0),
        ("plugin", "editorial/x.py", "from pelican.generators import Generator", 0),
        # A job reaching into another job's module, or shared code using a job.
        ("job", "editorial/review/page.py", "from ..checks.checker import check_site", 1),
        ("job", "editorial/review/page.py", "from editorial.checks.report import summary_line", 1),
        ("job", "editorial/new_post/x.py", "from ..checks import bylines", 1),
        ("job", "editorial/adapters.py", "from .checks.scan import Fence", 1),
        ("job", "editorial/adapters.py", "from .checks import check_site", 1),
        # What is allowed: another job's package, own and shared modules; the plugin's __init__.
        ("job", "editorial/review/page.py", "from ..checks import check_site", 0),
        ("job", "editorial/checks/x.py", "from .corpus import Source", 0),
        ("job", "editorial/checks/x.py", "from ..messages import word", 0),
        ("job", "editorial/__init__.py", "from .checks import run_check", 0),
    ],
)
def test_each_kind_of_reach_in_is_found_by_its_check(
    check: str, file: str, source: str, expected: int
) -> None:
    crossings = CHECKS[check](PLUGINS / file, source)
    assert len(crossings) == expected, crossings
