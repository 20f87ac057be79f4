"""The golden normaliser and comparison: real changes show as a diff, layout changes do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden.builds import PUBLIC
from tests.golden.normalise import normalise_html
from tests.golden.snapshots import (
    UPDATE_COMMAND,
    UPDATE_VARIABLE,
    compare,
    obsolete_snapshots,
    readable_diff,
    remove_or_refuse,
)
from tests.sites import BuildRun

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Velo &amp; Werk</title></head>
<body><nav aria-label="Hauptnavigation" class="site-nav"><a href="/?a=1&amp;b=2">Start</a></nav>
<p class="lead">Tom &amp; Jerry &lt;3</p>
<img src="/menschen/fotos/lea-0123456789abcdef-96.jpg" alt="">
<meta property="og:image" content="/menschen/karten/lea-2da82f5243f0.jpg">
<pre><code>a  =  1
  b</code></pre></body></html>
"""

# Each change a reader (or a screen reader, or a browser's parser) would notice.
VISIBLE_CHANGES = [
    pytest.param("Tom &amp; Jerry", "Tom & Jerry", "Tom & Jerry", id="raw-ampersand-in-text"),
    pytest.param("&lt;3", "<3", "<3", id="raw-less-than-in-text"),
    pytest.param("a=1&amp;b=2", "a=1&b=2", 'href="/?a=1&b=2"', id="raw-ampersand-in-attribute"),
    pytest.param(
        ' aria-label="Hauptnavigation"', "", '<nav class="site-nav">', id="attribute-removed"
    ),
    pytest.param('alt=""', 'alt="Lea"', 'alt="Lea"', id="attribute-value-changed"),
    pytest.param("<p class", "<div class", "<div", id="tag-renamed"),
    pytest.param("Start", "Anfang", "Anfang", id="text-changed"),
    pytest.param("a  =  1", "a = 1", "|a = 1", id="whitespace-inside-pre"),
    pytest.param("Velo &amp; Werk", "Velo &amp;amp; Werk", "&amp;amp;", id="double-escaped"),
]

# Changes of template layout only: the browser builds the same page from both.
LAYOUT_CHANGES = [
    pytest.param("<p class", "\n\n   <p   class", id="whitespace-between-tags"),
    pytest.param("Tom &amp; Jerry", "Tom\n   &amp;   Jerry", id="whitespace-inside-text"),
    pytest.param(
        '<nav aria-label="Hauptnavigation" class="site-nav">',
        "<nav class='site-nav' aria-label='Hauptnavigation'>",
        id="attribute-order-and-quotes",
    ),
    pytest.param("0123456789abcdef", "fedcba9876543210", id="photo-content-hash"),
    pytest.param("2da82f5243f0", "c20d67d05c43", id="social-card-content-hash"),
]


def _changed(old: str, new: str) -> str:
    assert old in PAGE, f"the sample page has no {old!r}"
    return PAGE.replace(old, new, 1)


@pytest.mark.parametrize(("old", "new", "shown"), VISIBLE_CHANGES)
def test_a_visible_change_fails_with_a_diff_that_shows_it(
    tmp_path: Path, old: str, new: str, shown: str
) -> None:
    compare("sample", normalise_html(PAGE), update=True, folder=tmp_path)
    result = compare("sample", normalise_html(_changed(old, new)), update=False, folder=tmp_path)
    assert result.problem is not None
    added = [line for line in result.problem.splitlines() if line.startswith("+ ")]
    assert any(shown in line for line in added), result.problem
    assert UPDATE_COMMAND in result.problem


@pytest.mark.parametrize(("old", "new"), LAYOUT_CHANGES)
def test_a_layout_change_passes(old: str, new: str) -> None:
    assert normalise_html(_changed(old, new)) == normalise_html(PAGE)


def test_the_normalised_page_is_one_tag_or_text_per_line_with_escaping_as_written() -> None:
    assert normalise_html(PAGE).splitlines() == [
        "<!DOCTYPE html>",
        '<html lang="de">',
        "  <head>",
        '    <meta charset="utf-8">',
        "    <title>",
        "      Velo &amp; Werk",
        "    </title>",
        "  </head>",
        "  <body>",
        '    <nav aria-label="Hauptnavigation" class="site-nav">',
        '      <a href="/?a=1&amp;b=2">',
        "        Start",
        "      </a>",
        "    </nav>",
        '    <p class="lead">',
        "      Tom &amp; Jerry &lt;3",
        "    </p>",
        '    <img alt="" src="/menschen/fotos/lea-{hash}-96.jpg">',
        '    <meta content="/menschen/karten/lea-{hash}.jpg" property="og:image">',
        "    <pre>",
        "      <code>",
        "        |a  =  1",
        "        |  b",
        "      </code>",
        "    </pre>",
        "  </body>",
        "</html>",
    ]


POLL_LABEL = '<span class="poll__option-label">Salatbar mit Gemüse von der Insel Reichenau</span>'
POLL_POST = "2026/ideen-fuer-die-kantine-was-setzen-wir-2027-zuerst-um/index.html"


def test_a_built_page_with_a_raw_ampersand_and_a_lost_attribute_fails(
    golden_builds: dict[str, BuildRun], tmp_path: Path
) -> None:
    page = (golden_builds[PUBLIC].output / POLL_POST).read_text(encoding="utf-8")
    compare("post-poll", normalise_html(page), update=True, folder=tmp_path)
    assert POLL_LABEL in page and ' class="poll__question"' in page
    broken = page.replace(POLL_LABEL, POLL_LABEL.replace(" mit ", " & "), 1)
    broken = broken.replace(' class="poll__question"', "", 1)
    result = compare("post-poll", normalise_html(broken), update=False, folder=tmp_path)
    assert result.problem is not None
    diff = result.problem.splitlines()
    added = [line[1:].strip() for line in diff if line.startswith("+")]
    assert "Salatbar & Gemüse von der Insel Reichenau" in added
    assert any(line.startswith("-") and 'class="poll__question"' in line for line in diff)


def test_a_long_diff_is_cut_to_a_readable_length() -> None:
    expected = "".join(f"<p>\n  {n}\n</p>\n" for n in range(200))
    message = readable_diff("long", expected, expected.replace("  ", "    "), limit=30)
    lines = message.splitlines()
    assert len(lines) == 1 + 30 + 2
    assert lines[-2].startswith("... ") and lines[-2].endswith("more diff lines not shown")
    assert lines[-1] == f"If the change is intended, accept it with: {UPDATE_COMMAND}"


def test_update_writes_a_changed_or_missing_snapshot_once(tmp_path: Path) -> None:
    first = compare("page", "<p>\n", update=True, folder=tmp_path)
    again = compare("page", "<p>\n", update=True, folder=tmp_path)
    changed = compare("page", "<div>\n", update=True, folder=tmp_path)
    assert (first.updated, again.updated, changed.updated) == (True, False, True)
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == "<div>\n"
    assert compare("page", "<div>\n", update=False, folder=tmp_path).problem is None


def test_a_missing_snapshot_fails_and_names_the_command(tmp_path: Path) -> None:
    result = compare("new-page-type", "<p>\n", update=False, folder=tmp_path)
    assert result.problem is not None
    assert "no golden snapshot yet" in result.problem and UPDATE_COMMAND in result.problem
    assert not (tmp_path / "new-page-type.html").exists()


def test_snapshots_without_a_page_type_are_found(tmp_path: Path) -> None:
    for name in ("home", "search"):
        (tmp_path / f"{name}.html").write_text("<p>\n", encoding="utf-8")
    assert obsolete_snapshots({"home"}, tmp_path) == [tmp_path / "search.html"]


def test_a_leftover_snapshot_fails_naming_it_and_goes_only_on_an_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leftover = tmp_path / "search.html"
    leftover.write_text("<p>\n", encoding="utf-8")
    removed: list[str] = []
    monkeypatch.delenv(UPDATE_VARIABLE, raising=False)
    with pytest.raises(pytest.fail.Exception) as failed:
        remove_or_refuse([leftover], removed, what="snapshots", table="PAGES")
    assert "snapshots without an entry in PAGES: ['search.html']" in str(failed.value)
    assert UPDATE_COMMAND in str(failed.value) and leftover.exists() and removed == []
    remove_or_refuse([], removed, what="snapshots", table="PAGES")  # nothing left: passes
    monkeypatch.setenv(UPDATE_VARIABLE, "1")
    remove_or_refuse([leftover], removed, what="snapshots", table="PAGES")
    assert not leftover.exists() and removed == ["search (removed)"]


def test_a_page_with_the_reserved_character_is_refused() -> None:
    with pytest.raises(ValueError, match="U\\+E000"):
        normalise_html("<p>\ue000</p>")
