from django.db import models
from django.utils.translation import gettext_lazy as _

from movements.enums import ConferringLevel, SubjectKind, TitleCategory
from units.models import TimeStampedModel


class TitleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def emulation_titles(self):
        """Titles that are registered in January (not forms of commendation)."""
        return self.filter(category=TitleCategory.TITLE)

    def individual(self):
        return self.filter(subject_kind__in=[SubjectKind.INDIVIDUAL, SubjectKind.ANY])

    def collective(self):
        return self.filter(subject_kind__in=[SubjectKind.COLLECTIVE, SubjectKind.ANY])


class Title(TimeStampedModel):
    """An entry of the award catalogue: an emulation title (danh hiệu thi đua, domain-rules §2.1) or a form of
    commendation (hình thức khen thưởng, §2.2). Names are Vietnamese data, not translated strings.

    ``display_order`` also ranks titles of one kind: a higher number is a higher title (Lao động tiên tiến 10,
    Chiến sĩ thi đua cơ sở 20 …), which registration and eligibility rules compare.
    """

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(
        _("category"), max_length=10, choices=TitleCategory.choices, default=TitleCategory.TITLE
    )
    subject_kind = models.CharField(_("awarded to"), max_length=20, choices=SubjectKind.choices)
    conferring_level = models.CharField(_("conferred by"), max_length=30, choices=ConferringLevel.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = TitleQuerySet.as_manager()

    class Meta:
        # The table keeps the name it was created with in the awards app (moved here by issue 12, no row changed).
        db_table = "awards_title"
        ordering = ["category", "subject_kind", "display_order", "name"]
        verbose_name = _("title or form of commendation")
        verbose_name_plural = _("titles and forms of commendation")

    def __str__(self):
        return self.name

    @property
    def is_individual(self):
        return self.subject_kind == SubjectKind.INDIVIDUAL

    @property
    def is_emulation_title(self):
        return self.category == TitleCategory.TITLE

    def fits(self, *, collective: bool) -> bool:
        """Whether the title can be given to a collective (True) or to a person (False)."""
        if self.subject_kind == SubjectKind.ANY:
            return True
        return self.subject_kind == (SubjectKind.COLLECTIVE if collective else SubjectKind.INDIVIDUAL)

    @property
    def conferred_in_province(self) -> bool:
        return self.conferring_level == ConferringLevel.PROVINCIAL_HEAD
