from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Launcher(models.TextChoices):
    """Who launched an emulation movement (plan, section II.1)."""

    SUPREME_PROCURACY = "supreme_procuracy", _("Supreme People's Procuracy")
    PROVINCE = "province", _("Provincial procuracy")
    LOCAL_AUTHORITY = "local_authority", _("Local authorities")
    UNION = "union", _("Unions and mass organisations")
    UNIT = "unit", _("The unit itself")  # plan II.2.5: a unit's own short-term movement for its staff


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Regular, yearly")
    PERIODIC = "periodic", _("Periodic or short-term")
    THEMATIC = "thematic", _("Thematic")


class SignerAuthority(models.TextChoices):
    """The authority the signer signs with (Decree 30/2020, Appendix I, "quyền hạn, chức vụ của người ký"): the
    prefix before the head's title, e.g. "KT. VIỆN TRƯỞNG" above the deputy's own "PHÓ VIỆN TRƯỞNG"."""

    NONE = "", _("The head signs (no prefix)")
    KT = "KT", _("KT. – a deputy signs for the head")
    TM = "TM", _("TM. – signed on behalf of a collective body")
    Q = "Q", _("Q. – the acting head signs")
    TL = "TL", _("TL. – signed by order of the head")
    TUQ = "TUQ", _("TUQ. – signed under the head's authorisation")


class RecipientsKind(models.TextChoices):
    """The kinds of document whose "Nơi nhận" differs: a report goes up "(để báo cáo)", a decision to those who
    carry it out "(để thực hiện)"."""

    REPORT = "report", _("Report")
    PACK = "pack", _("Council pack")
    DECISION = "decision", _("Decision")
    SUBMISSION = "submission", _("Forwarding submission")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")


class UnitPlanKind(models.TextChoices):
    """A district procuracy writes its plan, a department of the provincial procuracy its programme (plan III.1)."""

    PLAN = "plan", _("Emulation and commendation plan")
    PROGRAMME = "programme", _("Emulation and commendation programme")


class AutoSource(models.TextChoices):
    """Criteria the system fills from its own records (plan II.2.3, II.2.6, III.2, III.3)."""

    NONE = "", _("Scored by the unit")
    REGISTRATION_ON_TIME = "registration_on_time", _("Registration submitted on time")
    PLEDGE_SIGNED = "pledge_signed", _("Emulation pledge signed")
    EXEMPLARY_NAMED = "exemplary_named", _("At least one exemplary individual named")
    MOVEMENT_REPORTS = "movement_reports", _("Movement reports submitted on time")
    STAFF_RECORDS = "staff_records", _("Share of staff records complete")
    UNIT_PLAN = "unit_plan", _("The unit's own emulation plan recorded on time")  # plan III.1
    LEADERS_ARTICLES = "leaders_articles", _("News items and articles by the unit's leaders")  # plan II.2.7
    INSPECTION_FINDINGS = "inspection_findings", _("Inspection findings fixed by their date")  # plan II.2.8, III.4


class ScoreState(models.TextChoices):
    DRAFT = "draft", _("Being scored by the unit")
    SELF_SCORED = "self_scored", _("Self-scored, with the cluster head")
    CLUSTER_REVIEWED = "cluster_reviewed", _("Reviewed by the cluster head, with the secretariat")
    APPROVED = "approved", _("Approved by the secretariat")


# The award catalogue's vocabulary (domain-rules §2–3): low in the layers, since registrations, awards and the
# scoring bands all name titles.
class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    ANY = "any", _("Individual or collective")


class TitleCategory(models.TextChoices):
    """An emulation title (danh hiệu thi đua, registered in January) or a form of commendation (hình thức khen
    thưởng: Giấy khen, Bằng khen, Kỷ niệm chương…), domain-rules §2."""

    TITLE = "title", _("Emulation title")
    FORM = "form", _("Form of commendation")


class ConferringLevel(models.TextChoices):
    """Who confers a title (domain-rules §3.1)."""

    PROVINCIAL_HEAD = "provincial_head", _("Head of the provincial procuracy")
    SUPREME_PROCURACY = "supreme_procuracy", _("Prosecutor General of the Supreme People's Procuracy")
    PRIME_MINISTER = "prime_minister", _("Prime Minister")
    STATE_PRESIDENT = "state_president", _("State President")


# The audit log's actions of this app and their words in a history (registered in ``units.audit_actions``).
AUDIT_ACTIONS = {
    "year_plan.create": pgettext_lazy("audit action", "created the year plan"),
    "year_plan.update": pgettext_lazy("audit action", "changed the year plan"),
    "movement.launch": pgettext_lazy("audit action", "launched the emulation movement"),
    "movement.update": pgettext_lazy("audit action", "changed the emulation movement"),
    "movement_report.save": pgettext_lazy("audit action", "saved the movement report"),
    "movement_report.submit": pgettext_lazy("audit action", "submitted the movement report"),
    "movement_report.submitted": pgettext_lazy("audit action", "submitted the movement report"),
    "movement_report.return": pgettext_lazy("audit action", "returned the movement report"),
    "movement_report.returned": pgettext_lazy("audit action", "returned the movement report"),
    "unit_plan.save": pgettext_lazy("audit action", "saved the unit's emulation plan"),
    "unit_plan.submit": pgettext_lazy("audit action", "submitted the unit's emulation plan"),
    "unit_plan.submitted": pgettext_lazy("audit action", "submitted the unit's emulation plan"),
    "unit_plan.returned": pgettext_lazy("audit action", "returned the unit's emulation plan"),
    "movement_result.save": pgettext_lazy("audit action", "recorded a result in the unit's movement"),
    "movement_result.delete": pgettext_lazy("audit action", "removed a result from the unit's movement"),
    "pledge.create": pgettext_lazy("audit action", "recorded the emulation pledge"),
    "pledge.update": pgettext_lazy("audit action", "changed the emulation pledge"),
    "exemplary.name": pgettext_lazy("audit action", "named an exemplary individual"),
    "exemplary.withdraw": pgettext_lazy("audit action", "withdrew the exemplary individual"),
    "exemplary.select": pgettext_lazy("audit action", "selected the exemplary individual"),
    "scoring_sheet.create": pgettext_lazy("audit action", "created the scoring sheet"),
    "scoring_sheet.update": pgettext_lazy("audit action", "changed the scoring sheet"),
    "unit_score.start": pgettext_lazy("audit action", "opened the unit's scoring"),
    "unit_score.self": pgettext_lazy("audit action", "saved the unit's own scores"),
    "unit_score.cluster_review": pgettext_lazy("audit action", "saved the cluster head's scores"),
    "unit_score.approve": pgettext_lazy("audit action", "saved the scores approved by the secretariat"),
    "unit_score.draft": pgettext_lazy("audit action", "reopened the scoring for the unit"),
    "unit_score.self_scored": pgettext_lazy("audit action", "finished the unit's own scoring"),
    "unit_score.cluster_reviewed": pgettext_lazy("audit action", "finished the cluster head's scoring"),
    "unit_score.approved": pgettext_lazy("audit action", "approved the unit's scores"),
}
