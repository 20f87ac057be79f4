"""Images leave the build re-encoded: no EXIF, GPS, XMP, IPTC or comments; check and build agree.

Public API for other plugins (import these from `clean_images`, never from its modules):
- `clean_images`, `CleanResult`, `is_image`, `clean_settings`: judge and re-encode images;
- `open_image`, `ImageIssue`, `ImageRefused`: open an image under the build's limits, and what
  is wrong with one; `open_image_sized` also gives the size the file declares (before a
  reduced-scale decode);
- `describe`, `describes`: an issue in words (what is wrong, how to fix it), and whether these
  words exist for it.

For the preview of a build with CLEAN_IMAGES_COVER_COPIES_ON_REQUEST:
- `make_ordered_copy(output, relative)`: make the cover copy the build left to make at
  output/relative (False: none ordered there);
- `make_ordered_image(output, relative)`: the same for a cover copy or, with
  CLEAN_IMAGES_ON_REQUEST, an image's clean file;
- `ordered_copies(output)`: the output paths of every image file left to make (the link check
  accepts them).
"""

from .clean import CleanResult, clean_images, is_image
from .config import clean_settings
from .copy_orders import make_ordered_copy, make_ordered_image, ordered_copies
from .messages import describe, describes
from .plugin import register
from .verdict import ImageIssue, ImageRefused, open_image, open_image_sized

__all__ = [
    "CleanResult",
    "ImageIssue",
    "ImageRefused",
    "clean_images",
    "clean_settings",
    "describe",
    "describes",
    "is_image",
    "make_ordered_copy",
    "make_ordered_image",
    "open_image",
    "open_image_sized",
    "ordered_copies",
    "register",
]
