"""Numbers the Vietnamese way (glossary: "83,3 %", "1.234,5")."""

import pytest
from django.template import Context, Template

from units.numbers import number_text, percent_text, share_text


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, None, "0"),
        (12.5, None, "12,5"),
        (1234.5, None, "1.234,5"),
        (1234567, None, "1.234.567"),
        (-1234.56, None, "-1.234,56"),
        ("8.50", None, "8,5"),
        (100.0, None, "100"),
        (83.333, 2, "83,33"),
        (0.125, 2, "0,13"),
        (None, None, ""),
    ],
)
def test_number_text(value, decimals, expected):
    assert number_text(value, decimals) == expected


def test_percent_text_has_a_space_and_a_comma():
    assert percent_text(83.333) == "83,3 %"
    assert percent_text(72.7272, 2) == "72,73 %"
    assert percent_text(15, None) == "15 %"
    assert percent_text(87.0) == "87 %"
    assert percent_text(None) == ""
    assert share_text(7, 9) == "77,8 %"
    assert share_text(3, 0) == ""


def test_filters():
    rendered = Template("{% load numbers %}{{ a|number }}|{{ b|percent }}|{{ c|share:d }}|{{ e|number:2 }}").render(
        Context({"a": 20000, "b": 83.33, "c": 1, "d": 3, "e": 7.5})
    )
    assert rendered == "20.000|83,3 %|33,3 %|7,50"
