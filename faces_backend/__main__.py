"""Entry point of `python -m faces_backend`."""

from __future__ import annotations

from faces_backend.cli import main

raise SystemExit(main())
