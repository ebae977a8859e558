"""Exports, each loaded back with its own tool's library: followthemoney validates the
entities, networkx reads the graphs, pandas reads the events CSV. The store is real: the
bundled samples and an article of ours, through the real pipeline, into SQLite."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.errors import ExportError
from newsgraph.export import FORMATS, export_store
from newsgraph.export.common import require
from newsgraph.export.events_csv import COLUMNS, quad_class
from newsgraph.model import make_id
from newsgraph.store import SQLiteStore, open_store

REPO = Path(__file__).resolve().parents[1]
SPAN_REF = re.compile(r"^(art-[0-9a-f]+):(\d+):(\d+)$")

# Written for this test: two named people meet on a given day, one quotes about the other.
OWN_ARTICLE = (
    "Foreign Minister Adel Rahimi met Defence Minister Karim Haddad in Damascus on 12 March 2024.\n"
    "\u201cWe discussed the security of the border with Lebanon and the future of Karim Haddad's army,\u201d "
    "Rahimi said after the meeting.\n"
    "Haddad accused the Islamic State of attacking an army post near Homs on 10 March 2024.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, analyzer) -> Path:
    from newsgraph.ingest import iter_articles

    folder = tmp_path_factory.mktemp("export")
    (folder / "own.txt").write_text(OWN_ARTICLE, encoding="utf-8")
    path = folder / "store.db"
    with SQLiteStore(path) as store:
        for article in iter_articles([str(REPO / "samples"), str(folder / "own.txt")]):
            assert not isinstance(article, Exception), article
            store.save(analyzer.analyze(article))
    return path


@pytest.fixture(scope="module")
def texts(store_path: Path) -> dict[str, str]:
    with open_store(str(store_path), readonly=True) as store:
        return {article.id: article.text for article in store.iter_articles()}


def export(store_path: Path, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"out.{fmt}"
    code, _, err = run("export", "--format", fmt, "--db", str(store_path), "-o", str(out))
    assert code == 0, err
    assert f"to {out}" in err
    return out


def read_span(texts: dict[str, str], ref: str) -> str:
    match = SPAN_REF.match(ref)
    assert match, ref
    article_id, start, end = match[1], int(match[2]), int(match[3])
    assert 0 <= start < end <= len(texts[article_id])
    return texts[article_id][start:end]


# -- FollowTheMoney ----------------------------------------------------------------------


@pytest.mark.model
def test_ftm_entities_are_valid_and_their_references_resolve(store_path: Path, texts: dict[str, str],
                                                             tmp_path: Path) -> None:
    ftm = pytest.importorskip("followthemoney")
    from followthemoney.types import registry

    path = export(store_path, "ftm", tmp_path)
    # followthemoney's own command re-parses and re-cleans every value; nothing may change or go.
    from followthemoney.cli.cli import cli as ftm_cli

    cleaned = tmp_path / "cleaned.ftm"
    result = CliRunner().invoke(ftm_cli, ["validate", "-i", str(path), "-o", str(cleaned)])
    assert result.exit_code == 0, result.output
    original = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    again = [json.loads(line) for line in cleaned.read_text(encoding="utf-8").splitlines()]
    assert [(d["id"], d["schema"], d["properties"]) for d in again] == [
        (d["id"], d["schema"], d["properties"]) for d in original]

    proxies = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        proxy = ftm.model.get_proxy(data, cleaned=False)  # re-cleans every value, as for untrusted input
        assert proxy.to_dict()["properties"] == data["properties"], data
        proxy.schema.validate(data)  # raises InvalidData on a missing required property or a bad value
        proxies.append(proxy)
    by_id = {p.id: p for p in proxies}
    assert len(by_id) == len(proxies), "one line per entity"
    schemata = {p.schema.name for p in proxies}
    assert {"Article", "Person", "Organization", "Address", "Event", "Mention", "Documentation"} <= schemata

    for proxy in proxies:
        for prop, value in proxy.itervalues():
            if prop.type == registry.entity:
                assert value in by_id, (proxy.id, prop.name, value)
                assert by_id[value].schema.is_a(prop.range), (proxy.id, prop.name, by_id[value].schema)

    # The evidence: each span reference reads the text the entity says it does.
    for proxy in proxies:
        refs = proxy.get("recordId", quiet=True)
        if proxy.schema.name == "Documentation" and proxy.get("summary"):
            [ref] = refs
            assert read_span(texts, ref) == proxy.first("summary")
        elif proxy.schema.name == "Event":  # every report's span; the first reads the summary
            assert read_span(texts, refs[0]) == proxy.first("summary")
            assert all(read_span(texts, ref) for ref in refs)
            assert {ref.split(":")[0] for ref in refs} == set(proxy.get("proof"))
        elif proxy.schema.name == "Documentation":  # the mentions of an entity in an article
            mention = by_id[make_id("ftm-mention", proxy.first("entity"), proxy.first("document"))]
            assert {read_span(texts, ref) for ref in refs} == set(mention.get("name"))
        if proxy.schema.name == "Article":
            assert proxy.first("bodyText") == texts[proxy.id]

    rahimi = next(p for p in proxies if p.schema.name == "Person" and "Adel Rahimi" in p.get("name"))
    assert "Foreign Minister" in rahimi.get("position")
    assert any(p.schema.name == "Event" and rahimi.id in p.get("involved") for p in proxies)


# -- graphs --------------------------------------------------------------------------------


def _check_graph(graph, store_path: Path, texts: dict[str, str]) -> None:
    from newsgraph.export.graph import ACTOR_TYPES

    with open_store(str(store_path), readonly=True) as store:
        actors = {e.id: e for e in store.iter_entities() if e.type in ACTOR_TYPES}
    assert set(graph.nodes) == set(actors)
    for node, data in graph.nodes(data=True):
        entity = actors[node]
        assert data["label"] == entity.name and data["type"] == entity.type
        assert int(data["mentions"]) == entity.mention_count
        assert set(filter(None, data["aliases"].split("; "))) == set(entity.aliases)
    kinds = set()
    for source, target, data in graph.edges(data=True):
        kinds.add(data["kind"])
        assert source != target
        assert int(data["weight"]) >= 1
        articles = set(data["articles"].split())
        spans = data["evidence"].split()
        assert len(spans) >= 1 and {ref.split(":")[0] for ref in spans} == articles
        for ref in spans:
            read_span(texts, ref)
        if data["kind"] == "event":
            assert re.fullmatch(r"\d\d", data["cameo_root"]) and data["label"]
            assert all(code.startswith(data["cameo_root"]) for code in data["cameo_codes"].split())
    assert kinds == {"event", "quote"}
    rahimi = next(n for n, d in graph.nodes(data=True) if d["label"] == "Adel Rahimi")
    haddad = next(n for n, d in graph.nodes(data=True) if d["label"] == "Karim Haddad")
    met = [d for _, target, d in graph.out_edges(rahimi, data=True) if target == haddad and d["kind"] == "event"]
    assert any(d["cameo_root"] == "04" and d["first_date"] == "2024-03-12" for d in met), met


@pytest.mark.model
def test_graphml_reads_back_with_actors_and_typed_edges(store_path: Path, texts: dict[str, str],
                                                        tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    graph = nx.read_graphml(export(store_path, "graphml", tmp_path), force_multigraph=True)
    assert graph.is_directed()
    _check_graph(graph, store_path, texts)


@pytest.mark.model
def test_gexf_reads_back_with_dated_edges(store_path: Path, texts: dict[str, str], tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    graph = nx.read_gexf(export(store_path, "gexf", tmp_path))
    _check_graph(graph, store_path, texts)
    dated = [d for _, _, d in graph.edges(data=True) if "start" in d]
    assert dated and all(d["start"] == d["first_date"] and d["end"] == d["last_date"] for d in dated)


# -- events CSV ------------------------------------------------------------------------------


@pytest.mark.model
def test_events_csv_reads_back_and_every_row_reads_its_evidence(store_path: Path, texts: dict[str, str],
                                                                tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(export(store_path, "events-csv", tmp_path), dtype=str, keep_default_na=False)
    assert list(frame.columns[: len(COLUMNS)]) == list(COLUMNS)
    with open_store(str(store_path), readonly=True) as store:
        assert len(frame) == store.stats()["events"] > 0
    for row in frame.itertuples(index=False):
        assert texts[row.article_id][int(row.start) : int(row.end)] == row.evidence
        assert row.cameo_code.startswith(row.cameo_root)
        assert row.quad_class == str(quad_class(row.cameo_root))
        if row.latitude:
            assert -90 <= float(row.latitude) <= 90 and -180 <= float(row.longitude) <= 180
    met = frame[(frame.source_name == "Adel Rahimi") & (frame.target_name == "Karim Haddad")]
    assert "2024-03-12" in set(met.date) and "Damascus" in set(met.place_name)


def test_events_csv_passes_through_fields_it_does_not_know(tmp_path: Path) -> None:
    import csv
    from dataclasses import dataclass

    from newsgraph.export import events_csv

    @dataclass
    class NewerRecord:  # an event record from a store that knows more than this exporter
        id: str
        root: str
        text: str
        alleged: bool
        place_info: dict

        def to_dict(self) -> dict:
            return dict(vars(self))

    class Store:
        def iter_events(self):
            yield NewerRecord("evt-1", "19", "shelled the town", True, {"admin1": "Homs Governorate"})

    out = io.BytesIO()
    assert events_csv.write(Store(), out) == 1  # type: ignore[arg-type]
    [row] = csv.DictReader(io.StringIO(out.getvalue().decode("utf-8")))
    assert row["event_id"] == "evt-1" and row["quad_class"] == "4" and row["evidence"] == "shelled the town"
    assert row["alleged"] == "true" and json.loads(row["place_info"]) == {"admin1": "Homs Governorate"}
    assert row["cameo_code"] == ""


def test_quad_class_follows_gdelt() -> None:
    assert [quad_class(r) for r in ("01", "04", "05", "06", "08", "09", "13", "14", "19", "20")] == [
        1, 1, 1, 2, 2, 3, 3, 4, 4, 4]
    assert quad_class("21") is None and quad_class("") is None and quad_class(None) is None


# -- statements as JSON Lines --------------------------------------------------------------------


@pytest.mark.model
def test_jsonl_has_every_statement_with_its_provenance(store_path: Path, texts: dict[str, str],
                                                        tmp_path: Path) -> None:
    lines = export(store_path, "jsonl", tmp_path).read_text(encoding="utf-8").splitlines()
    statements = [json.loads(line) for line in lines]
    with open_store(str(store_path), readonly=True) as store:
        assert {s["id"] for s in statements} == {s.id for s in store.statements()}
    for statement in statements:
        assert statement["article_id"] in texts and statement["extractor"] and statement["version"]
        if statement["prop"] == "mention":
            assert texts[statement["article_id"]][statement["start"] : statement["end"]] == statement["value"]


# -- the command -----------------------------------------------------------------------------------


@pytest.mark.model
def test_export_writes_to_standard_output_by_default(store_path: Path) -> None:
    code, out, _ = run("export", "--format", "events-csv", "--db", str(store_path))
    assert code == 0 and out.startswith(",".join(COLUMNS))
    code, out, _ = run("export", "--format", "jsonl", "--db", str(store_path), "-o", "-")
    assert code == 0 and all(json.loads(line)["extractor"] for line in out.splitlines())


def test_export_of_a_missing_store_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.ftm"
    code, _, err = run("export", "--format", "ftm", "--db", str(tmp_path / "missing.db"), "-o", str(out))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "missing.db" in err
    assert not out.exists() and not (tmp_path / "missing.db").exists()


def test_export_of_an_unknown_format_is_refused(tmp_path: Path) -> None:
    code, _, err = run("export", "--format", "pdf", "--db", str(tmp_path / "x.db"))
    assert code == 2 and "pdf" in err
    with SQLiteStore(tmp_path / "x.db") as store, pytest.raises(ExportError, match="unknown export format"):
        export_store(store, "pdf", io.BytesIO())
    code, out, _ = run("export", "--help")
    assert code == 0 and all(name in out for name in FORMATS)


def test_an_empty_store_exports_empty_files(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "empty.db").close()
    for fmt in FORMATS:
        if fmt != "jsonl" and fmt != "events-csv":
            pytest.importorskip("followthemoney" if fmt == "ftm" else "networkx")
        out = tmp_path / f"empty.{fmt}"
        code, _, err = run("export", "--format", fmt, "--db", str(tmp_path / "empty.db"), "-o", str(out))
        assert code == 0 and "exported 0 " in err, err
    assert (tmp_path / "empty.events-csv").read_text() == ",".join(COLUMNS) + "\n"
    assert (tmp_path / "empty.jsonl").read_text() == ""


def test_a_missing_optional_package_says_how_to_install_it() -> None:
    with pytest.raises(ExportError, match=r"newsgraph\[export\]"):
        require("newsgraph_no_such_package", "ftm")


def test_a_failed_export_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    SQLiteStore(tmp_path / "s.db").close()
    (tmp_path / "out").mkdir()

    def broken(store, out):
        out.write(b"half")
        raise ExportError("it broke")

    import newsgraph.export.jsonl

    monkeypatch.setattr(newsgraph.export.jsonl, "write", broken)
    code, _, err = run("export", "--format", "jsonl", "--db", str(tmp_path / "s.db"), "-o", str(tmp_path / "out" / "o.jsonl"))
    assert code == 1 and "it broke" in err
    assert list((tmp_path / "out").iterdir()) == []


def test_an_event_two_articles_report_keeps_both_as_evidence(tmp_path: Path) -> None:
    from dataclasses import replace

    from newsgraph.model import Analysis, Article, Mention, Span
    from tests.test_store import analysis_3

    pytest.importorskip("followthemoney")
    nx = pytest.importorskip("networkx")

    first = analysis_3()
    text = "Two days on, Mamlouk met Assad in Damascus again, officials said."
    meet = "Mamlouk met Assad in Damascus"
    at = text.index(meet)
    again = replace(first.events[0], id="ev-2", start=at, end=at + len(meet), text=meet, date="2024-05-04")
    moved = []
    for entity in first.entities:
        surface = {"Ali Mamlouk": "Mamlouk", "Bashar al-Assad": "Assad", "Damascus": "Damascus"}.get(entity.name)
        if surface:
            k = text.index(surface)
            moved.append(replace(entity, mentions=[Mention(Span(k, k + len(surface), surface))], roles=[]))
    with SQLiteStore(tmp_path / "s.db") as store:
        store.save(first)
        store.save(Analysis(Article(id="art-9", text=text, language="en"), entities=moved, events=[again]))
        [event] = store.events()
        assert event.articles == 2  # the store made one event of the two reports
        for fmt in ("ftm", "graphml"):
            with (tmp_path / f"out.{fmt}").open("wb") as handle:
                export_store(store, fmt, handle)
    entities = [json.loads(line) for line in (tmp_path / "out.ftm").read_text().splitlines()]
    [ftm_event] = [e for e in entities if e["schema"] == "Event"]
    assert ftm_event["properties"]["proof"] == ["art-3", "art-9"]
    assert ftm_event["properties"]["recordId"][1] == f"art-9:{at}:{at + len(meet)}"
    graph = nx.read_graphml(tmp_path / "out.graphml")
    [edge] = [data for _, _, data in graph.edges(data=True) if data["kind"] == "event"]
    assert edge["weight"] == 1 and edge["articles"] == "art-3 art-9" and len(edge["evidence"].split()) == 2
