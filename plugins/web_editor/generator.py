"""Write the editor page, its configuration and the CMS's scripts into the build (when enabled)."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from faces_common.receivers import generator_receiver
from faces_common.voice import pick_words, site_address
from jinja2 import Environment, FileSystemLoader
from pelican.generators import Generator

from .config import editor_config
from .messages import PAGE

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
# Decap CMS as `npm ci` installs it from package-lock.json, next to the project's plugins/.
CMS_DIST = HERE.parent.parent / "node_modules" / "decap-cms" / "dist"
_MISSING = {
    "de": "web_editor: Decap CMS fehlt in {folder}. Führen Sie 'npm ci' im Projektordner aus "
    "oder schalten Sie den Editor mit WEB_EDITOR_ENABLED = False ab.",
    "en": "web_editor: Decap CMS is missing in {folder}. Run 'npm ci' in the project folder "
    "or switch the editor off with WEB_EDITOR_ENABLED = False.",
}


def cms_files(dist: Path = CMS_DIST) -> list[Path]:
    """The CMS's files the page loads: the bundle, its chunks and its WebAssembly, no maps."""
    return sorted(
        [dist / "decap-cms.js", *dist.glob("*.decap-cms.js"), *dist.glob("*.wasm")],
        key=lambda path: path.name,
    )


class WebEditorGenerator(Generator):
    """Write /redaktion/ (WEB_EDITOR_PATH) when WEB_EDITOR_ENABLED is on."""

    def generate_output(self, writer: Any) -> None:
        """The page, config.json, our editor.js and the CMS's own files."""
        # The preview's quick step writes only the edited pages; the full build follows.
        quick = self.settings.get("FAST_PREVIEW_SOURCES") is not None
        if not self.settings["WEB_EDITOR_ENABLED"] or quick:
            return
        if not (CMS_DIST / "decap-cms.js").is_file():
            lang = self.settings["WEB_EDITOR_LOCALE"]
            logger.error(_MISSING.get(lang, _MISSING["en"]).format(folder=CMS_DIST))
            return
        folder = self.settings["WEB_EDITOR_PATH"].strip("/")
        lang = self.settings["WEB_EDITOR_LOCALE"]
        page = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
        writer.write_file(
            f"{folder}/index.html",
            page.get_template("editor.html"),
            self.context,
            lang=lang,
            words=pick_words(
                PAGE, lang, site_address(self.settings), self.settings.get("I18N_LOCALE", "")
            ),
            story_url=self._story_url(),
            guide_url=self._guide_url(),
        )
        target = Path(self.output_path, folder)
        config = json.dumps(editor_config(self.settings), ensure_ascii=False, indent=1)
        (target / "config.json").write_text(config + "\n", encoding="utf-8")
        for source in [
            HERE / "static" / "editor.js",
            HERE / "static" / "editor.css",
            HERE / "static" / "manual-init.js",
            *cms_files(),
        ]:
            _place(source, target / source.name)

    def _story_url(self) -> str | None:
        """The story form's address, where the site has one (STORIES_ENDPOINT set)."""
        if not self.settings.get("STORIES_ENDPOINT") or not self.settings.get("STORIES_PAGE_URL"):
            return None
        return f"{self._root()}/{self.settings['STORIES_PAGE_URL']}"

    def _guide_url(self) -> str | None:
        """The first page that links to the editor, in the editor's language where translated."""
        slugs = self.settings["WEB_EDITOR_LINK_PAGES"]
        # Pelican keeps a page's translations apart from "pages": "join-in" (English) is a
        # translation of "mitmachen", and an English editor should send the writer there.
        groups = [[page, *page.translations] for page in self.context.get("pages", [])]
        listed = [
            (slugs.index(version.slug), versions, version)
            for versions in groups
            for version in versions
            if version.slug in slugs
        ]
        if not listed:
            return None
        _, versions, first = min(listed, key=lambda entry: entry[0])
        lang = self.settings["WEB_EDITOR_LOCALE"]
        shown = next((version for version in versions if version.lang == lang), first)
        return f"{self._root()}/{shown.url}"

    def _root(self) -> str:
        return str(self.settings.get("SITEURL") or "").rstrip("/")


add_editor = generator_receiver(WebEditorGenerator)


def _place(source: Path, target: Path) -> None:
    """Link the file into the output (a copy where links are impossible), if not there yet."""
    if target.exists() and os.path.samefile(source, target):
        return
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
