"""Copying every row from one store to another (SQLite to PostgreSQL, or back), in one transaction.

Both ends are migrated to the same schema version first, so their tables have the same
columns in the same order. The target must be empty: a copy never merges two histories.
Bookkeeping that lives for minutes (rate-limit windows) and the schema version stay behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from faces_backend.store.connection import Connection

# Parents before children (foreign keys are checked at once); tables not named here follow
# in name order (a feature's new table goes into this list if it references another).
COPY_ORDER = (
    "ballots",
    "choices",
    "tallies",
    "totals",
    "suggestions",
    "daily_salts",
    "page_views",
    "comments",
    "comment_reports",
    "comment_removals",
    "used_stamps",
    "comment_subscriptions",
)
NOT_COPIED = frozenset({"faces_schema", "rate_hits", "view_marks", "view_budgets"})
# A reply references its comment: top-level comments first.
ROW_ORDER = {"comments": " ORDER BY parent IS NOT NULL, received, id"}
# Tables whose ids PostgreSQL hands out itself (SQLite's INTEGER PRIMARY KEY).
IDENTITY_TABLES = ("ballots", "suggestions")


class TargetNotEmpty(RuntimeError):
    """The target store already holds rows; the message names the first such table."""


@dataclass(frozen=True)
class Copied:
    """How many rows of each table went across."""

    tables: dict[str, int]

    @property
    def total(self) -> int:
        """Return the rows of every table together."""
        return sum(self.tables.values())


def table_names(conn: Connection, *, postgres: bool) -> list[str]:
    """Return the store's data tables in copy order."""
    query = (
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        if postgres
        else "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    found = {row[0] for row in conn.execute(query).fetchall()} - NOT_COPIED
    known = [name for name in COPY_ORDER if name in found]
    return known + sorted(found - set(known))


def copy_rows(
    source: Connection, target: Connection, *, source_postgres: bool, target_postgres: bool
) -> Copied:
    """Copy every data table from `source` into the empty `target` in one transaction."""
    tables = table_names(source, postgres=source_postgres)
    for table in table_names(target, postgres=target_postgres):
        if target.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
            raise TargetNotEmpty(table)
    copied: dict[str, int] = {}
    target.execute("BEGIN IMMEDIATE")
    try:
        for table in tables:
            rows = source.execute(f"SELECT * FROM {table}{ROW_ORDER.get(table, '')}").fetchall()
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                target.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            copied[table] = len(rows)
        if target_postgres:
            for table in IDENTITY_TABLES:
                # The next id PostgreSQL hands out must follow the copied ones.
                target.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
                )
        target.execute("COMMIT")
    except BaseException:
        target.execute("ROLLBACK")
        raise
    return Copied(copied)
