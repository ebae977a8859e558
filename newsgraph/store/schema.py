"""Schema migrations: numbered SQL files applied in order, each exactly once.

A migration is a file ``NNNN_what.sql`` in the migrations folder. The store records
each applied version in ``schema_migrations``, so opening an up-to-date database does
nothing and opening an older one brings it up to date. Files are never edited once
released: a change to the schema is a new file. Migrations are written in the portable
SQL subset described in ``migrations/README.md``, so that each runs on SQLite as it is and
on PostgreSQL through :func:`newsgraph.store.postgres.translate_ddl`.

What portable SQL cannot say (a full-text index) goes in a dialect variant next to the
portable file, ``NNNN_what.sqlite.sql`` or ``NNNN_what.postgres.sql``: a backend runs the
portable file and then its own variant, in the same transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import StoreError

__all__ = ["DIALECTS", "MIGRATIONS_DIR", "Migration", "load_migrations", "pending_migrations"]

#: The migrations shipped with newsgraph.
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

_NAME = re.compile(r"^(\d+)_([\w-]+)\.sql$")
_VARIANT = re.compile(r"^(\d+)_([\w-]+)\.(\w+)\.sql$")

#: The SQL dialects a migration may have a variant for (``SQLStore.dialect``).
DIALECTS = frozenset({"sqlite", "postgres"})


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str
    #: dialect -> the script that backend runs after ``sql``
    variants: dict[str, str] = field(default_factory=dict)

    def script(self, dialect: str) -> str:
        """What a backend speaking ``dialect`` runs: the portable part, then its variant."""
        variant = self.variants.get(dialect)
        return self.sql if variant is None else f"{self.sql}\n{variant}"


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations in ``directory``, by version. Files not named like a migration
    are ignored; two files with one version are an error."""
    if not directory.is_dir():
        raise StoreError(f"migrations folder {directory} does not exist")
    migrations: dict[int, Migration] = {}
    variants: dict[int, dict[str, str]] = {}
    for path in sorted(directory.iterdir()):
        variant = _VARIANT.match(path.name)
        if variant is not None:
            if variant.group(3) not in DIALECTS:
                raise StoreError(f"migration {path.name} is for an unknown SQL dialect {variant.group(3)!r}")
            variants.setdefault(int(variant.group(1)), {})[variant.group(3)] = path.read_text(encoding="utf-8")
            continue
        match = _NAME.match(path.name)
        if match is None:
            continue
        version = int(match.group(1))
        if version in migrations:
            raise StoreError(
                f"migrations {migrations[version].name} and {path.name} both claim version {version}"
            )
        migrations[version] = Migration(version, path.name, path.read_text(encoding="utf-8"))
    orphans = sorted(set(variants) - set(migrations))
    if orphans:
        raise StoreError(f"migration {orphans[0]} has a dialect variant but no portable file")
    return [
        Migration(m.version, m.name, m.sql, variants.get(m.version, {}))
        for m in (migrations[version] for version in sorted(migrations))
    ]


def pending_migrations(migrations: list[Migration], applied: set[int], location: str) -> list[Migration]:
    """The migrations still to apply, in order. A database carrying a version this
    newsgraph does not know was written by a newer release: refuse rather than guess."""
    known = {migration.version for migration in migrations}
    unknown = sorted(applied - known)
    if unknown:
        raise StoreError(
            f"{location}: the database has schema version {unknown[-1]}, which this newsgraph "
            "does not know; upgrade newsgraph to open it"
        )
    return [migration for migration in migrations if migration.version not in applied]
