"""Reach: privacy-friendly view counts, fed back to authors and published (REACH_).

Public API for `invoke reach-report`: `editors_report(data_path, manifest_path, lang, days=,
top=, few=)`, the editors' report as text; it raises `ReportError` whose message names the file
and what to do.
"""

from .plugin import register
from .report import ReportError, editors_report

__all__ = ["ReportError", "editors_report", "register"]
