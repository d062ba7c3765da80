"""The council pack names the rule set by its name and shows the secretariat's opinion, never a code or the
decision's number (issue 14, "No internal codes on any page or document")."""

import datetime
import re

from awards.enums import DecisionKind, LineState
from awards.models import RuleSet
from awards.services.council import agenda_add, meeting_create, tally_record
from awards.services.decisions import decision_create, decision_issue
from awards.services.lines import review_accept
from reports.documents import council_pack_document
from reports.pdf import render_parts
from tests import factories as f
from tests.factories import local_dt, pdf_text, propose, register

OPINION = "Hồ sơ đầy đủ, thành tích tiêu biểu"


def test_the_council_pack_names_the_rule_set_and_shows_the_secretariats_opinion(province, unit, staff, plan):
    secretary = f.make_user("secretariat", province=province)
    register(unit, plan, {})
    line, other = propose(unit, plan, [(staff[0], "LDTT", []), (staff[1], "LDTT", [])])
    line = review_accept(line=line, actor=secretary, note=OPINION)
    other = review_accept(line=other, actor=secretary)  # no note: the pack says it was put before the council
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office, f"Ủy viên Số{i}"), "Ủy viên", True) for i in range(5)]
    meeting = meeting_create(
        year_plan=plan, actor=secretary, held_at=local_dt(2018, 12, 20, 8), members=members, chair="Nguyễn Văn Thành"
    )
    for item in agenda_add(meeting=meeting, lines=[line, other], actor=secretary):
        tally_record(item=item, actor=secretary, yes=5, no=0, blank=0)
    line.refresh_from_db()
    other.refresh_from_db()
    decision = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=[line, other], actor=secretary)
    decision_issue(decision=decision, actor=secretary, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25))
    line.refresh_from_db()
    assert line.state == LineState.DECIDED and line.review_note == "45/QĐ-VKS"  # what the column used to print

    pdf, _pages = render_parts(council_pack_document(meeting).parts)
    text = re.sub(r"\s+", " ", " ".join(pdf_text(pdf)))

    rule_set = RuleSet.objects.get(code="law-2013-qd-307")
    assert f"({rule_set.name})" in text and "Luật TĐKT 2003 sửa đổi 2013, NĐ 91/2017/NĐ-CP" in text
    assert "law-2013-qd-307" not in text and not re.search(r"\b[a-z]+(?:-[a-z0-9]+){2,}\b", text)
    assert OPINION in text and "Đồng ý trình Hội đồng" in text
    assert "45/QĐ-VKS" not in text
