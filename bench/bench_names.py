"""Benchmark name resolution and cross-script name matching on the shared data sets.

Run from the repository root:  .venv/bin/python bench/bench_names.py [--sample N] [--seed S] [--show K]

(1) re3d: within-document same-entity pairs from ``resolve_names`` against the IsSynonymOf
    relations, with an exact-string baseline.
(2) Arabic-script vs Latin names: ``same_name(arabic, latin)`` on true pairs (recall) and on
    shuffled pairs (false-match rate), with a unidecode baseline. Rules were tuned on the
    train portions only (google ar2en-train, ANETAC train, Wikidata 64 slice); the scores
    that matter are the held-out ones (ar2en-eval, ANETAC test, Wikidata 20 slice).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from unidecode import unidecode

from newsgraph.resolve import NameMention, resolve_names, same_name

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".." / "shared" / "data"

# re3d entity types that name people, organisations, places and nationalities, mapped to ours.
RE3D_TYPES = {"Person": "PERSON", "Organisation": "ORG", "Location": "GPE", "Nationality": "NORP"}

Pair = tuple[str, int, int]  # (document, mention a, mention b) with a < b


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _wording(text: str) -> str:
    """Same wording up to case, a leading "the" and a possessive ending."""
    words = text.replace("’", "'").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    joined = " ".join(words).lower()
    return joined[:-2] if joined.endswith("'s") else joined


def _is_proper(text: str) -> bool:
    """A capitalised mention ("Tobias Ellwood", "the Syria Recovery Trust Fund"), not "the country"."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and words[0][:1].isupper()


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, item: object) -> object:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: object, b: object) -> None:
        self.parent[self.find(a)] = self.find(b)


def _pairs(doc: str, groups: Iterable[list[int]]) -> set[Pair]:
    return {(doc, a, b) for group in groups for a, b in itertools.combinations(sorted(group), 2)}


def _score(predicted: set[Pair], gold: set[Pair]) -> str:
    hit = len(predicted & gold)
    precision = hit / len(predicted) if predicted else float("nan")
    recall = hit / len(gold) if gold else float("nan")
    return f"P {precision:6.1%}  R {recall:6.1%}  (pred {len(predicted)}, gold {len(gold)}, correct {hit})"


def bench_re3d(show: int) -> None:
    folder = DATA / "ner" / "re3d"
    sources = sorted(path for path in folder.iterdir() if (path / "entities.json").exists())
    kept = dropped = 0
    ours: set[Pair] = set()
    exact: set[Pair] = set()
    same_wording: set[Pair] = set()
    gold_syn: set[Pair] = set()
    gold_text: set[Pair] = set()
    texts: dict[tuple[str, int], str] = {}
    for source in sources:
        entities = _read_jsonl(source / "entities.json")
        relations = _read_jsonl(source / "relations.json")
        by_doc: dict[str, list[dict]] = {}
        seen: set[tuple[str, int, int]] = set()
        for entity in entities:
            spot = (entity["documentId"], entity["begin"], entity["end"])
            if spot in seen:
                continue  # one span annotated with two types: keep the first
            seen.add(spot)
            if entity["type"] in RE3D_TYPES and _is_proper(entity["value"]):
                by_doc.setdefault(entity["documentId"], []).append(entity)
                kept += 1
            else:
                dropped += 1
        synonyms = _UnionFind()
        for relation in relations:
            if relation["type"] == "IsSynonymOf":
                doc = relation["documentId"]
                synonyms.union((doc, relation["sourceBegin"], relation["sourceEnd"]),
                               (doc, relation["targetBegin"], relation["targetEnd"]))
        for doc, mentions in by_doc.items():
            mentions.sort(key=lambda entity: entity["begin"])
            for index, entity in enumerate(mentions):
                texts[(doc, index)] = entity["value"]
            inputs = [NameMention(entity["value"], RE3D_TYPES[entity["type"]]) for entity in mentions]
            ours |= _pairs(doc, [cluster.members for cluster in resolve_names(inputs)])
            by_text: dict[str, list[int]] = {}
            by_wording: dict[str, list[int]] = {}
            by_root: dict[object, list[int]] = {}
            for index, entity in enumerate(mentions):
                by_text.setdefault(entity["value"], []).append(index)
                by_wording.setdefault(_wording(entity["value"]), []).append(index)
                by_root.setdefault(synonyms.find((doc, entity["begin"], entity["end"])), []).append(index)
            exact |= _pairs(doc, by_text.values())
            same_wording |= _pairs(doc, by_wording.values())
            gold_syn |= _pairs(doc, by_root.values())
            # Gold completed with "same wording, same entity", which the annotators left implicit.
            merged = _UnionFind()
            for group in itertools.chain(by_wording.values(), by_root.values()):
                for other in group[1:]:
                    merged.union(group[0], other)
            groups: dict[object, list[int]] = {}
            for index in range(len(mentions)):
                groups.setdefault(merged.find(index), []).append(index)
            gold_text |= _pairs(doc, groups.values())

    def differs(pairs: set[Pair]) -> set[Pair]:
        return {pair for pair in pairs
                if _wording(texts[(pair[0], pair[1])]) != _wording(texts[(pair[0], pair[2])])}

    print("(1) re3d within-document name resolution")
    print(f"    mentions kept: {kept} capitalised Person/Organisation/Location/Nationality mentions "
          f"in {len({doc for doc, _ in texts})} documents ({dropped} other mentions dropped)")
    print("    gold A = IsSynonymOf, transitively closed (silent about repeated identical names):")
    print(f"      resolve_names  {_score(ours, gold_syn)}")
    print(f"      exact string   {_score(exact, gold_syn)}")
    print("    gold B = IsSynonymOf + same wording (up to case, leading 'the', possessive), closed:")
    print(f"      resolve_names  {_score(ours, gold_text)}")
    print(f"      exact string   {_score(exact, gold_text)}")
    print(f"      same wording   {_score(same_wording, gold_text)}")
    print("    gold B, only pairs worded differently (what resolution adds over string match;")
    print("    gold B misses true pairs such as a surname and the full name, so P is a lower bound):")
    print(f"      resolve_names  {_score(differs(ours), differs(gold_text))}")
    if show:
        wrong = sorted(differs(ours) - gold_text)[:show]
        missed = sorted(differs(gold_text) - ours)[:show]
        for label, pairs in (("false merges", wrong), ("missed", missed)):
            print(f"    {label}:")
            for doc, a, b in pairs:
                print(f"      {texts[(doc, a)]!r} ~ {texts[(doc, b)]!r}")


def _google(name: str) -> list[tuple[str, str]]:
    path = DATA / "names" / "google_ar2en" / name
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return [(row[0], row[1]) for row in rows if len(row) >= 2]


def _anetac(split: str) -> list[tuple[str, str]]:
    folder = DATA / "names" / "anetac" / "EN-AR Translit"
    arabic = (folder / f"{split}.ar").read_text(encoding="utf-8").splitlines()
    latin = (folder / f"{split}.en").read_text(encoding="utf-8").splitlines()
    return [(a.strip(), b.strip()) for a, b in zip(arabic, latin, strict=True) if a.strip() and b.strip()]


def _wikidata(slice_: str) -> list[tuple[str, str]]:
    path = DATA / "names" / "wikidata_coling2018_ar" / f"wd_arabic_{slice_}"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return [(row[1].replace(" ", ""), row[0]) for row in rows if len(row) >= 2]


def _baseline(arabic: str, latin: str) -> bool:
    return unidecode(arabic).lower() == latin.lower()


def _match_rates(pairs: list[tuple[str, str]], match: Callable[[str, str], bool],
                 rng: random.Random) -> tuple[float, float, float]:
    latins = [latin for _, latin in pairs]
    shuffled = latins[:]
    rng.shuffle(shuffled)
    positives = sum(match(arabic, latin) for arabic, latin in pairs)
    negatives = [(arabic, other) for (arabic, latin), other in zip(pairs, shuffled, strict=True)
                 if other.lower() != latin.lower()]
    false = sum(match(arabic, other) for arabic, other in negatives)
    recall = positives / len(pairs)
    false_rate = false / len(negatives)
    precision = positives / (positives + false) if positives + false else float("nan")
    return recall, false_rate, precision


def bench_transliteration(sample: int, seed: int) -> None:
    sets = [
        ("google ar2en-train (tuning)", lambda: _google("ar2en-train.txt")),
        ("google ar2en-eval", lambda: _google("ar2en-eval.txt")),
        ("anetac train (tuning)", lambda: _anetac("train")),
        ("anetac test", lambda: _anetac("test")),
        ("wikidata 64 (tuning)", lambda: _wikidata("64")),
        ("wikidata 20 (held out)", lambda: _wikidata("20")),
    ]
    print(f"(2) Arabic-script vs Latin name matching, {sample} seeded pairs per set "
          f"(seed {seed}); negatives = the same names with the Latin side shuffled")
    print(f"    {'set':30} {'method':14} {'recall':>7} {'false-match':>12} {'precision@1:1':>14}")
    for label, load in sets:
        pairs = load()
        rng = random.Random(seed)
        chosen = rng.sample(pairs, min(sample, len(pairs)))
        for method, match in (("same_name", same_name), ("unidecode ==", _baseline)):
            recall, false_rate, precision = _match_rates(chosen, match, random.Random(seed + 1))
            print(f"    {label:30} {method:14} {recall:7.1%} {false_rate:12.2%} {precision:14.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=2000, help="pairs per transliteration set")
    parser.add_argument("--seed", type=int, default=13, help="random seed for sampling and shuffling")
    parser.add_argument("--show", type=int, default=0, help="print this many false and missed re3d merges")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"skipped: {DATA.resolve()} not found (the shared evaluation data is not present)")
        return 0
    bench_re3d(args.show)
    print()
    bench_transliteration(args.sample, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
