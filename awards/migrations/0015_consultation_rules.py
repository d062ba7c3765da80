"""Which awards need a public consultation (lấy ý kiến) before the province's dossier goes up (domain-rules.md
§3.3): Huân chương (every class), Chiến sĩ thi đua toàn quốc and the state honorary titles (danh hiệu vinh dự
nhà nước), with a window of 10 days, in every rule set.

Sources, by rule set: NĐ 91/2017/NĐ-CP Điều 45(10) and TT 12/2019/TT-BNV Điều 2(2) (the 2013 law and TT 01/2019
rule sets); NĐ 98/2023/NĐ-CP Điều 46(2) and, from 2025, NĐ 152/2025/NĐ-CP Điều 44(2) (the 2022 law). The texts
ask the proposing ministry to publish the list on its media before the submission; the length is not fixed by
them: 10 days is the shortest window seen in the procuracy (03/07–12/07/2024; 10/09–23/09/2025 was 14 days;
baovephapluat 78449, 160653, 184177). The secretariat can change both per title rule in the admin.

The catalogue has no state honorary title yet (Anh hùng Lao động, …); a code in ``CODES`` that is not loaded is
skipped, and every Huân chương (code ``HC…``) is matched by its prefix. ``tests/conftest.py`` replays ``load``
after a flush; running it again changes nothing."""

from django.db import migrations
from django.db.models import Q

CODES = ("CSTD_TQ", "AHLD", "AHLLVT")
MEDAL_PREFIX = "HC"
DAYS = 10


def _rules(apps):
    TitleRule = apps.get_model("awards", "TitleRule")
    return TitleRule.objects.filter(Q(title__code__in=CODES) | Q(title__code__startswith=MEDAL_PREFIX))


def load(apps, schema_editor):
    _rules(apps).filter(requires_consultation=False).update(requires_consultation=True, consultation_days=DAYS)


def unload(apps, schema_editor):
    _rules(apps).update(requires_consultation=False)


class Migration(migrations.Migration):
    dependencies = [("awards", "0014_dossiers_consultations_certificates")]
    operations = [migrations.RunPython(load, unload)]
