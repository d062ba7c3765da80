from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class ConferringLevel(models.TextChoices):
    """Who confers a title (domain-rules §3.1)."""

    PROVINCIAL_HEAD = "provincial_head", _("Head of the provincial procuracy")
    SUPREME_PROCURACY = "supreme_procuracy", _("Prosecutor General of the Supreme People's Procuracy")
    PRIME_MINISTER = "prime_minister", _("Prime Minister")
    STATE_PRESIDENT = "state_president", _("State President")


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


class LeaveType(models.TextChoices):
    MATERNITY = "maternity", _("Maternity (counts as working time)")
    SICK = "sick", _("Sick leave")
    INJURY = "injury", _("Treatment of an injury on duty (counts as working time)")
    UNPAID = "unpaid", _("Unpaid leave")
    STUDY = "study", _("Full-time study")
    OTHER = "other", _("Other")


# Leave that counts as working time (TT 02/2011-BNV, TT 01/2024/TT-BNV; domain-rules §4.1).
LEAVE_COUNTED_AS_WORK = {LeaveType.MATERNITY, LeaveType.INJURY}
