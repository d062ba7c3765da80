"""Forms of commendation and the three rule sets (domain-rules.md §1–§4), as data the secretariat can adjust.

Markers follow domain-rules.md: where the source was not confirmed the rule set's notes say so, and the title
rule carries a "to check by hand" note that becomes a needs-review check on every proposal.
"""

from importlib import import_module

from django.db import migrations

FORMS = [
    # code, name, subject kind, conferring level, legal basis, order
    ("GK_VKS_TINH", "Giấy khen của Viện trưởng Viện kiểm sát nhân dân tỉnh", "any", "provincial_head",
     "Luật TĐKT 2022 Điều 80(1)", 10),
    ("BK_VKSTC", "Bằng khen của Viện trưởng Viện kiểm sát nhân dân tối cao", "any", "supreme_procuracy",
     "Luật TĐKT 2022 Điều 74", 20),
    ("KNC_VSNKS", "Kỷ niệm chương “Vì sự nghiệp Kiểm sát”", "individual", "supreme_procuracy",
     "TT 02/2024/TT-VKSTC Điều 21", 30),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "any", "prime_minister", "Luật TĐKT 2022 Điều 73", 40),
    ("HCLD3", "Huân chương Lao động hạng Ba", "any", "state_president", "Luật TĐKT", 50),
]

COMMON = {
    "individual_bar_discipline": 1,  # khiển trách bars LĐTT (NĐ 91/2017; TT 02/2024)
    "collective_bar_discipline": 2,  # cảnh cáo in a collective bars TTLĐTT/TTLĐXS (Law Art. 27, 28)
    "bar_serious_violation": True,  # plan 02/KH-VKS II.2.9
    "bar_annulled_case": True,  # plan II.2.9
    "bar_suspended_case": True,  # plan II.2.9
    "default_vote_threshold": 50,
    "service_years": 15,
    "procuracy_years": 5,
}

# The notes and texts as 0012 rewrote them in a database loaded earlier (issue 14).
RULE_SETS = [
    {
        "code": "law-2013-qd-307",
        "name": "Luật TĐKT 2003 sửa đổi 2013, NĐ 91/2017/NĐ-CP, Quy chế 307/QĐ-VKSTC-VP (2008)",
        "legal_basis": "Luật 15/2003/QH11 sửa đổi bởi Luật 47/2005/QH11 và Luật 39/2013/QH13; Nghị định 91/2017/NĐ-CP; "
        "Quy chế thi đua, khen thưởng ngành KSND ban hành kèm QĐ 307/QĐ-VKSTC-VP ngày 03/7/2008; "
        "Kế hoạch 02/KH-VKS ngày 07/01/2018 của VKSND tỉnh Thái Bình.",
        "year_from": 2000,
        "year_to": 2018,
        "min_months_worked": 10,  # NĐ 91/2017: recruits under 10 months are not considered
        "leave_bar_from_months": None,  # NĐ 91/2017 removed the 40-working-day exclusion
        "leave_bar_to_months": None,
        "notes": "[chưa chắc chắn] Chưa có toàn văn QĐ 307/2008: tỷ lệ tối đa đối với CSTĐ cơ sở và TTLĐXS, tỷ lệ "
        "phiếu đồng ý đối với CSTĐ cơ sở và số năm công tác để xét Kỷ niệm chương chưa được xác nhận.",
    },
    {
        "code": "tt-01-2019",
        "name": "Luật TĐKT 2013, NĐ 91/2017/NĐ-CP, Thông tư 01/2019/TT-VKSTC",
        "legal_basis": "Luật TĐKT (sửa đổi 2013); Nghị định 91/2017/NĐ-CP; Thông tư 12/2019/TT-BNV; "
        "Thông tư 01/2019/TT-VKSTC (hiệu lực 28/06/2019).",
        "year_from": 2019,
        "year_to": 2023,
        "min_months_worked": 10,
        "leave_bar_from_months": None,
        "leave_bar_to_months": None,
        "notes": "[chưa chắc chắn] Chưa thấy TT 01/2019 quy định tỷ lệ tối đa đối với TTLĐXS (năm 2023 VKSND tỉnh An "
        "Giang xét 7 trong 20 tập thể).",
    },
    {
        "code": "law-2022-tt-02-2024",
        "name": "Luật TĐKT 2022, NĐ 98/2023 và NĐ 152/2025, Thông tư 02/2024/TT-VKSTC",
        "legal_basis": "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 98/2023/NĐ-CP; Nghị định 152/2025/NĐ-CP "
        "(từ 01/07/2025); Thông tư 01/2024/TT-BNV; Thông tư 02/2024/TT-VKSTC (hiệu lực 01/10/2024).",
        "year_from": 2024,
        "year_to": None,
        "min_months_worked": 6,  # TT 01/2024/TT-BNV Art. 1(5)(d); TT 02/2024
        "leave_bar_from_months": 3,  # TT 02/2024: leave from 3 to under 6 months is excluded
        "leave_bar_to_months": 6,
        "notes": "[chưa chắc chắn] Chưa tìm thấy quy định cho biết tỷ lệ tối đa 15 % đối với CSTĐ cơ sở còn áp dụng "
        "theo NĐ 98/2023, TT 02/2024 hay không; tạm giữ 15 % cho đến khi kiểm tra. Tỷ lệ phiếu đồng ý 90 % "
        "đối với CSTĐ ngành được coi là vẫn áp dụng.",
    },
]

# (title code, rule set codes or None for all, parameters)
TITLE_RULES = [
    ("LDTT", None, {"legal_basis": "Luật TĐKT Điều 24"}),
    ("CSTDCS", None, {
        "legal_basis": "Luật TĐKT Điều 23; NĐ 91/2017 Điều 9(3)",
        "initiative_level": "unit", "initiatives_required": 1,
        "cap_percent": 15, "cap_base_title": "LDTT",
    }),
    ("CSTD_NGANH", ["law-2013-qd-307"], {
        "legal_basis": "Luật TĐKT 2013 Điều 22; NĐ 91/2017 Điều 45(8); QĐ 307/2008",
        "initiative_level": "sector", "streak_title": "CSTDCS", "streak_count": 3, "streak_window": 3,
        "vote_threshold": 90,
        "review_note": "QĐ 307/2008: không quá 75 % số cá nhân đủ tiêu chuẩn; kiểm tra số lượng đề nghị.",
    }),
    ("CSTD_NGANH", ["tt-01-2019", "law-2022-tt-02-2024"], {
        "legal_basis": "TT 01/2019/TT-VKSTC Điều 16(1); Luật TĐKT 2022 Điều 22",
        "initiative_level": "sector", "streak_title": "CSTDCS", "streak_count": 3, "streak_window": 3,
        "vote_threshold": 90,
    }),
    ("CSTD_TQ", None, {
        "legal_basis": "Luật TĐKT Điều 21",
        "initiative_level": "sector", "streak_title": "CSTD_NGANH", "streak_count": 2, "streak_window": 2,
        "streak_includes_current_year": False, "vote_threshold": 90,
        "review_note": "Thành tích tiêu biểu xuất sắc nhất toàn ngành; sáng kiến có phạm vi ảnh hưởng toàn quốc.",
    }),
    ("TTLDTT", None, {
        "legal_basis": "Luật TĐKT Điều 28",
        "applies_individual_standard": False, "member_share_percent": 50, "member_share_strict": True,
    }),
    ("TTLDXS", ["law-2013-qd-307", "tt-01-2019"], {
        "legal_basis": "Luật TĐKT Điều 27",
        "applies_individual_standard": False, "member_share_percent": 70, "requires_member_title": "CSTDCS",
    }),
    ("TTLDXS", ["law-2022-tt-02-2024"], {
        "legal_basis": "Luật TĐKT 2022 Điều 27; TT 02/2024/TT-VKSTC Điều 18",
        "applies_individual_standard": False, "member_share_percent": 70, "requires_member_title": "CSTDCS",
        "cap_percent": 20, "cap_base_title": "TTLDTT", "cap_minimum": 1,
    }),
    ("CO_NGANH", None, {
        "legal_basis": "TT 01/2019 Điều 20; TT 02/2024 Điều 17",
        "applies_individual_standard": False, "streak_title": "TTLDXS", "streak_count": 1, "streak_window": 1,
        "vote_threshold": 80,
        "review_note": "Đơn vị dẫn đầu cụm, khối thi đua; được ít nhất 80 % thành viên cụm, khối suy tôn.",
    }),
    ("CO_CP", None, {
        "legal_basis": "Luật TĐKT Điều 25",
        "applies_individual_standard": False, "prerequisite_title": "CO_NGANH", "vote_threshold": 90,
        "review_note": "Tập thể tiêu biểu xuất sắc trong số các tập thể dẫn đầu cụm, khối thi đua.",
    }),
    ("GK_VKS_TINH", None, {"legal_basis": "Luật TĐKT 2022 Điều 80(1)", "requires_registration": False}),
    ("BK_VKSTC", None, {
        "legal_basis": "Luật TĐKT 2022 Điều 74(1)", "requires_registration": False,
        "review_note": "Tiêu chuẩn Bằng khen của Viện trưởng VKSND tối cao theo quy chế ngành: kiểm tra hồ sơ.",
    }),
    ("BK_TTG", ["law-2013-qd-307", "tt-01-2019"], {
        "legal_basis": "NĐ 91/2017 Điều 38(1)(c)", "requires_registration": False,
        "prerequisite_title": "BK_VKSTC", "initiative_level": "unit", "initiatives_required": 5,
        "vote_threshold": 90,
        "review_note": "05 năm liên tục hoàn thành xuất sắc nhiệm vụ sau Bằng khen cấp bộ, ngành.",
    }),
    ("BK_TTG", ["law-2022-tt-02-2024"], {
        "legal_basis": "Luật TĐKT 2022 Điều 73(1)(b)", "requires_registration": False,
        "prerequisite_title": "BK_VKSTC", "streak_title": "CSTDCS", "streak_count": 3, "streak_window": 5,
        "vote_threshold": 90,
        "review_note": "05 năm liên tục hoàn thành tốt nhiệm vụ trở lên tính đến thời điểm đề nghị.",
    }),
    ("KNC_VSNKS", None, {
        "legal_basis": "TT 02/2024/TT-VKSTC Điều 21(3)", "requires_registration": False,
        "applies_individual_standard": False, "is_long_service_medal": True,
    }),
    ("HCLD3", None, {
        "legal_basis": "Luật TĐKT", "requires_registration": False, "vote_threshold": 90,
        "review_note": "Tiêu chuẩn Huân chương Lao động hạng Ba; lấy ý kiến nhân dân trước khi trình.",
    }),
]

TITLE_FIELDS = ("streak_title", "prerequisite_title", "requires_member_title", "cap_base_title")


def load(apps, schema_editor):
    # The emulation titles of 0002 must exist (a reused test database may have lost them to a flush).
    import_module("awards.migrations.0002_load_titles").load(apps, schema_editor)
    Title = apps.get_model("awards", "Title")
    RuleSet = apps.get_model("awards", "RuleSet")
    TitleRule = apps.get_model("awards", "TitleRule")
    for code, name, kind, level, basis, order in FORMS:
        Title.objects.update_or_create(
            code=code,
            defaults={"name": name, "category": "form", "subject_kind": kind, "conferring_level": level,
                      "legal_basis": basis, "display_order": order},
        )
    titles = {t.code: t for t in Title.objects.all()}
    # Later migrations moved or added fields; keep to the fields this model (historical or current) has.
    fields = {field.name for field in RuleSet._meta.get_fields()}
    for data in RULE_SETS:
        defaults = {key: value for key, value in {**COMMON, **data}.items() if key in fields}
        rule_set, created = RuleSet.objects.get_or_create(code=data["code"], defaults=defaults)
        if not created:
            continue
        for title_code, only, params in TITLE_RULES:
            if only is not None and rule_set.code not in only:
                continue
            values = dict(params)
            for field in TITLE_FIELDS:
                if field in values:
                    values[field] = titles[values[field]]
            TitleRule.objects.create(rule_set=rule_set, title=titles[title_code], **values)


def unload(apps, schema_editor):
    apps.get_model("awards", "RuleSet").objects.filter(code__in=[r["code"] for r in RULE_SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_proposals_rules_council_decisions")]
    operations = [migrations.RunPython(load, unload)]
