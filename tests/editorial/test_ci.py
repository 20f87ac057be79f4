"""The CI templates run the same commands as people do, in the right order."""

from __future__ import annotations

import subprocess
from typing import Any

import yaml

from tests.sites import ROOT


def _load(path: str) -> dict[Any, Any]:
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def _runs(job: dict[str, Any]) -> list[str]:
    return [step.get("run") or step.get("uses", "") for step in job["steps"]]


def test_pull_requests_check_build_linkcheck_and_upload() -> None:
    workflow = _load(".github/workflows/pull-request.yml")
    assert "pull_request" in workflow[True]  # YAML reads the key `on` as True
    [job] = workflow["jobs"].values()
    runs = _runs(job)
    order = [
        "uv run invoke check --format github",
        "uv run invoke publish",
        "uv run invoke linkcheck",
        "actions/upload-artifact@v4",
    ]
    positions = [next(i for i, run in enumerate(runs) if run.startswith(o)) for o in order]
    assert positions == sorted(positions)
    assert job["env"]["SITEURL"] == "http://127.0.0.1:8000"
    assert "python -m pip install --quiet uv" in runs


def test_main_and_a_daily_schedule_publish_to_github_pages() -> None:
    workflow = _load(".github/workflows/publish.yml")
    triggers = workflow[True]
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"] == [{"cron": "7 4 * * *"}]
    build = _runs(workflow["jobs"]["build"])
    assert "uv run invoke check --format github" in build
    assert "uv run invoke publish" in build and "uv run invoke linkcheck" in build
    assert "actions/upload-pages-artifact@v3" in build
    assert _runs(workflow["jobs"]["deploy"]) == ["actions/deploy-pages@v4"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_gitlab_reports_code_quality_previews_and_publishes_pages() -> None:
    pipeline = _load(".gitlab-ci.yml")
    check = pipeline["check"]
    assert check["script"] == [
        "uv run invoke check --format gitlab --output gl-code-quality-report.json"
    ]
    assert check["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert pipeline["preview"]["script"][:2] == ["uv run invoke publish", "uv run invoke linkcheck"]
    assert "output/" in pipeline["preview"]["artifacts"]["paths"]
    pages = pipeline["pages"]
    assert "uv run invoke publish --output public" in pages["script"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in pages["rules"]


def test_every_template_keeps_the_image_caches_between_builds() -> None:
    # Without them every CI build processes every photo and draws every card again.
    from pelicanconf import CACHE_PATH

    for path in (".github/workflows/pull-request.yml", ".github/workflows/publish.yml"):
        steps = next(iter(_load(path)["jobs"].values()))["steps"]
        cached = [s["with"]["path"] for s in steps if s.get("uses") == "actions/cache@v4"]
        assert cached == [CACHE_PATH], path
        restore = next(i for i, s in enumerate(steps) if s.get("uses") == "actions/cache@v4")
        build = next(i for i, s in enumerate(steps) if s.get("run") == "uv run invoke publish")
        assert restore < build, path
    caches = _load(".gitlab-ci.yml")["default"]["cache"]
    assert any(cache["paths"] == [CACHE_PATH] for cache in caches)


def test_the_code_quality_report_written_by_default_is_ignored_by_git() -> None:
    from editorial.checks.command import GITLAB_REPORT

    pipeline = _load(".gitlab-ci.yml")
    assert pipeline["check"]["artifacts"]["reports"]["codequality"] == GITLAB_REPORT
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--verbose", GITLAB_REPORT],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert ignored.returncode == 0, f"{GITLAB_REPORT} would show up in git status"
    assert ignored.stdout.startswith(".gitignore:")
