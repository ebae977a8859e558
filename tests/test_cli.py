"""The command line, end to end: real pipeline, real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.store import SQLiteStore

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Syrian Defence Minister Karim Haddad met Brigadier General Hamid Farahani in Damascus on Tuesday. "
    "Haddad said the two men discussed the war. Farahani, a commander of the Quds Force, left for Tehran.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(
        "Hamid Farahani returned to Beirut, where Hezbollah officials received him.\n", encoding="utf-8"
    )
    return folder


def test_analyze_prints_a_summary_by_type(corpus: Path):
    code, out, _ = run("analyze", str(corpus / "a.txt"))
    assert code == 0
    assert "PERSON" in out and "Karim Haddad" in out and "Defence Minister" in out
    assert "GPE" in out and "Damascus" in out


def test_analyze_json_follows_the_schema_and_spans_round_trip(corpus: Path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "schema" / "analysis.schema.json").read_text())
    code, out, _ = run("analyze", "--format", "json", str(corpus / "a.txt"))
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, schema)
    text = data["article"]["text"]
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_ingest_is_idempotent_and_queries_work(corpus: Path, tmp_path: Path):
    db = str(tmp_path / "ng.db")
    code, out, _ = run("ingest", str(corpus), "--db", db)
    assert code == 0, out
    assert "2 stored" in out
    before = sqlite3.connect(db).execute("SELECT COUNT(*) FROM statements").fetchone()[0]
    code, out, _ = run("ingest", str(corpus), "--db", db)
    assert code == 0 and "0 stored" in out and "2 already" in out
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM statements").fetchone()[0] == before

    code, out, _ = run("entities", "--db", db, "--type", "PERSON")
    assert code == 0 and "Hamid Farahani" in out and "Damascus" not in out
    code, out, _ = run("entities", "--db", db, "--search", "farah", "--format", "json")
    rows = json.loads(out)
    assert [r["name"] for r in rows] == ["Hamid Farahani"]
    assert rows[0]["article_count"] == 2

    code, out, _ = run("show", "Farahani", "--db", db)
    assert code == 0
    assert "Hamid Farahani" in out and "left for Tehran" in out and "returned to Beirut" in out


def test_bad_inputs_fail_clearly_and_the_batch_goes_on(corpus: Path, tmp_path: Path):
    (corpus / "empty.txt").write_text("")
    (corpus / "blob.bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    db = str(tmp_path / "ng.db")
    code, out, err = run("ingest", str(corpus), str(tmp_path / "missing.txt"), "--db", db)
    assert code == 1
    assert "empty.txt" in err and "blob.bin.txt" in err and "missing.txt" in err
    assert "2 stored" in out and "3 failed" in out


def test_show_unknown_name_is_a_clear_error(tmp_path: Path):
    db = str(tmp_path / "ng.db")
    SQLiteStore(db).close()
    code, _, err = run("show", "Nobody At All", "--db", db)
    assert code == 1 and "Nobody At All" in err


def test_bundled_samples_ingest_cleanly(tmp_path: Path):
    db = str(tmp_path / "s.db")
    code, out, err = run("ingest", str(REPO / "samples"), "--db", db)
    assert code == 0, err
    assert "not analysed" in out  # the French sample
    code, out, _ = run("entities", "--db", db, "--type", "ARMED_GROUP", "--format", "json")
    assert json.loads(out), "the samples name armed groups"


def test_claim_and_event_commands_query_the_store(tmp_path: Path):
    (tmp_path / "a.txt").write_text(
        "Defence Minister Karim Haddad met Hamid Farahani in Damascus on 12 March 2024. "
        "\u201cWe discussed the war,\u201d Haddad said. Officials said the brigade has more than 3,000 fighters. "
        "Other sources reported that the brigade had about 5,000 fighters.\n", encoding="utf-8")
    db = str(tmp_path / "ng.db")
    assert run("ingest", str(tmp_path / "a.txt"), "--db", db)[0] == 0
    code, out, _ = run("quotes", "--db", db, "--by", "Karim Haddad")
    assert code == 0 and "We discussed the war" in out
    code, out, _ = run("quotes", "--db", db, "--format", "json")
    assert {q["source_type"] for q in json.loads(out)} >= {"named", "unnamed"}
    code, out, _ = run("events", "--db", db, "--actor", "Haddad", "--format", "json")
    assert code == 0 and any(e["root"] == "04" for e in json.loads(out))
    code, out, _ = run("timeline", "Hamid Farahani", "--db", db)
    assert code == 0 and "Hamid Farahani" in out
    code, out, _ = run("numbers", "--db", db)
    assert code == 0 and "3,000" in out
    assert run("numbers", "--db", db, "--disputed")[0] == 0
    for command in ("analyze", "ingest", "entities", "show", "quotes", "numbers", "events", "timeline"):
        code, out, _ = run(command, "--help")
        assert code == 0 and len(out.splitlines()) > 3


def test_quotes_shows_a_split_quotation_without_the_words_that_split_it(tmp_path: Path):
    (tmp_path / "a.txt").write_text(
        "Defence Minister Karim Haddad visited Homs on Monday. "
        "\u201cWe will not leave the city,\u201d Haddad told reporters there, \u201cuntil the roads are open.\u201d\n",
        encoding="utf-8")
    db = str(tmp_path / "ng.db")
    assert run("ingest", str(tmp_path / "a.txt"), "--db", db)[0] == 0
    code, out, _ = run("quotes", "--db", db, "--by", "Karim Haddad")
    assert code == 0
    assert ": \u201cWe will not leave the city,\u201d \u2026 \u201cuntil the roads are open.\u201d" in out, out
    code, out, _ = run("quotes", "--db", db, "--by", "Karim Haddad", "--format", "json")
    [quote] = json.loads(out)
    assert "told reporters" in quote["content"] and quote["direct"]  # the envelope, kept for compatibility
    assert quote["content_parts"] == ["\u201cWe will not leave the city,\u201d", "\u201cuntil the roads are open.\u201d"]
    code, out, _ = run("analyze", str(tmp_path / "a.txt"))
    assert "\u201cWe will not leave the city,\u201d \u2026 \u201cuntil" in out, out


def test_alleged_events_show_who_alleges_them(tmp_path: Path):
    (tmp_path / "a.txt").write_text(
        "Hezbollah accused the Nusra Front of shelling a hospital in Idlib on 4 March 2024.\n", encoding="utf-8")
    db = str(tmp_path / "ng.db")
    assert run("ingest", str(tmp_path / "a.txt"), "--db", db)[0] == 0
    code, out, _ = run("events", "--db", db)
    assert code == 0 and "[alleged by Hezbollah]" in out, out
    code, out, _ = run("events", "--db", db, "--format", "json")
    rows = json.loads(out)
    (deed,) = [e for e in rows if e["certainty"] == "alleged"]
    (accusation,) = [e for e in rows if e["code"] == "112"]
    assert deed["reported_by"] == accusation["id"] and deed["alleged_by"] == "Hezbollah"
    code, out, _ = run("analyze", str(tmp_path / "a.txt"))
    assert "[alleged by Hezbollah]" in out
    code, out, _ = run("timeline", "Hezbollah", "--db", db)
    assert code == 0 and "112" in out
