"""The year-end review (báo cáo tổng kết) and the six-month review (sơ kết) of emulation and commendation work,
drafted from the system's own figures (plan II.2.8): for the province or for one unit.

``review_figures`` reads a period's figures in a fixed number of queries whatever the number of units (the year
before read the same way, for the comparison); ``review_blocks`` writes them as the report's sections (headings,
sentences, small tables, the placeholders the unit writes itself), which the page shows, ``reports.docx`` writes
as .docx and ``review_document`` renders as a PDF, so the three say the same."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from awards.enums import AwardStatus, FindingState, InspectionState, LineState, RecognitionLevel
from awards.models import AwardRecord, Finding, Initiative, Inspection, ProposalLine
from movements.models import ExemplaryIndividual, Movement, MovementReport, Pledge, YearPlan
from movements.models.base import end_of_day
from movements.scoring import ranking, sheet_with_criteria
from registrations.enums import RegistrationState
from registrations.models import Registration, RegistrationLine
from reports.documents import DocumentSpec, day_text, header_context
from reports.pdf import CSS_FILE
from units.models import Staff, Unit
from units.numbers import number_text, share_text
from units.selectors import province_units

# Lines the council has approved or that are awarded or forwarded upward.
PASSED_STATES = (LineState.APPROVED, LineState.DECIDED, LineState.FORWARDED)


@dataclass
class TitleCount:
    name: str
    persons: int = 0
    collectives: int = 0
    level: str = ""  # who conferred it (a lazily translated label)


@dataclass
class ReviewFigures:
    """One period's figures for the province (``unit`` None) or one unit."""

    plan: YearPlan
    unit: Unit | None
    interim: bool
    until: datetime.date
    units_total: int = 0
    staff_total: int = 0
    # Registration
    registered_units: int = 0
    registered_on: datetime.date | None = None
    registered_persons: int = 0
    registered_titles: list[TitleCount] = field(default_factory=list)
    # Movements and their reports
    movements: list[tuple[Movement, int]] = field(default_factory=list)
    reports_sent: int = 0
    reports_on_time: int = 0
    # Pledges
    pledged_units: int = 0
    pledged_on: datetime.date | None = None
    # Exemplary individuals
    exemplary_named: int = 0
    exemplary_selected: int = 0
    exemplary_presented: int = 0
    # Initiatives by recognition level
    initiatives: dict = field(default_factory=dict)
    # Inspections of the year's plan (plan II.2.8, III.4) and their findings
    inspections_planned: int = 0
    inspections_done: int = 0
    inspected_on: datetime.date | None = None
    findings: int = 0
    findings_closed: int = 0
    findings_overdue: int = 0
    # Scoring (the year-end review only; None without a sheet)
    ranking: list | None = None
    # Proposals and awards
    proposed_persons: int = 0
    proposed_collectives: int = 0
    passed_lines: int = 0
    awards: list[TitleCount] = field(default_factory=list)
    awards_by_level: list[tuple[str, int]] = field(default_factory=list)
    award_persons: int = 0
    award_collectives: int = 0
    award_leaders: int = 0
    award_position_unknown: int = 0  # persons' awards without the position at the time: counted by today's
    previous: "ReviewFigures | None" = None

    @property
    def year(self) -> int:
        return self.plan.year

    @property
    def initiatives_total(self) -> int:
        return sum(self.initiatives.values())

    @property
    def award_direct(self) -> int:
        """Awards to people working directly (not holding a leading position), plan II.2.9."""
        return self.award_persons - self.award_leaders

    @property
    def unit_row(self):
        if self.ranking is None or self.unit is None:
            return None
        return next((row for row in self.ranking if row.unit.pk == self.unit.pk), None)


def _period_end(plan: YearPlan, interim: bool) -> datetime.date:
    return datetime.date(plan.year, 6, 30) if interim else datetime.date(plan.year, 12, 31)


def previous_plan(plan: YearPlan) -> YearPlan | None:
    return YearPlan.objects.filter(province_id=plan.province_id, year=plan.year - 1).first()


def review_figures(plan: YearPlan, unit: Unit | None = None, *, interim: bool = False, compare: bool = True):
    """The figures of ``plan``'s year (to 30/06 with ``interim``) for the province or ``unit``, with those of the
    province's plan of the year before when there is one (``compare``)."""
    until = _period_end(plan, interim)
    closes = end_of_day(until)
    figures = ReviewFigures(plan=plan, unit=unit, interim=interim, until=until)

    def of_unit(path: str) -> Q:
        return Q(**{path: unit.pk}) if unit is not None else Q(**{f"{path}__province": plan.province_id})

    units = province_units(plan.province) if unit is None else Unit.objects.filter(pk=unit.pk)
    figures.units_total = units.count()
    figures.staff_total = Staff.objects.filter(of_unit("unit"), is_active=True).count()

    # 1. Registration: the units that submitted by the period's end, their lines by title.
    registrations = Registration.objects.filter(
        of_unit("unit"), year_plan=plan, state=RegistrationState.SUBMITTED, submitted_at__lte=closes
    )
    submitted = list(registrations.values_list("submitted_at", flat=True))
    figures.registered_units = len(submitted)
    if unit is not None and submitted:
        figures.registered_on = timezone.localdate(submitted[0])
    rows = (
        RegistrationLine.objects.filter(registration__in=registrations, title__isnull=False)
        .values("title__name", "title__display_order", "title__category", "title__subject_kind")
        .annotate(persons=Count("pk", filter=Q(staff__isnull=False)), units=Count("pk", filter=Q(staff__isnull=True)))
        .order_by("title__category", "title__subject_kind", "-title__display_order", "title__name")
    )
    figures.registered_titles = [TitleCount(r["title__name"], r["persons"], r["units"]) for r in rows]
    figures.registered_persons = sum(t.persons for t in figures.registered_titles)

    # 2. Movements under way in the period and the reports sent on them.
    movements = Movement.objects.for_unit(unit) if unit is not None else Movement.objects.filter(province=plan.province)
    movements = movements.filter(start_date__lte=until, end_date__gte=datetime.date(plan.year, 1, 1))
    reports = MovementReport.objects.filter(
        of_unit("unit"), movement__in=movements, submitted_at__isnull=False, submitted_at__lte=closes
    ).select_related("movement")
    sent: Counter = Counter()
    for report in reports:
        sent[report.movement_id] += 1
        figures.reports_sent += 1
        deadline = report.movement.report_closes_at
        if deadline is None or report.submitted_at <= deadline:
            figures.reports_on_time += 1
    figures.movements = [(movement, sent[movement.pk]) for movement in movements.order_by("start_date", "name")]

    # 3. Pledges signed by the period's end.
    pledges = list(
        Pledge.objects.filter(of_unit("unit"), year_plan=plan, signed_on__lte=until).values_list("signed_on", flat=True)
    )
    figures.pledged_units = len(pledges)
    figures.pledged_on = pledges[0] if unit is not None and pledges else None

    # 4. Exemplary individuals named by the period's end.
    examples = ExemplaryIndividual.objects.filter(of_unit("unit"), year_plan=plan, created_at__lte=closes).aggregate(
        named=Count("pk"),
        selected=Count("pk", filter=Q(selected_for_province=True)),
        presented=Count("pk", filter=Q(presented_to_supreme=True)),
    )
    figures.exemplary_named = examples["named"]
    figures.exemplary_selected = examples["selected"]
    figures.exemplary_presented = examples["presented"]

    # 5. Initiatives of the year by recognition level.
    initiatives = (
        Initiative.objects.filter(of_unit("unit"), year=plan.year, created_at__lte=closes)
        .values("recognition_level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    figures.initiatives = {row["recognition_level"]: row["n"] for row in initiatives}

    # 6. The council's inspections planned in the period, those carried out and their findings.
    inspections = Inspection.objects.filter(of_unit("unit"), plan__year_plan=plan, scheduled_on__lte=until)
    done = inspections.exclude(state=InspectionState.PLANNED).filter(inspected_on__lte=until)  # the record issued
    counted = inspections.aggregate(planned=Count("pk"), done=Count("pk", filter=Q(pk__in=done.values("pk"))))
    figures.inspections_planned, figures.inspections_done = counted["planned"], counted["done"]
    if unit is not None:
        figures.inspected_on = done.values_list("inspected_on", flat=True).first()
    day = min(until, timezone.localdate())
    found = Finding.objects.filter(inspection__in=done).aggregate(
        total=Count("pk"),
        closed=Count("pk", filter=Q(state=FindingState.CLOSED)),
        overdue=Count("pk", filter=Q(due_date__lt=day) & ~Q(state=FindingState.CLOSED)),
    )
    figures.findings, figures.findings_closed, figures.findings_overdue = (
        found["total"],
        found["closed"],
        found["overdue"],
    )

    # 7. Scoring and ranking (the year-end review): the province's ranking, the unit's row in it.
    if not interim:
        sheet = sheet_with_criteria(plan)
        if sheet is not None:
            sheet.year_plan = plan
            figures.ranking = ranking(sheet)

    # 8. Proposals (lines sent to the secretariat) and awards of the year, by title and by level.
    lines = ProposalLine.objects.filter(
        of_unit("proposal__unit"), proposal__year_plan=plan, proposal__submitted_at__lte=closes
    ).exclude(state=LineState.DRAFT)
    proposed = lines.aggregate(
        persons=Count("pk", filter=Q(staff__isnull=False)),
        units=Count("pk", filter=Q(staff__isnull=True)),
        passed=Count("pk", filter=Q(state__in=PASSED_STATES)),
    )
    figures.proposed_persons = proposed["persons"]
    figures.proposed_collectives = proposed["units"]
    figures.passed_lines = proposed["passed"]
    # The year's awards are decided at its end or early the next year; the six months count those decided by 30/06.
    awards = AwardRecord.objects.filter(of_unit("unit"), year=plan.year, status=AwardStatus.VALID)
    if interim:
        awards = awards.filter(decision_date__lte=until)
    rows = (
        awards.values("title__name", "title__display_order", "title__category", "level")
        .annotate(
            persons=Count("pk", filter=Q(staff__isnull=False)),
            units=Count("pk", filter=Q(staff__isnull=True)),
            # The position when the award was conferred (``was_leader``); records from before it was kept (empty)
            # count by today's position, and the report says how many did.
            leaders=Count("pk", filter=Q(was_leader=True) | Q(was_leader__isnull=True, staff__is_leader=True)),
            unknown=Count("pk", filter=Q(staff__isnull=False, was_leader__isnull=True)),
        )
        .order_by("title__category", "-title__display_order", "title__name")
    )
    levels: Counter = Counter()
    labels = dict(AwardRecord._meta.get_field("level").choices)
    for row in rows:
        figures.awards.append(TitleCount(row["title__name"], row["persons"], row["units"], labels[row["level"]]))
        figures.award_persons += row["persons"]
        figures.award_collectives += row["units"]
        figures.award_leaders += row["leaders"]
        figures.award_position_unknown += row["unknown"]
        levels[row["level"]] += row["persons"] + row["units"]
    figures.awards_by_level = [(label, levels[value]) for value, label in labels.items() if levels[value]]

    if compare:
        before = previous_plan(plan)
        if before is not None:
            figures.previous = review_figures(before, unit, interim=interim, compare=False)
    return figures


# --- The report's text ----------------------------------------------------------------------------------------


@dataclass
class Block:
    """One piece of the report: a heading (``level`` 1 or 2), a paragraph, a table (``header``, ``rows``), or a
    placeholder the unit writes itself."""

    text: str = ""
    level: int = 0
    header: list[str] | None = None
    rows: list[list[str]] | None = None
    placeholder: bool = False
    caption: str = ""  # a table's: the heading of its section

    @property
    def is_table(self) -> bool:
        return self.header is not None


def n(value) -> str:
    return number_text(value)


def period_words(figures: ReviewFigures) -> str:
    return f"6 tháng đầu năm {figures.year}" if figures.interim else f"năm {figures.year}"


def review_subject(figures: ReviewFigures) -> str:
    verb = "Sơ kết" if figures.interim else "Tổng kết"
    return f"{verb} công tác thi đua, khen thưởng {period_words(figures)}"


def review_filename(figures: ReviewFigures, extension: str) -> str:
    kind = "so-ket" if figures.interim else "tong-ket"
    who = f"-{figures.unit.code}" if figures.unit is not None else ""
    return f"bao-cao-{kind}-thi-dua-{figures.year}{who}.{extension}"


def _issuer_name(figures: ReviewFigures) -> str:
    return figures.unit.name if figures.unit is not None else figures.plan.province.name


PLACEHOLDER = "(Đơn vị bổ sung nội dung.)"


def _comparison(figures: ReviewFigures) -> list[Block]:
    before = figures.previous
    if before is None:
        return [Block(f"Không có số liệu năm {figures.year - 1} trong hệ thống để so sánh.")]

    def change(now, then) -> str:
        difference = now - then
        return f"+{n(difference)}" if difference > 0 else n(difference)

    indicators = [
        ("Cá nhân đăng ký danh hiệu thi đua", before.registered_persons, figures.registered_persons),
        ("Báo cáo phong trào thi đua đã gửi", before.reports_sent, figures.reports_sent),
        ("Điển hình tiên tiến", before.exemplary_named, figures.exemplary_named),
        ("Sáng kiến", before.initiatives_total, figures.initiatives_total),
        (
            "Lượt đề nghị khen thưởng",
            before.proposed_persons + before.proposed_collectives,
            figures.proposed_persons + figures.proposed_collectives,
        ),
        (
            "Lượt khen thưởng",
            before.award_persons + before.award_collectives,
            figures.award_persons + figures.award_collectives,
        ),
        ("Lượt khen thưởng người lao động trực tiếp", before.award_direct, figures.award_direct),
    ]
    rows = [[name, n(then), n(now), change(now, then)] for name, then, now in indicators]
    share_then = share_text(before.award_direct, before.award_persons) or "0 %"
    share_now = share_text(figures.award_direct, figures.award_persons) or "0 %"
    rows.append(["Tỷ lệ khen thưởng người lao động trực tiếp", share_then, share_now, ""])
    return [
        Block(f"So với {period_words(before)}, các chỉ tiêu chính như sau:"),
        Block(header=["Chỉ tiêu", f"Năm {before.year}", f"Năm {figures.year}", "Tăng, giảm"], rows=rows),
    ]


def review_blocks(figures: ReviewFigures) -> list[Block]:
    """The report's body, section by section, as a Vietnamese report reads: I. Kết quả, II. Đánh giá chung, III.
    Phương hướng."""
    plan, unit, period = figures.plan, figures.unit, period_words(figures)
    whole = unit is None
    blocks: list[Block] = []
    basis = f"Kế hoạch số {plan.number}" if plan.number else f"Kế hoạch công tác thi đua, khen thưởng năm {plan.year}"
    if plan.number and plan.issued_on:
        basis += f" {day_text(plan.issued_on)}"
    blocks.append(
        Block(
            f"Thực hiện {basis} của {plan.province.name}, {_issuer_name(figures)} báo cáo kết quả công tác thi đua, "
            f"khen thưởng {period} như sau:"
        )
    )
    blocks.append(Block("I. KẾT QUẢ THỰC HIỆN", level=1))

    # 1. Registration
    blocks.append(Block("1. Đăng ký thi đua", level=2))
    if whole:
        blocks.append(
            Block(
                f"Có {n(figures.registered_units)}/{n(figures.units_total)} đơn vị gửi bản đăng ký thi đua; "
                f"{n(figures.registered_persons)} lượt cá nhân đăng ký danh hiệu thi đua "
                f"(trên tổng số {n(figures.staff_total)} cán bộ, công chức, người lao động)."
            )
        )
    elif figures.registered_on:
        blocks.append(
            Block(
                f"Đơn vị gửi bản đăng ký thi đua {day_text(figures.registered_on)}, với "
                f"{n(figures.registered_persons)}/{n(figures.staff_total)} cá nhân đăng ký danh hiệu thi đua."
            )
        )
    else:
        blocks.append(Block(f"Đơn vị chưa gửi bản đăng ký thi đua {period}."))
    if figures.registered_titles:
        blocks.append(
            Block(
                header=["Danh hiệu thi đua", "Cá nhân", "Tập thể"],
                rows=[[t.name, n(t.persons), n(t.collectives)] for t in figures.registered_titles],
            )
        )

    # 2. Movements
    blocks.append(Block("2. Các phong trào thi đua", level=2))
    if figures.movements:
        taking = "Trong kỳ, có" if whole else "Trong kỳ, đơn vị tham gia"
        blocks.append(
            Block(
                f"{taking} {n(len(figures.movements))} phong trào thi đua; đã gửi {n(figures.reports_sent)} báo cáo "
                f"kết quả, trong đó {n(figures.reports_on_time)} báo cáo đúng hạn."
            )
        )
        blocks.append(
            Block(
                header=["Phong trào thi đua", "Thời gian", "Báo cáo đã gửi"],
                rows=[
                    [m.name, f"{m.start_date:%d/%m/%Y} - {m.end_date:%d/%m/%Y}", n(count)]
                    for m, count in figures.movements
                ],
            )
        )
    else:
        blocks.append(Block("Trong kỳ, không có phong trào thi đua nào được ghi nhận trong hệ thống."))

    # 3. Pledges
    blocks.append(Block("3. Ký kết giao ước thi đua", level=2))
    if whole:
        blocks.append(Block(f"Có {n(figures.pledged_units)}/{n(figures.units_total)} đơn vị ký kết giao ước thi đua."))
    elif figures.pledged_on:
        blocks.append(Block(f"Đơn vị ký kết giao ước thi đua {day_text(figures.pledged_on)}."))
    else:
        blocks.append(Block("Đơn vị chưa ký kết giao ước thi đua."))

    # 4. Exemplary individuals
    blocks.append(Block("4. Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến", level=2))
    blocks.append(
        Block(
            f"{'Các đơn vị' if whole else 'Đơn vị'} đã nêu {n(figures.exemplary_named)} cá nhân điển hình tiên tiến; "
            f"Hội đồng thi đua, khen thưởng chọn {n(figures.exemplary_selected)} điển hình để nhân rộng trong tỉnh, "
            f"giới thiệu {n(figures.exemplary_presented)} điển hình lên Viện kiểm sát nhân dân tối cao."
        )
    )

    # 5. Initiatives
    blocks.append(Block("5. Sáng kiến", level=2))
    levels = [
        (RecognitionLevel.UNIT, "cấp cơ sở"),
        (RecognitionLevel.PROVINCE, "cấp tỉnh"),
        (RecognitionLevel.SECTOR, "cấp ngành"),
        (RecognitionLevel.NONE, "chưa được công nhận"),
    ]
    parts = [f"{n(figures.initiatives.get(value, 0))} {words}" for value, words in levels]
    blocks.append(Block(f"Có {n(figures.initiatives_total)} sáng kiến được ghi nhận, gồm: {', '.join(parts)}."))

    # 6. Inspections
    blocks.append(Block("6. Công tác kiểm tra", level=2))
    findings = (
        f"qua kiểm tra nêu {n(figures.findings)} nội dung cần khắc phục, đã khắc phục xong "
        f"{n(figures.findings_closed)}, còn {n(figures.findings_overdue)} nội dung quá hạn chưa khắc phục"
    )
    if whole:
        blocks.append(
            Block(
                f"Thường trực Hội đồng thi đua, khen thưởng và Thanh tra đã kiểm tra "
                f"{n(figures.inspections_done)}/{n(figures.inspections_planned)} đơn vị theo kế hoạch kiểm tra; "
                f"{findings}."
            )
        )
    elif figures.inspected_on:
        blocks.append(Block(f"Đơn vị được kiểm tra {day_text(figures.inspected_on)}; {findings}."))
    elif figures.inspections_planned:
        blocks.append(Block("Đơn vị có trong kế hoạch kiểm tra, chưa được kiểm tra trong kỳ."))
    else:
        blocks.append(Block("Trong kỳ, đơn vị không có trong kế hoạch kiểm tra."))

    # 7. Scoring and ranking
    blocks.append(Block("7. Chấm điểm, xếp loại thi đua", level=2))
    if figures.interim:
        blocks.append(Block("Việc chấm điểm, xếp loại thi đua các đơn vị được thực hiện khi tổng kết năm."))
    elif figures.ranking is None:
        blocks.append(Block(f"Năm {plan.year} chưa có bảng chấm điểm thi đua."))
    elif whole:
        scored = [row for row in figures.ranking if row.score is not None]
        bands = Counter(row.band.name for row in scored if row.band is not None)
        text = f"Có {n(len(scored))}/{n(len(figures.ranking))} đơn vị đã chấm điểm thi đua"
        if bands:
            text += "; kết quả xếp loại: " + ", ".join(f"{name} {n(count)} đơn vị" for name, count in bands.items())
        blocks.append(Block(text + "."))
        blocks.append(
            Block(
                header=["Hạng", "Đơn vị", "Điểm", "Xếp loại"],
                rows=[
                    [str(row.rank), row.unit.name, number_text(row.total, 2), row.band.name if row.band else ""]
                    for row in scored
                ],
            )
        )
    else:
        row = figures.unit_row
        if row is None or row.score is None:
            blocks.append(Block("Đơn vị chưa chấm điểm thi đua."))
        else:
            band = f", xếp loại {row.band.name}" if row.band else ""
            blocks.append(
                Block(
                    f"Đơn vị đạt {number_text(row.total, 2)} điểm, xếp hạng {row.rank}/{n(len(figures.ranking))} "
                    f"đơn vị trong tỉnh{band}."
                )
            )

    # 8. Proposals and awards
    blocks.append(Block("8. Đề nghị khen thưởng và kết quả khen thưởng", level=2))
    proposed = figures.proposed_persons + figures.proposed_collectives
    blocks.append(
        Block(
            f"{'Các đơn vị' if whole else 'Đơn vị'} đề nghị khen thưởng {n(proposed)} lượt "
            f"({n(figures.proposed_persons)} cá nhân, {n(figures.proposed_collectives)} tập thể); Hội đồng thi "
            f"đua, khen thưởng đã xét, thông qua {n(figures.passed_lines)} lượt."
        )
    )
    awarded = figures.award_persons + figures.award_collectives
    text = (
        f"Đã được khen thưởng {n(awarded)} lượt ({n(figures.award_persons)} cá nhân, "
        f"{n(figures.award_collectives)} tập thể)"
    )
    if figures.awards_by_level:
        by_level = [f"{label} khen thưởng {n(count)} lượt" for label, count in figures.awards_by_level]
        text += ", trong đó: " + "; ".join(by_level)
    blocks.append(Block(text + "."))
    if figures.awards:
        blocks.append(
            Block(
                header=["Danh hiệu, hình thức khen thưởng", "Cấp khen", "Cá nhân", "Tập thể"],
                rows=[[t.name, str(t.level), n(t.persons), n(t.collectives)] for t in figures.awards],
            )
        )

    # 9. People working directly (plan II.2.9)
    blocks.append(Block("9. Khen thưởng người lao động trực tiếp", level=2))
    if figures.award_persons:
        blocks.append(
            Block(
                f"Trong {n(figures.award_persons)} lượt khen thưởng cá nhân, có {n(figures.award_direct)} lượt "
                f"({share_text(figures.award_direct, figures.award_persons)}) khen thưởng người lao động trực tiếp "
                f"và {n(figures.award_leaders)} lượt "
                f"({share_text(figures.award_leaders, figures.award_persons)}) khen thưởng cán bộ lãnh đạo, quản lý."
            )
        )
        if figures.award_position_unknown:
            blocks.append(
                Block(
                    f"Ghi chú: {n(figures.award_position_unknown)} lượt khen thưởng chưa ghi chức vụ tại thời điểm "
                    "khen thưởng được tính theo chức vụ hiện nay của người được khen."
                )
            )
    else:
        blocks.append(Block("Trong kỳ chưa có lượt khen thưởng cá nhân nào."))

    # 10. Compared with the year before
    blocks.append(Block(f"10. So sánh với năm {plan.year - 1}", level=2))
    blocks.extend(_comparison(figures))

    blocks.append(Block("II. ĐÁNH GIÁ CHUNG", level=1))
    blocks.append(Block("1. Ưu điểm", level=2))
    blocks.append(Block(PLACEHOLDER, placeholder=True))
    blocks.append(Block("2. Tồn tại, hạn chế và nguyên nhân", level=2))
    blocks.append(Block(PLACEHOLDER, placeholder=True))
    next_period = f"6 THÁNG CUỐI NĂM {plan.year}" if figures.interim else f"NĂM {plan.year + 1}"
    blocks.append(Block(f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ {next_period}", level=1))
    blocks.append(Block(PLACEHOLDER, placeholder=True))
    heading = ""
    for block in blocks:
        if block.level:
            heading = block.text
        elif block.is_table:
            block.caption = heading
    return blocks


def review_header(figures: ReviewFigures, *, issued_on: datetime.date | None) -> dict:
    """The header and footer of the report: the province's, or for a unit the unit under the provincial procuracy
    with its head's signature."""
    plan = figures.plan
    header = header_context(
        plan, doc_type="BÁO CÁO", subject=review_subject(figures), number="", issued_on=issued_on, symbol="BC"
    )
    if figures.unit is not None and figures.unit.pk != plan.province_id:
        header |= {
            "superior": plan.header_agency,
            "issuer": figures.unit.name.upper(),
            "signature_lines": ["THỦ TRƯỞNG ĐƠN VỊ"],
            "signer_name": "",
            "recipients": [f"Thường trực Hội đồng thi đua, khen thưởng {plan.province.name} (để báo cáo);", "Lưu: VT."],
        }
    return header


def review_document(
    plan: YearPlan, unit: Unit | None = None, *, interim: bool = False, issued_on: datetime.date | None = None
) -> DocumentSpec:
    """The review as a Decree 30 PDF (``ReportKind.YEAR_REVIEW``, ``ReportKind.INTERIM_REVIEW``)."""
    figures = review_figures(plan, unit, interim=interim)
    header = review_header(figures, issued_on=issued_on)
    blocks = review_blocks(figures)

    def parts():
        with translation.override("vi"):
            yield render_to_string(
                "reports/review_document.html", {"css_path": CSS_FILE, "header": header, "blocks": blocks}
            )

    return DocumentSpec(parts(), 1, review_filename(figures, "pdf"))
