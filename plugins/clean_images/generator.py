"""Write every image static file as its clean copy, and report the images that cannot go out."""

from __future__ import annotations

import filecmp
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from .clean import CleanResult, clean_images
from .config import clean_settings
from .covers import COVERS_KEY, write_copies
from .messages import describe

logger = logging.getLogger(__name__)

# Context key: the image static files taken from Pelican's copy, for this generator to write.
IMAGES_KEY = "clean_images"


class CleanImagesGenerator(Generator):
    """Publish clean copies of the images Pelican would copy byte for byte."""

    def generate_context(self) -> None:
        """Nothing to collect: the static files are known only after every context."""

    def generate_output(self, writer: Any) -> None:
        """Encode what the cache lacks, link the clean files into the output, report problems."""
        statics = self.context.get(IMAGES_KEY, [])
        if not statics:
            return
        started = time.perf_counter()
        sources = [Path(self.path, static.source_path) for static in statics]
        results = clean_images(
            sources,
            Path(self.settings["CACHE_PATH"]),
            clean_settings(self.settings),
            self.settings["CLEAN_IMAGES_WORKERS"],
        )
        output = Path(self.output_path)
        covers = self.context.get(COVERS_KEY, {})
        for static, source, result in zip(statics, sources, results, strict=True):
            target = output / static.save_as
            if result.clean is None:
                # A file left from an earlier build must not stay published.
                target.unlink(missing_ok=True)
            else:
                _publish(result.clean, target)
                copies = covers.get(os.path.abspath(source), [])
                write_copies(result.clean, copies, output, clean_settings(self.settings))
            _report(result, self.settings["MESSAGES_LANG"])
        logger.info(
            "clean_images: %s images written without metadata in %.2f s",
            sum(1 for r in results if not r.refused),
            time.perf_counter() - started,
        )


def _report(result: CleanResult, lang: str) -> None:
    shown = os.path.relpath(result.source, os.getcwd())
    for issue in result.issues:
        if "reason" in issue.values:
            logger.debug("clean_images: %s: %s", shown, issue.values["reason"])
        message, fix = describe(lang, issue, shown)
        logger.warning("%s: warning: %s\n    → %s", shown, message, fix)


def _publish(clean: Path, target: Path) -> None:
    # The cache never changes a file under its content-addressed name, so a hard link is as
    # good as a copy; a file that is already the same stays untouched.
    if target.exists() and (os.path.samefile(clean, target) or filecmp.cmp(clean, target, False)):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(clean, target)
    except OSError:
        shutil.copyfile(clean, target)
