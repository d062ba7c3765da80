"""Writes to initiatives and conduct records. Conduct records are sensitive: every change is audited with the
values before and after."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.enums import ConductKind, RecognitionLevel
from awards.models import ConductRecord, Initiative
from units.attachments import attachments_add
from units.models import Attachment, Staff, Unit
from units.permissions import require_unit_access
from units.services import audit_log

INITIATIVE_FIELDS = ("title", "year", "summary", "recognition_level", "decision_number", "decision_date")
CONDUCT_FIELDS = (
    "year",
    "kind",
    "discipline_level",
    "leave_type",
    "start_date",
    "end_date",
    "decision_number",
    "decision_date",
    "act_year",
    "counted_in_act_year",
    "description",
)


def _check_authors(unit: Unit, authors) -> None:
    if not authors:
        raise ValidationError(_("Name at least one author."))
    if any(author.unit.province_id != unit.province_id for author in authors):
        raise ValidationError(_("Authors must be staff of the province."))


def _check_recognition(initiative: Initiative) -> None:
    if initiative.recognition_level != RecognitionLevel.NONE and not (
        initiative.decision_number and initiative.decision_date
    ):
        raise ValidationError(_("A recognised initiative needs the number and date of the recognising decision."))


@transaction.atomic
def initiative_create(*, unit: Unit, actor, authors, files=(), **fields) -> Initiative:
    require_unit_access(actor, unit)
    _check_authors(unit, authors)
    initiative = Initiative(unit=unit, **{k: v for k, v in fields.items() if k in INITIATIVE_FIELDS})
    _check_recognition(initiative)
    initiative.full_clean(exclude=["search_key"])
    initiative.save()
    initiative.authors.set(authors)
    audit_log(actor=actor, action="initiative.create", target=initiative, unit=unit, data={"title": initiative.title})
    attachments_add(owner=initiative, files=files, actor=actor, unit=unit)
    return initiative


@transaction.atomic
def initiative_update(*, initiative: Initiative, actor, authors, files=(), **fields) -> Initiative:
    require_unit_access(actor, initiative.unit)
    _check_authors(initiative.unit, authors)
    changed = {}
    for name, value in fields.items():
        if name in INITIATIVE_FIELDS and getattr(initiative, name) != value:
            changed[name] = [str(getattr(initiative, name)), str(value)]
            setattr(initiative, name, value)
    _check_recognition(initiative)
    initiative.full_clean(exclude=["search_key"])
    initiative.save()
    initiative.authors.set(authors)
    audit_log(actor=actor, action="initiative.update", target=initiative, unit=initiative.unit, data=changed)
    attachments_add(owner=initiative, files=files, actor=actor, unit=initiative.unit)
    return initiative


def _normalise_conduct(record: ConductRecord) -> None:
    """Keep only the fields that belong to the record's kind, and check what each kind needs."""
    if record.kind != ConductKind.DISCIPLINE:
        record.discipline_level = None
    if record.kind != ConductKind.LONG_LEAVE:
        record.leave_type = ""
    if record.kind != ConductKind.DISCIPLINE:
        record.act_year, record.counted_in_act_year = None, False
    errors = {}
    if record.act_year and record.decision_date and record.act_year > record.decision_date.year:
        errors["act_year"] = _("The act cannot be later than the disciplinary decision.")
    if record.kind == ConductKind.DISCIPLINE and not record.discipline_level:
        errors["discipline_level"] = _("Choose the disciplinary measure.")
    if record.kind == ConductKind.LONG_LEAVE:
        if not record.leave_type:
            errors["leave_type"] = _("Choose the type of leave.")
        if not record.start_date:
            errors["start_date"] = _("Give the first day of the leave.")
    if record.start_date and record.end_date and record.end_date < record.start_date:
        errors["end_date"] = _("The end date is before the start date.")
    if errors:
        raise ValidationError(errors)


def _snapshot(record: ConductRecord) -> dict:
    return {name: str(getattr(record, name) or "") for name in CONDUCT_FIELDS}


@transaction.atomic
def conduct_record_create(*, staff: Staff, actor, files=(), **fields) -> ConductRecord:
    require_unit_access(actor, staff.unit)
    record = ConductRecord(staff=staff, recorded_by=actor, **{k: v for k, v in fields.items() if k in CONDUCT_FIELDS})
    _normalise_conduct(record)
    record.full_clean()
    record.save()
    audit_log(actor=actor, action="conduct.create", target=record, unit=staff.unit, data={"after": _snapshot(record)})
    attachments_add(owner=record, files=files, actor=actor, unit=staff.unit)
    return record


@transaction.atomic
def conduct_record_update(*, record: ConductRecord, actor, files=(), **fields) -> ConductRecord:
    require_unit_access(actor, record.staff.unit)
    before = _snapshot(record)
    for name, value in fields.items():
        if name in CONDUCT_FIELDS:
            setattr(record, name, value)
    _normalise_conduct(record)
    record.full_clean()
    record.save()
    audit_log(
        actor=actor,
        action="conduct.update",
        target=record,
        unit=record.staff.unit,
        data={"before": before, "after": _snapshot(record)},
    )
    attachments_add(owner=record, files=files, actor=actor, unit=record.staff.unit)
    return record


@transaction.atomic
def conduct_record_delete(*, record: ConductRecord, actor) -> None:
    require_unit_access(actor, record.staff.unit)
    audit_log(
        actor=actor,
        action="conduct.delete",
        target=record,
        unit=record.staff.unit,
        data={"before": _snapshot(record), "staff": record.staff.full_name},
    )
    attachments = list(
        Attachment.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
    )
    for attachment in attachments:
        attachment.delete()
    record.delete()
    for attachment in attachments:
        transaction.on_commit(lambda a=attachment: a.file.delete(save=False))
