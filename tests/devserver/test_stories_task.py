"""`invoke stories`: the task runs the backend command with the build's profile list."""

from __future__ import annotations

import json
from pathlib import Path

from faces_backend.store.schema import open_database
from tests.sites import env_without_faces, run_invoke


def test_the_task_checks_the_editor_against_the_built_profiles(tmp_path: Path) -> None:
    db = tmp_path / "faces.sqlite3"
    open_database(db).close()
    manifest = tmp_path / "stories.json"
    manifest.write_text(json.dumps({"version": 1, "profiles": ["anna-muster"]}), encoding="utf-8")
    options = ["--db", str(db), "--manifest", str(manifest)]
    unknown = run_invoke(
        "stories",
        "accept",
        "--id",
        "s-000000000000",
        "--editor",
        "nobody",
        *options,
        env=env_without_faces(),
    )
    assert unknown.returncode == 1
    assert (
        "'nobody' ist kein Profil dieser Website. Bekannte Profile: anna-muster." in unknown.stderr
    )
    assert "Traceback" not in unknown.stderr
