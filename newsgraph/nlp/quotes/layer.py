"""The ``newsgraph_quotes`` component: the rules' attributions, merged with the attribution tagger's where
its models are shipped, written to ``doc._.ng_quotes``."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.nlp.attribution_model import CueModel, cue_model, noun_content
from newsgraph.nlp.attribution_tagger import (
    AttributionTagger,
    Marks,
    TaggedAttribution,
    TokenRange,
    attribution_tagger,
    span_head,
    token_bounds,
    token_range,
)
from newsgraph.nlp.extensions import doc_text, register_extensions
from newsgraph.nlp.intervals import Intervals
from newsgraph.nlp.quotes.loose import colon_lines, link_continuations, loose_quotations
from newsgraph.nlp.quotes.merge import mark_nested, nearest_cue_only
from newsgraph.nlp.quotes.parts import content_parts, joined_runs
from newsgraph.nlp.quotes.records import attribution
from newsgraph.nlp.quotes.regions import Regions, find_quoted
from newsgraph.nlp.quotes.rules import NOT_INSIDE_QUOTES, according_to, attribute, cue_frame
from newsgraph.nlp.quotes.spans import QuoteSpan, Range, subtree_range, trim, within
from newsgraph.nlp.speech_cues import CueVerb, learned_cues, speech_verbs


class QuoteLayer:
    """The ``newsgraph_quotes`` component."""

    def __init__(self, model: CueModel | None = None, tagger: AttributionTagger | None = None,
                 use_tagger: bool = True) -> None:
        register_extensions()
        self.verbs = speech_verbs()
        self.learned = learned_cues()
        self.learned_lemmas = frozenset(lemma for lemma, _frame in self.learned)
        self.model = model if model is not None else cue_model()
        self.tagger = tagger if tagger is not None else attribution_tagger() if use_tagger else None

    def __call__(self, doc: Doc) -> Doc:
        regions = Regions(find_quoted(doc_text(doc)))
        quotes = self.rule_quotes(doc, regions)
        if self.tagger is not None:
            quotes = self._tagged_quotes(self.tagger, doc, regions, quotes)
        doc._.ng_quotes = [attribution(doc, replace(q, parts=content_parts(doc, q))) for q in quotes]
        return doc

    def marks(self, doc: Doc, quotes: list[QuoteSpan], regions: Regions | None = None) -> Marks:
        """Per token: quoted or not, and its role in the rules' attributions (the taggers' input)."""
        regions = regions if regions is not None else Regions(find_quoted(doc_text(doc)))
        quoted = [regions.at(start) is not None for start in token_bounds(doc)[0]]
        role = [""] * len(doc)
        for name, pick in (("content", lambda q: q.content), ("source", lambda q: q.source), ("cue", lambda q: q.cue)):
            for quote in quotes:
                tokens = token_range(doc, pick(quote))
                if tokens is not None:
                    role[tokens[0]:tokens[1]] = [name] * (tokens[1] - tokens[0])
        return Marks(quoted=quoted, rule_role=role, lexicon=frozenset(self.verbs))

    @staticmethod
    def rule_spans(doc: Doc, quotes: list[QuoteSpan]) -> dict[TokenRange, tuple[TokenRange | None, TokenRange | None]]:
        """The rules' (source, content) for each of their outer cues, in tokens."""
        spans = {}
        for quote in quotes:
            cue = token_range(doc, quote.cue)
            if cue is not None and not quote.nested:
                spans[cue] = (token_range(doc, quote.source), token_range(doc, quote.content))
        return spans

    def _tagged_quotes(self, tagger: AttributionTagger, doc: Doc, regions: Regions,
                       rules: list[QuoteSpan]) -> list[QuoteSpan]:
        """The tagger's attributions, plus the rules' where the tagger found nothing (nested ones,
        and those whose cue and content it left alone)."""
        rule_cues = Intervals((q.cue, k) for k, q in enumerate(rules) if q.cue is not None)
        tagged = [self._from_tagged(doc, t, regions, rules, rule_cues)
                  for t in tagger.tag(doc, self.marks(doc, rules, regions), self.rule_spans(doc, rules))]
        with_cue = [t for t in tagged if t.cue is not None]
        cues, contents = Intervals((t.cue, t) for t in with_cue), Intervals((t.content, t) for t in with_cue)
        kept = [q for q in rules if not (
            (q.cue is not None and cues.any_overlapping(*q.cue)) or (not q.nested and contents.any_overlapping(*q.content)))]
        # the tagger learned outer attributions only; a rule quote inside its content is nested
        marked = mark_nested([replace(q, nested=False) for q in tagged + kept])
        return sorted(tagged + marked[len(tagged):], key=lambda q: q.content[0])

    def _from_tagged(self, doc: Doc, tagged: TaggedAttribution, regions: Regions, rules: list[QuoteSpan],
                     rule_cues: Intervals[int]) -> QuoteSpan:
        def chars(tokens: TokenRange) -> Range:
            return doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1])

        def whole(piece: Range) -> Range:  # a quotation is said whole: a content that cuts one takes all of it
            for quoted in regions.overlapping(piece):
                if not within(quoted, piece) and not quoted[0] <= cue[0] < quoted[1]:
                    piece = min(piece[0], quoted[0]), max(piece[1], quoted[1])
            return piece

        cue = chars(tagged.cue)
        content = whole(chars(tagged.content))
        source = chars(tagged.source) if tagged.source is not None else None
        head = span_head(doc, tagged.cue)
        lemma = head.lemma_.lower()
        first_rule = min((k for _, k in rule_cues.overlapping(*cue)), default=None)
        rule = rules[first_rule] if first_rule is not None else None
        certainty = rule.cue_certainty if rule is not None else (
            self.verbs[lemma].certainty if lemma in self.verbs else "asserted")
        if tagged.parts:
            parts = joined_runs(doc_text(doc), [whole(chars(r)) for r in tagged.parts], (cue, source))
        else:  # the rules' content stands, and with it their pieces
            kept = rule.parts if rule is not None and rule.content == content else ()
            parts = tuple(p for p in kept if within(p, content))
        quote = QuoteSpan(
            content=content, parts=parts if len(parts) > 1 else (), cue=cue, source=source,
            source_head=span_head(doc, tagged.source).i if tagged.source is not None else None,
            direct=False, cue_lemma=lemma, cue_certainty=certainty,
        )
        # direct when quotations make up most of what was said (the cue between two of them does not count)
        said = content_parts(doc, quote)
        quoted = sum(r[1] - r[0] for p in said for r in regions.overlapping(p) if within(r, p))
        return replace(quote, direct=quoted * 2 >= sum(p[1] - p[0] for p in said))

    def rule_quotes(self, doc: Doc, regions: Regions) -> list[QuoteSpan]:
        """The attributions the hand-written rules and the cue model find."""
        quotes: list[QuoteSpan] = []
        for token in doc:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                found = according_to(doc, token)
            elif token.pos_ == "NOUN":
                found = self._noun_cue(doc, token, regions)
            else:
                if token.pos_ != "VERB":
                    continue
                lemma = token.lemma_.lower()
                verb = self.verbs.get(lemma)
                if verb is not None and verb.kind in NOT_INSIDE_QUOTES and regions.at(token.idx) is not None:
                    continue  # "I think", "polls show" inside a quotation are the speaker's turns of phrase
                found = attribute(doc, token, verb, regions) if verb is not None else None
                if found is None and verb is not None and lemma in self.learned_lemmas:  # "said in"
                    learned = self.learned.get((lemma, cue_frame(token)))
                    found = attribute(doc, token, learned, regions) if learned is not None else None
                elif verb is None and self.model.is_cue(token, regions.at(token.idx) is not None):
                    # "criticized the plan", "wants to leave": the cue model's call
                    found = attribute(doc, token, CueVerb(lemma, "learned", "asserted"), regions)
            if found is not None:
                quotes.append(found)
        quotes = nearest_cue_only(quotes)
        quotes += loose_quotations(doc, regions, quotes)
        quotes += colon_lines(doc, regions, quotes)
        quotes.sort(key=lambda q: q.content[0])
        return mark_nested(link_continuations(doc_text(doc), quotes))


    def _noun_cue(self, doc: Doc, noun: Token, regions: Regions) -> QuoteSpan | None:
        """``the claim that ...``, ``criticism of ...``, ``X's statement that ...``: a noun cue, its
        complement as content and its possessor, if any, as source."""
        content_head = noun_content(noun)
        if content_head is None or not self.model.is_noun_cue(noun, content_head, regions.at(noun.idx) is not None):
            return None
        content = subtree_range(doc, content_head, exclude=noun)
        if content is None:
            return None
        owners = [c for c in noun.children if c.dep_ == "poss"]
        source = trim(doc, owners[0].left_edge.i, owners[0].i) if owners else None
        if source is not None and source[1] > noun.idx:
            source = None
        return QuoteSpan(
            content=content, parts=(), cue=(noun.idx, noun.idx + len(noun)), source=source,
            source_head=owners[0].i if source is not None else None, direct=False, cue_lemma=noun.lemma_.lower(),
            cue_certainty="asserted",
        )


@Language.factory("newsgraph_quotes", requires=["token.dep", "token.lemma", "token.pos"], assigns=["doc._.ng_quotes"])
def make_quote_layer(nlp: Language, name: str) -> QuoteLayer:
    return QuoteLayer()
