"""``{% load verdicts %}{{ check|explained }}``: a check's explanation in the reader's language
(``awards.eligibility.explanation``)."""

from django import template

from awards.eligibility.base import explanation

register = template.Library()


@register.filter
def explained(check) -> str:
    return explanation(check)
