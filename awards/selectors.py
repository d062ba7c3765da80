"""Reads for initiatives and conduct records."""

from django.db.models import Prefetch, QuerySet

from awards.models import ConductRecord, Initiative
from units.models import Staff
from units.text import search_key


def initiative_list(user, *, query: str = "", year: int | None = None) -> QuerySet[Initiative]:
    initiatives = (
        Initiative.objects.for_user(user)
        .select_related("unit")
        .prefetch_related(Prefetch("authors", queryset=Staff.objects.order_by("sort_key")))
    )
    if query:
        initiatives = initiatives.filter(search_key__contains=search_key(query))
    if year:
        initiatives = initiatives.filter(year=year)
    return initiatives.order_by("-year", "title", "pk")


def conduct_list(user, *, year: int | None = None, staff: Staff | None = None) -> QuerySet[ConductRecord]:
    records = ConductRecord.objects.for_user(user).select_related("staff", "staff__unit")
    if year:
        records = records.filter(year=year)
    if staff:
        records = records.filter(staff=staff)
    return records.order_by("-year", "staff__unit__display_order", "staff__sort_key", "kind", "pk")
