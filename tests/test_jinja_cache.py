"""The compiled-template cache of pelicanconf.py never mixes escaped and unescaped code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import DictLoader, Environment, pass_context

import pelicanconf

TEMPLATES = {"title.html": "<h1>{{ title }}</h1>"}


def render(cache_dir: Path, autoescape: bool) -> str:
    environment = Environment(
        loader=DictLoader(TEMPLATES),
        autoescape=autoescape,
        bytecode_cache=pelicanconf.OptionAwareBytecodeCache(str(cache_dir)),
    )
    return environment.get_template("title.html").render(title="<script>alert(1)</script>")


def test_template_compiled_without_autoescaping_is_not_reused_with_it(tmp_path: Path) -> None:
    assert render(tmp_path, autoescape=False) == "<h1><script>alert(1)</script></h1>"
    assert render(tmp_path, autoescape=True) == "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"
    assert render(tmp_path, autoescape=False) == "<h1><script>alert(1)</script></h1>"


def test_same_options_reuse_the_compiled_template(tmp_path: Path) -> None:
    render(tmp_path, autoescape=True)
    [compiled] = list(tmp_path.iterdir())
    written = compiled.stat().st_mtime_ns
    assert render(tmp_path, autoescape=True) == "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"
    assert compiled.stat().st_mtime_ns == written


def test_a_filter_that_came_to_take_the_context_is_not_called_without_it(tmp_path: Path) -> None:
    def environment() -> Environment:
        return Environment(
            loader=DictLoader({"t.html": "{{ word | shout }}"}),
            bytecode_cache=pelicanconf.OptionAwareBytecodeCache(str(tmp_path)),
            autoescape=True,
        )

    plain = environment()
    plain.filters["shout"] = lambda word: word.upper()
    assert plain.get_template("t.html").render(word="hallo") == "HALLO"

    @pass_context
    def shout_in_context(context: Any, word: str) -> str:
        return f"{word.upper()}!" if context.get("loud") else word.upper()

    with_context = environment()
    with_context.filters["shout"] = shout_in_context
    assert with_context.get_template("t.html").render(word="hallo", loud=True) == "HALLO!"
