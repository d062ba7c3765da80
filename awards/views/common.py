from django.shortcuts import get_object_or_404

from movements.models import YearPlan


def plan_for(user, pk) -> YearPlan:
    return get_object_or_404(YearPlan.objects.for_user(user).select_related("province"), pk=pk)


def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
