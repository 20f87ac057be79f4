"""The link check of the built site: every internal address resolves to a file, without network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from editorial.review.linkcheck import BrokenLink, check_output

from tests.sites import BuildRun, run_invoke

PAGE = """<!DOCTYPE html>
<html><head><link rel="stylesheet" href="{base}/theme/site.css"></head>
<body id="top">
<a href="{base}/a/">fine</a> <a href="{base}/missing/">missing</a>
<a href="b.html#x">fine</a> <a href="b.html#nope">no id</a> <a href="#top">fine</a>
<a href="https://example.com/nowhere">other site</a> <a href="mailto:a@example.com">mail</a>
<form action="{base}/api/vote"></form>
<img src="{base}/img/a.png" srcset="{base}/img/a.png 1x, {base}/img/gone.png 2x" alt="">
</body></html>
"""


def _site(folder: Path, base: str) -> Path:
    (folder / "a").mkdir(parents=True)
    (folder / "img").mkdir()
    (folder / "theme").mkdir()
    (folder / "index.html").write_text(PAGE.format(base=base), encoding="utf-8")
    (folder / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    (folder / "b.html").write_text('<h2 id="x">x</h2>', encoding="utf-8")
    (folder / "img" / "a.png").write_bytes(b"png")
    (folder / "theme" / "site.css").write_text("", encoding="utf-8")
    return folder


def test_root_relative_links_in_the_preview(tmp_path: Path) -> None:
    broken = check_output(_site(tmp_path, ""), "", ["/api/"])
    assert broken == [
        BrokenLink("index.html", 4, "/missing/", "no file missing/index.html"),
        BrokenLink("index.html", 5, "b.html#nope", "no id #nope in b.html"),
        BrokenLink("index.html", 8, "/img/gone.png", "no file img/gone.png"),
    ]


def test_absolute_links_under_a_sub_path(tmp_path: Path) -> None:
    base = "https://blog.seewerk.example/blog"
    broken = check_output(_site(tmp_path, base), base, ["/api/"])
    assert [(b.url, b.reason) for b in broken] == [
        (f"{base}/missing/", "no file missing/index.html"),
        ("b.html#nope", "no id #nope in b.html"),
        (f"{base}/img/gone.png", "no file img/gone.png"),
    ]
    assert broken[0].format() == (
        f"index.html:4: broken link {base}/missing/ (no file missing/index.html)"
    )


def test_the_published_sample_site_has_no_broken_links(public_site: BuildRun) -> None:
    broken = check_output(public_site.output, "https://blog.seewerk.example/blog", ["/api/"])
    assert [b.format() for b in broken] == []


def test_invoke_linkcheck_fails_on_a_broken_link(tmp_path: Path) -> None:
    base = "https://blog.seewerk.example/blog"
    _site(tmp_path / "site", base)
    completed = run_invoke(
        "linkcheck", "--output", str(tmp_path / "site"), env={**os.environ, "SITEURL": base}
    )
    assert completed.returncode == 1, completed.stderr
    assert f"index.html:4: broken link {base}/missing/" in completed.stdout
    assert completed.stdout.strip().endswith(
        f"3 broken link(s) in 3 page(s) under {tmp_path}/site."
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "de_CH",
            "{output}: Diesen Ordner gibt es nicht. Bauen Sie die Website zuerst "
            "(uv run invoke publish) oder nennen Sie den gebauten Ordner mit --output.\n",
        ),
        (
            "en_GB",
            "{output}: there is no such folder. Build the site first (uv run invoke publish) "
            "or name the built folder with --output.\n",
        ),
    ],
)
def test_invoke_linkcheck_without_a_built_site_says_so_in_the_report_language(
    tmp_path: Path, locale: str, expected: str
) -> None:
    missing = str(tmp_path / "nicht gebaut")
    completed = run_invoke(
        "linkcheck",
        "--output",
        missing,
        env={**os.environ, "SITEURL": "https://blog.example.com", "FACES_LOCALE": locale},
    )
    result = (completed.returncode, completed.stdout, completed.stderr)
    assert result == (2, "", expected.format(output=missing))
