"""Importing a unit's staff roster from .xlsx: checked row by row, then imported in one transaction or not at all.

A row matches a person already in the unit by name (normalised) and date of birth, and then updates that person
instead of adding a duplicate; cells left empty never erase what the software already holds.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units.attachments import attachments_add
from units.enums import Gender, ImportKind, ImportState
from units.import_kinds import ImportKindSpec
from units.models import ImportBatch, Staff, Unit
from units.services import audit_log, staff_create, staff_update
from units.spreadsheet import Column, Problem, Sheet, read_sheet
from units.text import person_name, search_key
from units.workflow import transition

# The template's columns. Headers and notes are Vietnamese: the file is an office form exchanged as it is.
ROSTER_COLUMNS = [
    Column("full_name", "Họ và tên", required=True, example="Nguyễn Văn An", note="Họ, tên đệm và tên."),
    Column("gender", "Giới tính", required=True, example="Nam", note="Nam hoặc Nữ."),
    Column(
        "date_of_birth",
        "Ngày sinh",
        kind="date",
        example="15/03/1985",
        note="dd/mm/yyyy. Cùng họ tên, ngày sinh là để nhận ra người đã có trong phần mềm.",
    ),
    Column("position", "Chức vụ", example="Phó Viện trưởng"),
    Column("rank", "Ngạch", example="Kiểm sát viên trung cấp"),
    Column("joined_procuracy_on", "Ngày vào ngành", kind="date", example="01/09/2008", note="dd/mm/yyyy."),
    Column(
        "started_service_on",
        "Ngày bắt đầu công tác",
        kind="date",
        example="01/09/2008",
        note="dd/mm/yyyy; để trống nếu trùng ngày vào ngành.",
    ),
    Column("email", "Thư điện tử", kind="email", example="an.nv@vks.example.vn"),
]
# Columns by key, to name them in the problems found.
ROSTER_COLUMN = {column.key: column for column in ROSTER_COLUMNS}
ROSTER_NOTES = [
    "Mỗi dòng một cán bộ, bắt đầu từ dòng 2; không đổi tên các cột.",
    "Người đã có trong phần mềm (cùng họ tên và ngày sinh) được cập nhật, không thêm trùng.",
    "Ô để trống không xóa thông tin đã có.",
    "Chỉ khi mọi dòng hợp lệ thì danh sách mới được nhập; nếu có lỗi, không dòng nào được lưu.",
]
STAFF_FIELDS = [c.key for c in ROSTER_COLUMNS if c.key != "full_name"]
GENDERS = {"nam": Gender.MALE, "male": Gender.MALE, "nu": Gender.FEMALE, "female": Gender.FEMALE}
DATE_FIELDS = {c.key for c in ROSTER_COLUMNS if c.kind == "date"}


def to_json(values: dict) -> dict:
    return {key: value.isoformat() if isinstance(value, datetime.date) else value for key, value in values.items()}


def from_json(values: dict, date_fields) -> dict:
    return {
        key: datetime.date.fromisoformat(value) if key in date_fields and value else value
        for key, value in values.items()
    }


def batch_create(*, kind: str, province: Unit, unit: Unit | None, upload, sheet: Sheet, rows: list, actor):
    """Keep what was read, the problems and the uploaded file, whatever the outcome."""
    batch = ImportBatch.objects.create(
        kind=kind,
        province=province,
        unit=unit,
        file_name=upload.name[:255],
        rows=rows,
        problems=[p.as_dict() for p in sheet.problems],
        created_by=actor,
    )
    if not any(p.line == 0 for p in sheet.problems):  # a refused file (type, size) is not stored
        attachments_add(owner=batch, files=[upload], actor=actor, unit=unit or province)
    audit_log(
        actor=actor,
        action="import.check",
        target=batch,
        unit=unit or province,
        data={"kind": kind, "rows": len(rows), "problems": len(batch.problems)},
    )
    return batch


def lock_importable(batch: ImportBatch) -> ImportBatch:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != ImportState.CHECKED:
        raise ValidationError(_("This file has already been imported."))
    if batch.problems:
        raise ValidationError(_("The file has errors; nothing can be imported from it. Fix it and upload it again."))
    return batch


def batch_applied(batch: ImportBatch, *, actor, summary: dict) -> ImportBatch:
    transition(
        batch,
        ImportState.APPLIED,
        actor=actor,
        unit=batch.unit or batch.province,
        action="import.apply",
        fields={"applied_at": timezone.now(), "summary": summary},
    )
    return batch


# --- The staff roster ----------------------------------------------------------------------------------------


def _roster_plan(unit: Unit, records: list[tuple[int, dict]], sheet: Sheet) -> list[dict]:
    """What each row will do (create / update / unchanged), adding a problem for every row that cannot be done."""
    existing, unaccented = defaultdict(list), defaultdict(list)
    for person in Staff.objects.filter(unit=unit):
        existing[person_name(person.full_name)].append(person)
        unaccented[(person.search_key, person.date_of_birth)].append(person)
    today = timezone.localdate()
    seen: dict[tuple, int] = {}
    claimed: dict[int, int] = {}  # person → the line that matched them: one row per person
    plan = []
    for line, values in records:
        values = dict(values)
        name = person_name(values["full_name"] or "")
        values["full_name"] = name
        gender = GENDERS.get(search_key(values.get("gender") or ""))
        if values.get("gender") and gender is None:
            sheet.problem(line, ROSTER_COLUMN["gender"], _("Write “Nam” or “Nữ”."))
        values["gender"] = gender or values.get("gender")
        born = values.get("date_of_birth")
        if born and not (datetime.date(1930, 1, 1) <= born <= today):
            sheet.problem(
                line,
                ROSTER_COLUMN["date_of_birth"],
                _("The date of birth %(date)s is not plausible.") % {"date": f"{born:%d/%m/%Y}"},
            )
        for key in ("joined_procuracy_on", "started_service_on"):
            when = values.get(key)
            if when and (when > today or (born and when <= born)):
                sheet.problem(
                    line, ROSTER_COLUMN[key], _("The date %(date)s is not plausible.") % {"date": f"{when:%d/%m/%Y}"}
                )
        if not name:
            plan.append({"line": line, "values": to_json(values), "action": "create", "staff_id": None})
            continue
        key = (name, born)
        if key in seen:
            sheet.problem(
                line, ROSTER_COLUMN["full_name"], _("The same person as line %(line)s.") % {"line": seen[key]}
            )
        seen[key] = line
        person, problem = _match_person(existing.get(name, []), born)
        if person is None and not problem and born is not None:
            # The same date of birth and the same name but for marks ("Thuỷ"/"Thủy", "Nguyen"/"Nguyễn"): the same
            # person, whose name stays as the software has it.
            same = unaccented.get((search_key(name), born), [])
            person = same[0] if len(same) == 1 else None
        if problem:
            sheet.problem(line, ROSTER_COLUMN["date_of_birth"], problem)
        if person is not None and person.pk in claimed:
            sheet.problem(
                line,
                ROSTER_COLUMN["full_name"],
                _("Line %(line)s already matches this person; give each row its date of birth.")
                % {"line": claimed[person.pk]},
            )
        if person is not None:
            claimed.setdefault(person.pk, line)
        changes = []
        if person is not None:  # the name is the key; a correction of it is made in the staff record
            for field in STAFF_FIELDS:
                value = values.get(field)
                if value not in (None, "") and getattr(person, field) != value:
                    changes.append(field)
        action = "create" if person is None else "update" if changes else "unchanged"
        plan.append(
            {
                "line": line,
                "values": to_json(values),
                "action": action,
                "staff_id": person.pk if person else None,
                "changes": [str(Staff._meta.get_field(field).verbose_name) for field in changes],
            }
        )
    return plan


def _match_person(candidates: list[Staff], born: datetime.date | None) -> tuple[Staff | None, str]:
    """The person a row describes among those of the same name in the unit, or None for a new person."""
    if born is not None:
        same = [p for p in candidates if p.date_of_birth == born]
        if same:
            return same[0], ""
        undated = [p for p in candidates if p.date_of_birth is None]
        if len(undated) == 1:
            return undated[0], ""  # the same person, whose date of birth was not yet known
        return None, ""
    if len(candidates) == 1:
        return candidates[0], ""
    if len(candidates) > 1:
        return None, _("%(count)s people of this name are in the unit: give the date of birth to tell which.") % {
            "count": len(candidates)
        }
    return None, ""


def roster_check(*, unit: Unit, upload, actor) -> ImportBatch:
    """Read and check an uploaded roster; nothing changes in the staff records."""
    sheet = read_sheet(upload, ROSTER_COLUMNS)
    plan = _roster_plan(unit, sheet.rows, sheet) if sheet.rows else []
    sheet.problems.sort(key=lambda p: (p.line, p.column))
    return batch_create(
        kind=ImportKind.STAFF_ROSTER,
        province=unit.province,
        unit=unit,
        upload=upload,
        sheet=sheet,
        rows=plan,
        actor=actor,
    )


@transaction.atomic
def roster_apply(*, batch: ImportBatch, actor) -> ImportBatch:
    """Import every row of a checked roster, or none: the rows are matched again against the staff as they are now."""
    batch = lock_importable(batch)
    # One import into a unit at a time: two batches of the same file confirmed together would both add people.
    unit = Unit.objects.select_for_update().get(pk=batch.unit_id)
    records = [(row["line"], from_json(row["values"], DATE_FIELDS)) for row in batch.rows]
    sheet = Sheet()
    plan = _roster_plan(unit, records, sheet)
    if sheet.problems:
        raise ValidationError(
            _("The staff records changed since the check: %(problem)s Upload the file again.")
            % {"problem": _problem_text(sheet.problems[0])}
        )
    staff = Staff.objects.in_bulk([row["staff_id"] for row in plan if row["staff_id"]])
    counts = {"create": 0, "update": 0, "unchanged": 0}
    for row in plan:
        values = from_json(row["values"], DATE_FIELDS)
        counts[row["action"]] += 1
        if row["action"] == "create":
            staff_create(unit=unit, actor=actor, **{k: v for k, v in values.items() if v is not None})
        elif row["action"] == "update":
            fields = {k: v for k, v in values.items() if v not in (None, "") and k != "full_name"}
            staff_update(staff=staff[row["staff_id"]], actor=actor, **fields)
    batch.rows = plan
    return batch_applied(batch, actor=actor, summary=counts)


def _problem_text(problem: Problem) -> str:
    return _("line %(line)s, column “%(column)s”: %(message)s") % {
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
    }


def roster_result_text(batch: ImportBatch) -> str:
    summary = batch.summary
    return _("Imported: %(create)s added, %(update)s updated, %(unchanged)s unchanged.") % {
        "create": summary.get("create", 0),
        "update": summary.get("update", 0),
        "unchanged": summary.get("unchanged", 0),
    }


ROSTER_KIND = ImportKindSpec(
    kind=ImportKind.STAFF_ROSTER,
    filename="danh-sach-can-bo.xlsx",
    sheet="Danh sách cán bộ",
    columns=ROSTER_COLUMNS,
    notes=ROSTER_NOTES,
    apply=lambda *, batch, actor, data: roster_apply(batch=batch, actor=actor),
    result_text=roster_result_text,
    upload_url="units:staff_import",
    done_url="units:staff_list",
)
