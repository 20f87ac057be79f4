"""The project's settings with the broken corpus as content (`invoke check --settings …`)."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, ROOT)
from pelicanconf import *  # noqa: E402, F403

PATH = os.path.join(HERE, "content")
THEME = os.path.join(ROOT, "theme")
PLUGIN_PATHS = [os.path.join(ROOT, "plugins")]
# Small limits, so that small test images can be too large.
CLEAN_IMAGES_MAX_KB = 4
CLEAN_IMAGES_MAX_PIXELS = 2000
