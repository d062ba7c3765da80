"""The catalogue of emulation titles used in the procuracy sector (domain-rules.md §2.1).

Sources: Luật Thi đua, khen thưởng 2013 Art. 21–28 and 06/2022/QH15 Art. 21–28; sector lists in
TT 01/2019/TT-VKSTC Art. 13(2) and TT 02/2024/TT-VKSTC Art. 11. Who confers each: Law 2022 Art. 80(1) for the
provincial head; the Supreme Procuracy holds ministry-level powers (Art. 3(5)); the Prime Minister confers
Chiến sĩ thi đua toàn quốc and Cờ thi đua của Chính phủ.
"""

from django.db import migrations

TITLES = [
    # code, name, subject kind, conferring level, legal basis, order
    ("LDTT", "Lao động tiên tiến", "individual", "provincial_head", "Luật TĐKT Điều 24", 10),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "individual", "provincial_head", "Luật TĐKT Điều 23", 20),
    ("CSTD_NGANH", "Chiến sĩ thi đua ngành Kiểm sát nhân dân", "individual", "supreme_procuracy",
     "Luật TĐKT Điều 22", 30),
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", "individual", "prime_minister", "Luật TĐKT Điều 21", 40),
    ("TTLDTT", "Tập thể lao động tiên tiến", "collective", "provincial_head", "Luật TĐKT Điều 28", 10),
    ("TTLDXS", "Tập thể lao động xuất sắc", "collective", "provincial_head", "Luật TĐKT Điều 27", 20),
    ("CO_NGANH", "Cờ thi đua của ngành Kiểm sát nhân dân", "collective", "supreme_procuracy",
     "Luật TĐKT Điều 26", 30),
    ("CO_CP", "Cờ thi đua của Chính phủ", "collective", "prime_minister", "Luật TĐKT Điều 25", 40),
]


def load(apps, schema_editor):
    Title = apps.get_model("awards", "Title")
    for code, name, kind, level, basis, order in TITLES:
        Title.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "subject_kind": kind,
                "conferring_level": level,
                "legal_basis": basis,
                "display_order": order,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("awards", "Title").objects.filter(code__in=[t[0] for t in TITLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
