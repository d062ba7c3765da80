"""``{% load numbers %}``: ``{{ value|number }}``, ``{{ value|number:2 }}``, ``{{ value|percent }}`` ("83,3 %"),
``{{ part|share:whole }}``. See units/numbers.py."""

from django import template

from units.numbers import number_text, percent_text, share_text

register = template.Library()


@register.filter
def number(value, decimals=None):
    return number_text(value, None if decimals in (None, "") else int(decimals))


@register.filter
def percent(value, decimals=1):
    return percent_text(value, None if decimals in (None, "") else int(decimals))


@register.filter
def share(part, whole):
    return share_text(part, whole)
