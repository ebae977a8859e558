"""A store for the web tests: the bundled samples, plus articles whose every field carries
script and HTML payloads (articles are untrusted input; nothing they hold may run in a page)."""

from __future__ import annotations

from pathlib import Path

from newsgraph.model import (
    Analysis,
    Article,
    Entity,
    Event,
    Mention,
    Quantity,
    Quote,
    Role,
    Sentence,
    Span,
    make_id,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"

SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=window.__pwned=2>"
SVG = '"><svg onload=window.__pwned=3>'
PAYLOADS = (SCRIPT, IMG, SVG)

# Through the real pipeline: payloads in the title, the outlet, the author and inside quotes.
PIPELINE_ARTICLE = (
    f"Defence Minister Karim Haddad met envoys in Damascus on Tuesday. "
    f"\"We will not accept {SCRIPT} in our country,\" Haddad said. "
    f"Aid workers said {IMG} more than 40 families had fled the town. "
    f"Rebels shelled the town of Marj al-Sultan, the ministry said {SVG}.\n"
)
PIPELINE_META = {"title": f"Minister {SCRIPT} speaks {IMG}", "source": f"Wire {SVG}",
                 "author": f"Staff {IMG}", "published": "2024-04-02"}

# Written by hand, so that the names themselves are payloads (no recogniser would read them).
HAND_TEXT = (
    f"The group {SVG} said \"{IMG} stays\" on Monday. "
    f"Its leader, commander {SCRIPT}, attacked the base.\n"
)


def _span(text: str, piece: str, after: int = 0) -> Span:
    start = text.index(piece, after)
    return Span(start, start + len(piece), piece)


def hand_made_analysis() -> Analysis:
    text = HAND_TEXT
    article = Article(id=make_id("art", text), text=text, title=f"{SVG} hand-made", language="en",
                      source=f"{SCRIPT}", published="2024-04-03")
    group = _span(text, SVG)
    leader = _span(text, SCRIPT)
    content = _span(text, f"{IMG} stays")
    group_entity = Entity(id=make_id("ent", "ARMED_GROUP", SVG), name=SVG, type="ARMED_GROUP",
                          aliases=[SVG], mentions=[Mention(group)])
    leader_entity = Entity(id=make_id("ent", "PERSON", SCRIPT), name=SCRIPT, type="PERSON",
                           roles=[Role(f"commander {IMG}", _span(text, "commander"))], mentions=[Mention(leader)])
    quote = Quote(id=make_id("quo", article.id, content.start), speaker=group_entity.id, source_type="named",
                  direct=True, certainty="asserted", source_span=group, cue_span=_span(text, "said"),
                  content_span=content, content_parts=[content])
    attack = _span(text, "attacked the base")
    event = Event(id=make_id("evt", article.id, attack.start), code="190", root="19", plover="ASSAULT",
                  label=f"fight {IMG}", source=leader_entity.id, target=None, source_code=None, target_code=None,
                  place=None, date="2024-04-01", date_precision="day", start=attack.start, end=attack.end,
                  text=attack.text)
    sentences = [Sentence(0, text.index(" Its"), text[: text.index(" Its")], "hedged")]
    number = _span(text, "Monday")
    return Analysis(article=article, entities=[group_entity, leader_entity], quotes=[quote], events=[event],
                    sentences=sentences, version="test",
                    quantities=[Quantity(value=1, qualifier=None, unit=SCRIPT, about=group_entity.id, source=None,
                                         start=number.start, end=number.end, text=number.text)])


def build_store(path: Path) -> str:
    """Ingest the samples, the payload article and the hand-made analysis into a SQLite file."""
    from newsgraph.batch import ingest_paths
    from newsgraph.facts.analysis import Analyzer
    from newsgraph.ingest import article_from_text
    from newsgraph.store import open_store

    db = str(path)
    ingest_paths([str(SAMPLES)], db=db)
    analysis = Analyzer().analyze(article_from_text(PIPELINE_ARTICLE, **PIPELINE_META))
    with open_store(db) as store:
        store.save(analysis)
        store.save(hand_made_analysis())
    return db
