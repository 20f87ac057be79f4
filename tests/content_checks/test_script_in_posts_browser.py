"""A preview build (not strict) of posts with script: no page runs any of it in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.content_checks.bad_posts import POSTS
from tests.minisite import make_site
from tests.servers import free_port, serve_static
from tests.sites import run_build

pytestmark = pytest.mark.browser

SCRIPTED = ("skript.md", "skript.html", "skript.rst", "ueber-html.md")


def test_no_built_page_runs_author_script(tmp_path: Path, browser: Any) -> None:
    settings = make_site(tmp_path, {})
    for name in SCRIPTED:
        (tmp_path / "content" / "posts" / name).write_text(str(POSTS[name]), encoding="utf-8")
    run = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path)
    assert run.returncode == 0, run.log
    pages = sorted(run.output.rglob("*.html"))
    assert any("ueber-html" in str(p) or "uber-html" in str(p) for p in pages)
    with serve_static(run.output, free_port()) as url:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(url + path.relative_to(run.output).as_posix(), wait_until="load")
            # Each hostile post sets window.pwned when its script, handler or link runs.
            assert page.evaluate("window.pwned") is None, path
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.protocol)")
            assert "javascript:" not in hrefs, path
            frames = page.eval_on_selector_all("iframe", "frames => frames.map(f => f.src)")
            assert not [f for f in frames if "evil.example" in f], path
        post = next(p for p in pages if "html" in p.parent.name and "ber-html" in p.parent.name)
        page.goto(url + post.relative_to(run.output).as_posix(), wait_until="load")
        # The post about HTML shows its example as text.
        assert "<script>window.pwned = 5</script>" in page.inner_text("pre")
        assert dialogs == []
