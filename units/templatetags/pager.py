"""``{% pager_pages page_obj as pages %}``: the numbers the pager shows (first, last, two each side of the current
page, ``…`` for the gaps), for any paginator."""

from django import template
from django.core.paginator import Paginator

register = template.Library()


@register.simple_tag
def pager_pages(page) -> list:
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


ELLIPSIS = Paginator.ELLIPSIS


@register.filter
def is_gap(value) -> bool:
    return value == ELLIPSIS
