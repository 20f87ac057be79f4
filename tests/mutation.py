"""Mutation testing with mutmut: one target (backend defences, photos, checker) in minutes.

mutmut names a mutant after its file's path (`plugins/content_checks/rules.py` becomes
`plugins.content_checks.rules`), but our tests import plugins as top-level packages
(`content_checks.rules`, because pytest puts `plugins` on the path), so mutmut would record no
test for any plugin mutant. The run therefore happens in a staging copy of the repository
where each plugin package also sits at the top level and pytest's path is only `.`; the copy
under `plugins/` stays for Pelican builds that tests start. Nothing in the worktree changes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STAGING = REPO / ".cache" / "mutation"
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", ".cache", "output*", "mutants", "__pycache__", "*.sqlite3*"
)


@dataclass(frozen=True)
class Target:
    """What to mutate and the focused tests that should kill it."""

    source_paths: tuple[str, ...]
    mutate: tuple[str, ...]
    tests: tuple[str, ...]


TARGETS = {
    "backend": Target(
        source_paths=("faces_backend",),
        mutate=(
            "faces_backend/http/identity.py",
            "faces_backend/http/origins.py",
            "faces_backend/http/ratelimit.py",
            "faces_backend/http/forms.py",
            "faces_backend/http/bots.py",
            "faces_backend/http/gate.py",
            "faces_backend/polls/form.py",
            "faces_backend/polls/suggestions.py",
        ),
        tests=(
            "tests/backend/test_identity.py",
            "tests/backend/test_origins.py",
            "tests/backend/test_ratelimit.py",
            "tests/backend/test_forms.py",
            "tests/backend/test_gate.py",
            "tests/backend/test_suggestions.py",
            "tests/backend/test_voting.py",
            "tests/backend/test_routes.py",
            "tests/backend/test_shared_address.py",
            "tests/backend/test_input_hygiene.py",
            "tests/backend/test_defence_edges.py",
            "tests/backend/test_ratelimit_bound.py",
            "tests/backend/test_identity_edges.py",
            "tests/reach/test_counter.py",
        ),
    ),
    "photos": Target(
        source_paths=("author_profiles", "clean_images"),
        # The decode/crop/size steps of portraits and the judgement and re-encoding of every
        # other image the build writes: where metadata could slip through.
        mutate=(
            "author_profiles/photos/render.py",
            "author_profiles/photos/pipeline.py",
            "clean_images/verdict.py",
            "clean_images/encode.py",
        ),
        tests=(
            "tests/author_profiles/test_photos.py",
            "tests/author_profiles/test_portraits.py",
            "tests/clean_images/test_clean.py",
        ),
    ),
    "checker": Target(
        source_paths=("content_checks", "editorial"),
        mutate=("content_checks/rules.py", "editorial/checks/checker.py"),
        tests=(
            "tests/content_checks/test_rules.py",
            "tests/content_checks/test_header_properties.py",
            "tests/editorial/test_checker.py",
        ),
    ),
}


def stage(target: Target, staging: Path) -> Path:
    """Copy the repository to a fresh staging folder with the plugins at the top level."""
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(REPO, staging, ignore=NOT_COPIED)
    for plugin in (REPO / "plugins").iterdir():
        if plugin.is_dir() and (plugin / "__init__.py").exists():
            shutil.copytree(plugin, staging / plugin.name, ignore=NOT_COPIED)
    pyproject = staging / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text, replaced = re.subn(r'pythonpath = \["\.", "plugins"\]', 'pythonpath = ["."]', text)
    if replaced != 1:
        raise SystemExit("mutation: pyproject.toml no longer sets pythonpath as expected")
    # mutmut copies only the sources and tests/ into mutants/; the tests also need the site
    # settings, content, theme and the unmutated plugins/ that Pelican builds load.
    rest = tuple(sorted(p.name for p in staging.iterdir() if p.name not in target.source_paths))
    pyproject.write_text(text + mutmut_config(target, rest), encoding="utf-8")
    return staging


def toml_list(items: tuple[str, ...]) -> str:
    """A TOML array of strings."""
    return json.dumps(list(items))


def mutmut_config(target: Target, also_copy: tuple[str, ...]) -> str:
    """The [tool.mutmut] table for one target."""
    return (
        "\n[tool.mutmut]\n"
        f"source_paths = {toml_list(target.source_paths)}\n"
        f"also_copy = {toml_list(also_copy)}\n"
        f"only_mutate = {toml_list(target.mutate)}\n"
        f"pytest_add_cli_args_test_selection = {toml_list(target.tests)}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-m", "not browser"]\n'
    )


def run(name: str, max_children: int) -> int:
    """Stage and run mutmut for one target; print the score and the surviving mutants."""
    if name not in TARGETS:
        raise SystemExit(f"mutation: unknown target {name!r}; choose one of {', '.join(TARGETS)}")
    staging = stage(TARGETS[name], STAGING / name)
    mutmut = [sys.executable, "-m", "mutmut"]
    code = subprocess.run(
        [*mutmut, "run", "--max-children", str(max_children)], cwd=staging
    ).returncode
    if code:
        return code
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=staging, check=True)
    stats = json.loads((staging / "mutants" / "mutmut-cicd-stats.json").read_text())
    print(f"\nmutation {name}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    print(f"surviving mutants: cd {staging} && uv run mutmut results / mutmut show NAME")
    subprocess.run([*mutmut, "results"], cwd=staging, check=True)
    return 0
