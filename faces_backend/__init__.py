"""The reference poll backend of the company blog: the hook behind the polls' forms."""

from __future__ import annotations

import sys
from pathlib import Path

# The backend shares `faces_common` with the plugins, which import it as a top-level package
# from plugins/ (Pelican's PLUGIN_PATHS, pytest's pythonpath, tasks.py). Whoever imports the
# backend (`python -m faces_backend`, a script in the repository) finds it there too, under
# that one name; appended, so nothing in plugins/ shadows an installed package.
_PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if _PLUGINS not in sys.path:
    sys.path.append(_PLUGINS)

from faces_backend.app import create_app  # noqa: E402
from faces_backend.http.settings import Settings  # noqa: E402

__all__ = ["Settings", "create_app"]
