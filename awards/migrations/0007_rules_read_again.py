"""The rule sets read again against the texts (issue 10).

- Chiến sĩ thi đua toàn quốc: "02 lần liên tục" Chiến sĩ thi đua cấp bộ (Law 2013 Art. 21; Law 2022 Art. 21(1)),
  each of which covers three consecutive years of Chiến sĩ thi đua cơ sở (Law 2013 Art. 22; Law 2022 Art. 22): two
  titles three years apart, the second in the judged year ("thời điểm xét tặng … là năm liền kề với năm đạt danh hiệu
  Chiến sĩ thi đua cấp tỉnh lần thứ hai", TT 07/2014/TT-BNV Art. 4(3), as answered on nganhangphapluat.lawnet.vn,
  Q&A 17002) [S].
- Chiến sĩ thi đua ngành and toàn quốc: a new chain starts after the one already rewarded (a year counted for one
  award is not counted again: "không khen nhiều lần cho một thành tích", Law 2022 Art. 6) [S].
- Cờ thi đua của Chính phủ: chosen among the collectives leading their cụm, khối in the judged year (Law 2022 Art.
  25(1), Law 2013 Art. 25(2)), that is the same year's Cờ thi đua ngành (Art. 26(1)), not an earlier one [S/V].
- Cờ thi đua ngành: the 80 % is the share of the cụm, khối's units that agree (TT 01/2019/TT-VKSTC Art. 20) [S]; the
  provincial council votes with its default threshold.
- Caps: binding where a text was read (NĐ 91/2017 Art. 9(3) for the 15 % of Chiến sĩ thi đua cơ sở until 2023;
  TT 02/2024/TT-VKSTC Art. 18 for the 20 % of Tập thể lao động xuất sắc); advisory where the reference marks it
  uncertain (the 15 % under the 2022 law, domain-rules §4.2, §9.3).
- TT 02/2024/TT-VKSTC: a disciplinary decision of a later year for an act already counted against the year it
  happened does not bar the later year (domain-rules §4.1) [S].
- Huân chương Lao động hạng Nhì and hạng Nhất join the catalogue; their criteria are not encoded (domain-rules §4.11),
  so every proposal is checked by the secretariat.
"""

from django.db import migrations

FORMS = [
    ("HCLD2", "Huân chương Lao động hạng Nhì", "any", "state_president", "Luật TĐKT 2022 Điều 45", 60),
    ("HCLD1", "Huân chương Lao động hạng Nhất", "any", "state_president", "Luật TĐKT 2022 Điều 45", 70),
]
MEDAL_NOTE = (
    "Tiêu chuẩn {name} chưa được mã hóa trong hệ thống: Thường trực Hội đồng kiểm tra hồ sơ theo Luật TĐKT 2022 "
    "Điều 45; lấy ý kiến nhân dân trước khi trình."
)

RULE_SET_CHANGES = {
    # The Thái Bình plan is the province's own layer (YearPlan), not part of a national rule set.
    "law-2013-qd-307": {
        "legal_basis": "Luật 15/2003/QH11 sửa đổi bởi Luật 47/2005/QH11 và Luật 39/2013/QH13; Nghị định 91/2017/NĐ-CP; "
        "Quy chế thi đua, khen thưởng ngành KSND ban hành kèm QĐ 307/QĐ-VKSTC-VP ngày 03/7/2008."
    },
    "tt-01-2019": {},
    "law-2022-tt-02-2024": {"discipline_basis": "act_year_if_counted"},
}
# Percentages as 0012 rewrote them in a database loaded earlier (issue 14): "80 %", not "80%".
READINGS = (
    " Chiến sĩ thi đua toàn quốc: 02 lần liên tục Chiến sĩ thi đua cấp bộ, mỗi lần tính 03 năm, lần thứ hai là năm xét"
    " (Luật TĐKT Điều 21; TT 07/2014/TT-BNV Điều 4(3)). Cờ thi đua của Chính phủ: chọn trong các tập thể dẫn đầu cụm,"
    " khối cùng năm, tức Cờ thi đua ngành của năm xét (Luật TĐKT Điều 25, 26). Cờ thi đua ngành: 80 % là tỷ lệ đơn vị"
    " của cụm, khối suy tôn (TT 01/2019/TT-VKSTC Điều 20), không phải phiếu của Hội đồng tỉnh. Năm đã được tính cho"
    " một danh hiệu không tính lại cho lần sau (không khen nhiều lần cho một thành tích)."
)
NOTES = {
    "law-2013-qd-307": " Duyệt của Hội đồng tính trên tổng số thành viên Hội đồng (NĐ 91/2017 Điều 45(8))." + READINGS,
    "tt-01-2019": " Duyệt của Hội đồng tính trên tổng số thành viên Hội đồng (NĐ 91/2017 Điều 45(8))." + READINGS,
    "law-2022-tt-02-2024": " TT 02/2024: quyết định kỷ luật năm sau cho hành vi đã tính khi xét năm vi phạm không tính "
    "cho năm sau. Tỷ lệ 15 % Chiến sĩ thi đua cơ sở chỉ để tham khảo (chưa tìm thấy trong NĐ 98/2023, NĐ 152/2025, "
    "TT 02/2024)." + READINGS,
}

# (title code, rule set codes or None for all, changes)
TITLE_RULE_CHANGES = [
    ("CSTDCS", ["law-2013-qd-307", "tt-01-2019"], {"cap_binding": True, "cap_note": "NĐ 91/2017/NĐ-CP Điều 9(3)"}),
    ("CSTDCS", ["law-2022-tt-02-2024"], {
        "cap_binding": False,
        "cap_note": "chưa thấy quy định trong Luật TĐKT 2022, NĐ 98/2023, NĐ 152/2025, TT 02/2024",
    }),
    ("TTLDXS", ["law-2022-tt-02-2024"], {"cap_binding": True, "cap_note": "TT 02/2024/TT-VKSTC Điều 18"}),
    ("CSTD_NGANH", None, {"streak_after_last_award": True}),
    ("CSTD_TQ", None, {
        "legal_basis": "Luật TĐKT Điều 21; TT 07/2014/TT-BNV Điều 4(3)",
        "streak_count": 2, "streak_window": 2, "streak_step": 3, "streak_includes_current_year": True,
        "streak_after_last_award": True,
    }),
    ("CO_NGANH", None, {
        "vote_threshold": None, "cluster_endorsement_percent": 80,
        "review_note": "Đơn vị dẫn đầu cụm, khối thi đua; vượt mức chỉ tiêu thi đua; có nhân tố mới, mô hình mới.",
    }),
    ("CO_CP", None, {
        "legal_basis": "Luật TĐKT Điều 25",
        "prerequisite_title": None, "streak_title": "CO_NGANH", "streak_count": 1, "streak_window": 1,
        "streak_includes_current_year": True,
    }),
]
TITLE_FIELDS = ("streak_title", "prerequisite_title", "requires_member_title", "cap_base_title")


def load(apps, schema_editor):
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
    for rule_set in RuleSet.objects.filter(code__in=RULE_SET_CHANGES):
        # Applied once per rule set (a reloaded catalogue must not repeat it or undo the secretariat's edits).
        if NOTES[rule_set.code].strip() in rule_set.notes:
            continue
        for field, value in RULE_SET_CHANGES[rule_set.code].items():
            setattr(rule_set, field, value)
        rule_set.notes = (rule_set.notes + NOTES[rule_set.code]).strip()
        rule_set.save()
        for title_code, only, changes in TITLE_RULE_CHANGES:
            if only is not None and rule_set.code not in only:
                continue
            values = {
                key: (titles[value] if key in TITLE_FIELDS and value else value) for key, value in changes.items()
            }
            TitleRule.objects.filter(rule_set=rule_set, title=titles[title_code]).update(**values)
        for code, name, *_rest in FORMS:
            TitleRule.objects.get_or_create(
                rule_set=rule_set,
                title=titles[code],
                defaults={
                    "legal_basis": "Luật TĐKT 2022 Điều 45",
                    "requires_registration": False,
                    "vote_threshold": 90,
                    "review_note": MEDAL_NOTE.format(name=name),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("awards", "0006_plan_provisions"), ("movements", "0006_plan_provisions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
