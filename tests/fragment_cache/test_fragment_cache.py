"""fragment_cache: one rendering per card and build, the same pages as without it, never stale."""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import fragment_cache.plugin as plugin
import pytest
from bs4 import BeautifulSoup
from fragment_cache import forget_fragments
from fragment_cache.plugin import DEFAULTS, apply_defaults, cached_for, install
from jinja2 import Environment
from markupsafe import Markup
from pelican.settings import DEFAULT_CONFIG

from devserver.build import build
from tests.minisite import GOOD_POST, make_site
from tests.readme import documented_settings

SECOND_POST = (
    GOOD_POST.replace("Title: Ein guter Beitrag", "Title: Zweiter Beitrag")
    .replace("2026-03-14", "2026-03-20")
    .replace("Category: Technik", "Category: Technik\nTags: Velo, Werkstatt")
)


def _pages(output: Path) -> dict[str, str]:
    return {
        str(p.relative_to(output)): p.read_text(encoding="utf-8") for p in output.rglob("*.html")
    }


def _card_titles(output: Path, relative: str) -> list[str]:
    soup = BeautifulSoup((output / relative).read_text(encoding="utf-8"), "html.parser")
    return [h.get_text(strip=True) for h in soup.select("article.card .card__title")]


def test_a_card_is_rendered_once_per_key() -> None:
    renderings: list[int] = []

    def caller() -> str:
        renderings.append(1)
        return f"<article>{len(renderings)}</article>"

    cached = cached_for({})
    first = cached("article_card", "posts/a.md", "", caller=caller)
    again = cached("article_card", "posts/a.md", "", caller=caller)
    other = cached("article_card", "posts/b.md", "", caller=caller)
    assert (first, again, other) == (
        "<article>1</article>",
        "<article>1</article>",
        "<article>2</article>",
    )
    assert len(renderings) == 2


def test_disabled_renders_every_time() -> None:
    calls: list[int] = []
    cached = cached_for(None)
    for _ in range(3):
        cached("article_card", "posts/a.md", "", caller=lambda: calls.append(1) or "x")
    assert len(calls) == 3


def test_a_build_renders_each_card_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple] = []
    rendered: list[tuple] = []
    real = plugin.cached_for

    def counting(store: plugin.Store | None) -> Callable[..., Any]:
        cached = real(store)

        def wrapper(*key: Hashable, caller: Callable[[], Any]) -> Any:
            asked.append(key)
            return cached(*key, caller=lambda: rendered.append(key) or caller())

        return wrapper

    monkeypatch.setattr(plugin, "cached_for", counting)
    settings = make_site(tmp_path, {"zweiter.md": SECOND_POST})
    # Counted in this process: parallel_write would render the listings in a forked one.
    overrides = {"OUTPUT_PATH": str(tmp_path / "output"), "PARALLEL_WRITE_PROCESSES": 1}
    assert not build(str(settings), overrides).failed
    cards = [key for key in asked if key[0] == "article_card"]
    # Index, category, two tags and the author's page list the second post.
    assert sum(1 for key in cards if key[1].endswith("zweiter.md")) >= 5
    assert sorted(key[1].rsplit("/", 1)[1] for key in rendered if key[0] == "article_card") == [
        "good.md",
        "zweiter.md",
    ]


def test_pages_are_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    settings = make_site(tmp_path, {"zweiter.md": SECOND_POST})
    with_cache = build(str(settings), {"OUTPUT_PATH": str(tmp_path / "with")})
    without = build(
        str(settings),
        {"OUTPUT_PATH": str(tmp_path / "without"), "FRAGMENT_CACHE_ENABLED": False},
    )
    assert not with_cache.failed and not without.failed
    pages = _pages(tmp_path / "with")
    assert pages == _pages(tmp_path / "without")
    # The cards stand on several listings: the index, the category and both tags.
    for listing in ("index.html", "kategorie/technik/index.html", "thema/velo/index.html"):
        assert "Zweiter Beitrag" in _card_titles(tmp_path / "with", listing), listing


def test_a_rebuild_in_the_same_process_shows_the_edited_title(tmp_path: Path) -> None:
    settings = make_site(tmp_path, {"zweiter.md": SECOND_POST})
    output = tmp_path / "output"
    assert not build(str(settings), {"OUTPUT_PATH": str(output)}).failed
    assert "Zweiter Beitrag" in _card_titles(output, "thema/velo/index.html")
    post = tmp_path / "content" / "posts" / "zweiter.md"
    post.write_text(SECOND_POST.replace("Zweiter Beitrag", "Neuer Titel"), encoding="utf-8")
    assert not build(str(settings), {"OUTPUT_PATH": str(output)}).failed
    for listing in ("index.html", "thema/velo/index.html"):
        titles = _card_titles(output, listing)
        assert "Neuer Titel" in titles and "Zweiter Beitrag" not in titles, listing


def _generator(plugins: list[str], context: dict) -> SimpleNamespace:
    settings = {"PLUGINS": plugins, "FRAGMENT_CACHE_ENABLED": True}
    return SimpleNamespace(settings=settings, context=context, env=Environment())


def test_generators_of_one_build_share_a_store_and_a_new_build_starts_empty() -> None:
    build_context: dict = {}
    articles, authors = (
        _generator(["fragment_cache"], build_context),
        _generator(["fragment_cache"], build_context),
    )
    install(articles)
    install(authors)
    articles.env.globals["cached"]("card", "a.md", caller=lambda: "first")
    assert authors.env.globals["cached"]("card", "a.md", caller=lambda: "second") == "first"
    next_build = _generator(["fragment_cache"], {})
    install(next_build)
    assert next_build.env.globals["cached"]("card", "a.md", caller=lambda: "fresh") == "fresh"


def test_a_build_without_the_plugin_gets_no_cached_global() -> None:
    # Signal receivers stay connected for the whole process once a build loaded the plugin.
    generator = _generator(["site_i18n", "seo"], {})
    install(generator)
    assert "cached" not in generator.env.globals
    assert generator.context == {}


def test_a_bad_setting_is_refused_by_name() -> None:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["FRAGMENT_CACHE_ENABLED"] = "no"
    with pytest.raises(ValueError, match="FRAGMENT_CACHE_ENABLED has value 'no'"):
        apply_defaults(SimpleNamespace(settings=settings))


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("fragment_cache", "FRAGMENT_CACHE_") == set(DEFAULTS)


def test_forgetting_drops_one_sources_fragments_or_all() -> None:
    context: dict[str, Any] = {}
    environment = SimpleNamespace(globals={})
    settings = {**DEFAULT_CONFIG, "PLUGINS": ["fragment_cache"], "FRAGMENT_CACHE_ENABLED": True}
    install(SimpleNamespace(settings=settings, context=context, env=environment))
    cached = environment.globals["cached"]
    renders: list[str] = []

    def card(text: str) -> Callable[[], str]:
        return lambda: renders.append(text) or text

    for source in ("posts/a.md", "posts/b.md"):
        cached("card", source, "", caller=card(source))
    forget_fragments(context, "posts/a.md")
    for source in ("posts/a.md", "posts/b.md"):
        cached("card", source, "", caller=card(source))
    assert renders == ["posts/a.md", "posts/b.md", "posts/a.md"]
    forget_fragments(context)
    cached("card", "posts/b.md", "", caller=card("posts/b.md"))
    assert renders[-1:] == ["posts/b.md"] and len(renders) == 4


def test_a_kept_fragment_holds_each_inline_svg_once_and_gives_the_same_html() -> None:
    face = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><title>A</title></svg>'
    other = '<svg viewBox="0 0 1 1">\n<path d="M0 0"/></svg>'
    cards = {
        "a": Markup(f'<article><a href="/a/">{face}</a> {other}<p>A</p></article>'),
        "b": Markup(f"<article>{face}<p>B</p></article>"),
        "c": Markup("<article><p>no face</p></article>"),
        "d": "<article>" + face + "</article>",  # a plain str (no autoescape) is kept as it is
    }
    store: dict[tuple[Hashable, ...], Any] = {}
    cached = cached_for(store)
    given = {
        name: cached("card", name, caller=lambda html=html: html) for name, html in cards.items()
    }
    again = {name: cached("card", name, caller=lambda: "stale") for name in cards}
    assert given == again == cards
    assert all(type(given[name]) is type(cards[name]) for name in cards)
    first, second = store[("card", "a")], store[("card", "b")]
    assert isinstance(first, tuple) and isinstance(second, tuple)
    assert first[1] == face and first[1] is second[1]
    assert store[("card", "c")] is cards["c"] and store[("card", "d")] is cards["d"]


def test_a_long_fragment_is_kept_deflated_and_given_back_the_same() -> None:
    long = Markup("<article><p>" + "Ein Satz über Velos und Menschen. " * 40 + "</p></article>")
    with_hole = Markup("<article>\0" + "x" * 300 + "</article>")
    store: dict[tuple[Hashable, ...], Any] = {}
    cached = cached_for(store)
    assert cached("card", "long", caller=lambda: long) == long
    assert cached("card", "hole", caller=lambda: with_hole) == with_hole
    kept = store[("card", "long")]
    assert isinstance(kept, tuple) and isinstance(kept[0], bytes) and len(kept[0]) < len(long) / 4
    again = cached("card", "long", caller=lambda: "stale")
    assert again == long and type(again) is Markup
    assert store[("card", "hole")] is with_hole  # a fragment with the hole character stays whole
