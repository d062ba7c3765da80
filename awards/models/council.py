from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awards.enums import MeetingState
from awards.models.proposals import ProposalLine
from movements.models import YearPlan
from units.models import Staff, TimeStampedModel, Unit
from units.scoping import ScopedQuerySet, province_rows


class MeetingQuerySet(ScopedQuerySet):
    # The province's secretariat and council members; admins.
    scope = province_rows("province")


class CouncilMeeting(TimeStampedModel):
    """A meeting of the Emulation and Commendation Council that votes, by secret ballot, on accepted lines."""

    province = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="council_meetings", verbose_name=_("province")
    )
    year_plan = models.ForeignKey(
        YearPlan, on_delete=models.PROTECT, related_name="council_meetings", verbose_name=_("year plan")
    )
    held_at = models.DateTimeField(_("held at"))
    location = models.CharField(_("place"), max_length=255, blank=True)
    chair = models.CharField(_("chaired by"), max_length=150, blank=True)
    secretary = models.CharField(_("minutes taken by"), max_length=150, blank=True)
    members_total = models.PositiveSmallIntegerField(_("members of the council"))
    members_present = models.PositiveSmallIntegerField(_("members present"))
    state = models.CharField(_("state"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED)

    TRANSITIONS = {(MeetingState.PLANNED, MeetingState.CLOSED)}
    AUDIT_NAME = "meeting"

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(members_present__lte=F("members_total")), name="meeting_present_not_above_total"
            ),
            models.CheckConstraint(condition=Q(members_total__gt=0), name="meeting_has_members"),
        ]

    def __str__(self):
        return f"{self.held_at:%d/%m/%Y} – {self.province}"


class MeetingMember(models.Model):
    """A council member at a meeting: whether present, and who they are (for recusal on their unit's lines)."""

    meeting = models.ForeignKey(
        CouncilMeeting, on_delete=models.CASCADE, related_name="members", verbose_name=_("council meeting")
    )
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    role = models.CharField(_("role in the council"), max_length=100, blank=True)
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["meeting", "staff__sort_key"]
        verbose_name = _("meeting member")
        verbose_name_plural = _("meeting members")
        constraints = [models.UniqueConstraint(fields=["meeting", "staff"], name="meetingmember_once")]

    def __str__(self):
        return str(self.staff)


class AgendaItem(models.Model):
    """An accepted line put to the vote, with its secret-ballot tally once counted."""

    meeting = models.ForeignKey(
        CouncilMeeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("council meeting")
    )
    line = models.OneToOneField(
        ProposalLine, on_delete=models.PROTECT, related_name="agenda_item", verbose_name=_("proposal line")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    votes_yes = models.PositiveSmallIntegerField(_("yes"), null=True, blank=True)
    votes_no = models.PositiveSmallIntegerField(_("no"), null=True, blank=True)
    votes_blank = models.PositiveSmallIntegerField(_("blank or invalid"), null=True, blank=True)
    written_yes = models.PositiveSmallIntegerField(_("written opinions in favour (absent members)"), default=0)
    written_no = models.PositiveSmallIntegerField(_("written opinions against (absent members)"), default=0)
    recused = models.PositiveSmallIntegerField(_("members recused"), default=0)
    recused_names = models.TextField(_("recused members"), blank=True)
    vote_base = models.CharField(_("approval counted on"), max_length=30, blank=True)
    vote_base_count = models.PositiveSmallIntegerField(_("members counted"), null=True, blank=True)
    threshold = models.PositiveSmallIntegerField(_("threshold (percentage of members)"), null=True, blank=True)
    approval_percent = models.DecimalField(_("approval (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    approved = models.BooleanField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return f"{self.meeting_id}/{self.line_id}"

    @property
    def counted(self) -> bool:
        return self.approved is not None
