"""Unit kinds of the procuracy's two levels. Kept as data: since 2025 district procuracies are replaced by
regional ones (vietnamese-conventions.md, "The demo province")."""

from django.db import migrations

KINDS = [
    ("provincial", "Viện kiểm sát nhân dân cấp tỉnh", True, 10),
    ("department", "Phòng, đơn vị thuộc Viện kiểm sát nhân dân cấp tỉnh", False, 20),
    ("district", "Viện kiểm sát nhân dân cấp huyện", False, 30),
    ("regional", "Viện kiểm sát nhân dân khu vực", False, 40),
]


def load(apps, schema_editor):
    UnitKind = apps.get_model("units", "UnitKind")
    for code, name, provincial, order in KINDS:
        UnitKind.objects.update_or_create(
            code=code, defaults={"name": name, "is_provincial_procuracy": provincial, "display_order": order}
        )


def unload(apps, schema_editor):
    apps.get_model("units", "UnitKind").objects.filter(code__in=[k[0] for k in KINDS], units=None).delete()


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
