"""Corroboration and contradiction across outlets, through the real pipeline and store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.corpus import contradictions, copies, corpus_stats, corroboration
from newsgraph.ingest import article_from_text
from newsgraph.store import SQLiteStore

pytestmark = pytest.mark.model

# Written for these tests: a wire story, a light reprint by another outlet (new headline, two
# sentences swapped, the last one cut), an outlet with another toll, and a ministry denying it.
WIRE = (
    "The Syrian army shelled Douma on Tuesday, killing 23 people, a monitoring group said. Rescue workers "
    "searched the rubble of shops and a bakery for survivors until late in the evening. Residents said the "
    "shells fell on the market shortly after noon, when it was at its busiest. The town has been held by "
    "opposition fighters since the spring and has been shelled repeatedly in recent weeks."
)
REPRINT = (
    "Shelling of Douma market kills 23. The Syrian army shelled Douma on Tuesday, killing 23 people, a "
    "monitoring group said. Residents said the shells fell on the market shortly after noon, when it was at "
    "its busiest. Rescue workers searched the rubble of shops and a bakery for survivors until late in the evening."
)
OTHER_TOLL = (
    "Seven people were killed in Douma on Tuesday, a hospital director told reporters. He said dozens of "
    "wounded were taken to clinics outside the town."
)
DENIAL = (
    "The Syrian army did not shell Douma, the defence ministry said on Wednesday. The ministry called the "
    "reports fabricated and said its units had held their positions."
)
STRENGTH = "The Badr Organization has 20,000 fighters, its commander said in an interview."
STRENGTH_TOO = "The Badr Organization has more than 10,000 fighters in Syria alone, a spokesman said."

ARTICLES = [
    (WIRE, "Wire Agency", "Army shells Douma"),
    (REPRINT, "Gulf Daily", "Douma market shelled"),
    (OTHER_TOLL, "Levant Herald", "Douma toll"),
    (DENIAL, "State Agency", "Ministry denies shelling"),
    (STRENGTH, "Levant Herald", "Badr strength"),
    (STRENGTH_TOO, "Wire Agency", "Badr in Syria"),
]


@pytest.fixture(scope="module")
def analyses(analyzer) -> list:
    return [analyzer.analyze(article_from_text(text, title=title, source=source, published="2026-10-06"))
            for text, source, title in ARTICLES]


@pytest.fixture(scope="module")
def store_path(analyses, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with SQLiteStore(path) as store:
        for analysis in analyses:
            store.save(analysis)
    return path


@pytest.fixture(scope="module")
def postgres_url(analyses, pg_server) -> Iterator[str]:
    """The same analyses, saved in the same order, in a PostgreSQL database."""
    from newsgraph.store.postgres import PostgresStore

    name = pg_server.create_database()
    url = pg_server.url(name)
    with PostgresStore(url) as store:
        for analysis in analyses:
            store.save(analysis)
    yield url
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest):
    if request.param == "postgres":
        from newsgraph.store.postgres import PostgresStore

        opened = PostgresStore(request.getfixturevalue("postgres_url"), readonly=True)
    else:
        opened = SQLiteStore(request.getfixturevalue("store_path"), readonly=True)
    with opened:
        yield opened


def test_the_reprint_is_one_copy_of_the_wire_story(store):
    found = copies(store)
    assert [(c["publisher"], c["copy_of_publisher"]) for c in found] == [("gulf daily", "wire agency")]
    assert 0.5 <= found[0]["similarity"] <= 1


def test_a_toll_reprinted_is_counted_once_and_conflicting_tolls_are_a_contradiction(store):
    data = contradictions(store)
    numbers = [c for c in data["contradictions"] if c["kind"] == "number"]
    assert len(numbers) == 1  # the reprint does not make a second contradiction
    values = sorted((e["publisher"], e["value"]) for e in numbers[0]["evidence"])
    assert values == [("levant herald", 7), ("wire agency", 23)]
    for evidence in numbers[0]["evidence"]:
        text = store.article(evidence["article_id"]).text
        assert text[evidence["start"]:evidence["end"]] == evidence["text"]
    tolls = [c for c in corroboration(store)["claims"] if c["unit"] == "deaths"]
    assert tolls and tolls[0]["articles"] == 2 and tolls[0]["publishers"] == ["wire agency"]


def test_consistent_counts_are_corroboration_not_contradiction(store):
    data = contradictions(store)
    assert not [c for c in data["contradictions"] if c["kind"] == "number" and "Badr" in c["about"]]
    strength = [c for c in corroboration(store)["claims"] if c["unit"] == "strength"]
    assert strength and strength[0]["independent_publishers"] == 2


def test_an_event_asserted_and_denied_by_independent_outlets_is_a_contradiction(store):
    denials = [c for c in contradictions(store)["contradictions"] if c["kind"] == "denial"]
    assert len(denials) == 1
    certainties = {e["publisher"]: e["certainty"] for e in denials[0]["evidence"]}
    assert certainties.get("state agency") == "negated"
    assert set(certainties.values()) == {"asserted", "negated"}


def test_stats_count_publishers_duplicates_and_contradictions(store):
    counts = corpus_stats(store)
    assert counts["articles"] == 6 and counts["publishers"] == 4
    assert counts["duplicates"] == 1 and counts["contradictions"] == 2


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("postgres_url" if request.param == "postgres" else "store_path"))


def test_cli_corpus_commands_write_text_and_one_json_document(db: str):
    runner = CliRunner()
    result = runner.invoke(main, ["contradictions", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["count"] == 2
    result = runner.invoke(main, ["contradictions", "--db", db, "--about", "Douma"])
    assert result.exit_code == 0 and "[number]" in result.output and "levant herald" in result.output
    result = runner.invoke(main, ["corroboration", "--db", db, "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)["claims"]
    result = runner.invoke(main, ["stats", "--db", db, "--format", "json"])
    assert json.loads(result.output)["duplicates"] == 1
    result = runner.invoke(main, ["copies", "--db", db])
    assert "copies wire agency" in result.output


def test_analyze_json_is_one_document_for_one_article_and_json_lines_for_several(tmp_path: Path):
    many = tmp_path / "many.jsonl"
    many.write_text("\n".join(json.dumps({"text": text, "source": source}) for text, source, _ in ARTICLES[:2]))
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"text": OTHER_TOLL}))
    runner = CliRunner()
    result = runner.invoke(main, ["analyze", "--format", "json", str(many)])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 0 and len(lines) == 2
    assert [json.loads(line)["article"]["source"] for line in lines] == ["Wire Agency", "Gulf Daily"]
    result = runner.invoke(main, ["analyze", "--format", "json", str(one)])
    assert json.loads(result.output)["article"]["text"] == OTHER_TOLL
