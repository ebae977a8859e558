"""Tests for newsgraph.ingest: every format, every bad input, and the normalisation contract."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.ingest import (
    article_from_html,
    article_from_text,
    detect_language,
    guess_title,
    iter_articles,
    normalize_text,
    read_article,
)
from newsgraph.model import Article, make_id

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SHARED_SAMPLE = REPO.parent / "shared" / "samples" / "soleimani-syria-analysis.txt"

ENGLISH = (
    "Iran Says Talks With Damascus Will Continue\n\n"
    "Defence Minister Karim Haddad said on Tuesday that talks with Tehran would continue "
    "despite the attack on a convoy near Homs, which killed four soldiers. Officials in "
    "Damascus described the meeting as constructive, according to two people who attended it."
)
FRENCH = (
    "Le ministre de la Défense a déclaré mardi que les discussions avec Téhéran se "
    "poursuivraient malgré l'attaque contre un convoi près de Homs, qui a fait quatre morts "
    "parmi les soldats, selon deux personnes présentes à la réunion."
)
PAGE = """<!DOCTYPE html>
<html><head><title>Convoy attacked near Homs | Test Herald</title>
<meta name="author" content="Rana Test">
<meta property="article:published_time" content="2024-03-14T09:00:00Z">
<meta property="og:site_name" content="Test Herald"></head>
<body><nav><a href="/">Home</a> <a href="/world">World news menu</a></nav>
<article><h1>Convoy attacked near Homs</h1>
<p>Defence Minister Karim Haddad visited Homs on Thursday, two days after an attack on a
convoy north of the city killed four soldiers and wounded eleven others.</p>
<p>He met local commanders and said the army would remain in the area for as long as it took.</p>
</article>
<footer>Copyright 2024 Test Herald. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


def write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def only_errors(results: list[Article | InputError]) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


def only_articles(results: list[Article | InputError]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


# --- normalisation, ids, language -------------------------------------------------


def test_normalisation_repairs_and_cleans() -> None:
    raw = "  \ufeffThe caf\u00c3\u00a9 in Homs\r\nsaid e\u0301\x00nough\rend\t \n\n"
    assert normalize_text(raw) == "The café in Homs\nsaid énough\nend"


def test_normalisation_keeps_curly_quotes_and_joiners() -> None:
    text = "He said \u201cno\u201d. \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert normalize_text(text) == text


def test_text_is_nfc() -> None:
    article = article_from_text("Qase\u0301m met officials in Damascus on Monday.")
    assert unicodedata.is_normalized("NFC", article.text)
    assert "Qasém" in article.text


def test_id_is_stable_and_depends_on_text_only(tmp_path: Path) -> None:
    first = article_from_text(ENGLISH, origin="a")
    second = read_article(write(tmp_path / "copy.txt", ENGLISH.replace("\n", "\r\n") + "\n\n"))
    assert first.id == second.id == make_id("art", normalize_text(ENGLISH))
    assert first.origin != second.origin
    assert article_from_text(ENGLISH + " More.").id != first.id


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ENGLISH, "en"),
        (FRENCH, "fr"),
        (
            "Der Verteidigungsminister sagte am Dienstag, die Gespräche mit Teheran würden trotz des Angriffs fortgesetzt.",
            "de",
        ),
        ("قال وزير الدفاع يوم الثلاثاء إن المحادثات مع طهران ستستمر رغم الهجوم على القافلة قرب حمص", "ar"),
        # an English article with an Arabic-script line and Title Case headings is English
        ("Karim Haddad Meets Hassan Qadiri In Damascus\n\nكريم حداد\n\n" + ENGLISH, "en"),
        # a results page is names and numbers; its few common words are English
        (
            "VOLLEYBALL - BALKAN CUP RESULTS .\nSKOPJE 2025-05-17\nResults of Balkan cup matches played on Sunday :\n"
            "Vardar Skopje 3 Crvena Zvezda 1\nPartizan Beograd 0 Mladost Zagreb 3\nLevski Sofija 2 Dinamo Bucuresti 3\n"
            "Budvanska Rivijera 3 Jedinstvo Brcko 2\nSloga Kraljevo 1 Radnicki Kragujevac 3\n"
            "Vojvodina Novi Sad 3 Borac Banjaluka 0\nStandings ( played , won , lost , sets for , against , points ) :\n"
            "Mladost Zagreb 4 4 0 12 2 8\nVojvodina Novi Sad 4 3 1 10 5 7\nRadnicki Kragujevac 4 2 2 8 8 6\n"
            "Jedinstvo Brcko 4 1 3 5 10 5",
            "en",
        ),
        # ... and a German or French one is still German or French
        (
            "Ergebnisse der Handball-Bundesliga\nKiel 31 Flensburg 29\nMagdeburg 27 Berlin 27\n"
            "Der THW Kiel gewann am Sonntag das Nordderby, weil Torwart Landin in der Schlussphase zwei Würfe hielt.",
            "de",
        ),
        (
            "Résultats du championnat\nNantes 2 Rennes 2\nToulouse 0 Brest 1\n"
            "Le club breton a repris la tête du classement après sa victoire de samedi soir.",
            "fr",
        ),
    ],
)
def test_language(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert article_from_text(text).language == language


def test_language_of_short_and_empty_texts() -> None:
    assert detect_language("Karim Haddad Meets Hassan Qadiri In Damascus") == "en"
    assert detect_language("Hezbollah") == "en"  # short and unsure: the script's usual language
    assert detect_language("حزب الله") == "ar"
    assert detect_language("12 345 678") == "und"
    # a long line of names and numbers is short on evidence: its few common words decide nothing
    assert detect_language("Sjoerd Hendriks ( Netherlands ) beat Jaroslav Dvorak ( Czech Republic ) 6-3 7-5") == "en"
    assert detect_language("El presidente sirio recibe al ministro iraní en Damasco") == "es"


def test_title_guess_keeps_the_line_in_the_text() -> None:
    assert guess_title(ENGLISH) == "Iran Says Talks With Damascus Will Continue"
    assert guess_title("# A Markdown heading\n\nBody text here.") == "A Markdown heading"
    assert guess_title("Did the army withdraw?\nBody.") == "Did the army withdraw?"
    assert guess_title("This first line is a sentence.\nBody.") is None
    assert guess_title("Only one line") is None
    article = article_from_text(ENGLISH, guess_headline=True)
    assert article.title is not None and article.text.startswith(article.title)


def test_metadata_is_cleaned() -> None:
    article = article_from_text(
        ENGLISH, title="  A   title ", published="12 March 2024", source=" ", author="Rana Test"
    )
    assert (article.title, article.published, article.source, article.author) == (
        "A title",
        "2024-03-12",
        None,
        "Rana Test",
    )
    assert article_from_text(ENGLISH, published="some day").published is None


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x00", "\ufeff"])
def test_empty_text_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError) as info:
        article_from_text(text, origin="feed-item-7")
    assert info.value.source == "feed-item-7" and "empty" in info.value.reason


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert all(ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs") for ch in once)
    assert once == once.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(max_size=30)))
def test_article_from_text_returns_an_article_or_raises_input_error(text: str, title: str | None) -> None:
    try:
        article = article_from_text(text, title=title, published=title)
    except InputError as exc:
        assert exc.source == "<text>"
        return
    assert article.text and article.text == normalize_text(article.text)
    assert article.id == make_id("art", article.text)
    assert isinstance(article.language, str) and article.language


# --- readers ----------------------------------------------------------------------


def test_plain_text_file(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", ENGLISH)
    article = read_article(path)
    assert article.title == "Iran Says Talks With Damascus Will Continue"
    assert article.text.startswith(article.title)
    assert article.origin == str(path) and article.language == "en"


def test_unknown_extension_read_as_text(tmp_path: Path) -> None:
    assert read_article(write(tmp_path / "story.article", ENGLISH)).language == "en"


def test_encodings(tmp_path: Path) -> None:
    utf16 = read_article(
        write(tmp_path / "utf16.txt", "\ufeff".encode("utf-16-le") + ENGLISH.encode("utf-16-le"))
    )
    sig = read_article(write(tmp_path / "sig.txt", b"\xef\xbb\xbf" + ENGLISH.encode("utf-8")))
    assert utf16.id == sig.id == article_from_text(ENGLISH).id
    arabic_cp1256 = "قال وزير الدفاع إن المحادثات مع طهران ستستمر".encode("cp1256")
    with pytest.raises(InputError, match="undecodable"):
        read_article(write(tmp_path / "cp1256.txt", arabic_cp1256))
    latin1 = read_article(write(tmp_path / "latin1.txt", FRENCH.encode("latin-1")))
    assert latin1.text == normalize_text(FRENCH)
    # UTF-8 text that was once decoded as Windows-1252 and saved again: mojibake, repaired
    mojibake = FRENCH.encode("utf-8").decode("cp1252").encode("utf-8")
    assert read_article(write(tmp_path / "mojibake.txt", mojibake)).text == normalize_text(FRENCH)


def test_html_file_strips_boilerplate(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "page.html", PAGE))
    assert "Karim Haddad visited Homs" in article.text
    assert "Subscribe" not in article.text and "World news menu" not in article.text
    assert article.source == "Test Herald"
    assert article.author == "Rana Test"
    assert article.published == "2024-03-14"
    assert article.title is not None and "Convoy attacked near Homs" in article.title


def test_broken_but_readable_html() -> None:
    broken = "<html><body><div><p>Defence Minister Karim Haddad visited Homs on Thursday and met commanders of the army there, officials said.<p>He stayed two days.</div"
    assert "Karim Haddad" in article_from_html(broken, origin="broken.html").text


@pytest.mark.parametrize("html", ["<html><body><nav></nav><div></div></body></html>", "<<<>>> <p <b", "   "])
def test_html_without_text(html: str) -> None:
    with pytest.raises(InputError) as info:
        article_from_html(html, origin="page.html")
    assert info.value.source == "page.html"
    assert "HTML" in info.value.reason


def test_json_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": ENGLISH,
                "title": "Talks",
                "url": "https://example.org/1",
                "published": "2024-03-12",
                "source": "Test Wire",
                "author": "A. Writer",
            }
        ),
        "",
        json.dumps({"html": PAGE, "source": "Override"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": ENGLISH, "published": 2024}),
        json.dumps({"text": FRENCH}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    results = list(iter_articles([path]))
    assert len(results) == 7  # the blank line is skipped
    first = results[0]
    assert isinstance(first, Article)
    assert (first.title, first.url, first.published, first.source, first.author) == (
        "Talks", "https://example.org/1", "2024-03-12", "Test Wire", "A. Writer",
    )  # fmt: skip
    assert first.origin == f"{path}:1"
    assert isinstance(results[1], Article) and results[1].source == "Override"
    errors = only_errors(results)
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (4, 5, 6, 7)]
    assert "malformed JSON" in errors[0].reason
    assert "'text' or 'html'" in errors[1].reason
    assert "JSON object" in errors[2].reason
    assert "'published'" in errors[3].reason
    assert isinstance(results[-1], Article) and results[-1].language == "fr"


def test_read_article_on_json_lines(tmp_path: Path) -> None:
    one = write(tmp_path / "one.jsonl", json.dumps({"text": ENGLISH}) + "\n")
    assert read_article(one).origin == f"{one}:1"
    two = write(tmp_path / "two.jsonl", json.dumps({"text": ENGLISH}) + "\n" + json.dumps({"text": FRENCH}))
    with pytest.raises(InputError, match="iter_articles"):
        read_article(two)


def test_folder_is_recursive_sorted_and_skips_hidden_and_binary(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", ENGLISH)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.md", "# Heading\n\n" + ENGLISH)
    write(tmp_path / "a.html", PAGE)
    write(tmp_path / ".hidden.txt", ENGLISH)
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "notes.txt", ENGLISH)
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0 not really")
    write(tmp_path / "blob.dat", b"\x00\x01\x02binary")
    write(tmp_path / "README.md", "# About these files\n\nThey are test articles.")
    results = list(iter_articles([tmp_path]))
    assert not only_errors(results)
    origins = [a.origin for a in only_articles(results)]
    assert origins == [str(tmp_path / "a.html"), str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.md")]


def test_bad_inputs_are_yielded_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ENGLISH)
    bad = {
        "missing": (tmp_path / "missing.txt", "no such file"),
        "empty": (write(tmp_path / "empty.txt", " \n\n "), "empty file"),
        "binary": (write(tmp_path / "nul.txt", b"abc\x00\x00def"), "not a text file"),
        "pdf": (write(tmp_path / "doc.pdf", b"%PDF-1.7 ..."), "PDF"),
        "undecodable": (
            write(tmp_path / "junk.txt", bytes(range(0x80, 0xA0)) * 3 + b"\x01\x02\x03" * 40),
            "undecodable",
        ),
        "huge": (write(tmp_path / "huge.txt", ENGLISH * 20), "over the limit"),
        "no html text": (
            write(tmp_path / "empty.html", "<html><body><div></div></body></html>"),
            "no extractable",
        ),
    }
    paths = [good] + [path for path, _ in bad.values()] + [good]
    results = list(iter_articles(paths, max_bytes=2000))
    assert [type(r).__name__ for r in results] == ["Article"] + ["InputError"] * len(bad) + ["Article"]
    for error, (path, reason) in zip(only_errors(results), bad.values(), strict=True):
        assert error.source == str(path)
        assert reason in error.reason
        assert str(path) in str(error)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
    ],
)
def test_read_article_raises(tmp_path: Path, name: str, data: bytes | None, reason: str) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert info.value.source == str(path) and reason in info.value.reason


def test_read_article_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_article(tmp_path)


def test_other_language_is_stored_with_its_code(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "fr.txt", FRENCH))
    assert article.language == "fr" and article.text == normalize_text(FRENCH)


# --- the bundled sample corpus and the shared sample --------------------------------


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="no samples/ folder")
def test_bundled_samples_read_cleanly() -> None:
    results = list(iter_articles([SAMPLES]))
    assert not only_errors(results), only_errors(results)
    articles = only_articles(results)
    assert len(articles) >= 6
    assert len({a.id for a in articles}) == len(articles)
    languages = sorted(a.language or "" for a in articles)
    assert languages.count("en") == len(articles) - 1 and "fr" in languages
    assert all(a.title for a in articles)
    assert any(a.source and a.published for a in articles)


@pytest.mark.skipif(not SHARED_SAMPLE.is_file(), reason="shared sample article absent")
def test_shared_sample_article() -> None:
    article = read_article(SHARED_SAMPLE)
    assert article.language == "en"
    assert article.title is not None and article.text.startswith(article.title)
    assert article.id == read_article(SHARED_SAMPLE).id
