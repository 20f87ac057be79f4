"""Write every image static file as its clean copy, and report the images that cannot go out."""

from __future__ import annotations

import filecmp
import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from faces_common.background import BackgroundJob, BackgroundPool, later, results, usable_cores
from pelican.generators import Generator

from .clean import (
    PARALLEL_FROM,
    CleanResult,
    CleanSettings,
    ImagePlan,
    encode_job,
    order_job,
    plan_images,
)
from .config import clean_settings
from .copy_orders import CopyOrders
from .covers import COVERS_KEY, make_copies, missing_copies
from .messages import describe

logger = logging.getLogger(__name__)

Result = TypeVar("Result")
# Context key: the image static files taken from Pelican's copy, for this generator to write.
IMAGES_KEY = "clean_images"


class CleanImagesGenerator(Generator):
    """Publish clean copies of the images Pelican would copy byte for byte."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending: PendingImages | None = None

    def generate_context(self) -> None:
        """Nothing to collect: the static files are known only after every context."""

    def start(self, statics: Sequence[Any]) -> None:
        """Hand the images the cache lacks, and their covers' copies, to other processes."""
        started = time.perf_counter()
        sources = [Path(self.path, static.source_path) for static in statics]
        settings = clean_settings(self.settings)
        # On request the preview server makes the JPEGs' clean files (clean_orders.py).
        checked = self.settings["CLEAN_IMAGES_ON_REQUEST"]
        plan = plan_images(sources, Path(self.settings["CACHE_PATH"]), settings, orders=checked)
        # On request the preview server makes the copies (copy_orders.py): none made here.
        on_request = self.settings["CLEAN_IMAGES_COVER_COPIES_ON_REQUEST"]
        covers = {} if on_request else self.context.get(COVERS_KEY, {})
        widths: dict[str, set[int]] = {}
        for source, key in zip(sources, plan.keys, strict=True):
            plans = covers.get(os.path.abspath(source), [])
            if key is not None and plans:
                widths.setdefault(key, set()).update(copy.width for copy in plans)
        copies = {
            key: lacking
            for key, found in plan.known.items()
            if found is not None
            and found.clean is not None
            and (lacking := missing_copies(found.clean, widths.get(key, ())))
        }
        workers = self.settings["CLEAN_IMAGES_WORKERS"] or usable_cores()
        # Below a dozen images, starting worker processes costs more than doing them here.
        many = len(plan.missing) + len(copies) >= PARALLEL_FROM
        pool = BackgroundPool(workers) if workers > 1 and many else None
        self.pending = PendingImages(plan, widths, copies, pool, started, checked=checked)

    def generate_output(self, writer: Any) -> None:
        """Encode what the cache lacks, link the clean files into the output, report problems."""
        statics = self.context.get(IMAGES_KEY, [])
        if not statics:
            return
        if self.pending is None:
            self.start(statics)
        assert self.pending is not None
        results = self.pending.wait()
        output = Path(self.output_path)
        covers = self.context.get(COVERS_KEY, {})
        orders = CopyOrders(
            self.pending.plan.settings, self.settings["CLEAN_IMAGES_COVER_COPIES_ON_REQUEST"]
        )
        for static, source, result in zip(statics, self.pending.plan.sources, results, strict=True):
            target = output / static.save_as
            orders.passed(static.save_as)
            if result.clean is None:
                # A file left from an earlier build must not stay published.
                target.unlink(missing_ok=True)
            elif result.ordered:
                orders.order_file(result.clean, static.save_as, output)
                orders.publish(result.clean, covers.get(os.path.abspath(source), []), output)
            else:
                _publish(result.clean, target)
                orders.publish(result.clean, covers.get(os.path.abspath(source), []), output)
            _report(result, self.settings["MESSAGES_LANG"])
        # Also without orders: a publish build into the preview's folder drops the last ones.
        orders.write(output)
        logger.info(
            "clean_images: %s images written without metadata in %.2f s",
            sum(1 for r in results if not r.refused),
            time.perf_counter() - self.pending.started,
        )
        self.pending = None


class PendingImages:
    """Images and cover copies being made in other processes (or here, at wait(), if few)."""

    def __init__(
        self,
        plan: ImagePlan,
        widths: dict[str, set[int]],
        copies: dict[str, list[int]],
        pool: BackgroundPool | None,
        started: float,
        *,
        checked: bool = False,
    ) -> None:
        self.plan, self.widths, self.copies, self.pool = plan, widths, copies, pool
        self.started = started
        settings = plan.settings

        def queue(function: Callable[..., Result], *args: Any) -> BackgroundJob[Result]:
            return pool.submit(function, *args) if pool is not None else later(function, *args)

        self.encoding = {
            key: queue(order_job, source, plan.root, key, settings)
            if checked
            else queue(
                encode_with_copies, source, plan.root, key, settings, sorted(widths.get(key, ()))
            )
            for key, source in plan.missing.items()
        }
        # All the cover's widths, not only those lacking: a lacking copy is resized from the
        # larger ones (make_copies), cached or not.
        self.copying = [
            queue(make_copies, self._clean(key), sorted({*widths.get(key, ()), *lacking}), settings)
            for key, lacking in copies.items()
        ]

    def _clean(self, key: str) -> Path:
        found = self.plan.known[key]
        assert found is not None and found.clean is not None
        return found.clean

    def wait(self) -> list[CleanResult]:
        """One result per image, every clean file and cover copy in the cache."""
        try:
            # The jobs no worker has started yet are done here, while the workers do theirs.
            encoded = dict(zip(self.encoding, results(list(self.encoding.values())), strict=True))
            list(results(self.copying))
        finally:
            if self.pool is not None:
                self.pool.close()
        return self.plan.results(encoded)


def encode_with_copies(
    source: Path, root: Path, key: str, settings: CleanSettings, widths: Sequence[int]
) -> CleanResult:
    """Encode one image into the cache, then make its cover copies from the clean file."""
    result = encode_job(source, root, key, settings)
    if result.clean is not None and widths:
        make_copies(result.clean, widths, settings)
    return result


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
