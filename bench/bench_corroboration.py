"""Corroboration and contradiction: near-duplicate detection, and contradictions on FA-KES.

    .venv/bin/python bench/bench_corroboration.py [--limit N] [--db STORE] [--pairs N]

(a) Near-duplicates: every PolNeAR dev text and FA-KES dev text gets a lightly edited copy (a
changed headline, sentences cut, two sentences swapped, a few words changed, at random with a
fixed seed). The originals go into an LSH index; each copy is looked up the way ``Store.save``
does it (candidates from the LSH buckets, judged on the signatures). A copy found for its own
original is a true positive; any other article found is a false positive unless the two
originals are themselves near-duplicates by their exact shingle sets (outlets reprinting one
story: the dataset's own copies). Also: the same figures for exact Jaccard on all pairs.

(b) FA-KES dev ingested together through the real pipeline (the first N articles with
``--limit``, or an existing store with ``--db``): how many copies are found, and how often an
article labelled fake holds a claim that another outlet contradicts, against one labelled credible.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsgraph.resolve.duplicates import CONTAINMENT, JACCARD, _shingles, band_keys, is_copy, signature  # noqa: E402

DATA = REPO.parent / "shared" / "data"
POLNEAR = DATA / "attribution" / "polnear" / "data" / "dev" / "text"
FAKES = DATA / "news" / "fakes" / "dev.jsonl"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def texts() -> list[str]:
    found = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))] if POLNEAR.is_dir() else []
    if FAKES.exists():
        found += [json.loads(line)["text"] for line in FAKES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [t for t in found if signature(t) is not None]


def edit(text: str, rng: random.Random) -> str:
    """A light edit, as a reprinting outlet makes: new headline, cuts, a swap, a few words changed."""
    sentences = [s for s in _SENTENCE.split(text.strip()) if s]
    if len(sentences) > 4:  # cut up to a fifth of the sentences, the tail more often
        for _ in range(rng.randint(1, max(1, len(sentences) // 5))):
            del sentences[rng.choice([len(sentences) - 1, rng.randrange(len(sentences))])]
    if len(sentences) > 2:
        k = rng.randrange(len(sentences) - 1)
        sentences[k], sentences[k + 1] = sentences[k + 1], sentences[k]
    words = " ".join(sentences).split(" ")
    for _ in range(max(1, len(words) // 50)):
        words[rng.randrange(len(words))] = rng.choice(["reportedly", "the", "officials", "Monday", "said"])
    return "Reprinted: " + " ".join(rng.sample(words, min(6, len(words)))) + ".\n" + " ".join(words)


def exact_jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def containment(a: set[int], b: set[int]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def near_duplicates(seed: int) -> None:
    originals = texts()
    if not originals:
        print("(a) skipped: no texts under ../shared/data")
        return
    rng = random.Random(seed)
    copies = [edit(t, rng) for t in originals]
    started = time.perf_counter()
    sigs = [signature(t) for t in originals]
    buckets: dict[tuple[int, str], list[int]] = {}
    for k, sig in enumerate(sigs):
        for key in band_keys(sig):
            buckets.setdefault(key, []).append(k)
    shingles = [_shingles(t) for t in originals]
    tp = fp = dataset_copies = candidates = 0
    for k, text in enumerate(copies):
        sig = signature(text)
        found = {j for key in band_keys(sig) for j in buckets.get(key, [])}
        candidates += len(found)
        for j in found:
            if not is_copy(sig, sigs[j])[0]:
                continue
            if j == k:
                tp += 1
            elif exact_jaccard(shingles[j], shingles[k]) >= JACCARD or containment(shingles[j], shingles[k]) >= CONTAINMENT:
                dataset_copies += 1
            else:
                fp += 1
    seconds = time.perf_counter() - started
    n = len(originals)
    print(f"(a) {n} texts (PolNeAR dev + FA-KES dev), each with one lightly edited copy; seed {seed}")
    print(f"    MinHash/LSH: recall {tp / n:.3f}, precision {tp / max(1, tp + fp):.3f} "
          f"({tp} found, {fp} false, {dataset_copies} dataset copies of another original); "
          f"{candidates / n:.1f} candidates per lookup of {n}; {seconds:.1f} s in all")
    # The same edits judged on exact shingle sets, every pair: what MinHash estimates.
    exact_found = sum(exact_jaccard(shingles[k], _shingles(copies[k])) >= JACCARD for k in range(n))
    sample = [(rng.randrange(n), rng.randrange(n)) for _ in range(20000)]
    unrelated = [(a, b) for a, b in sample if a != b and exact_jaccard(shingles[a], shingles[b]) < 0.2]
    false = sum(is_copy(sigs[a], sigs[b])[0] for a, b in unrelated)
    print(f"    exact Jaccard >= {JACCARD}: recall {exact_found / n:.3f}; "
          f"{false} of {len(unrelated)} random unrelated pairs (exact Jaccard < 0.2) called copies by MinHash")


def fakes(limit: int | None, db: str | None) -> None:
    if not FAKES.exists():
        print("(b) skipped: no FA-KES under ../shared/data")
        return
    from newsgraph.corpus import contradictions, copies
    from newsgraph.store import SQLiteStore

    rows = [json.loads(line) for line in FAKES.read_text(encoding="utf-8").splitlines() if line.strip()]
    if db is None:
        from newsgraph.facts.analysis import Analyzer
        from newsgraph.ingest import article_from_text

        rows = rows[:limit] if limit else rows
        db = str(Path(tempfile.mkdtemp()) / "fakes.db")
        analyzer = Analyzer()
        started = time.perf_counter()
        with SQLiteStore(db) as store:
            for row in rows:
                article = article_from_text(row["text"], title=row["title"], source=row["source"],
                                            published=row["published"])
                store.save(analyzer.analyze(article))
        print(f"(b) ingested {len(rows)} FA-KES dev articles in {time.perf_counter() - started:.0f} s")
    with SQLiteStore(db, readonly=True) as store:
        sources = store.article_sources()
        from newsgraph.ingest import article_from_text

        label = {}
        for row in rows:
            article_id = article_from_text(row["text"]).id
            if article_id in sources:
                label[article_id] = row["gold"]["label"]
        found = contradictions(store, limit=1_000_000)
        links = copies(store)
    held: dict[str, set[str]] = {}
    for item in found["contradictions"]:
        for evidence in item["evidence"]:
            held.setdefault(evidence["article_id"], set()).add(item["kind"])
    print(f"    {len(label)} articles labelled; {len(links)} copy links "
          f"({sum(a['publisher'] != a['copy_of_publisher'] for a in links)} across outlets); "
          f"{found['count']} contradictions {found['kinds']}")
    for name, value in (("fake", "0"), ("credible", "1")):
        ids = [a for a, v in label.items() if v == value]
        hit = [a for a in ids if a in held]
        numbers = [a for a in ids if "number" in held.get(a, set())]
        print(f"    {name:<9} {len(hit)}/{len(ids)} = {len(hit) / max(1, len(ids)):.3f} hold a contradicted claim "
              f"({len(numbers) / max(1, len(ids)):.3f} a contradicted number)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Ingest only the first N FA-KES articles.")
    parser.add_argument("--db", default=None, help="Use this store (FA-KES already ingested) instead.")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--skip-fakes", action="store_true")
    args = parser.parse_args()
    near_duplicates(args.seed)
    if not args.skip_fakes:
        fakes(args.limit, args.db)


if __name__ == "__main__":
    main()
