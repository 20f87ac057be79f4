"""The faces of the company: profiles, author pages, the faces wall (settings prefix AUTHORS_).

Public API for tools that check content without building (`invoke check`, `invoke new-post`):
- `load_profiles(folder, settings)`: every profile in a folder and its problems, by handle;
- `check_photos(profiles, settings)`: the build's own problems with their photos (cached);
- `author_problems(path, names, profiles, settings)`: what the build reports about the authors
  a post names (unknown or ambiguous ones).
"""

from .plugin import register
from .portraits import check_photos
from .profiles import load_profiles
from .resolve import author_problems

__all__ = ["author_problems", "check_photos", "load_profiles", "register"]
