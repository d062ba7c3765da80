"""The inspection record (biên bản kiểm tra công tác thi đua, khen thưởng, plan II.2.8, III.4) as a Decree 30
document: the team, the findings with what the unit must fix and by when, the signatures of the head of the team
and of the unit's head."""

from awards.models import Inspection
from reports.documents import DocumentSpec, _one_part, day_text, header_context


def inspection_record_document(inspection: Inspection) -> DocumentSpec:
    plan = inspection.plan.year_plan
    day = inspection.inspected_on or inspection.scheduled_on
    header = header_context(
        plan,
        doc_type="BIÊN BẢN",
        number=inspection.record_number,
        issued_on=day,
        symbol="BB",
        subject=f"Kiểm tra công tác thi đua, khen thưởng tại {inspection.unit.name}",
    )
    members = list(inspection.members.select_related("unit").order_by("sort_key"))
    findings = list(inspection.findings.order_by("position", "pk"))
    title = inspection.plan.title
    plan_subject = title[:1].lower() + title[1:]  # "về kiểm tra công tác …": only the first letter lowered
    return _one_part(
        "reports/inspection_record.html",
        {
            "header": header,
            "plan": plan,
            "inspection": inspection,
            "day_text": day_text(day),
            "members": members,
            "findings": findings,
            "plan_subject": plan_subject,
        },
        f"bien-ban-kiem-tra-{plan.year}-{inspection.pk}.pdf",
    )
