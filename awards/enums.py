from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RecognitionLevel(models.TextChoices):
    """Who recognised an initiative (sáng kiến): it decides which titles it can support (domain-rules §4.2–4.3)."""

    NONE = "none", _("Not yet recognised")
    UNIT = "unit", _("Unit level (cơ sở)")
    PROVINCE = "province", _("Provincial procuracy")
    SECTOR = "sector", _("Procuracy sector (Supreme People's Procuracy)")


class ConductKind(models.TextChoices):
    """What a conduct or case-quality record says (plan II.2.9; domain-rules §4.1, §4.14)."""

    DISCIPLINE = "discipline", _("Disciplinary measure")
    SERIOUS_VIOLATION = "serious_violation", _("Serious violation of sector rules")
    ANNULLED_CASE = "annulled_case", _("Case annulled through the procuracy's responsibility")
    SUSPENDED_CASE = "suspended_case", _("Investigation suspended because no crime was committed")
    LONG_LEAVE = "long_leave", _("Long leave")


class DisciplineLevel(models.IntegerChoices):
    """Disciplinary measures for civil servants, lightest first; the number is the severity compared by rules."""

    REPRIMAND = 1, _("Reprimand (khiển trách)")
    WARNING = 2, _("Warning (cảnh cáo)")
    SALARY_DOWNGRADE = 3, _("Salary downgrade (hạ bậc lương)")
    DEMOTION = 4, _("Demotion (giáng chức)")
    DISMISSAL_FROM_POST = 5, _("Dismissal from post (cách chức)")
    FORCED_RESIGNATION = 6, _("Forced resignation (buộc thôi việc)")


class VoteBase(models.TextChoices):
    """What a council approval is a percentage of (domain-rules §3.2)."""

    MEMBERS = "members", _("all members of the council")
    MEMBERS_LESS_RECUSED = "members_less_recused", _("members of the council less those recused")


class DisciplineBasis(models.TextChoices):
    """Which year a disciplinary measure bars (domain-rules §4.1)."""

    DECISION_YEAR = "decision_year", _("the year of the disciplinary decision")
    ACT_YEAR_IF_COUNTED = (
        "act_year_if_counted",
        _("the year of the decision, unless the act was of an earlier year already counted against that year"),
    )


class LeaveType(models.TextChoices):
    MATERNITY = "maternity", _("Maternity (counts as working time)")
    SICK = "sick", _("Sick leave")
    INJURY = "injury", _("Treatment of an injury on duty (counts as working time)")
    UNPAID = "unpaid", _("Unpaid leave")
    STUDY = "study", _("Full-time study")
    OTHER = "other", _("Other")


# Leave that counts as working time (TT 02/2011-BNV, TT 01/2024/TT-BNV; domain-rules §4.1).
LEAVE_COUNTED_AS_WORK = {LeaveType.MATERNITY, LeaveType.INJURY}


class ProposalKind(models.TextChoices):
    """Law 2022 Art. 8 types of commendation relevant to a provincial procuracy (domain-rules §2.2)."""

    YEAR_END = "year_end", _("Year-end titles and awards")
    MOVEMENT = "movement", _("For a movement or theme")
    AD_HOC = "ad_hoc", _("Ad hoc, for an outstanding act")
    LONG_SERVICE = "long_service", _("Long-service medal “Vì sự nghiệp Kiểm sát”")


class LineState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    RETURNED = "returned", _("Returned to the unit")
    REJECTED = "rejected", _("Rejected")
    ACCEPTED = "accepted", _("Accepted for the council")
    APPROVED = "approved", _("Approved by the council")
    NOT_APPROVED = "not_approved", _("Not approved by the council")
    DECIDED = "decided", _("Awarded")
    FORWARDED = "forwarded", _("Forwarded to the higher level")


class Outcome(models.TextChoices):
    PASS = "pass", _("Meets")
    FAIL = "fail", _("Does not meet")
    REVIEW = "review", _("Needs review")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CLOSED = "closed", _("Closed")


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("Decision of the provincial head")
    FORWARDING = "forwarding", _("Forwarding submission (tờ trình) to the higher level")
    EXTERNAL = "external", _("Decision of a higher level, recorded")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class AwardStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class InspectionBody(models.TextChoices):
    """Who inspects a unit's emulation work (plan II.2.8, III.4)."""

    COUNCIL = "council", _("The council's standing body")
    INSPECTORATE = "inspectorate", _("The provincial inspectorate")
    JOINT = "joint", _("The council's standing body with the inspectorate")


class InspectionState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("inspection state", "Planned")
    ISSUED = "issued", _("Record issued")
    CLOSED = "closed", _("Closed")


class FindingState(models.TextChoices):
    OPEN = "open", _("To be fixed")
    ANSWERED = "answered", _("Answered by the unit")
    NOT_ACCEPTED = "not_accepted", _("Answer not accepted")
    CLOSED = "closed", _("Fixed and closed")


# The audit log's actions of this app and their words in a history (registered in ``units.audit_actions``).
AUDIT_ACTIONS = {
    "proposal.create": pgettext_lazy("audit action", "started the award proposal"),
    "proposal.submit": pgettext_lazy("audit action", "submitted the award proposal"),
    "proposal_line.create": pgettext_lazy("audit action", "added the line to the proposal"),
    "proposal_line.update": pgettext_lazy("audit action", "changed the proposal line"),
    "proposal_line.delete": pgettext_lazy("audit action", "removed the line from the proposal"),
    "proposal_line.override": pgettext_lazy("audit action", "gave the secretariat's written opinion on the checks"),
    "proposal_line.endorsement": pgettext_lazy("audit action", "recorded the cluster's endorsement"),
    "proposal_line.submitted": pgettext_lazy("audit action", "submitted the line for review"),
    "proposal_line.returned": pgettext_lazy("audit action", "returned the line to the unit"),
    "proposal_line.rejected": pgettext_lazy("audit action", "did not accept the line"),
    "proposal_line.accepted": pgettext_lazy("audit action", "put the line before the council"),
    "proposal_line.approved": pgettext_lazy("audit action", "recorded the council's approval"),
    "proposal_line.not_approved": pgettext_lazy("audit action", "recorded that the council did not approve"),
    "proposal_line.decided": pgettext_lazy("audit action", "awarded the title by decision"),
    "proposal_line.forwarded": pgettext_lazy("audit action", "forwarded the line to the higher level"),
    "proposal_line.achievement_report": pgettext_lazy("audit action", "uploaded the completed achievement report"),
    "meeting.create": pgettext_lazy("audit action", "called the council meeting"),
    "meeting.agenda_add": pgettext_lazy("audit action", "added lines to the meeting's agenda"),
    "meeting.tally_group": pgettext_lazy("audit action", "recorded the vote count for a group"),
    "meeting.close": pgettext_lazy("audit action", "closed the council meeting"),
    "meeting.closed": pgettext_lazy("audit action", "closed the council meeting"),
    "decision.create": pgettext_lazy("audit action", "drafted the decision"),
    "decision.issue": pgettext_lazy("audit action", "issued the decision"),
    "decision.issued": pgettext_lazy("audit action", "issued the decision"),
    "award.revoke": pgettext_lazy("audit action", "revoked the award"),
    "award.record_past": pgettext_lazy("audit action", "recorded an earlier award"),
    "award.register_numbers": pgettext_lazy("audit action", "gave the certificates their register numbers"),
    "certificate_layout.save": pgettext_lazy("audit action", "set the layout of the certificates"),
    "initiative.create": pgettext_lazy("audit action", "recorded the initiative"),
    "initiative.update": pgettext_lazy("audit action", "changed the initiative"),
    "conduct.create": pgettext_lazy("audit action", "recorded a conduct fact"),
    "conduct.update": pgettext_lazy("audit action", "changed a conduct fact"),
    "conduct.delete": pgettext_lazy("audit action", "deleted a conduct fact"),
    "inspection_plan.create": pgettext_lazy("audit action", "drew up the inspection plan"),
    "inspection.create": pgettext_lazy("audit action", "put the inspection in the plan"),
    "inspection.record": pgettext_lazy("audit action", "wrote the inspection record"),
    "inspection.issued": pgettext_lazy("audit action", "issued the inspection record"),
    "inspection.closed": pgettext_lazy("audit action", "closed the inspection"),
    "consultation.open": pgettext_lazy("audit action", "opened the public consultation"),
    "consultation.comment": pgettext_lazy("audit action", "commented on the public consultation"),
    "consultation.answer": pgettext_lazy("audit action", "answered a comment of the public consultation"),
    "consultation.closed": pgettext_lazy("audit action", "closed the public consultation"),
    "dossier.sent": pgettext_lazy("audit action", "sent the dossier to the higher level"),
    "dossier.build": pgettext_lazy("audit action", "asked for the dossier to be assembled"),
    "finding.create": pgettext_lazy("audit action", "recorded a finding of the inspection"),
    "finding.answered": pgettext_lazy("audit action", "answered the inspection's finding"),
    "finding.not_accepted": pgettext_lazy("audit action", "did not accept the answer to the finding"),
    "finding.closed": pgettext_lazy("audit action", "closed the inspection's finding"),
}


class ConsultationState(models.TextChoices):
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed")


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Being assembled")
    SENT = "sent", _("Sent to the higher level")


class CertificateKind(models.TextChoices):
    CERTIFICATE_OF_MERIT = "giay-khen", _("Certificate of merit (giấy khen)")
    DIPLOMA_OF_MERIT = "bang-khen", _("Diploma of merit (bằng khen)")
    TITLE = "danh-hieu", _("Certificate of an emulation title")


class PaperSize(models.TextChoices):
    A4 = "A4", "A4"
    A3 = "A3", "A3"
