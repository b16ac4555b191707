"""Lists of texts compared in document order; fewest moves; words marked as phrases."""
from generator.review.changes import Change
from generator.review.sequence import kept_in_order, list_changes
from generator.review.words import shorten, word_diff


def test_items_with_ids_are_matched_by_id():
    old = [("a", "Một"), ("b", "Hai"), ("c", "Ba"), ("d", "Bốn")]
    new = [("a", "Một"), ("c", "Ba mới"), ("d", "Bốn"), ("e", "Năm"), ("b", "Hai")]
    assert list_changes(old, new, "paragraph") == [
        Change("changed", "paragraph c", "Ba", "Ba mới"),
        Change("added", "paragraph e", None, "Năm"),
        Change("moved", "paragraph b", "Hai", "Hai"),
    ]


def test_texts_without_ids_pair_only_when_similar():
    old = [(None, "Căn cứ Luật A ngày 01/01/2020;"), (None, "Lưu: VT, TH.")]
    new = [(None, "Căn cứ Luật A ngày 02/01/2020;"), (None, "Như trên;"), (None, "Lưu: VT, TH.")]
    assert list_changes(old, new, "basis") == [
        Change("changed", "basis 1", "Căn cứ Luật A ngày 01/01/2020;", "Căn cứ Luật A ngày 02/01/2020;"),
        Change("added", "basis 2", None, "Như trên;"),
    ]
    assert list_changes([(None, "Như Điều 3;")], [(None, "Lưu: VT.")], "r") == [
        Change("removed", "r 1", "Như Điều 3;", None), Change("added", "r 1", None, "Lưu: VT.")]
    assert list_changes(old, old, "basis") == []


def test_kept_in_order_moves_the_fewest():
    assert kept_in_order([]) == set()
    assert kept_in_order([0, 1, 2, 3]) == {0, 1, 2, 3}
    assert kept_in_order([3, 0, 1, 2]) == {1, 2, 3}          # one task moved to the top
    assert len(kept_in_order([1, 0, 3, 2, 5, 4])) == 3


def test_word_diff_marks_phrases():
    assert word_diff("Ủy ban nhân dân tỉnh", "Sở Xây dựng") == (
        [("Ủy ban nhân dân tỉnh", True)], [("Sở Xây dựng", True)])
    assert word_diff("Quý II, III/2023", "Quý II/2023") == (
        [("Quý II", False), (", III", True), ("/2023", False)], [("Quý II/2023", False)])


def test_shorten_cuts_at_a_word():
    assert shorten("Kế hoạch  kiểm soát\nthủ tục", 100) == "Kế hoạch kiểm soát thủ tục"
    assert shorten("Kế hoạch kiểm soát thủ tục hành chính", 20) == "Kế hoạch kiểm soát…"
