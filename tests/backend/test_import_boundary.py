"""The backend stands alone: no Pelican, no preview server, no plugin but faces_common."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The one plugin package the backend may use: the shared kernel.
SHARED = "faces_common"


def forbidden_packages() -> set[str]:
    """Top-level packages the backend must not import: Pelican, devserver, every plugin but one."""
    plugins = {p.parent.name for p in (REPO / "plugins").glob("*/__init__.py")}
    return {"pelican", "devserver"} | (plugins - {SHARED})


def imported_modules(source: str) -> Iterator[tuple[int, str]]:
    """(line, module) of every absolute import, also inside functions and by import_module."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif (
            isinstance(node, ast.Call)
            and _called_name(node.func) in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def _called_name(function: ast.expr) -> str:
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def violations(folder: Path) -> list[str]:
    """'file:line: imports module' for each forbidden import of the Python files under folder."""
    forbidden = forbidden_packages()
    found = []
    for path in sorted(folder.rglob("*.py")):
        for line, module in imported_modules(path.read_text(encoding="utf-8")):
            if module.split(".", 1)[0] in forbidden:
                found.append(f"{path.relative_to(REPO)}:{line}: imports {module}")
    return found


def test_the_backend_imports_neither_pelican_nor_devserver_nor_plugins() -> None:
    assert violations(REPO / "faces_backend") == []


@pytest.mark.parametrize(
    "code",
    [
        "import pelican",
        "from pelican.settings import read_settings",
        "from devserver.server import serve_preview",
        "import devserver.build as build",
        "import idea_polls.manifest",
        "def later():\n    from content_checks.rules import check_source\n",
        "import importlib\nimportlib.import_module('devserver.build')",
        "from importlib import import_module\nimport_module('fast_preview')",
        "__import__('pelican.log')",
        "try:\n    import reach\nexcept ImportError:\n    reach = None\n",
    ],
)
def test_each_kind_of_forbidden_import_is_found(code: str) -> None:
    modules = [module for _, module in imported_modules(code)]
    assert any(m.split(".", 1)[0] in forbidden_packages() for m in modules), modules


@pytest.mark.parametrize(
    "code",
    [
        "from faces_common.jsonfiles import read_json",
        "from . import settings",
        "from .writer import Writer",
        "import sqlite3",
        "from starlette.applications import Starlette",
        "text = 'import pelican'",
    ],
)
def test_allowed_imports_pass(code: str) -> None:
    modules = [module for _, module in imported_modules(code)]
    assert not any(m.split(".", 1)[0] in forbidden_packages() for m in modules), modules
