"""Near-duplicate articles: the MinHash / LSH method, and copy links kept by the store."""

from __future__ import annotations

import random
import threading

import pytest

from newsgraph.corpus import Provenance, publisher
from newsgraph.model import Analysis, Article
from newsgraph.resolve.duplicates import Signature, band_keys, is_copy, signature, similarity
from newsgraph.store import SQLiteStore

WIRE = (
    "Government aircraft struck a market in the northern town of Kafr Tala on Tuesday, killing at least "
    "twelve people and wounding dozens more, a local monitoring group said. Rescue workers pulled bodies "
    "from the rubble of shops and a bakery for several hours after the raid. The monitoring group said "
    "the dead included four children and two women. Residents said the jets made two passes over the "
    "market shortly after noon, when it was at its busiest. The government did not comment on the raid. "
    "The town has been held by opposition fighters since the spring and has been shelled repeatedly in "
    "recent weeks as government forces press an offensive to the south."
)
# A reprint: another headline, a sentence cut, two sentences swapped, a few words changed.
REPRINT = (
    "Market raid kills twelve in Kafr Tala. "
    "Government aircraft struck a market in the northern town of Kafr Tala on Tuesday, killing at least "
    "twelve people and wounding dozens more, a local monitoring group said. The monitoring group said "
    "the dead included four children and two women. Rescue workers pulled bodies "
    "from the rubble of shops and a bakery for several hours after the raid. Residents said the jets made "
    "two passes over the market shortly after noon, when it was at its busiest. The government has not "
    "commented on the raid."
)
UNRELATED = (
    "The central bank raised its main interest rate by half a point on Thursday, its third increase this "
    "year, saying inflation remained too high. The currency rose against the dollar after the decision, "
    "and shares of lenders climbed in early trading. Economists had expected a smaller move. The bank "
    "said it would watch wages and energy prices closely before deciding on further increases, and that "
    "growth was likely to slow in the coming months as borrowing costs bite."
)


def test_a_lightly_edited_reprint_is_a_copy_and_an_unrelated_text_is_not():
    wire, reprint, other = signature(WIRE), signature(REPRINT), signature(UNRELATED)
    assert wire and reprint and other
    copy, jaccard = is_copy(wire, reprint)
    assert copy and jaccard > 0.5
    assert is_copy(wire, other) == (False, pytest.approx(similarity(wire, other)[0]))
    assert similarity(wire, other)[0] < 0.1
    # LSH: the copy shares a bucket with the original, the unrelated text does not.
    assert set(band_keys(wire)) & set(band_keys(reprint))
    assert not set(band_keys(wire)) & set(band_keys(other))


def test_a_cut_reprint_is_contained_in_the_original():
    first_half = WIRE[: len(WIRE) // 2]
    copy, _ = is_copy(signature(WIRE), signature(first_half))
    assert copy


def test_signatures_are_stable_and_round_trip():
    sig = signature(WIRE)
    assert sig == signature(WIRE)
    assert Signature.decode(sig.encode(), sig.shingles) == sig
    assert signature("Too short to judge.") is None


def test_shuffled_words_are_not_a_copy():
    words = WIRE.split()
    random.Random(7).shuffle(words)
    assert not is_copy(signature(WIRE), signature(" ".join(words)))[0]


def _analysis(article_id: str, text: str, source: str | None, url: str | None = None) -> Analysis:
    return Analysis(Article(id=article_id, text=text, title=article_id, language="en", source=source, url=url),
                    extractor="test", version="1")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def open_empty_store(request: pytest.FixtureRequest):
    """A function opening a new empty store of each backend."""
    if request.param == "postgres":
        from newsgraph.store.postgres import PostgresStore

        url = request.getfixturevalue("pg_url")
        return lambda: PostgresStore(url)
    return lambda: SQLiteStore(":memory:")


def test_the_store_links_a_reprint_to_the_earliest_original_and_counts_it_once(open_empty_store):
    with open_empty_store() as store:
        assert store.save(_analysis("wire", WIRE, "Wire Agency"))
        assert store.save(_analysis("other", UNRELATED, "Daily Paper"))
        assert store.save(_analysis("reprint", REPRINT, None, url="https://www.gazette.example/raid"))
        assert store.save(_analysis("reprint2", REPRINT + " More to follow.", "Evening Post"))
        links = {link.article_id: link.copy_of for link in store.copy_links()}
        assert links == {"reprint": "wire", "reprint2": "wire"}
        provenance = Provenance.of(store)
    assert provenance.publisher("reprint") == "gazette.example"
    assert provenance.independent(["wire", "reprint", "reprint2"]) == ["wire agency"]
    assert provenance.independent(["wire", "other"]) == ["daily paper", "wire agency"]
    assert provenance.same_source("reprint", "reprint2") and not provenance.same_source("wire", "other")


def test_publisher_falls_back_from_source_to_host_to_unknown():
    assert publisher(" Reuters ", "https://x.example/a") == "reuters"
    assert publisher(None, "https://www.sana.example/news/1") == "sana.example"
    assert publisher(None, None) == "(unknown)"


@pytest.mark.postgres
def test_an_original_and_its_reprint_saved_at_once_by_two_writers_are_linked(pg_url: str):
    from concurrent.futures import ThreadPoolExecutor

    from newsgraph.store.postgres import PostgresStore

    PostgresStore(pg_url).close()  # the schema first, so that both writers only save
    barrier = threading.Barrier(2)

    def save(analysis: Analysis) -> bool:
        with PostgresStore(pg_url) as store:
            barrier.wait()
            return store.save(analysis)

    # Each writer looks for copies inside its own save; the write lock makes the second see the first.
    with ThreadPoolExecutor(2) as pool:
        saved = list(pool.map(save, [_analysis("wire", WIRE, "Wire Agency"), _analysis("reprint", REPRINT, "Post")]))
    assert saved == [True, True]
    with PostgresStore(pg_url, readonly=True) as store:
        links = [(link.article_id, link.copy_of) for link in store.copy_links()]
    assert links in ([("reprint", "wire")], [("wire", "reprint")])
