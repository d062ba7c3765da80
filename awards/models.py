from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.enums import ConferringLevel, SubjectKind
from units.models import TimeStampedModel


class TitleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def individual(self):
        return self.filter(subject_kind=SubjectKind.INDIVIDUAL)

    def collective(self):
        return self.filter(subject_kind=SubjectKind.COLLECTIVE)


class Title(TimeStampedModel):
    """An emulation title (danh hiệu thi đua) of the catalogue, domain-rules §2.1. Names are Vietnamese data."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    subject_kind = models.CharField(_("awarded to"), max_length=20, choices=SubjectKind.choices)
    conferring_level = models.CharField(_("conferred by"), max_length=30, choices=ConferringLevel.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = TitleQuerySet.as_manager()

    class Meta:
        ordering = ["subject_kind", "display_order", "name"]
        verbose_name = _("emulation title")
        verbose_name_plural = _("emulation titles")

    def __str__(self):
        return self.name

    @property
    def is_individual(self):
        return self.subject_kind == SubjectKind.INDIVIDUAL
