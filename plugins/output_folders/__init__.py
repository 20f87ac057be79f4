"""Make output folders in a background thread while the pages render (prefix OUTPUT_FOLDERS_).

Public API: `wait_for_folders()`, for a plugin that forks the build process (a fork must not
copy a running thread).
"""

from .plugin import register, wait_for_folders

__all__ = ["register", "wait_for_folders"]
