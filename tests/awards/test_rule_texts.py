"""Issue 14: the rule sets' notes and texts read as Vietnamese ("[chưa chắc chắn]", "75 %"), whether the database was
loaded by the migrations as they are now (0005, 0007) or before them and rewritten by ``0012``."""

import importlib
import re

from django.apps import apps

from awards.models import RuleSet, TitleRule
from tests.conftest import load_catalogues

REWRITE = importlib.import_module("awards.migrations.0012_rule_texts_in_vietnamese")
ENGLISH = re.compile(r"\b(?:the|of|is|for|not|found|assumed|until|uncertain|cap|vote)\b")
NO_SPACE = re.compile(r"\d%")


def texts() -> dict[str, str]:
    rows = {f"rule set {r.code}": r.notes for r in RuleSet.objects.all()}
    rows |= {f"rule {r.rule_set.code} {r.title.code}": r.review_note for r in TitleRule.objects.select_related()}
    return rows


def test_the_loaded_rule_sets_read_as_vietnamese(db):
    rows = texts()
    assert len(rows) > 40
    assert {where: text for where, text in rows.items() if ENGLISH.search(text) or NO_SPACE.search(text)} == {}
    notes = RuleSet.objects.get(code="law-2022-tt-02-2024").notes
    assert notes.startswith("[chưa chắc chắn] Chưa tìm thấy quy định cho biết tỷ lệ tối đa 15 % đối với CSTĐ cơ sở")
    assert "Tỷ lệ 15 % Chiến sĩ thi đua cơ sở chỉ để tham khảo" in notes
    assert "Cờ thi đua ngành: 80 % là tỷ lệ đơn vị của cụm, khối suy tôn" in notes
    review = TitleRule.objects.get(rule_set__code="law-2013-qd-307", title__code="CSTD_NGANH").review_note
    assert review == "QĐ 307/2008: không quá 75 % số cá nhân đủ tiêu chuẩn; kiểm tra số lượng đề nghị."


def test_0012_rewrites_a_database_loaded_before_it_once(db):
    before = texts()
    for rule_set in RuleSet.objects.all():  # the texts as the migrations loaded them before issue 14
        for old, new in REWRITE.NOTES:
            rule_set.notes = rule_set.notes.replace(new, old)
        rule_set.save()
    rule = TitleRule.objects.get(rule_set__code="law-2013-qd-307", title__code="CSTD_NGANH")
    rule.review_note = rule.review_note.replace("75 %", "75%")
    rule.save()
    assert RuleSet.objects.filter(notes__startswith="[uncertain]").count() == 3

    REWRITE.load(apps, None)
    assert texts() == before
    REWRITE.load(apps, None)
    load_catalogues()  # what the tests replay after a flush: 0007 sees its notes and adds nothing again
    assert texts() == before


def test_0012_leaves_a_note_the_secretariat_edited(db):
    rule_set = RuleSet.objects.get(code="tt-01-2019")
    rule_set.notes = "[uncertain] No cap on TTLĐXS found in TT 01/2019; Thường trực đã hỏi VKSNDTC."
    rule_set.save()
    REWRITE.load(apps, None)
    rule_set.refresh_from_db()
    assert rule_set.notes == "[uncertain] No cap on TTLĐXS found in TT 01/2019; Thường trực đã hỏi VKSNDTC."
