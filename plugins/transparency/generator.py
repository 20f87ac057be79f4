"""The generator that computes the figures and writes the page, its JSON and its CSV files."""

from __future__ import annotations

import datetime as dt
import logging
import os
import posixpath
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from faces_common.allocator import give_back
from jinja2 import FileSystemBytecodeCache
from pelican.generators import Generator

from .charts import bar_chart, column_chart, grid_chart
from .dialogue import read_dialogue
from .export import JSON_FILE, render_csv, tables, write_json
from .figures import Figures, Link, Sources, compute_figures
from .history import DISABLED, History, read_history
from .people import read_catalog, read_people
from .polls import read_polls
from .posts import PostRecord, collect_posts
from .view import View

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DataFile:
    """A machine-readable file written next to the page."""

    name: str
    url: str


def parse_today(value: Any) -> dt.date | None:
    """The date of TRANSPARENCY_TODAY, or None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


class TransparencyGenerator(Generator):
    """Write the transparency page and the same figures as JSON and CSV."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.settings.get("CACHE_PATH"):
            # Compiling the page's templates is most of its cost; unchanged ones are reused.
            self.env.bytecode_cache = FileSystemBytecodeCache(
                _made(os.path.join(self.settings["CACHE_PATH"], "transparency-templates"))
            )
        self.env.globals.update(
            column_chart=column_chart, bar_chart=bar_chart, grid_chart=grid_chart
        )

    def generate_output(self, writer: Any) -> None:
        """Compute every figure now: other plugins have filled the context by this point."""
        settings = self.settings
        if settings.get("FAST_PREVIEW_SOURCES") is not None:
            # A fast preview rebuild writes only edited posts; the full build follows.
            return
        posts, problems = collect_posts(self.context.get("articles", []), settings)
        for problem in problems:
            logger.error("%s", problem.format())
        figures = compute_figures(posts, self._sources(posts))

        save_as, url = settings["TRANSPARENCY_SAVE_AS"], settings["TRANSPARENCY_URL"]
        names = self._write_data(figures, posixpath.dirname(save_as))
        url_folder = (url if url.endswith("/") else posixpath.dirname(url)).strip("/")
        url_folder = f"{url_folder}/" if url_folder else ""
        writer.write_file(
            save_as,
            self.get_template("transparency"),
            self.context,
            relative_urls=settings["RELATIVE_URLS"],
            url=url,
            page_name="transparency",
            figures=figures,
            view=View(settings.get("I18N_LOCALE", "en_GB")),
            data_files=[DataFile(name, f"{url_folder}{name}") for name in names],
        )
        logger.info("transparency: figures from %d posts written to %s", figures.posts, save_as)
        del posts, figures
        # The records and tables of every post are gone now; malloc would keep their pages.
        give_back()

    def _write_data(self, figures: Figures, folder: str) -> list[str]:
        """Write transparency.json and the CSV files beside the page; return their names."""
        target = os.path.join(self.output_path, *folder.split("/"))
        os.makedirs(target, exist_ok=True)
        # Each file written as soon as it is rendered (the JSON piece by piece): at 10,000
        # posts the texts held at once were the build's peak (docs/benchmarks.md, session 10).
        with open(os.path.join(target, JSON_FILE), "w", encoding="utf-8", newline="") as out:
            write_json(figures, self._link, out)
        names = [JSON_FILE]
        for name, table in tables(figures, self._link).items():
            _write_text(target, name, render_csv(table))
            names.append(name)
        return names

    def _sources(self, posts: list[PostRecord]) -> Sources:
        settings = self.settings
        zone = ZoneInfo(settings["TIMEZONE"])
        today = parse_today(settings["TRANSPARENCY_TODAY"]) or dt.datetime.now(zone).date()
        return Sources(
            today=today,
            months=settings["TRANSPARENCY_MONTHS"],
            zone=zone,
            correction_types=settings["TRANSPARENCY_CORRECTION_TYPES"],
            disclosure_types=settings.get("CHECKS_CHOICES", {}).get("disclosure", []),
            people=read_people(self.context),
            departments=read_catalog(settings, "AUTHORS_DEPARTMENTS"),
            levels=read_catalog(settings, "AUTHORS_LEVELS"),
            polls=read_polls(self.context, today, settings["SITEURL"]),
            history=self._history(posts),
            guidelines=self._guidelines(),
            dialogue=read_dialogue(self.context),
        )

    def _history(self, posts: list[PostRecord]) -> History | None:
        # git is asked only when some post lacks `Submitted:`; most builds never call it.
        if all(post.submitted is not None or post.submitted_invalid for post in posts):
            return None
        if not self.settings["TRANSPARENCY_GIT"]:
            return History(missing_reason=DISABLED)
        return read_history(
            self.path,
            self.settings["ARTICLE_PATHS"],
            self.settings.get("CACHE_PATH"),
            self.settings["TRANSPARENCY_GIT_TIMEOUT"],
        )

    def _guidelines(self) -> Link | None:
        slug = self.settings["TRANSPARENCY_EDITORIAL_PAGE"]
        if not slug:
            return None
        for page in self.context.get("pages", []):
            if page.slug == slug:
                return Link(page.title, page.url)
        logger.warning(
            "transparency: there is no page with the slug '%s' for the editorial guidelines; "
            "add content/pages/%s.md or change TRANSPARENCY_EDITORIAL_PAGE",
            slug,
            slug,
        )
        return None

    def _link(self, url: str | None) -> str | None:
        # Figures files are read outside the site, so their links carry SITEURL.
        if url is None or url.startswith(("http://", "https://")):
            return url
        return f"{self.settings['SITEURL']}/{url.lstrip('/')}"


def _write_text(folder: str, name: str, text: str) -> None:
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as out:
        out.write(text)


def _made(folder: str) -> str:
    os.makedirs(folder, exist_ok=True)
    return folder
