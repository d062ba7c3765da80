import datetime

from django import template

register = template.Library()


@register.filter
def iso_date(value: str) -> str:
    """An ISO date kept in an import batch ("1985-03-15") as dd/mm/yyyy."""
    if not value:
        return ""
    try:
        return f"{datetime.date.fromisoformat(value):%d/%m/%Y}"
    except (TypeError, ValueError):
        return value
