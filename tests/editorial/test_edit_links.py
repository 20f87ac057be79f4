"""The "suggest a change" link: the file's address in the repository's web editor."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from editorial.review.edit_links import edit_url

from tests.minisite import make_site
from tests.sites import BuildRun, run_build

SETTINGS = {
    "EDITORIAL_REPOSITORY_URL": "https://github.com/seewerk/blog/",
    "EDITORIAL_REPOSITORY_BRANCH": "main",
    "EDITORIAL_EDIT_URL": "{repository}/edit/{branch}/{path}",
    "EDITORIAL_REPOSITORY_ROOT": None,
    "PATH": "/srv/blog/content",
}


@pytest.mark.parametrize(
    ("changes", "item", "expected"),
    [
        ({}, SimpleNamespace(source_path="/srv/blog/content/posts/2026/x.md"),
         "https://github.com/seewerk/blog/edit/main/content/posts/2026/x.md"),
        ({}, "/srv/blog/content/authors/miriam-keller.md",
         "https://github.com/seewerk/blog/edit/main/content/authors/miriam-keller.md"),
        ({"EDITORIAL_REPOSITORY_URL": "https://gitlab.example/seewerk/blog",
          "EDITORIAL_EDIT_URL": "{repository}/-/edit/{branch}/{path}",
          "EDITORIAL_REPOSITORY_BRANCH": "live"},
         SimpleNamespace(path=Path("/srv/blog/content/pages/impressum.md")),
         "https://gitlab.example/seewerk/blog/-/edit/live/content/pages/impressum.md"),
        ({"EDITORIAL_REPOSITORY_ROOT": "/srv"}, "/srv/blog/content/posts/y.md",
         "https://github.com/seewerk/blog/edit/main/blog/content/posts/y.md"),
        ({"EDITORIAL_REPOSITORY_URL": None}, "/srv/blog/content/posts/y.md", ""),
        ({}, SimpleNamespace(), ""),
    ],
)  # fmt: skip
def test_edit_url(changes: dict[str, object], item: object, expected: str) -> None:
    assert edit_url({**SETTINGS, **changes}, item) == expected


def test_every_post_links_to_its_file_when_a_repository_is_set(tmp_path: Path) -> None:
    settings = make_site(
        tmp_path,
        {},
        extra_settings='EDITORIAL_REPOSITORY_URL = "https://github.com/seewerk/blog"\n',
    )
    run = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path)
    assert run.returncode == 0, run.log
    [link] = run.html("2026/ein-guter-beitrag/index.html").select(".suggest-change a")
    assert link["href"] == "https://github.com/seewerk/blog/edit/main/content/posts/good.md"
    assert link["rel"] == ["nofollow"]
    assert link.get_text() == "Änderung vorschlagen"


def test_no_link_without_a_repository(preview_site: BuildRun) -> None:
    posts = [p for p in preview_site.pages() if p.parts[0].isdigit()]
    assert posts
    assert not preview_site.html(str(posts[0])).select(".suggest-change")
