"""Statements from an analysis: what is said, and that every span reads its text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.facts import statements_for
from newsgraph.model import Analysis, Article, Entity, Mention, Role, Span, make_id

TEXT = "The head of the IRGC, Hossein Salami, spoke in Tehran. Salami warned Israel. SALAMI left."


def at(surface: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(surface, start + 1)
    return Span.of(TEXT, start, start + len(surface))


def salami_analysis() -> Analysis:
    salami = Entity(
        id=make_id("ent", "PERSON", "Hossein Salami"),
        name="Hossein Salami",
        type="PERSON",
        aliases=["Salami", "Salami", "General Salami"],
        mentions=[Mention(at("Salami", 1)), Mention(at("Hossein Salami")), Mention(at("SALAMI"))],
        roles=[Role("head of the IRGC", at("The head of the IRGC"))],
    )
    article = Article(id="art-s", text=TEXT, title="Salami", language="en", published="2024-04-14")
    return Analysis(article=article, entities=[salami], extractor="newsgraph", version="0.1.0")


def by_prop(analysis: Analysis, prop: str) -> list[tuple[str, int | None, int | None]]:
    return [(s.value, s.start, s.end) for s in statements_for(analysis) if s.prop == prop]


def test_article_statements_have_no_span() -> None:
    article_facts = [s for s in statements_for(salami_analysis()) if s.subject == "art-s"]
    assert {(s.prop, s.value) for s in article_facts} == {
        ("title", "Salami"),
        ("language", "en"),
        ("published", "2024-04-14"),
    }  # source is unknown, so no statement
    assert all(s.start is None and s.end is None for s in article_facts)


def test_entity_statements() -> None:
    analysis = salami_analysis()
    first_salami = at("Salami", 1)  # "Hossein Salami" contains the first "Salami"
    assert by_prop(analysis, "name") == [("Hossein Salami", *_bounds(at("Hossein Salami")))]
    assert by_prop(analysis, "type") == [("PERSON", None, None)]
    # one statement per alias, pointing at the first mention spelled that way
    assert by_prop(analysis, "alias") == [
        ("Salami", *_bounds(first_salami)),
        ("General Salami", None, None),
    ]
    assert sorted(by_prop(analysis, "mention"), key=lambda item: item[1] or 0) == [
        ("Hossein Salami", *_bounds(at("Hossein Salami"))),
        ("Salami", *_bounds(first_salami)),
        ("SALAMI", *_bounds(at("SALAMI"))),
    ]
    assert by_prop(analysis, "role") == [("head of the IRGC", *_bounds(at("The head of the IRGC")))]


def test_alias_falls_back_to_a_mention_in_other_case() -> None:
    analysis = salami_analysis()
    analysis.entities[0].aliases = ["Salami!"]  # the article never spells it so
    assert by_prop(analysis, "alias") == [("Salami!", None, None)]
    analysis.entities[0].mentions = [Mention(at("SALAMI"))]
    analysis.entities[0].aliases = ["Salami"]
    assert by_prop(analysis, "alias") == [("Salami", *_bounds(at("SALAMI")))]


def test_provenance_and_ids() -> None:
    statements = statements_for(salami_analysis())
    assert {s.article_id for s in statements} == {"art-s"}
    assert {(s.extractor, s.version) for s in statements} == {("newsgraph", "0.1.0")}
    assert len({s.id for s in statements}) == len(statements)
    assert statements_for(salami_analysis()) == statements  # stable: same input, same statements


def test_unanalysed_article_gives_only_article_facts() -> None:
    article = Article(id="art-fr", text="Bonjour.", language="fr")
    statements = statements_for(Analysis(article=article, analysed=False, reason="not English"))
    assert [(s.prop, s.value) for s in statements] == [("language", "fr")]


def _bounds(span: Span) -> tuple[int, int]:
    return span.start, span.end


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    words = draw(st.lists(st.text(alphabet="abcAB ḤØ-", min_size=1, max_size=6), min_size=1, max_size=12))
    text = " ".join(words)
    article = Article(id="art-h", text=text)
    entities = []
    for number in range(draw(st.integers(0, 3))):
        spans = []
        for _ in range(draw(st.integers(0, 4))):
            start = draw(st.integers(0, len(text)))
            end = draw(st.integers(start, len(text)))
            spans.append(Span.of(text, start, end))
        aliases = draw(st.lists(st.sampled_from([s.text for s in spans] + ["elsewhere"]), max_size=3))
        roles = [Role("role", span) for span in spans[:1]]
        entities.append(
            Entity(
                id=f"ent-{number}",
                name=spans[0].text if spans else "unnamed",
                type="ORG",
                aliases=aliases,
                mentions=[Mention(span) for span in spans],
                roles=roles,
            )
        )
    return Analysis(article=article, entities=entities)


@given(analyses())
def test_every_statement_span_reads_the_article(analysis: Analysis) -> None:
    text = analysis.article.text
    spans = {(m.span.start, m.span.end) for e in analysis.entities for m in e.mentions} | {
        (r.span.start, r.span.end) for e in analysis.entities for r in e.roles
    }
    for statement in statements_for(analysis):
        if statement.start is None:
            assert statement.end is None
            continue
        assert (statement.start, statement.end) in spans  # evidence is always a span the pipeline gave
        surface = text[statement.start : statement.end]
        if statement.prop in {"mention", "name", "alias"}:
            assert surface.casefold() == statement.value.casefold()
