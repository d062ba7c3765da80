"""The demo's awards above the province decided in 2018 (the Supreme Procuracy's and the Prime Minister's, for 2017
and for long service), entered as past records through ``award_history_record`` so that the statutory statistics
(biểu 0602 and 0603, ``reports/statistics.py``) of 2018 show figures."""

import datetime

from awards.enums import AwardStatus
from awards.models import AwardRecord
from awards.services.decisions import award_history_record
from movements.enums import ConferringLevel
from movements.models import Title
from units.models import Unit
from units.selectors import unit_roster

# (unit code, index in the unit's roster or None for the unit itself, title code, year, decision number, date)
AWARDS = [
    ("vks-thai-binh", 0, "BK_TTG", 2017, "1352/QĐ-TTg", datetime.date(2018, 9, 20)),
    ("tb-dong-hung", None, "BK_TTG", 2017, "1352/QĐ-TTg", datetime.date(2018, 9, 20)),
    ("tb-phong-1", None, "CO_NGANH", 2017, "25/QĐ-VKSTC", datetime.date(2018, 1, 15)),
    ("tb-phong-1", 2, "CSTD_NGANH", 2017, "26/QĐ-VKSTC", datetime.date(2018, 1, 15)),
    ("tb-hung-ha", 0, "BK_VKSTC", 2017, "27/QĐ-VKSTC", datetime.date(2018, 1, 15)),
    ("tb-hung-ha", 3, "BK_VKSTC", 2017, "27/QĐ-VKSTC", datetime.date(2018, 1, 15)),
    ("tb-vu-thu", None, "BK_VKSTC", 2017, "27/QĐ-VKSTC", datetime.date(2018, 1, 15)),
    ("tb-van-phong", 4, "KNC_VSNKS", 2018, "310/QĐ-VKSTC", datetime.date(2018, 7, 20)),
    ("tb-kien-xuong", 2, "KNC_VSNKS", 2018, "310/QĐ-VKSTC", datetime.date(2018, 7, 20)),
]


def seed_awards_above_province(province: Unit) -> None:
    """A few awards of the Supreme Procuracy and the Prime Minister for the province's units and people."""
    levels = [ConferringLevel.SUPREME_PROCURACY, ConferringLevel.PRIME_MINISTER]
    if AwardRecord.objects.filter(unit__province=province, level__in=levels, status=AwardStatus.VALID).exists():
        return
    titles = {t.code: t for t in Title.objects.filter(code__in={row[2] for row in AWARDS})}
    units = {u.code: u for u in Unit.objects.filter(code__in={row[0] for row in AWARDS})}
    for code, index, title, year, number, day in AWARDS:
        unit = units[code]
        staff = None if index is None else list(unit_roster(unit))[index]
        award_history_record(
            title=titles[title],
            year=year,
            staff=staff,
            unit=unit,
            actor=None,
            decision_number=number,
            decision_date=day,
            was_leader=staff.is_leader if staff else None,
        )
