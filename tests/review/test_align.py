"""The one alignment of diff and redline: ids matched anywhere, texts in order or when similar."""
from generator.review.align import align, similar_texts


def ids(*names: str):
    return [("id", "task", n) for n in names]


def pairs(result):
    return [(p.old, p.new) for p in result]


def test_old_only_items_stay_after_their_old_predecessor():
    assert pairs(align(ids("a", "b", "c"), ids("a", "x", "c"))) == [(0, 0), (1, None), (None, 1), (2, 2)]
    assert pairs(align(ids("a", "b"), ids("b"))) == [(0, None), (1, 0)]


def test_an_id_that_moved_is_still_one_item_and_marked_moved():
    result = align(ids("a", "b", "c"), ids("c", "a", "b"))
    assert pairs(result) == [(2, 0), (0, 1), (1, 2)]
    assert [p.moved for p in result] == [True, False, False]


def test_texts_without_ids_pair_only_when_similar_and_ids_never():
    old, new = [("text", "p", "x"), ("id", "p", "k")], [("text", "p", "y"), ("id", "p", "m")]
    assert pairs(align(old, new, lambda a, b: True)) == [(0, 0), (1, None), (None, 1)]
    assert pairs(align(old, new, lambda a, b: False)) == [(0, None), (1, None), (None, 0), (None, 1)]


def test_by_default_texts_of_one_kind_pair_when_most_words_are_shared():
    old = [("text", "basis", "Căn cứ Luật A ngày 01/01/2020;")]
    edited = [("text", "basis", "Căn cứ Luật A ngày 02/01/2020;")]
    assert pairs(align(old, edited)) == [(0, 0)]
    assert pairs(align(old, [("text", "recipient", edited[0][2])])) == [(0, None), (None, 0)]
    assert pairs(align(old, [("text", "basis", "Như trên;")])) == [(0, None), (None, 0)]


def test_similar_texts_threshold():
    assert similar_texts("Lưu: VT, TH.", "Lưu: VT, TTHC.")            # 4 of 6 words
    assert not similar_texts("Lưu: VT, TH.", "Lưu: VT, TH, KT.")      # 4 of 7
