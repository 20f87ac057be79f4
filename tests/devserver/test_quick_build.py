"""The preview's quick step: only the edited post's page, learnt from fast_preview's signal."""

from __future__ import annotations

from pathlib import Path

from fast_preview import page_written

from devserver.preview_builds import quick_build
from tests.minisite import GOOD_POST, make_site

GOOD_PAGE = "2026/ein-guter-beitrag/index.html"


def test_the_quick_step_writes_and_names_only_the_edited_page(tmp_path: Path) -> None:
    second = GOOD_POST.replace("Ein guter Beitrag", "Der zweite Beitrag")
    settings = make_site(tmp_path, {"zweiter.md": second})
    output = tmp_path / "output"
    source = tmp_path / "content" / "posts" / "good.md"
    result, written = quick_build(str(settings), str(output), [str(source)])
    assert not result.failed
    assert written == [GOOD_PAGE]
    # A quick step that fell back to a full build would have written the front page too.
    assert {str(p.relative_to(output)) for p in output.rglob("*.html")} == {GOOD_PAGE}
    # The preview listened for this build only.
    assert not page_written.receivers
