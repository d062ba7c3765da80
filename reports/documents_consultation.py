"""The record of the public consultation (biên bản kết quả lấy ý kiến, domain-rules.md §3.3) as a Decree 30
document: the submission it is about, the window and where it was published, the candidates with their unit,
position, the award proposed and the achievements, every comment with its author and the secretariat's answer.
The dossier of the forwarding submission includes it."""

from django.utils import timezone

from awards.models import Consultation
from awards.services.consultations import consultation_comments, consultation_lines, window_days
from reports.documents import DocumentSpec, _one_part, day_text, header_context


def consultation_record_document(consultation: Consultation) -> DocumentSpec:
    decision = consultation.decision
    plan = decision.year_plan
    day = timezone.localdate(consultation.closed_at) if consultation.closed_at else consultation.closes_on
    header = header_context(
        plan,
        doc_type="BIÊN BẢN",
        number="",
        issued_on=day,
        symbol="BB",
        subject="Kết quả lấy ý kiến đối với các trường hợp đề nghị khen thưởng cấp Nhà nước",
    )
    lines = consultation_lines(decision)
    comments = consultation_comments(consultation)
    return _one_part(
        "reports/consultation_record.html",
        {
            "header": header,
            "plan": plan,
            "decision": decision,
            "consultation": consultation,
            "day_text": day_text(day),
            "opens_text": day_text(consultation.opens_on),
            "closes_text": day_text(consultation.closes_on),
            "days": window_days(consultation.opens_on, consultation.closes_on),
            "lines": lines,
            "comments": comments,
            "unanswered": sum(1 for comment in comments if not comment.answer),
        },
        f"bien-ban-lay-y-kien-{plan.year}-{consultation.pk}.pdf",
    )
