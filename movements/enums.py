from django.db import models
from django.utils.translation import gettext_lazy as _


class Launcher(models.TextChoices):
    """Who launched an emulation movement (plan, section II.1)."""

    SUPREME_PROCURACY = "supreme_procuracy", _("Supreme People's Procuracy")
    PROVINCE = "province", _("Provincial procuracy")
    LOCAL_AUTHORITY = "local_authority", _("Local authorities")
    UNION = "union", _("Unions and mass organisations")


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Regular, yearly")
    PERIODIC = "periodic", _("Periodic or short-term")
    THEMATIC = "thematic", _("Thematic")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")


class AutoSource(models.TextChoices):
    """Criteria the system fills from its own records (plan II.2.3, II.2.6, III.2, III.3)."""

    NONE = "", _("Scored by the unit")
    REGISTRATION_ON_TIME = "registration_on_time", _("Registration submitted on time")
    PLEDGE_SIGNED = "pledge_signed", _("Emulation pledge signed")
    EXEMPLARY_NAMED = "exemplary_named", _("At least one exemplary individual named")
    MOVEMENT_REPORTS = "movement_reports", _("Movement reports submitted on time")
    STAFF_RECORDS = "staff_records", _("Share of staff records complete")


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
