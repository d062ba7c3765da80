"""Checks of any subject, person or collective: registration, initiatives, the cap and the rule's own note."""

from django.utils import timezone

from awards.caps import CapUsage
from awards.eligibility.base import Check, date_text
from awards.enums import Outcome, RecognitionLevel

LEVEL_RANK = {
    RecognitionLevel.NONE: 0,
    RecognitionLevel.UNIT: 1,
    RecognitionLevel.PROVINCE: 2,
    RecognitionLevel.SECTOR: 3,
}


def check_registration(line, facts, rule) -> Check | None:
    """The rule itself (which registration covers which title) is ``awards.eligibility.registration``; the plan
    may do without it (``YearPlan.registration_required``)."""
    title = line.title
    plan = facts.plan
    if plan is not None and not plan.registration_required:
        return None
    cite = plan.citation(plan.registration_section) if plan is not None else rule.legal_basis or facts.rule_set.name
    registered = facts.registered.get((line.staff_id, line.proposal.unit_id))
    if registered is None:
        return Check(
            "registration",
            Outcome.FAIL,
            f"Không có đăng ký danh hiệu thi đua năm {facts.year} đã gửi cho {line.subject_name} "
            f"({cite}: không xét danh hiệu không đăng ký).",
        )
    if registered.title is None:
        return Check(
            "registration", Outcome.FAIL, f"{line.subject_name} đã đăng ký “không đăng ký danh hiệu” năm {facts.year}."
        )
    added = registered.supplementary_at
    how = (
        f"đăng ký bổ sung ngày {date_text(timezone.localtime(added).date())} (vào đơn vị sau khi đơn vị gửi đăng ký)"
        if added
        else "đã đăng ký"
    )
    name = registered.title.name
    if registered.covers(title):
        return Check("registration", Outcome.PASS, f"{how[0].upper()}{how[1:]} “{name}” năm {facts.year}.")
    return Check("registration", Outcome.FAIL, f"Chỉ {how} “{name}” năm {facts.year}, thấp hơn “{title.name}”.")


def check_initiatives(line, facts, rule) -> Check | None:
    required = LEVEL_RANK[rule.initiative_level]
    level_label = RecognitionLevel(rule.initiative_level).label
    linked = facts.line_initiatives.get(line.pk, [])
    cutoff = facts.initiative_cutoff
    good, late = [], []
    for i in linked:
        if LEVEL_RANK[i.recognition_level] < required:
            continue
        if line.staff_id is not None and line.staff_id not in facts.initiative_authors.get(i.pk, set()):
            continue
        if i.year > facts.year or (cutoff and i.decision_date and i.decision_date > cutoff):
            late.append(i)
            continue
        good.append(i)
    if len(good) >= rule.initiatives_required:
        names = "; ".join(f"“{i.title}” ({i.decision_number}, {date_text(i.decision_date)})" for i in good)
        return Check("initiative", Outcome.PASS, f"Sáng kiến: {names}.")
    late_text = "".join(
        f" “{i.title}” được công nhận ngày {date_text(i.decision_date)} (năm {i.year}), sau "
        f"{facts.initiative_cutoff_reason}: không tính cho năm {facts.year}."
        for i in late
    )
    return Check(
        "initiative",
        Outcome.FAIL,
        f"Cần {rule.initiatives_required} sáng kiến của chính người được đề nghị, được công nhận từ "
        f"“{level_label}” trở lên, chưa dùng cho lần khen thưởng khác; có {len(good)}.{late_text}",
    )


def cap_usage(facts, title_id: int) -> CapUsage | None:
    return facts.caps.get(title_id)


def check_cap(line, facts, rule) -> Check | None:
    """A cap is not a fault of the line: beyond it the council chooses which lines to approve ("chọn 33 trong
    34"), and the tally and the decision refuse more than the cap allows. The cap is counted in ``awards.caps``."""
    usage = cap_usage(facts, line.title_id)
    if usage is None:
        return None
    text = usage.sentence()
    if usage.used <= usage.allowed:
        return Check("cap", Outcome.PASS, text + ".")
    if not usage.binding:
        return Check("cap", Outcome.REVIEW, text + "; vượt tỷ lệ tham khảo, Hội đồng cân nhắc.")
    return Check(
        "cap",
        Outcome.REVIEW,
        text + f"; Hội đồng chọn {usage.allowed} trong {usage.used}, không được thông qua quá {usage.allowed}.",
    )


def check_manual(line, facts, rule) -> Check:
    """What the rule says the system cannot verify (``TitleRule.review_note``): always for a person to check."""
    return Check("manual", Outcome.REVIEW, rule.review_note)
