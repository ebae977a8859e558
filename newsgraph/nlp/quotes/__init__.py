"""Quotations and reported speech: who (source), how (cue), what (content), read off the parse.

The spans follow the attribution model of PARC/PolNeAR. Shapes covered:
- direct quotes, straight or curly, around the cue: ``"...," Ayoub said, "..."``, ``He said: “...”``,
  ``“...” Ayoub said.``, with the speaker in the sentence before or after the quotation;
- quoted paragraphs that continue the previous speaker's quotation;
- ``Name: “...”`` (the colon is the cue), also after a dash on the line ("... - Philip Bump: “...”"), and
  headline lines with no quotation marks ("Issa: Clinton's honesty is in question");
- passives with an agent ("the plan was rejected by 64 percent": the subject is what was rejected),
  one-word answers ("said no") and "Asked if ..., he said" (asked by no one named);
- indirect speech: a speech verb with a clause ("X said / warned / denied that ..."), the inverted
  ``..., he said.``, ``told X to ...``, ``denied the claims``;
- ``according to X, ...``;
- impersonal passives ("it was reported that ...") with no source;
- verbs outside the speech-verb list that annotated news uses as cues ("criticized the plan",
  "wants to leave", "called for talks") and noun cues ("the claim that ...", "criticism of ..."),
  accepted by the cue model (``newsgraph.nlp.attribution_model``); a speech verb in a frame the
  lexicon's rules miss ("said in") is accepted per lemma and frame from ``attribution_cues.tsv``;
- parenthetical cues ("Iran, he said, is ready") take the whole clause around them as content, and a
  quotation inside a reported clause ("said Clinton would “go more to center”") the whole clause.
The cue takes its auxiliaries and adverbs ("has also said"); attributions reported inside another
one's content are kept and marked ``nested``.

Where the attribution tagger's models are shipped (``newsgraph.nlp.attribution_tagger``), the rules'
attributions are its input: it adds the cues the rules miss, redraws sources and contents where it
finds the rules' reading far less likely, and a content that cuts a quotation takes all of it.

Writes ``doc._.ng_quotes``: ``Attribution`` records (``newsgraph.nlp.annotations``) in character offsets,
with the source's head word read off the parse and the certainty decided. Deciding who the source is
(entity, vague source, document) is left to ``newsgraph.facts.quotes``, which sees the entities.

The package: ``spans`` (the rules' working ``QuoteSpan``, range arithmetic), ``regions`` (quotation marks),
``rules`` (cue verbs, ``according to``), ``loose`` (quotations no verb claims), ``merge`` (one cue per
quotation, nesting), ``parts`` (the pieces of a content), ``records`` (the ``Attribution`` records
written) and ``layer`` (the component and its factory).
"""

from __future__ import annotations

from newsgraph.nlp.quotes.layer import QuoteLayer, make_quote_layer
from newsgraph.nlp.quotes.parts import content_parts
from newsgraph.nlp.quotes.regions import find_quoted
from newsgraph.nlp.quotes.rules import cue_frame
from newsgraph.nlp.quotes.spans import QuoteSpan

__all__ = ["QuoteLayer", "QuoteSpan", "content_parts", "cue_frame", "find_quoted", "make_quote_layer"]
