"""The compiled-template cache of pelicanconf.py never mixes escaped and unescaped code."""

from __future__ import annotations

from pathlib import Path

from jinja2 import DictLoader, Environment

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
