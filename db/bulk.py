"""Bulk loading below the services, for generated data (``driftboard.generate``).

Rows go straight to the driver in big batches, bypassing the ORM and the audit hook (the
generator writes its own audit rows): SQLite ``executemany`` on one connection with the
journal and fsync switched off for the load, PostgreSQL ``COPY … FROM STDIN``. Values are
passed as the database stores them: dates as ``YYYY-MM-DD``, timestamps as
``YYYY-MM-DD HH:MM:SS.ffffff`` (SQLAlchemy's SQLite format, which PostgreSQL reads too), JSON
as text, enums by value. Integrity is not relaxed on PostgreSQL; on SQLite foreign keys are
checked afterwards (``python -m driftboard check``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

from db.engine import dispose_engines, is_sqlite
from db.models import Base

BATCH = 50_000


class BulkLoader:
    """Insert rows into tables of the schema, batch by batch, on one raw connection."""

    def __init__(self, engine: Engine, on_rows: Callable[[str, int], None] | None = None) -> None:
        self.engine = engine
        self.sqlite = is_sqlite(engine)
        self.on_rows = on_rows or (lambda _table, _n: None)
        self.raw: Any = None

    # ----------------------------------------------------------------- life cycle

    def open(self) -> None:
        # Idle pooled connections would keep SQLite from leaving WAL mode for the load.
        dispose_engines()
        self.engine.dispose()
        self.raw = self.engine.raw_connection()
        if self.sqlite:
            cur = self.raw.driver_connection.cursor()
            for pragma in (
                "PRAGMA journal_mode=OFF",
                "PRAGMA synchronous=OFF",
                "PRAGMA foreign_keys=OFF",
                "PRAGMA cache_size=-524288",  # 512 MiB: the big tables' indexes stay in memory
                "PRAGMA temp_store=MEMORY",
            ):
                cur.execute(pragma)
            cur.close()

    def close(self, *, ok: bool) -> None:
        if self.raw is None:
            return
        try:
            if self.sqlite:
                cur = self.raw.driver_connection.cursor()
                if self.raw.driver_connection.in_transaction:
                    cur.execute("ROLLBACK")
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.close()
            elif not ok:
                self.raw.rollback()
        finally:
            self.raw.close()
            self.raw = None

    # ----------------------------------------------------------------- writing

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert ``rows`` (tuples in ``columns`` order) into ``table``; returns the count."""
        if table not in Base.metadata.tables:
            raise KeyError(f"no table {table!r} in the schema")
        if self.sqlite:
            return self._insert_sqlite(table, columns, rows)
        return self._copy_postgres(table, columns, rows)

    def _insert_sqlite(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        con = self.raw.driver_connection
        sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
        total = 0
        iterator = iter(rows)
        while batch := list(itertools.islice(iterator, BATCH)):
            con.execute("BEGIN")
            con.executemany(sql, batch)
            con.execute("COMMIT")
            total += len(batch)
            self.on_rows(table, len(batch))
        return total

    def _copy_postgres(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        con = self.raw.driver_connection
        total = 0
        iterator = iter(rows)
        while batch := list(itertools.islice(iterator, BATCH)):
            with con.cursor() as cur, cur.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
                for row in batch:
                    copy.write_row(row)
            con.commit()
            total += len(batch)
            self.on_rows(table, len(batch))
        return total

    def finish(self) -> None:
        """After the load: PostgreSQL's id sequences follow the ids written; the change stamp
        moves on so open screens reload."""
        con = self.raw.driver_connection
        if not self.sqlite:
            with con.cursor() as cur:
                for table in Base.metadata.sorted_tables:
                    if "id" not in table.c or not table.c.id.autoincrement or table.name == "change_stamp":
                        continue
                    cur.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                    )
                cur.execute("UPDATE change_stamp SET value = value + 1")
            con.commit()
        else:
            con.execute("BEGIN")
            con.execute("UPDATE change_stamp SET value = value + 1")
            con.execute("COMMIT")


def max_ids(engine: Engine) -> dict[str, int]:
    """The highest id of every table with an ``id`` column (0 when empty)."""
    found: dict[str, int] = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if "id" in table.c:
                found[table.name] = int(
                    conn.exec_driver_sql(f'SELECT COALESCE(MAX(id), 0) FROM "{table.name}"').scalar()
                )
    return found


@contextmanager
def bulk_loader(engine: Engine, on_rows: Callable[[str, int], None] | None = None) -> Iterator[BulkLoader]:
    """A ``BulkLoader`` on its own connection; the database's normal settings are back after."""
    loader = BulkLoader(engine, on_rows)
    loader.open()
    ok = False
    try:
        yield loader
        loader.finish()
        ok = True
    finally:
        loader.close(ok=ok)
