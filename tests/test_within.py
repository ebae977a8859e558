"""Within-article name resolution: pure Python, no spaCy."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.resolve import NameCluster, NameMention, resolve_names


def _groups(mentions: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    clusters = resolve_names([NameMention(text, kind) for text, kind in mentions])
    return [(cluster.canonical, [mentions[i][0] for i in cluster.members]) for cluster in clusters]


def _cluster_of(clusters: list[NameCluster], index: int) -> NameCluster:
    return next(cluster for cluster in clusters if index in cluster.members)


def test_person_variants_merge_with_latin_canonical() -> None:
    mentions = [("بشار الأسد", "PERSON"), ("President Bashar al-Assad", "PERSON"), ("Assad's", "PERSON"),
                ("Qasem Soleimani", "PERSON"), ("Suleimani", "PERSON"), ("قاسم سليماني", "PERSON")]
    assert _groups(mentions) == [
        ("Bashar al-Assad", ["بشار الأسد", "President Bashar al-Assad", "Assad's"]),
        ("Qasem Soleimani", ["Qasem Soleimani", "Suleimani", "قاسم سليماني"]),
    ]


def test_shared_first_name_is_not_merged_and_ambiguous_stays_alone() -> None:
    mentions = [("Major General Ali Ayoub", "PERSON"), ("Ali Mamlouk", "PERSON"), ("Ali", "PERSON"),
                ("Mamlouk", "PERSON")]
    groups = _groups(mentions)
    assert ("Ali Ayoub", ["Major General Ali Ayoub"]) in groups
    assert ("Ali Mamlouk", ["Ali Mamlouk", "Mamlouk"]) in groups
    assert ("Ali", ["Ali"]) in groups


def test_unique_first_name_attaches() -> None:
    groups = _groups([("Hassan Nasrallah", "PERSON"), ("Hassan", "PERSON")])
    assert groups == [("Hassan Nasrallah", ["Hassan Nasrallah", "Hassan"])]


def test_middle_name_alone_does_not_attach() -> None:
    groups = _groups([("Ahmed Kamil Murad", "PERSON"), ("Kamil", "PERSON")])
    assert len(groups) == 2


def test_other_types_are_conservative() -> None:
    mentions = [("the Islamic Revolutionary Guard Corps", "ORG"), ("Islamic Revolutionary Guard Corps'", "ORG"),
                ("Hezbollah", "ORG"), ("Hizballah", "ORG"), ("Iraq", "GPE"), ("Iran", "GPE"),
                ("Syria", "GPE"), ("Syrian", "NORP")]
    groups = _groups(mentions)
    assert ("Islamic Revolutionary Guard Corps",
            ["the Islamic Revolutionary Guard Corps", "Islamic Revolutionary Guard Corps'"]) in groups
    assert ("Hezbollah", ["Hezbollah", "Hizballah"]) in groups
    assert len(groups) == 6


def test_types_never_mix() -> None:
    clusters = resolve_names([NameMention("Jordan", "GPE"), NameMention("Jordan", "PERSON")])
    assert len(clusters) == 2


_PARTS = ["Ali", "Ayoub", "Mamlouk", "Bashar", "al-Assad", "Qasem", "Soleimani", "President", "Gen.",
          "بشار", "الأسد", "Hassan", "Nasrallah", "Mr", "bin", "Abu", "Abd", "Zarif", "Javad"]
_MENTIONS = st.lists(
    st.tuples(st.lists(st.sampled_from(_PARTS), min_size=1, max_size=4).map(" ".join),
              st.sampled_from(["PERSON", "ORG", "GPE"])),
    max_size=30,
)


@given(_MENTIONS)
def test_resolution_partitions_the_indices(mentions: list[tuple[str, str]]) -> None:
    clusters = resolve_names([NameMention(text, kind) for text, kind in mentions])
    members = sorted(i for cluster in clusters for i in cluster.members)
    assert members == list(range(len(mentions)))
    for cluster in clusters:
        assert {mentions[i][1] for i in cluster.members} == {cluster.type}
        assert cluster.canonical


@given(st.sampled_from(["Ali", "Hassan", "Mohammed", "Qasem"]),
       st.lists(st.sampled_from(["Ayoub", "Mamlouk", "Nasrallah", "Soleimani", "Zarif", "Haddad"]),
                min_size=2, max_size=2, unique=True),
       st.sampled_from(["", "Major General ", "President ", "Mr "]))
def test_no_over_merge_of_shared_first_name(first: str, surnames: list[str], title: str) -> None:
    mentions = [NameMention(f"{title}{first} {surnames[0]}", "PERSON"), NameMention(f"{first} {surnames[1]}", "PERSON"),
                NameMention(first, "PERSON")]
    clusters = resolve_names(mentions)
    assert _cluster_of(clusters, 0) is not _cluster_of(clusters, 1)
    assert _cluster_of(clusters, 2).members == [2]


def test_a_few_hundred_mentions_are_fast() -> None:
    import time

    names = [f"{first} {last}" for first in ("Ali", "Hassan", "Omar", "Karim") for last in
             ("Ayoub", "Mamlouk", "Haddad", "Nasser", "Saleh", "Khalil", "Mansour", "Aziz")]
    mentions = [NameMention(name, "PERSON") for name in names] * 6 + [NameMention("Haddad", "PERSON")] * 100
    started = time.perf_counter()
    resolve_names(mentions)
    assert time.perf_counter() - started < 1.0
