"""The visible text of a page, read tag by tag: for pages the HTML parser gives up on.

trafilatura reads a page through lxml, and libxml2 stops building the tree 256
elements deep (and at other resource limits): whatever lies deeper is lost, so a
deeply nested page seems to have no text at all. Python's own HTML tokenizer keeps
no tree, so depth costs it nothing. What it gives is the page's whole visible text:
boilerplate (menus, footers) is not told apart from the article, as trafilatura
would, which is why it is only the fallback.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

__all__ = ["parser_gave_up", "visible_text"]

log = logging.getLogger(__name__)

# Their content is never shown as text.
_HIDDEN = frozenset(
    {"head", "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "select", "textarea"}
)
# They start a new line: a paragraph break is a sentence break downstream.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
        "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\f\v\r]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # how many hidden elements are open around the current position

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.hidden = 0  # browsers close an unclosed <head> here, and so do we
        elif tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:  # <br/>, <hr/>: a line break, and nothing opens
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a browser would show of ``html``, one line per block, spaces collapsed."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def parser_gave_up(html: str) -> bool:
    """Whether libxml2 stopped short on ``html`` (too deep, or another of its limits)."""
    from lxml import etree

    parser = etree.HTMLParser(recover=True, encoding="utf-8")
    try:
        # As bytes: lxml refuses a str whose page declares an encoding of its own.
        etree.fromstring(html.encode("utf-8", "replace"), parser)
    except etree.LxmlError:
        pass  # what matters is what the log says so far
    return any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log)
