import unicodedata

import pytest

from units.text import clean, name_sort_key, search_key, text_sort_key


def test_clean_composes_decomposed_vietnamese_and_drops_invisible_characters():
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Thị\u200b Ánh ")
    assert clean(decomposed) == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", clean(decomposed))


@pytest.mark.parametrize(
    ("text", "key"),
    [("Nguyễn Văn An", "nguyen van an"), ("Đông Hưng", "dong hung"), ("THÁI THỤY", "thai thuy"), ("hoà", "hoa")],
)
def test_search_key_removes_marks_and_maps_d_bar(text, key):
    assert search_key(text) == key


def test_search_key_same_for_old_and_new_tone_placement():
    assert search_key("Thuý Hoà") == search_key("Thúy Hòa")


def test_letters_with_marks_sort_after_their_base_letter():
    words = ["Đông", "Bình", "Ân", "Dũng", "Ánh", "Anh"]
    assert sorted(words, key=text_sort_key) == ["Anh", "Ánh", "Ân", "Bình", "Dũng", "Đông"]


def test_tones_order_only_when_letters_are_equal():
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(words, key=text_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_names_sort_by_given_then_middle_then_family_name():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn An", "Phạm Thị Ánh", "Đỗ An", "Bùi Văn Ân"]
    assert sorted(names, key=name_sort_key) == [
        "Đỗ An",
        "Trần Thị An",
        "Lê Văn An",
        "Phạm Thị Ánh",
        "Bùi Văn Ân",
        "Nguyễn Văn Bình",
    ]


def test_family_name_decides_when_given_and_middle_names_are_equal():
    assert sorted(["Trần Văn An", "Đặng Văn An", "Dương Văn An"], key=name_sort_key) == [
        "Dương Văn An",
        "Đặng Văn An",
        "Trần Văn An",
    ]


def test_sort_key_is_digits_only_so_every_database_orders_it_alike():
    assert name_sort_key("Nguyễn Thị Bích Ngọc").isdigit()


def test_sort_key_ignores_normal_form_and_case():
    assert name_sort_key(unicodedata.normalize("NFD", "Nguyễn Văn Ân")) == name_sort_key("NGUYỄN VĂN ÂN")
