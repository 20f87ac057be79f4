"""Compare screenshots with the committed reference PNGs within a tolerance, or rewrite them."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

from tests.golden.snapshots import UPDATE_COMMAND

ROOT = Path(__file__).resolve().parent.parent.parent
REFERENCE_FOLDER = Path(__file__).resolve().parent / "screens"
ARTIFACT_FOLDER = Path(__file__).resolve().parent.parent / "artifacts" / "screens"
# The references are kept with a reduced palette (small files); every shot is reduced the same
# way before the comparison, so an unchanged page compares equal pixel for pixel.
PALETTE_COLOURS = 96
# A pixel counts as changed when one of its channels differs by more than this (of 255): a
# palette entry that moved a little after a small change elsewhere stays below it.
PIXEL_THRESHOLD = 40
# The share of changed pixels a shot may have and still match: about one changed word per shot.
ALLOWED_SHARE = 0.002


@dataclass(frozen=True)
class ScreenComparison:
    """The outcome for one shot: a message naming the images if it differs, else None."""

    name: str
    problem: str | None
    updated: bool = False


def reduced(png: bytes) -> Image.Image:
    """The shot as it is kept: RGB reduced to PALETTE_COLOURS colours, without dithering."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.quantize(colors=PALETTE_COLOURS, dither=Image.Dither.NONE)


def changed_mask(expected: Image.Image, actual: Image.Image) -> Image.Image:
    """A mask (mode L, 255 = changed) over the area both images share."""
    width, height = min(expected.width, actual.width), min(expected.height, actual.height)
    box = (0, 0, width, height)
    difference = ImageChops.difference(
        expected.convert("RGB").crop(box), actual.convert("RGB").crop(box)
    )
    strongest = ImageChops.lighter(
        ImageChops.lighter(*difference.split()[:2]), difference.split()[2]
    )
    return strongest.point(lambda value: 255 if value > PIXEL_THRESHOLD else 0)


def changed_share(expected: Image.Image, actual: Image.Image) -> float:
    """The share of changed pixels; 1.0 when the sizes differ (the page moved as a whole)."""
    if expected.size != actual.size:
        return 1.0
    mask = changed_mask(expected, actual)
    return mask.histogram()[255] / (mask.width * mask.height)


def diff_image(expected: Image.Image, actual: Image.Image) -> Image.Image:
    """The expected shot faded to grey with every changed pixel in red."""
    mask = changed_mask(expected, actual)
    faded = expected.convert("L").crop((0, 0, *mask.size)).point(lambda v: 160 + v * 95 // 255)
    picture = faded.convert("RGB")
    picture.paste((220, 0, 0), mask=mask)
    return picture


def shown(path: Path) -> str:
    """A path as a message shows it: relative to the repository when it is inside."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def save(image: Image.Image, path: Path) -> None:
    """Write a PNG as small as Pillow makes it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


def compare_screen(
    name: str,
    png: bytes,
    *,
    update: bool,
    folder: Path = REFERENCE_FOLDER,
    artifacts: Path = ARTIFACT_FOLDER,
) -> ScreenComparison:
    """Compare a shot with its reference; with `update`, rewrite a reference it does not match."""
    actual = reduced(png)
    reference = folder / f"{name}.png"
    expected = Image.open(reference) if reference.exists() else None
    share = 1.0 if expected is None else changed_share(expected, actual)
    if share <= ALLOWED_SHARE:
        # Within the tolerance the reference stays as it is: no churn from anti-aliasing noise.
        return ScreenComparison(name, None)
    if update:
        save(actual, reference)
        return ScreenComparison(name, None, updated=True)
    if expected is None:
        return ScreenComparison(
            name,
            f"The screen '{name}' has no reference yet ({shown(reference)}); record it with: "
            f"{UPDATE_COMMAND}",
        )
    actual_path, marked = artifacts / f"{name}-actual.png", artifacts / f"{name}-diff.png"
    save(actual, actual_path)
    save(diff_image(expected, actual), marked)
    if expected.size != actual.size:
        what = f"its size changed from {expected.size[0]}x{expected.size[1]} px to "
        what += f"{actual.size[0]}x{actual.size[1]} px"
    else:
        what = f"{share:.2%} of its pixels changed (allowed: {ALLOWED_SHARE:.2%})"
    return ScreenComparison(
        name,
        f"The screen '{name}' differs from its reference {shown(reference)}: {what}.\n"
        f"This run's shot: {shown(actual_path)}\nThe changes in red: {shown(marked)}\n"
        f"If the change is intended, accept it with: {UPDATE_COMMAND}",
    )


def obsolete_references(names: set[str], folder: Path = REFERENCE_FOLDER) -> list[Path]:
    """Reference shots that no entry in the table produces any more."""
    return sorted(path for path in folder.glob("*.png") if path.stem not in names)
