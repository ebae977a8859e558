"""The command line with bad options, bad paths, missing or read-only stores and a full disk.

Option and store checks need no pipeline; the tests that ingest are marked ``model``."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path

import pytest

from newsgraph.store import SQLiteStore
from tests.test_cli import run
from tests.test_store import _Unprivileged, analysis_1, readonly_folder  # noqa: F401  (a fixture)

ARTICLE = (
    "Defence Minister Karim Haddad met Brigadier General Hamid Farahani in Damascus on Tuesday. "
    "Haddad said the two men discussed the war.\n"
)
OTHER = "Hamid Farahani returned to Beirut, where Hezbollah officials received him on Friday.\n"


# -- options ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("ingest", "a.txt", "--max-bytes", "0"), "--max-bytes"),
        (("ingest", "a.txt", "--max-bytes", "-5"), "--max-bytes"),
        (("analyze", "a.txt", "--max-bytes", "0"), "--max-bytes"),
        (("entities", "--limit", "-1"), "--limit"),
        (("entities", "--limit", "0"), "--limit"),
        (("quotes", "--limit", "-1"), "--limit"),
        (("numbers", "--limit", "-1"), "--limit"),
        (("events", "--limit", "-1"), "--limit"),
        (("events", "--since", "not-a-date"), "--since"),
        (("events", "--since", "2024-13"), "--since"),
        (("events", "--since", "2024-02-30"), "--since"),
        (("events", "--code", "fight"), "--code"),
    ],
)
def test_bad_option_values_are_refused_before_anything_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], option: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*args)
    assert code == 2, out + err
    assert f"Invalid value for '{option}'" in err
    assert list(tmp_path.iterdir()) == []  # no store made, nothing read


def test_good_option_values_pass(tmp_path: Path) -> None:
    db = tmp_path / "ng.db"
    SQLiteStore(db).close()
    for args in (("--since", "2024"), ("--since", "2024-03"), ("--since", "2024-02-29"), ("--code", "04")):
        code, _, err = run("events", "--db", str(db), "--limit", "1", *args)
        assert code == 0, err


# -- read commands never write ----------------------------------------------------------------

READ_COMMANDS = [
    ("entities",), ("show", "Haddad"), ("quotes",), ("numbers",), ("events",), ("timeline", "Haddad"),
]


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_read_commands_do_not_create_a_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(*command, "--db", "typo.db")
    assert code == 1
    assert "no store at typo.db; create one with `newsgraph ingest`" in err
    code, _, err = run(*command)
    assert code == 1 and "no store at newsgraph.db" in err
    assert list(tmp_path.iterdir()) == []


def test_read_commands_read_a_store_in_a_readonly_folder(readonly_folder: Path) -> None:  # noqa: F811
    path = readonly_folder / "store.db"
    with SQLiteStore(path) as store:
        store.save(analysis_1())
    commands = [("entities",), ("show", "Assad"), ("quotes",), ("numbers",), ("events",), ("timeline", "Assad")]
    for command in commands:  # once with every right, so every module is imported already
        assert run(*command, "--db", str(path))[0] == 0
    path.chmod(0o444)
    readonly_folder.chmod(0o555)
    with _Unprivileged():
        code, out, err = run("entities", "--db", str(path), "--format", "json")
        assert code == 0, err
        assert "Bashar al-Assad" in [row["name"] for row in json.loads(out)]
        code, out, err = run("show", "Assad", "--db", str(path))
        assert code == 0 and "Bashar al-Assad" in out, err
        for command in commands:
            assert run(*command, "--db", str(path))[0] == 0, command


# -- ingesting bad paths ------------------------------------------------------------------------


@pytest.mark.model
def test_paths_that_cannot_be_read_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    bad = [str(tmp_path / "missing.txt"), str(tmp_path / "pipe.txt")]
    if os.geteuid() != 0:  # root reads a file whatever its mode
        locked = tmp_path / "locked.txt"
        locked.write_text(OTHER, encoding="utf-8")
        locked.chmod(0)
        bad.append(str(locked))
    db = tmp_path / "ng.db"
    code, out, err = run("ingest", str(tmp_path / "a.txt"), *bad, str(tmp_path / "b.txt"), "--db", str(db))
    assert code == 1, out + err
    for path in bad:
        assert f"error: {path}: " in err
    assert "2 stored" in out and f"{len(bad)} failed" in out


@pytest.mark.model
def test_a_pathological_json_line_costs_that_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": ARTICLE}), "[" * 1000 + "]" * 1000, json.dumps({"text": OTHER})]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "ng.db"
    for _ in range(2):  # and a re-run does not stop there either
        code, out, err = run("ingest", str(feed), "--db", str(db))
        assert code == 1, out + err
        assert f"error: {feed}:2: " in err and "nested too deeply" in err
        assert "Traceback" not in err
    assert "2 already in the store" in out
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone() == (2,)


# -- a full disk ------------------------------------------------------------------------------


@pytest.mark.model
def test_a_full_store_stops_the_batch_with_one_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_init = SQLiteStore.__init__

    def open_full(self: SQLiteStore, *args: object, **kwargs: object) -> None:
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]
        # SQLite's own size limit: from now on the file cannot grow, as on a full disk (SQLITE_FULL).
        pages = self._conn.execute("PRAGMA page_count").fetchone()[0]
        self._conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(SQLiteStore, "__init__", open_full)
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a.txt", ARTICLE), ("b.txt", OTHER), ("c.txt", ARTICLE.replace("Tuesday", "Monday"))):
        (folder / name).write_text(text * 40, encoding="utf-8")  # long enough to need new pages
    db = tmp_path / "ng.db"
    with caplog.at_level(logging.WARNING):
        code, out, err = run("ingest", str(folder), "--db", str(db))
    assert code == 1, out + err
    lines = err.strip().splitlines()
    assert len(lines) == 2, err
    assert str(folder / "a.txt") in lines[0] and "full" in lines[0]
    assert "stopping" in lines[1] and "b.txt" not in err
    assert "Traceback" not in err and "rollback" not in err + caplog.text
    assert "stopped" in out
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone() == (0,)
