"""Eligibility rules as data: rule sets with the years they judge, and per-title parameters.

The law changes (domain-rules.md §1): a 2018 proposal is judged by the 2013 law, NĐ 91/2017 and the sector rules
of the time, a 2025 one by the 2022 law, NĐ 98/2023 / 152/2025 and TT 02/2024/TT-VKSTC. The checks are code
(``awards.eligibility``); their parameters are these rows, editable by the secretariat in the admin.
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.enums import DisciplineBasis, DisciplineLevel, RecognitionLevel, VoteBase
from movements.models import Title
from units.models import TimeStampedModel
from units.numbers import percent_text

PERCENT = [MaxValueValidator(100)]


class RuleSetQuerySet(models.QuerySet):
    def for_year(self, year: int):
        """The rule set that judges achievements of ``year``."""
        return (
            self.filter(year_from__lte=year)
            .filter(Q(year_to__isnull=True) | Q(year_to__gte=year))
            .order_by("-year_from")
            .first()
        )


class RuleSet(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    legal_basis = models.TextField(_("legal basis"))
    year_from = models.PositiveIntegerField(_("judges achievements from year"))
    year_to = models.PositiveIntegerField(_("until year"), null=True, blank=True)
    notes = models.TextField(_("notes and open questions"), blank=True)

    # Individuals (LĐTT standard, which every higher individual title includes).
    min_months_worked = models.PositiveSmallIntegerField(
        _("minimum months of work in the year"),
        help_text=_("New recruits with fewer months are not considered (10 under NĐ 91/2017, 6 under TT 01/2024)."),
    )
    leave_bar_from_months = models.PositiveSmallIntegerField(
        _("leave that bars from (months)"),
        null=True,
        blank=True,
        help_text=_("Leave of at least this many months (not counted as work) bars the title; empty: no such bar."),
    )
    leave_bar_to_months = models.PositiveSmallIntegerField(
        _("…and below (months)"),
        null=True,
        blank=True,
        help_text=_("Longer leave is referred to the secretariat for review."),
    )
    individual_bar_discipline = models.PositiveSmallIntegerField(
        _("individual titles: disciplinary measure that bars"),
        choices=DisciplineLevel.choices,
        default=DisciplineLevel.REPRIMAND,
    )
    collective_bar_discipline = models.PositiveSmallIntegerField(
        _("collective titles: a member's disciplinary measure that bars"),
        choices=DisciplineLevel.choices,
        default=DisciplineLevel.WARNING,
    )
    discipline_basis = models.CharField(
        _("a disciplinary measure bars"),
        max_length=30,
        choices=DisciplineBasis.choices,
        default=DisciplineBasis.DECISION_YEAR,
    )
    default_vote_threshold = models.PositiveSmallIntegerField(
        _("default council approval (percentage of members)"),
        default=50,
        validators=PERCENT,
        help_text=_("For titles without a threshold of their own."),
    )
    vote_base = models.CharField(
        _("council approval is counted on"),
        max_length=30,
        choices=VoteBase.choices,
        default=VoteBase.MEMBERS,
        help_text=_("The texts count “tổng số thành viên Hội đồng”: the total membership, recused members included."),
    )
    # What a forwarding dossier must hold (domain-rules.md §6.6): kinds of documents, see awards.dossiers.
    dossier_items = models.JSONField(_("documents of a forwarding dossier"), default=list, blank=True)
    service_years = models.PositiveSmallIntegerField(_("long-service medal: years of service"), default=15)
    procuracy_years = models.PositiveSmallIntegerField(_("long-service medal: years in the procuracy"), default=5)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        ordering = ["-year_from"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        constraints = [
            models.CheckConstraint(
                condition=Q(year_to__isnull=True) | Q(year_to__gte=F("year_from")), name="ruleset_years_ordered"
            ),
        ]

    def __str__(self):
        return self.name

    def rule_for(self, title: Title):
        return next((rule for rule in self.title_rules.all() if rule.title_id == title.pk), None)


class TitleRule(models.Model):
    """What one rule set asks of one title. Empty fields mean "no such requirement"."""

    rule_set = models.ForeignKey(
        RuleSet, on_delete=models.CASCADE, related_name="title_rules", verbose_name=_("rule set")
    )
    title = models.ForeignKey(
        Title, on_delete=models.PROTECT, related_name="rules", verbose_name=pgettext_lazy("award", "title")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    requires_registration = models.BooleanField(_("must have been registered"), default=True)
    applies_individual_standard = models.BooleanField(
        _("work months, leave, discipline and conduct apply"), default=True
    )
    initiative_level = models.CharField(
        _("needs an initiative recognised at least at"),
        max_length=20,
        choices=RecognitionLevel.choices,
        blank=True,
    )
    initiatives_required = models.PositiveSmallIntegerField(_("number of initiatives"), default=1)
    prerequisite_title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("needs to have received before"),
    )
    streak_title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("needs a streak of"),
    )
    streak_count = models.PositiveSmallIntegerField(_("times"), default=0)
    streak_window = models.PositiveSmallIntegerField(
        _("within the last … years"), default=0, help_text=_("Equal to the times for consecutive years.")
    )
    streak_step = models.PositiveSmallIntegerField(
        _("years between two counted titles"),
        default=1,
        help_text=_("1 for consecutive years; 3 for titles that each cover three years (Chiến sĩ thi đua ngành)."),
    )
    streak_after_last_award = models.BooleanField(
        _("a new streak starts after the last award of this title"),
        default=False,
        help_text=_("Years already rewarded by this title cannot be counted again."),
    )
    streak_includes_current_year = models.BooleanField(
        _("the judged year counts"),
        default=True,
        help_text=_("The judged year's own title, decided in the same cycle, counts towards the streak."),
    )
    member_share_percent = models.PositiveSmallIntegerField(
        _("collective: share of members who are Lao động tiên tiến (%)"),
        null=True,
        blank=True,
        validators=PERCENT,
    )
    member_share_strict = models.BooleanField(_("share must be strictly greater"), default=False)
    member_share_title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collective: the members' title that the share counts"),
        help_text=_("Lao động tiên tiến under every rule set so far; empty: the first individual emulation title."),
    )
    requires_member_title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collective: needs at least one member with"),
    )
    cap_percent = models.PositiveSmallIntegerField(_("cap (%)"), null=True, blank=True, validators=PERCENT)
    cap_base_title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cap is a share of those reaching"),
    )
    cap_minimum = models.PositiveSmallIntegerField(_("cap at least"), default=0)
    cap_binding = models.BooleanField(
        _("the cap is binding"),
        default=True,
        help_text=_("A binding cap is enforced at the tally and the decision; an advisory one is only shown."),
    )
    cap_note = models.CharField(_("source or doubt of the cap"), max_length=500, blank=True)
    cluster_endorsement_percent = models.PositiveSmallIntegerField(
        _("share of the cluster's units that must agree (%)"), null=True, blank=True, validators=PERCENT
    )
    vote_threshold = models.PositiveSmallIntegerField(
        _("council approval (percentage of all members)"), null=True, blank=True, validators=PERCENT
    )
    requires_consultation = models.BooleanField(
        _("public consultation before forwarding"),
        default=False,
        help_text=_("Huân chương, Chiến sĩ thi đua toàn quốc, state honorary titles (domain-rules.md §3.3)."),
    )
    consultation_days = models.PositiveSmallIntegerField(_("consultation window (days)"), default=10)
    is_long_service_medal = models.BooleanField(_("long-service medal rules"), default=False)
    review_note = models.TextField(
        _("to check by hand"),
        blank=True,
        help_text=_("Criteria the system cannot verify; each proposal gets a needs-review check with this text."),
    )

    class Meta:
        verbose_name = _("title rule")
        verbose_name_plural = _("title rules")
        constraints = [models.UniqueConstraint(fields=["rule_set", "title"], name="titlerule_once_per_set")]

    def __str__(self):
        return str(self.title)  # shown under its rule set (the inline, the rule set's history)


class PlanCap(models.Model):
    """A stricter cap set by a province's year plan (domain-rules §4.3: caps are also local policy)."""

    year_plan = models.ForeignKey(
        "movements.YearPlan", on_delete=models.CASCADE, related_name="caps", verbose_name=_("year plan")
    )
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="+", verbose_name=_("title"))
    cap_percent = models.PositiveSmallIntegerField(_("cap (%)"), validators=PERCENT)
    cap_base_title = models.ForeignKey(
        Title, on_delete=models.PROTECT, related_name="+", verbose_name=_("cap is a share of those reaching")
    )
    cap_minimum = models.PositiveSmallIntegerField(_("cap at least"), default=0)
    section = models.CharField(_("section of the plan"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("cap set by the plan")
        verbose_name_plural = _("caps set by the plan")
        constraints = [models.UniqueConstraint(fields=["year_plan", "title"], name="plancap_once_per_title")]

    def __str__(self):
        return f"{self.year_plan}: {self.title} {percent_text(self.cap_percent, None)}"
