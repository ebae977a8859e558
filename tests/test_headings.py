"""Which lines are headings: Title Case titles are; datelines, results, credits and captions are not."""

from __future__ import annotations

import pytest

from newsgraph.nlp.headings import dateline_places, find_headings, is_heading, names_only


@pytest.mark.parametrize(
    "line",
    [
        "Rebels Retake Hilltop Villages Near Hama",
        "Farahani Saved Haddad from the Fate of His Predecessor",
        "The Minister Has Gone, His Advisers are Staying",  # one word left in lower case
        "Five Killed in Strike on Market",
    ],
)
def test_title_case_lines_are_headings(line: str) -> None:
    assert is_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "SAN ANTONIO 2025-04-11",  # a dateline
        "AMMAN , Jordan , May 3",
        "Halifax 24 Wakefield Trinity 18",  # a result
        "Northern Division 12 9 3 21",  # a table row
        "Bayern ( Germany ) 81 Olimpija ( Slovenia ) 77 ( 40-38 )",
        "68 Karim Haddad , Tom Rix ( Jordan ) , Omar Saleh",  # a ranked list
        "Nadia Petrova ( Bulgaria ) beat Anna Lind ( Sweden )",  # a verb in lower case
        "By Laura Whitfield",  # credits
        "Reporting by Omar Saleh ; Editing by Helen Marsh",
        "Photo by Dana Kessler",
        "Defence Minister Karim Haddad speaks to reporters after a cabinet meeting in Beirut",  # a caption
        "Rebels retake hilltop villages near Hama",  # sentence case
        "Officials said the talks would resume.",
    ],
)
def test_data_lines_credits_and_captions_are_not_headings(line: str) -> None:
    assert not is_heading(line)


def test_a_masthead_is_judged_part_by_part() -> None:
    text = "Weekly Levant Digest | 3 May 2025\nBody text follows here."
    assert find_headings(text) == [(0, len("Weekly Levant Digest "))]


def test_the_parts_of_a_line_are_judged_apart() -> None:
    text = "Postponed : Halifax v Wakefield Trinity\nAnalysis: The Man Who Ran the Desert Routes\nBody."
    assert [text[a:b] for a, b in find_headings(text)] == [
        "Halifax v Wakefield Trinity", "The Man Who Ran the Desert Routes"
    ]


def test_names_only() -> None:
    line = "Jordan at Lebanon"
    assert names_only(line, [(0, 6), (10, 17)])
    assert not names_only(line, [(0, 6)])
    assert not names_only("Haddad Saved the Day", [(0, 6)])


def test_dateline_places() -> None:
    text = "SAN ANTONIO , Texas 2025-04-11\nAMMAN , May 3\nHalifax 24 Wakefield 18"
    assert [text[a:b] for a, b in dateline_places(text)] == ["SAN ANTONIO", "Texas", "AMMAN"]


def test_a_list_of_names_is_judged_item_by_item() -> None:
    text = "Ian Hale , Tom Rix , Dean Ward Smith , Joe\nHe said, in the end, that Omar Saleh Spoke First.\nBody."
    assert [text[a:b] for a, b in find_headings(text)] == ["Ian Hale ", " Tom Rix ", " Dean Ward Smith "]


def test_the_last_line_heads_nothing() -> None:
    assert find_headings("Rebels Retake Hilltop Villages Near Hama") == []
    assert find_headings("Rebels Retake Villages\nThe army withdrew.\nWhat Comes Next\n") == [(0, 22)]
