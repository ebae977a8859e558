"""The command line on a PostgreSQL store: the bundled samples ingested through the CLI
read back exactly as from SQLite, command by command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run

pytestmark = [pytest.mark.model, pytest.mark.postgres]

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_samples_through_the_cli_read_the_same_from_postgres_as_from_sqlite(pg_url: str, tmp_path: Path) -> None:
    sqlite = str(tmp_path / "samples.db")
    for db in (sqlite, pg_url):
        code, out, err = run("ingest", str(SAMPLES), "--db", db)
        assert code == 0, err
        assert "not analysed" in out  # the French sample
    code, out, _ = run("ingest", str(SAMPLES), "--db", pg_url)
    assert code == 0 and " 0 stored" in out  # idempotent on the server too

    code, out, err = run("entities", "--db", pg_url, "--format", "json", "--limit", "1000")
    assert code == 0, err
    entities = json.loads(out)
    assert any(e["type"] == "ARMED_GROUP" for e in entities), "the samples name armed groups"
    most_named = entities[0]["name"]

    for command in (
        ["entities", "--limit", "1000"],
        ["entities", "--type", "PERSON"],
        ["show", most_named],
        ["quotes", "--limit", "1000"],
        ["numbers", "--limit", "1000"],
        ["events", "--limit", "1000"],
        ["timeline", most_named],
    ):
        answers = [run(*command, "--db", db, "--format", "json") for db in (sqlite, pg_url)]
        assert answers[0][0] == 0, answers[0][2]
        assert json.loads(answers[1][1]) == json.loads(answers[0][1]), command

    # The corpus commands and the export: their JSON (and the text of stats and copies) alike.
    for command in (
        ["stats", "--format", "json"],
        ["stats"],
        ["copies", "--format", "json"],
        ["copies"],
        ["contradictions", "--format", "json"],
        ["corroboration", "--format", "json"],
    ):
        answers = [run(*command, "--db", db) for db in (sqlite, pg_url)]
        assert answers[0][0] == 0 and answers[1][0] == 0, (command, answers[0][2], answers[1][2])
        if "json" in command:
            assert json.loads(answers[1][1]) == json.loads(answers[0][1]), command
        else:
            assert answers[1][1] == answers[0][1], command
    assert json.loads(run("stats", "--format", "json", "--db", pg_url)[1])["articles"] > 1

    exports = []
    for db in (sqlite, pg_url):
        code, out, err = run("export", "--format", "jsonl", "--db", db)
        assert code == 0, err
        exports.append(sorted(out.splitlines()))  # one statement a line, in no promised order
    assert exports[0] and exports[1] == exports[0]
