"""Parallel ingest: chunking, per-article failures, N local workers, and kill -9 then resume."""

from __future__ import annotations

import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.batch import ingest_paths
from newsgraph.batch.engines import analyse_chunk, chunks
from newsgraph.errors import InputError
from newsgraph.ingest import article_from_text

REPO = Path(__file__).resolve().parents[1]

CITIES = ["Homs", "Aleppo", "Deir ez-Zor", "Idlib", "Raqqa", "Hama", "Daraa", "Latakia", "Mosul", "Tikrit",
          "Sidon", "Tyre"]
PEOPLE = ["Karim Haddad", "Samir Nasser", "Leila Mansour", "Omar Khatib", "Rana Saleh", "Yusuf Darwish",
          "Hana Aziz", "Fadi Rahman", "Maya Shami", "Nabil Qasim", "Dina Farouk", "Tariq Halabi"]


def _article_text(i: int) -> str:
    city, person = CITIES[i], PEOPLE[i]
    return (
        f"Shelling Near {city} Kills {i + 3} Civilians\n\n"
        f"Rockets struck a market near {city} on Tuesday, killing {i + 3} civilians and wounding {2 * i + 5}, "
        f"local officials said. The governor, {person}, said the attack came from positions held by armed groups "
        f"east of the city and called it \"a crime against families who were buying bread\".\n\n"
        f"The United Nations said on Wednesday that {10 * (i + 1)} families had fled {city} since the start of "
        f"the month. Syrian army units shelled villages to the north in response, according to a monitoring group "
        f"based in London. {person} told reporters that talks with Damascus would probably resume next week."
    )


def _write_articles(folder: Path, count: int = 12) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"article-{i:02d}.txt").write_text(_article_text(i), encoding="utf-8")
    return folder


# -- no pipeline needed ----------------------------------------------------------------------


def test_chunks_are_bounded_by_characters_and_a_long_article_goes_alone():
    sizes = [30, 30, 30, 250, 10, 10, 10, 10, 10]
    articles = [article_from_text(f"Article {n}. " + "x" * size) for n, size in enumerate(sizes)]
    got = list(chunks(articles, batch_chars=100, part_chars=200, batch_size=4))
    assert [a.id for chunk in got for a in chunk] == [a.id for a in articles]  # input order, nothing lost
    for chunk in got:
        chars = sum(len(a.text) for a in chunk)
        assert len(chunk) <= 4
        assert len(chunk) == 1 or chars <= 100
    long = [chunk for chunk in got if any(len(a.text) > 200 for a in chunk)]
    assert len(long) == 1 and len(long[0]) == 1


def test_input_errors_cross_process_boundaries_whole():
    error = pickle.loads(pickle.dumps(InputError("feed/item-3", "not UTF-8")))
    assert (error.source, error.reason, str(error)) == ("feed/item-3", "not UTF-8", "feed/item-3: not UTF-8")


class _BrittleAnalyzer:
    """Fails any batch, and alone only on the article that carries the word 'poison'."""

    def analyze_many(self, articles, **_):
        raise RuntimeError("the batch broke")

    def analyze(self, article):
        if "poison" in article.text:
            raise MemoryError("too much")
        return f"analysis of {article.id}"


def test_an_analysis_failure_is_that_articles_error_not_the_batchs():
    articles = [article_from_text(t) for t in ("First article here.", "A poison article.", "Third one.")]
    results = analyse_chunk(_BrittleAnalyzer(), articles)
    assert results[0] == f"analysis of {articles[0].id}" and results[2] == f"analysis of {articles[2].id}"
    assert isinstance(results[1], InputError) and "analysis failed: MemoryError" in str(results[1])


# -- with the pipeline -----------------------------------------------------------------------


def _fingerprints(db: Path) -> dict[str, tuple]:
    """Per article, everything it was stored with, by spans (ids of shared entities aside)."""
    queries = {
        "mentions": "SELECT span_start, span_end, text FROM mentions WHERE article_id = ?",
        "quotes": "SELECT source_start, source_end, cue_start, cue_end, content_start, content_end, direct, "
                  "certainty FROM quotes WHERE article_id = ?",
        "events": "SELECT span_start, span_end, code FROM events WHERE article_id = ?",
        "statements": "SELECT prop, value, span_start, span_end FROM statements WHERE article_id = ?",
        "sentences": "SELECT span_start, span_end, certainty FROM sentences WHERE article_id = ?",
        "quantities": "SELECT span_start, span_end, value FROM quantities WHERE article_id = ?",
    }
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        ids = [row[0] for row in con.execute("SELECT id FROM articles")]
        return {aid: tuple(sorted(map(tuple, con.execute(sql, (aid,))), key=repr) for sql in queries.values())
                for aid in ids}


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet, or being migrated
        return 0


def _assert_unique_rows(db: Path) -> None:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        for table, columns in (("mentions", "article_id, span_start, span_end, entity_id"),
                               ("quotes", "article_id, source_start, content_start, content_end"),
                               ("events", "article_id, span_start, span_end, code"),
                               ("article_entities", "article_id, entity_id")):
            total = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            distinct = con.execute(f"SELECT count(*) FROM (SELECT DISTINCT {columns} FROM {table})").fetchone()[0]
            assert total == distinct, f"duplicated rows in {table}"
        # every entity was resolved once: no two entities of one type share a name
        dupes = con.execute("SELECT name, type, count(*) FROM entities GROUP BY name, type HAVING count(*) > 1").fetchall()
        assert not dupes


@pytest.mark.model
def test_two_workers_store_what_one_process_stores(tmp_path):
    folder = _write_articles(tmp_path / "in", 6)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    first = ingest_paths([str(folder)], db=str(one), workers=1)
    second = ingest_paths([str(folder)], db=str(two), workers=2)
    assert (first.stored, second.stored, second.failed, second.stopped) == (6, 6, 0, None)
    assert _fingerprints(one) == _fingerprints(two)
    again = ingest_paths([str(folder)], db=str(two), workers=2)
    assert (again.stored, again.already) == (0, 6)


@pytest.mark.model
def test_kill_minus_9_in_the_middle_then_the_same_command_resumes(tmp_path):
    folder = _write_articles(tmp_path / "in", 12)
    clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"
    assert ingest_paths([str(folder)], db=str(clean), workers=1).stored == 12

    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--workers", "2", "--db", str(crashed),
               "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # a session of its own: the kill reaches the workers as well as the writer
    process = subprocess.Popen(command, env=env, cwd=tmp_path, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _stored(crashed) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed in the middle"
    partial = _stored(crashed)
    assert 0 < partial < 12

    rerun = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} already in the store" in rerun.stdout

    assert _stored(crashed) == 12
    _assert_unique_rows(crashed)
    # every article whole: stored with exactly what a clean single run stores for it
    assert _fingerprints(crashed) == _fingerprints(clean)


# -- Ray -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'newsgraph[ray]')")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.mark.ray
@pytest.mark.model
def test_ray_actors_store_what_one_process_stores(tmp_path, local_ray):
    folder = _write_articles(tmp_path / "in", 6)
    one, on_ray = tmp_path / "one.db", tmp_path / "ray.db"
    ingest_paths([str(folder)], db=str(one), workers=1)
    summary = ingest_paths([str(folder)], db=str(on_ray), engine="ray", workers=2)
    assert (summary.stored, summary.failed, summary.stopped) == (6, 0, None)
    assert _fingerprints(one) == _fingerprints(on_ray)
    assert local_ray.is_initialized()  # joined the running instance and left it running


def test_ray_missing_is_a_clear_error(monkeypatch):
    from newsgraph.batch import engines
    from newsgraph.errors import EngineError

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails as if not installed
    with pytest.raises(EngineError, match=r"pip install 'newsgraph\[ray\]'"):
        list(engines.ray_actors([], workers=1, address=None, model="x", lexicons=(), batch_chars=10, part_chars=10))


def _worker_pids() -> list[int]:
    """This process's multiprocessing workers (not its resource tracker)."""
    pids = []
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"spawn_main" in cmdline:
                pids.append(int(pid))
    return pids


@pytest.mark.model
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the workers through /proc")
def test_a_worker_killed_stops_the_batch_with_a_line_and_the_rerun_resumes(tmp_path):
    import threading

    folder = _write_articles(tmp_path / "in", 12)
    db = tmp_path / "store.db"
    killed: list[int] = []

    def kill_one_worker() -> None:
        deadline = time.monotonic() + 300
        while _stored(db) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        pids = _worker_pids()
        if pids:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    killer = threading.Thread(target=kill_one_worker)
    killer.start()
    lines: list[str] = []
    summary = ingest_paths([str(folder)], db=str(db), workers=2, on_error=lines.append)
    killer.join()
    assert killed, "no worker to kill"
    assert summary.stopped and "worker process died" in summary.stopped
    assert any(line.startswith("stopping:") and "run the same command again" in line for line in lines)
    assert 0 < summary.stored < 12 and _stored(db) == summary.stored

    rerun = ingest_paths([str(folder)], db=str(db), workers=2)
    assert (rerun.already, rerun.stored, rerun.stopped) == (summary.stored, 12 - summary.stored, None)
    _assert_unique_rows(db)


@pytest.mark.model
def test_report_writes_the_closing_summary_as_json(tmp_path):
    import json

    from click.testing import CliRunner

    from newsgraph.cli import main

    folder = _write_articles(tmp_path / "in", 2)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "french.txt").write_text(
        "Le gouverneur a déclaré mardi que les familles avaient quitté la ville depuis le début du mois, "
        "selon un groupe de surveillance basé à Londres.", encoding="utf-8")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "s.db"), "--workers", "1",
                                       "--report", str(report)])
    assert result.exit_code == 1  # the empty file failed; the rest was stored
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["analysed"], data["already_present"], data["not_analysed"], data["failed"]) == (2, 0, 1, 1)
    assert "empty.txt" in data["errors"][0] and "french.txt" in data["not_analysed_reasons"][0]
    assert data["stopped"] is None
