"""Importing past award decisions and their lists from .xlsx (plan II.2.3: the emulation data that already exists
goes into the software), so that streaks and "received before" checks work from the first year of use.

Each row is one award: a person (name and date of birth, in a unit) or a unit (name left empty). A person is
matched by name, date of birth and unit; a match that is not certain (no date of birth on one side, a name that
agrees only without accents, the same person now in another unit, nobody found) waits for the secretariat to choose
before anything is imported. Every row is valid or nothing is imported.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.enums import AwardStatus
from awards.models import AwardRecord
from awards.services.decisions import award_history_record
from movements.enums import ConferringLevel, TitleCategory
from movements.models import Title
from units.enums import ImportKind, Role
from units.import_kinds import ImportKindSpec
from units.imports import batch_applied, batch_create, from_json, lock_importable, to_json
from units.models import ImportBatch, Staff, Unit
from units.spreadsheet import Column, Sheet, read_sheet
from units.text import clean, person_name, search_key

AWARD_COLUMNS = [
    Column("decision_number", "Số quyết định", required=True, example="45/QĐ-VKS", max_length=50),
    Column("decision_date", "Ngày quyết định", kind="date", required=True, example="25/12/2017", note="dd/mm/yyyy."),
    Column(
        "level",
        "Cấp khen thưởng",
        example="Viện trưởng VKSND tỉnh",
        note="Viện trưởng VKSND tỉnh, Viện trưởng VKSND tối cao, Thủ tướng Chính phủ hoặc Chủ tịch nước; "
        "để trống thì lấy theo danh hiệu.",
    ),
    Column(
        "title",
        "Danh hiệu, hình thức",
        required=True,
        example="Lao động tiên tiến",
        note="Tên hoặc mã danh hiệu, hình thức khen thưởng như trong danh mục.",
    ),
    Column("year", "Năm thành tích", kind="year", required=True, example="2017"),
    Column(
        "unit_code",
        "Mã đơn vị",
        required=True,
        example="VKS-DH",
        note="Mã đơn vị của người (hoặc tập thể) được khen khi đó.",
    ),
    Column("full_name", "Họ và tên", example="Nguyễn Văn An", note="Để trống nếu khen tập thể đơn vị."),
    Column("date_of_birth", "Ngày sinh", kind="date", example="15/03/1985", note="dd/mm/yyyy."),
    Column(
        "was_leader",
        "Lãnh đạo, quản lý khi được khen",
        example="Không",
        note="Có nếu khi được khen người đó giữ chức vụ lãnh đạo, quản lý; Không nếu là người lao động trực tiếp; "
        "để trống nếu không rõ (khi đó báo cáo tổng kết tính theo chức vụ hiện nay).",
        max_length=30,
    ),
]
# Columns by key, to name them in the problems found.
AWARD_COLUMN = {column.key: column for column in AWARD_COLUMNS}
AWARD_NOTES = [
    "Mỗi dòng một cá nhân hoặc một tập thể được khen trong một quyết định.",
    "Cá nhân được nhận ra theo họ tên, ngày sinh và đơn vị; trường hợp chưa chắc chắn sẽ được hỏi lại trước khi nhập.",
    "Khen thưởng đã có trong phần mềm (cùng người, danh hiệu, năm) không được nhập lại.",
    "Chỉ khi mọi dòng hợp lệ thì danh sách mới được nhập; nếu có lỗi, không dòng nào được lưu.",
]
DATE_FIELDS = {"decision_date", "date_of_birth"}
SKIP = "skip"
PROCURACY_WORDS = ("vien truong", "vien kiem sat", "vksnd", "vks")


def parse_level(text: str) -> str | None:
    """The conferring level the "Cấp khen thưởng" column names, or None ("Chủ tịch UBND tỉnh" is not one)."""
    key = search_key(text)
    if "chu tich nuoc" in key:
        return ConferringLevel.STATE_PRESIDENT
    if "thu tuong" in key:
        return ConferringLevel.PRIME_MINISTER
    if any(word in key for word in PROCURACY_WORDS):
        if "toi cao" in key:
            return ConferringLevel.SUPREME_PROCURACY
        if "tinh" in key:
            return ConferringLevel.PROVINCIAL_HEAD
    return None


LEADER_WORDS = {"co": True, "x": True, "khong": False}


def parse_leader(text: str) -> bool | None:
    """The "Lãnh đạo, quản lý khi được khen" cell: Có (or x) / Không; empty: not known."""
    return LEADER_WORDS.get(search_key(text or ""))


def award_key(*, staff_id, unit_id, title: Title, year: int, decision_number: str) -> tuple:
    """What makes an award the same one: the subject, the title and the year; for a form of commendation, which
    can be given twice a year, also the decision."""
    subject = ("staff", staff_id) if staff_id else ("unit", unit_id)
    number = clean(decision_number).upper() if title.category == TitleCategory.FORM else ""
    return (*subject, title.pk, year, number)


class _Facts:
    """What matching reads, in four queries for the whole file."""

    def __init__(self, province: Unit):
        self.units = {u.code.upper(): u for u in Unit.objects.filter(province=province)}
        self.titles = {}
        for title in Title.objects.all():
            self.titles[title.code.lower()] = title
            self.titles[search_key(title.name)] = title
        self.people = list(
            Staff.objects.filter(unit__province=province)
            .select_related("unit")
            .only("full_name", "date_of_birth", "unit__name", "unit__short_name", "unit__code", "search_key")
        )
        self.by_key = defaultdict(list)
        for person in self.people:
            self.by_key[person.search_key].append(person)
        # Valid and revoked alike: importing an old list again must not bring a revoked award back.
        self.awards = {}
        for record in AwardRecord.objects.filter(unit__province=province).select_related("title"):
            key = award_key(
                staff_id=record.staff_id,
                unit_id=record.unit_id,
                title=record.title,
                year=record.year,
                decision_number=record.decision_number,
            )
            self.awards[key] = record

    def recorded(self, *, staff_id, unit_id, title, year, decision_number) -> AwardRecord | None:
        key = award_key(staff_id=staff_id, unit_id=unit_id, title=title, year=year, decision_number=decision_number)
        return self.awards.get(key)


def _candidate(person: Staff) -> dict:
    born = f"{person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else _("date of birth unknown")
    return {"id": person.pk, "label": f"{person.full_name} ({born}), {person.unit.display_name}"}


def _match(facts: _Facts, name: str, born, unit: Unit) -> tuple[Staff | None, list[Staff]]:
    """(the certain match, or None with the candidates to choose from)."""
    same_name = facts.by_key.get(search_key(name), [])
    here = [p for p in same_name if p.unit_id == unit.pk and person_name(p.full_name) == name]
    if born is not None:
        certain = [p for p in here if p.date_of_birth == born]
        if len(certain) == 1:
            return certain[0], []
    # Uncertain (a name without a date of birth never is): the same name in the unit first, then elsewhere in the
    # province; the same date of birth first.
    candidates = sorted(
        same_name,
        key=lambda p: (p.unit_id != unit.pk, born is None or p.date_of_birth != born, p.full_name != name),
    )
    return None, candidates[:10]


def _award_plan(province: Unit, records: list[tuple[int, dict]], sheet: Sheet, facts=None) -> list[dict]:
    facts = facts or _Facts(province)
    plan, seen = [], {}
    for line, values in records:
        values = dict(values)
        row = {"line": line, "action": "create", "staff_id": None, "candidates": []}
        title = facts.titles.get((values["title"] or "").lower()) or facts.titles.get(search_key(values["title"] or ""))
        if values["title"] and title is None:
            sheet.problem(
                line, AWARD_COLUMN["title"], _("“%(value)s” is not in the catalogue.") % {"value": values["title"]}
            )
        unit = facts.units.get((values["unit_code"] or "").upper())
        if values["unit_code"] and unit is None:
            sheet.problem(
                line,
                AWARD_COLUMN["unit_code"],
                _("No unit of the province has the code “%(code)s”.") % {"code": values["unit_code"]},
            )
        level = parse_level(values["level"]) if values["level"] else None
        if values["level"] and level is None:
            sheet.problem(
                line, AWARD_COLUMN["level"], _("“%(value)s” is not a known level.") % {"value": values["level"]}
            )
        elif title and level and level != title.conferring_level:
            sheet.problem(
                line,
                AWARD_COLUMN["level"],
                _("“%(title)s” is conferred by: %(level)s.")
                % {"title": title.name, "level": ConferringLevel(title.conferring_level).label},
            )
        if values["decision_date"] and values["year"] and values["decision_date"].year < values["year"]:
            sheet.problem(
                line, AWARD_COLUMN["decision_date"], _("The decision is dated before the year of the achievement.")
            )
        name = person_name(values["full_name"] or "")
        values["full_name"] = name
        if values["date_of_birth"] and not name:
            sheet.problem(line, AWARD_COLUMN["full_name"], _("A date of birth without a name."))
        leader = values.get("was_leader") or ""
        if leader and parse_leader(leader) is None:
            sheet.problem(line, AWARD_COLUMN["was_leader"], _("Write “Có” or “Không”, or leave it empty."))
        elif leader and not name:
            sheet.problem(line, AWARD_COLUMN["was_leader"], _("Only a person's award says whether they led."))
        row["values"] = to_json(values)
        row["title_id"], row["unit_id"] = (title.pk if title else None), (unit.pk if unit else None)
        plan.append(row)
        if title is None or unit is None or values["year"] is None:
            continue
        if not title.fits(collective=not name):
            message = (
                _("“%(title)s” is not given to a person.") if name else _("“%(title)s” is not given to a collective.")
            )
            sheet.problem(line, AWARD_COLUMN["title"], message % {"title": title.name})
            continue
        number = clean(values["decision_number"] or "").upper() if title.category == TitleCategory.FORM else ""
        key = (name, values["date_of_birth"], unit.pk, title.pk, values["year"], number)
        if key in seen:
            sheet.problem(
                line,
                AWARD_COLUMN["full_name"] if name else AWARD_COLUMN["unit_code"],
                _("The same award as line %(line)s.") % {"line": seen[key]},
            )
        seen[key] = line
        if name:
            person, candidates = _match(facts, name, values["date_of_birth"], unit)
            if person is None:
                row["action"] = "choose"
                row["candidates"] = [_candidate(p) for p in candidates]
                continue
            row["staff_id"] = person.pk
            row["person"] = _candidate(person)["label"]
        existing = facts.recorded(
            staff_id=row["staff_id"],
            unit_id=unit.pk,
            title=title,
            year=values["year"],
            decision_number=values["decision_number"] or "",
        )
        if existing and existing.status == AwardStatus.REVOKED:
            sheet.problem(
                line,
                AWARD_COLUMN["title"],
                _("This award was revoked (%(decision)s); it is not recorded again.")
                % {"decision": existing.revoked_by},
            )
        elif existing:
            row["action"] = "exists"
    return plan


def past_awards_check(*, province: Unit, upload, actor) -> ImportBatch:
    """Read and check an uploaded list of past awards; nothing changes in the award history."""
    sheet = read_sheet(upload, AWARD_COLUMNS)
    plan = _award_plan(province, sheet.rows, sheet) if sheet.rows else []
    sheet.problems.sort(key=lambda p: (p.line, p.column))
    return batch_create(
        kind=ImportKind.PAST_AWARDS, province=province, unit=None, upload=upload, sheet=sheet, rows=plan, actor=actor
    )


@transaction.atomic
def past_awards_apply(*, batch: ImportBatch, actor, choices: dict[int, str]) -> ImportBatch:
    """Record every award of a checked list, or none. ``choices``: line → a candidate's id or ``"skip"``, for each
    row whose person was not certain."""
    batch = lock_importable(batch)
    # One import into a province at a time: two batches of the same list confirmed together would both record.
    Unit.objects.select_for_update().get(pk=batch.province_id)
    records = [(row["line"], from_json(row["values"], DATE_FIELDS)) for row in batch.rows]
    sheet, facts = Sheet(), _Facts(batch.province)
    plan = _award_plan(batch.province, records, sheet, facts)
    changed = sorted(
        {p.line for p in sheet.problems}
        | {
            new["line"]
            for old, new in zip(batch.rows, plan, strict=True)
            if (old["action"], old["staff_id"]) != (new["action"], new["staff_id"])
        }
    )
    if changed:
        raise ValidationError(
            _("Lines %(lines)s changed since the check. Upload the file again.")
            % {"lines": ", ".join(map(str, changed))}
        )
    missing = [row["line"] for row in plan if row["action"] == "choose" and not choices.get(row["line"])]
    if missing:
        raise ValidationError(
            _("Choose the person (or skip the row) on lines %(lines)s.") % {"lines": ", ".join(map(str, missing))}
        )
    titles = Title.objects.in_bulk({row["title_id"] for row in plan})
    units = Unit.objects.in_bulk({row["unit_id"] for row in plan})
    chosen = {int(choices[row["line"]]) for row in plan if row["action"] == "choose" and choices[row["line"]] != SKIP}
    people = Staff.objects.in_bulk({row["staff_id"] for row in plan if row["staff_id"]} | chosen)
    counts = {"create": 0, "exists": 0, "skip": 0}
    for row in plan:
        values = from_json(row["values"], DATE_FIELDS)
        staff_id = row["staff_id"]
        if row["action"] == "choose":
            choice = choices[row["line"]]
            if choice == SKIP:
                row["action"] = SKIP
                counts[SKIP] += 1
                continue
            if choice not in {str(c["id"]) for c in row["candidates"]}:
                raise ValidationError(_("Line %(line)s: choose one of the people listed.") % {"line": row["line"]})
            staff_id = int(choice)
        row["staff_id"] = staff_id
        title = titles[row["title_id"]]
        fields = {"title": title, "year": values["year"], "decision_number": values["decision_number"]}
        existing = facts.recorded(staff_id=staff_id, unit_id=row["unit_id"], **fields)
        if existing and existing.status == AwardStatus.REVOKED:
            raise ValidationError(
                _("Line %(line)s: this award was revoked (%(decision)s); it is not recorded again.")
                % {"line": row["line"], "decision": existing.revoked_by}
            )
        if row["action"] == "exists" or existing:
            row["action"] = "exists"
            counts["exists"] += 1
            continue
        record = award_history_record(
            decision_date=values["decision_date"],
            actor=actor,
            staff=people[staff_id] if staff_id else None,
            unit=units[row["unit_id"]],
            level=parse_level(values["level"]) or "",
            was_leader=parse_leader(values.get("was_leader")),
            **fields,
        )
        facts.awards[award_key(staff_id=staff_id, unit_id=row["unit_id"], **fields)] = record
        row["action"] = "create"
        counts["create"] += 1
    batch.rows = plan
    return batch_applied(batch, actor=actor, summary=counts)


def past_awards_result_text(batch: ImportBatch) -> str:
    summary = batch.summary
    return _("Imported: %(create)s awards recorded, %(exists)s already recorded, %(skip)s rows skipped.") % {
        "create": summary.get("create", 0),
        "exists": summary.get("exists", 0),
        "skip": summary.get("skip", 0),
    }


def _apply_from_form(*, batch: ImportBatch, actor, data) -> ImportBatch:
    """The person chosen for each row that matched several namesakes (``person_<line>`` in the form)."""
    choices = {row["line"]: data.get(f"person_{row['line']}", "") for row in batch.rows if row["action"] == "choose"}
    return past_awards_apply(batch=batch, actor=actor, choices=choices)


PAST_AWARDS_KIND = ImportKindSpec(
    kind=ImportKind.PAST_AWARDS,
    filename="khen-thuong-da-co.xlsx",
    sheet="Khen thưởng đã có",
    columns=AWARD_COLUMNS,
    notes=AWARD_NOTES,
    apply=_apply_from_form,
    result_text=past_awards_result_text,
    upload_url="awards:award_import",
    done_url="awards:history",
    roles=(Role.SECRETARIAT,),
)
