"""The shipped news NER component: PERSON, ORG, LOC and MISC, trained on news text.

It is a spaCy ``ner`` (transition-based, with its own embedded tok2vec), fine-tuned from
en_core_web_sm's recogniser by ``scripts/train_ner.py``. ``add_news_ner`` puts it in front of the
pipeline's own ``ner``, which respects the entities it sets and fills in the other types
(DATE, NORP, CARDINAL ...) around them.

On disk (``newsgraph/models/news_ner/``):

    meta.json           component config, labels, version, training record and dev scores
    moves.bin           the transition system and component settings (``to_bytes`` without the model)
    weights.msgpack.gz  the thinc model as a dict, float arrays stored as float16, gzipped

Weights are kept as float16 because float32 ones would not fit the repository's file-size limit;
they are widened back to float32 on load, which changes predictions by a rounding error at most.
"""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path
from typing import Any

import numpy
import srsly
from spacy.language import Language

from newsgraph.errors import ModelError

__all__ = ["NEWS_NER_DIR", "NEWS_NER_LABELS", "NEWS_NER_VERSION", "add_news_ner", "save_news_ner"]

log = logging.getLogger(__name__)

NEWS_NER_VERSION = "1.1.0"
NEWS_NER_DIR = Path(__file__).resolve().parent.parent / "models" / "news_ner"
NEWS_NER_LABELS = ("PERSON", "ORG", "LOC", "MISC")

_META = "meta.json"
_MOVES = "moves.bin"
_WEIGHTS = "weights.msgpack.gz"


def _map_arrays(obj: Any, dtype: str) -> Any:
    """Cast every float array inside a thinc ``to_dict`` structure to ``dtype``."""
    if isinstance(obj, numpy.ndarray):
        return obj.astype(dtype) if obj.dtype.kind == "f" else obj
    if isinstance(obj, dict):
        return {key: _map_arrays(value, dtype) for key, value in obj.items()}
    if isinstance(obj, list):
        return [_map_arrays(value, dtype) for value in obj]
    if isinstance(obj, tuple):
        return tuple(_map_arrays(value, dtype) for value in obj)
    return obj


def save_news_ner(pipe: Any, config: dict[str, Any], directory: Path, record: dict[str, Any]) -> None:
    """Write a trained ``ner`` component to ``directory`` in the shipped form.

    ``config`` is the component's config (as ``Language.get_pipe_config`` returns it); ``record``
    (training sets, epochs, scores...) is stored in meta.json for people to read."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / _MOVES).write_bytes(pipe.to_bytes(exclude=["vocab", "model"]))
    # Host arrays: the weights may live on another backend during training.
    weights = _map_arrays(pipe.model.to_dict(), "float16")
    packed = srsly.msgpack_dumps(weights)
    # mtime=0 keeps the file byte-identical across runs with the same weights.
    with open(directory / _WEIGHTS, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(packed)
    meta = {
        "name": "news_ner",
        "version": NEWS_NER_VERSION,
        "labels": list(pipe.labels),
        "config": config,
        **record,
    }
    (directory / _META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf8")
    log.info("saved news_ner to %s", directory)


def _read(directory: Path, name: str) -> bytes:
    path = directory / name
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ModelError(
            f"the news NER model is incomplete: cannot read {path} ({exc.strerror}). "
            f"Reinstall newsgraph, or rebuild the model with scripts/train_ner.py --output {directory}"
        ) from exc


def add_news_ner(
    nlp: Language, *, before: str = "ner", name: str = "news_ner", directory: Path | None = None
) -> bool:
    """Add the shipped news NER component to ``nlp``, in front of the component ``before``.

    ``before`` must name a component of ``nlp``; pass ``directory`` to load another trained copy.
    Returns whether the component covers every type of the base model's NER (it was trained with
    that NER's other types as silver labels), so the caller can drop the base NER.
    Raises ModelError when the model files are missing or unreadable."""
    directory = NEWS_NER_DIR if directory is None else directory
    if before not in nlp.pipe_names:
        raise ModelError(f"cannot add {name!r} before {before!r}: the pipeline has {nlp.pipe_names}")
    if name in nlp.pipe_names:
        raise ModelError(f"the pipeline already has a component named {name!r}")
    try:
        meta = json.loads(_read(directory, _META))
        moves = _read(directory, _MOVES)
        weights = _map_arrays(srsly.msgpack_loads(gzip.decompress(_read(directory, _WEIGHTS))), "float32")
    except (ValueError, OSError, EOFError) as exc:
        raise ModelError(f"the news NER model in {directory} is damaged: {exc}") from exc
    config = {key: value for key, value in meta["config"].items() if key != "factory"}
    pipe = nlp.add_pipe(meta["config"].get("factory", "ner"), name=name, before=before, config=config)
    try:
        pipe.from_bytes(moves, exclude=["vocab", "model"])
        pipe.model.from_dict(weights)
    except Exception as exc:
        nlp.remove_pipe(name)
        raise ModelError(f"the news NER model in {directory} does not fit this spaCy version: {exc}") from exc
    log.debug("added %s %s before %s", name, meta.get("version"), before)
    return bool(meta.get("replaces_ner", False))
