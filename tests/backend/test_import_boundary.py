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
    ("code", "forbidden"),
    [
        # Each kind of import of a build-side package is found.
        ("import pelican", True),
        ("from pelican.settings import read_settings", True),
        ("from devserver.server import serve_preview", True),
        ("import devserver.build as build", True),
        ("import idea_polls.manifest", True),
        ("def later():\n    from content_checks.rules import check_source\n", True),
        ("import importlib\nimportlib.import_module('devserver.build')", True),
        ("from importlib import import_module\nimport_module('fast_preview')", True),
        ("__import__('pelican.log')", True),
        ("try:\n    import reach\nexcept ImportError:\n    reach = None\n", True),
        # The kernel, the backend's own modules, the standard library and text pass.
        ("from faces_common.jsonfiles import read_json", False),
        ("from . import settings", False),
        ("from .writer import Writer", False),
        ("import sqlite3", False),
        ("from starlette.applications import Starlette", False),
        ("text = 'import pelican'", False),
    ],
)
def test_each_kind_of_import_is_judged(code: str, forbidden: bool) -> None:
    modules = [module for _, module in imported_modules(code)]
    found = [m for m in modules if m.split(".", 1)[0] in forbidden_packages()]
    assert bool(found) == forbidden, f"{code!r}: {modules}"


# Inside the backend: the shared layers never import a feature, and features never each other.
BACKEND = REPO / "faces_backend"
LAYERS = {"store": {"store"}, "http": {"http", "store"}}
# Above the features, like cli.py: one pull merges what several features stored.
ABOVE_FEATURES = {"pulls"}


def backend_packages() -> set[str]:
    """The sub-packages of faces_backend: the shared layers, the features, pulls."""
    return {p.parent.name for p in BACKEND.glob("*/__init__.py")}


def features() -> set[str]:
    """Every sub-package that is neither a shared layer nor above the features."""
    return backend_packages() - set(LAYERS) - ABOVE_FEATURES


def allowed_parts(package: str) -> set[str] | None:
    """The faces_backend sub-packages `package` may import; None for no rule (root, pulls)."""
    if package in LAYERS:
        return LAYERS[package]
    if package in features():
        return {package, *LAYERS}
    return None


def crossing(package: str, module: str) -> bool:
    """Whether code in faces_backend/<package> importing `module` breaks the layering."""
    allowed = allowed_parts(package)
    parts = module.split(".")
    if allowed is None or parts[0] != "faces_backend":
        return False
    # `faces_backend` itself and its root modules (app, backend, cli) sit above everything.
    return len(parts) < 2 or parts[1] not in allowed


def layering_violations() -> list[str]:
    """'file:line: imports module' for each import across the backend's layers."""
    found = []
    for path in sorted(BACKEND.rglob("*.py")):
        relative = path.relative_to(BACKEND)
        if len(relative.parts) < 2:
            continue
        source = path.read_text(encoding="utf-8")
        for line, module in imported_modules(source):
            if crossing(relative.parts[0], module):
                found.append(f"{path.relative_to(REPO)}:{line}: imports {module}")
    return found


def test_the_backend_has_its_shared_layers_and_features() -> None:
    assert {"http", "store", "polls", "views", "pulls"} <= backend_packages()
    assert {"polls", "views", "comments"} <= features()


def test_features_import_only_http_and_store_and_the_layers_no_feature() -> None:
    assert layering_violations() == []


@pytest.mark.parametrize(
    ("package", "module", "crosses"),
    [
        ("polls", "faces_backend.views.counter", True),
        ("views", "faces_backend.polls.manifest", True),
        ("polls", "faces_backend.backend", True),
        ("polls", "faces_backend.app", True),
        ("polls", "faces_backend", True),
        ("views", "faces_backend.pulls.merge", True),
        ("http", "faces_backend.polls.ballots", True),
        ("http", "faces_backend.cli", True),
        ("store", "faces_backend.http.settings", True),
        ("polls", "faces_backend.http.gate", False),
        ("polls", "faces_backend.store", False),
        ("views", "faces_backend.views.window", False),
        ("http", "faces_backend.store.schema", False),
        ("pulls", "faces_backend.polls.manifest", False),
        ("polls", "sqlite3", False),
    ],
)
def test_each_kind_of_crossing_is_found(package: str, module: str, crosses: bool) -> None:
    assert crossing(package, module) is crosses
