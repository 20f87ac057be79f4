"""The golden pages' builds, made once for the tests in this folder."""

from __future__ import annotations

import pytest

from tests.golden.builds import PREVIEW, PUBLIC, SITE_URL, build_at_frozen_instant
from tests.sites import BuildRun


@pytest.fixture(scope="package")
def golden_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildRun]:
    """The public and the preview build of the sample site, both at FROZEN_INSTANT."""
    runs = {
        PUBLIC: build_at_frozen_instant(
            tmp_path_factory.mktemp("golden-public") / "output", "publish", {"SITEURL": SITE_URL}
        ),
        PREVIEW: build_at_frozen_instant(
            tmp_path_factory.mktemp("golden-preview") / "output", "build", {}
        ),
    }
    for run in runs.values():
        assert run.returncode == 0, run.log
    return runs
