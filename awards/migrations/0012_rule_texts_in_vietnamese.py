"""The rule sets' texts as the secretariat reads them (issue 14): the notes were English, and four texts wrote a
percentage without its space ("75%"; Vietnamese writes "75 %").

``0005`` and ``0007`` now load these texts into a new database (``tests/conftest.py`` replays them); this migration
rewrites the rule sets a database loaded before. It replaces each old text only where it is still there word for
word, so a note the secretariat has since edited is left as it is, and running it again changes nothing."""

from django.db import migrations

NOTES = [
    (
        "[uncertain] QĐ 307/2008 full text not retrieved: its caps for CSTĐ cơ sở and TTLĐXS, the vote threshold for "
        "CSTĐ cơ sở and the long-service medal years are not confirmed (domain-rules §9.2).",
        "[chưa chắc chắn] Chưa có toàn văn QĐ 307/2008: tỷ lệ tối đa đối với CSTĐ cơ sở và TTLĐXS, tỷ lệ phiếu "
        "đồng ý đối với CSTĐ cơ sở và số năm công tác để xét Kỷ niệm chương chưa được xác nhận.",
    ),
    (
        "[uncertain] No cap on TTLĐXS found in TT 01/2019 (An Giang 2023 approved 7 of 20).",
        "[chưa chắc chắn] Chưa thấy TT 01/2019 quy định tỷ lệ tối đa đối với TTLĐXS (năm 2023 VKSND tỉnh An Giang "
        "xét 7 trong 20 tập thể).",
    ),
    (
        "[uncertain] Whether the 15 % cap on CSTĐ cơ sở survives NĐ 98/2023 / TT 02/2024 is not found "
        "(domain-rules §4.2); kept at 15 % until checked. The 90 % vote for CSTĐ ngành is assumed to carry over.",
        "[chưa chắc chắn] Chưa tìm thấy quy định cho biết tỷ lệ tối đa 15 % đối với CSTĐ cơ sở còn áp dụng theo "
        "NĐ 98/2023, TT 02/2024 hay không; tạm giữ 15 % cho đến khi kiểm tra. Tỷ lệ phiếu đồng ý 90 % đối với "
        "CSTĐ ngành được coi là vẫn áp dụng.",
    ),
    ("Cờ thi đua ngành: 80% là tỷ lệ", "Cờ thi đua ngành: 80 % là tỷ lệ"),
    ("Tỷ lệ 15% Chiến sĩ thi đua cơ sở", "Tỷ lệ 15 % Chiến sĩ thi đua cơ sở"),
]
REVIEW_NOTES = [
    ("không quá 75% số cá nhân đủ tiêu chuẩn", "không quá 75 % số cá nhân đủ tiêu chuẩn"),
    ("được ít nhất 80% thành viên cụm, khối suy tôn", "được ít nhất 80 % thành viên cụm, khối suy tôn"),
]


def rewrite(apps, schema_editor, *, back=False):
    RuleSet = apps.get_model("awards", "RuleSet")
    TitleRule = apps.get_model("awards", "TitleRule")
    for model, field, pairs in ((RuleSet, "notes", NOTES), (TitleRule, "review_note", REVIEW_NOTES)):
        for old, new in pairs:
            if back:
                old, new = new, old
            for row in model.objects.filter(**{f"{field}__contains": old}):
                setattr(row, field, getattr(row, field).replace(old, new))
                row.save(update_fields=[field])


def load(apps, schema_editor):
    rewrite(apps, schema_editor)


def unload(apps, schema_editor):
    rewrite(apps, schema_editor, back=True)


class Migration(migrations.Migration):
    dependencies = [("awards", "0011_field_names_in_vietnamese")]
    operations = [migrations.RunPython(load, unload)]
