"""Intranet and internet from one repository: nothing internal reaches the public site."""

from __future__ import annotations

import html
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from editorial.checks.corpus import read_sources
from editorial.checks.images import image_uses
from editorial.config import load_settings

from tests import sample
from tests.sites import ROOT, BuildRun, run_build

SECRET = "Zebra-Protokoll 4711"
INTERNAL_POST = f"""\
Title: Streng intern: der Umbau von Halle 3
Date: 2026-04-14 10:00
Category: Unternehmen
Tags: Umbau, Intern
Author: miriam-keller
Lang: de
Summary: Was der Umbau von Halle 3 für die Schichten bedeutet. Nur für Mitarbeitende.
Submitted: 2026-04-07
Reviewed-by: tobias-wendt
Visibility: internal
Image: images/intern-hallenplan.png
Image-alt: Grundriss von Halle 3 mit den neuen Schweissplätzen.
Image-credit: Grafik: Seewerk Velo AG

Das {SECRET} regelt, wer während des Umbaus wo arbeitet.

![Grundriss von Halle 3]({{static}}/images/intern-hallenplan.png)

```poll
id: intern-umbau-halle-3
question: Welche Schicht soll zuerst umziehen?
options:
  - id: frueh
    label: Frühschicht
  - id: spaet
    label: Spätschicht
closes: 2026-05-15
results: after_close
```
"""
TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".js", ".css", ".svg", ".webmanifest"}


@dataclass(frozen=True)
class Split:
    """The same content built as public site and as intranet, and what is internal in it."""

    public: BuildRun
    intranet: BuildRun
    markers: dict[str, str]
    images: set[str]


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> Split:
    """Build the sample site plus one internal post with image and poll, both ways."""
    folder = tmp_path_factory.mktemp("split")
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(
        content / "images" / "bodensee-karte.png", content / "images" / "intern-hallenplan.png"
    )
    (content / "posts" / "2026" / "streng-intern-halle-3.md").write_text(INTERNAL_POST, "utf-8")
    runs = {}
    for name, module in (("public", "publishconf"), ("intranet", "intranetconf")):
        # Not named like the module it imports, or it would import itself.
        settings = folder / f"split_{name}.py"
        settings.write_text(
            textwrap.dedent(f"""\
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from {module} import *
            PATH = {str(content)!r}
            THEME = {str(ROOT / "theme")!r}
            PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
            CACHE_PATH = {str(folder / f".cache-{name}")!r}
            """),
            encoding="utf-8",
        )
        runs[name] = run_build(
            folder / f"output-{name}",
            settings=str(settings),
            strict=True,
            cwd=folder,
            env={
                "SITEURL": "https://blog.seewerk.example/blog",
                "INTRANET_SITEURL": "https://intranet.seewerk.example/blog",
            },
        )
        assert runs[name].returncode == 0, runs[name].log
    sources = read_sources(load_settings(str(folder / "split_public.py")))
    internal = [s for s in sources if s.internal]
    assert len(internal) >= 2, "the sample's internal post and ours"
    markers = {"text": SECRET, "poll": "intern-umbau-halle-3"}
    for source in internal:
        markers[f"title of {source.relative}"] = source.value("title")
        markers[f"slug of {source.relative}"] = source.slug
    shown = {s.relative: {use.path for use in image_uses(s)} for s in sources}
    public = set().union(*(shown[s.relative] for s in sources if not s.internal))
    images = set().union(*(shown[s.relative] for s in internal)) - public
    return Split(runs["public"], runs["intranet"], markers, images)


def _texts(output: Path) -> dict[str, str]:
    return {
        path.relative_to(output).as_posix(): html.unescape(path.read_text("utf-8", "replace"))
        for path in output.rglob("*")
        if path.is_file() and path.suffix in TEXT_SUFFIXES
    }


def test_nothing_internal_appears_anywhere_in_the_public_output(split: Split) -> None:
    texts = _texts(split.public.output)
    assert "sitemap.xml" in texts and "feeds/alle.atom.xml" in texts
    leaks = [
        f"{what} in {name}"
        for what, marker in split.markers.items()
        for name, text in texts.items()
        if marker in text
    ]
    assert leaks == []


def test_no_image_of_an_internal_post_is_copied_or_named(split: Split) -> None:
    # The internal sample post's cover is internal too: not copied, not named.
    assert split.images == {
        "images/intern-hallenplan.png",
        "images/covers/betriebsversammlung-dezember-fragen-vorab.webp",
    }
    texts = _texts(split.public.output)
    for image in split.images:
        assert not (split.public.output / image).exists()
        assert not [name for name, text in texts.items() if Path(image).name in text]
    assert (split.public.output / "images" / "bodensee-karte.png").exists(), "public images stay"


def test_the_intranet_has_every_internal_post_with_its_image_and_poll(split: Split) -> None:
    texts = _texts(split.intranet.output)
    everything = "\n".join(texts.values())
    for what, marker in split.markers.items():
        assert marker in everything, what
    page = split.intranet.html("2026/streng-intern-der-umbau-von-halle-3/index.html")
    assert SECRET in page.select_one(".post__content").get_text()
    for image in split.images:
        assert (split.intranet.output / image).exists()


def test_the_intranet_has_its_own_address_and_asks_not_to_be_indexed(split: Split) -> None:
    robots = (split.intranet.output / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /blog/" in robots
    canonical = split.intranet.html("index.html").select_one('link[rel="alternate"]')
    assert canonical is not None
    assert canonical["href"].startswith("https://intranet.seewerk.example/blog/")


def test_public_posts_are_in_both(split: Split) -> None:
    public = {p.as_posix() for p in split.public.pages()}
    intranet = {p.as_posix() for p in split.intranet.pages()}
    assert public < intranet


def test_invoke_intranet_builds_the_sample_site_with_its_internal_posts(tmp_path: Path) -> None:
    run = run_build(
        tmp_path / "output-intranet",
        task="intranet",
        env={"INTRANET_SITEURL": "https://intranet.seewerk.example"},
    )
    assert run.returncode == 0, run.log
    internal = [p for p in sample.posts() if p.meta.get("visibility") == "internal"]
    assert internal, "the sample site needs an internal post"
    titles = {
        heading.get_text(strip=True)
        for page in run.pages()
        if (heading := run.html(str(page)).select_one("article.post h1"))
    }
    for post in internal:
        assert post.meta["title"] in titles, post.path
