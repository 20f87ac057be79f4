"""Write only the pages of changed posts, for the preview's quick rebuild (prefix FAST_PREVIEW_).

Public API: `page_written`, the signal sent for each page a selective build writes.
"""

from .plugin import page_written, register

__all__ = ["page_written", "register"]
