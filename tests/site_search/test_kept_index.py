"""The pages the index is made from: found, ordered and digested as the kept index expects."""

from __future__ import annotations

from pathlib import Path

from site_search.kept_index import html_files, indexed_pages, page_digest, pages_digest

MARKED = "<html><body><main data-pagefind-body><h1>{0}</h1></main></body></html>"
PLAIN = "<html><body><h1>{0}</h1></body></html>"


def _write(output: Path, pages: dict[str, str]) -> None:
    for relative, text in pages.items():
        (output / relative).parent.mkdir(parents=True, exist_ok=True)
        (output / relative).write_text(text, encoding="utf-8")


def test_pages_come_in_the_order_of_their_sorted_paths_without_the_index_folder(
    tmp_path: Path,
) -> None:
    # "a/b" before "a-b": part by part, as sorted Path objects ('-' sorts before '/' in text).
    _write(
        tmp_path,
        {
            "a-b/index.html": "x",
            "a/b/index.html": "x",
            "index.html": "x",
            "feed.xml": "x",
            "pagefind/playground/index.html": "x",
        },
    )
    (tmp_path / "folder.html").mkdir()
    found = html_files(tmp_path, tmp_path / "pagefind")
    assert found == ["a/b/index.html", "a-b/index.html", "index.html"]
    by_path = sorted(tmp_path.rglob("*.html"))
    expected = [p.relative_to(tmp_path).as_posix() for p in by_path if p.is_file()]
    assert found == [r for r in expected if not r.startswith("pagefind/")]


def test_only_marked_pages_are_indexed_and_digested_once_one_page_is_marked(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path,
        {
            "b/index.html": MARKED.format("Bremse"),
            "a/index.html": MARKED.format("Akku"),
            "tag/index.html": PLAIN.format("Liste"),
        },
    )
    pages = indexed_pages(tmp_path, tmp_path / "pagefind", b"id")
    assert pages.relatives == ["a/index.html", "b/index.html"]
    digests = [page_digest(MARKED.format(word).encode()) for word in ("Akku", "Bremse")]
    assert pages.page_digests == tuple(digests)
    assert pages.digest == pages_digest(b"id", list(zip(pages.relatives, digests, strict=True)))


def test_without_a_marked_page_every_page_is_indexed_and_digested(tmp_path: Path) -> None:
    _write(tmp_path, {"b/index.html": PLAIN.format("B"), "a/index.html": PLAIN.format("A")})
    pages = indexed_pages(tmp_path, tmp_path / "pagefind", b"id")
    assert pages.relatives == ["a/index.html", "b/index.html"]
    assert pages.page_digests == tuple(page_digest(PLAIN.format(w).encode()) for w in "AB")


def test_pages_of_any_size_are_digested_as_their_bytes(tmp_path: Path) -> None:
    # Read into one buffer that grows: a page past its first size, then smaller ones after it.
    pages = {
        "a/index.html": MARKED.format("a"),
        "b/index.html": MARKED.format("b" * 200_000),
        "c/index.html": MARKED.format("c"),
        "d/index.html": PLAIN.format("d" * 70_000),
        "e/index.html": "",
    }
    _write(tmp_path, pages)
    found = indexed_pages(tmp_path, tmp_path / "pagefind", b"identity")
    marked = ["a/index.html", "b/index.html", "c/index.html"]
    assert found.relatives == marked
    assert list(found.page_digests) == [page_digest(pages[r].encode()) for r in marked]
    unmarked = indexed_pages(tmp_path / "d", tmp_path / "pagefind", b"identity")
    assert list(unmarked.page_digests) == [page_digest(pages["d/index.html"].encode())]
