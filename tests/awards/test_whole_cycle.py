"""Issue 10, done when: two provinces in one installation, a 2018 cycle and a 2025 cycle, facts arriving after
acceptance, a line over the cap, a recused member, a supplementary registration. The award records at the end are
exactly those the law allows, and every refusal names its reason in Vietnamese."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from awards.enums import DisciplineLevel, LineState
from awards.models import AwardRecord, ProposalLine
from awards.services.council import agenda_add, meeting_close, meeting_create, tally_record
from awards.services.decisions import decision_create, decision_issue
from awards.services.lines import review_reject
from awards.services.records import conduct_record_create
from registrations.models import Registration
from registrations.services import registration_add_supplementary
from tests import factories as f
from tests.factories import accept_all, local_dt, propose, register


def _conduct(person, kind, year, **fields):
    return conduct_record_create(
        staff=person, actor=person.unit.officers.first(), kind=kind, year=year, decision_number="09/QĐ-VKS", **fields
    )


def _meeting(plan, secretary, members, day):
    return meeting_create(
        year_plan=plan,
        actor=secretary,
        held_at=local_dt(plan.year, 12, day, 8, 0),
        members=[(person, "Ủy viên", True) for person in members],
        chair="Chủ tịch Hội đồng",
    )


def _tally_all(meeting, secretary, refusals, *, not_chosen=()):
    """The council votes yes on every line; a refused approval is written down and the line recorded as not
    approved (votes against, or not chosen within the cap)."""
    for item in meeting.agenda.select_related("line__staff", "line__title", "line__proposal__unit"):
        recused = [m for m in meeting.members.all() if m.staff.unit_id == item.line.proposal.unit_id]
        voters = meeting.members_total - len(recused)
        try:
            tally_record(item=item, actor=secretary, yes=voters, no=0, blank=0)
        except ValidationError as error:
            refusals.append(" ".join(error.messages))
            if item.line_id in not_chosen:
                tally_record(item=item, actor=secretary, yes=voters, no=0, blank=0, chosen=False)
            else:
                tally_record(item=item, actor=secretary, yes=0, no=voters, blank=0)


def _decide(plan, secretary, number, day):
    approved = list(ProposalLine.objects.filter(proposal__year_plan=plan, state=LineState.APPROVED))
    decision = decision_create(year_plan=plan, kind="decision", lines=approved, actor=secretary)
    decision_issue(decision=decision, actor=secretary, number=number, issued_on=day)
    return decision


def _awarded(plan):
    return {
        (record.staff.full_name if record.staff_id else record.unit.name, record.title.code)
        for record in AwardRecord.objects.filter(line__proposal__year_plan=plan).select_related(
            "staff", "unit", "title"
        )
    }


@pytest.mark.django_db
def test_two_provinces_two_regimes_the_awards_are_exactly_those_the_law_allows():
    refusals: list[str] = []

    # --- Thái Bình, 2018 (Luật 2013, NĐ 91/2017: 15 % Chiến sĩ thi đua cơ sở, binding) ---------------------------
    thai_binh = f.make_province()
    plan_2018 = f.make_plan(thai_binh, 2018)
    secretary_tb = f.make_user("secretariat", province=thai_binh)
    dong_hung = f.make_unit(thai_binh, "Viện kiểm sát nhân dân huyện Đông Hưng")
    f.make_officer(dong_hung)
    people = [
        f.make_staff(dong_hung, name)
        for name in (
            "Nguyễn Văn An",
            "Trần Thị Bình",
            "Lê Văn Cường",
            "Phạm Thị Dung",
            "Hoàng Văn Em",
            "Vũ Thị Giang",
            "Đặng Văn Hải",
        )
    ]
    an, binh, cuong = people[:3]
    register(dong_hung, plan_2018, {an: "CSTDCS", binh: "CSTDCS"})
    # A recruit who joined in March, after the registration was sent: a supplementary registration.
    recruit = f.make_staff(dong_hung, "Bùi Văn Mới", joined_procuracy_on=datetime.date(2018, 3, 1))
    registration = Registration.objects.get(unit=dong_hung, year_plan=plan_2018)
    registration_add_supplementary(
        registration=registration, actor=dong_hung.officers.first(), staff=recruit, title_id=f.title("LDTT").pk
    )
    initiatives = {person: f.make_initiative(dong_hung, [person], decision_number="20/QĐ-VKS") for person in (an, binh)}
    lines = propose(
        dong_hung,
        plan_2018,
        [(person, "LDTT", []) for person in [*people, recruit]]
        + [(an, "CSTDCS", [initiatives[an]]), (binh, "CSTDCS", [initiatives[binh]]), (None, "TTLDTT", [])],
    )
    accept_all(lines, secretary_tb)
    # A warning for Lê Văn Cường arrives after acceptance.
    _conduct(
        cuong, "discipline", 2018, discipline_level=DisciplineLevel.WARNING, decision_date=datetime.date(2018, 12, 5)
    )
    office_tb = f.make_unit(thai_binh, "Văn phòng", kind_code="department")
    members_tb = [f.make_staff(office_tb, f"Ủy viên Thái Bình Số{i:02d}") for i in range(10)]
    members_tb.append(f.make_staff(dong_hung, "Viện trưởng Đông Hưng"))  # recused on Đông Hưng's lines
    meeting_tb = _meeting(plan_2018, secretary_tb, members_tb, 20)
    try:
        agenda_add(meeting=meeting_tb, lines=lines, actor=secretary_tb)
    except ValidationError as error:
        refusals.append(" ".join(error.messages))
    # The warning bars his own title and the unit's (a member disciplined from cảnh cáo up, Law 2013 Art. 28).
    barred = [line for line in lines if line.staff_id == cuong.pk or line.staff_id is None]
    for line in barred:
        review_reject(line=line, actor=secretary_tb, reason="Cán bộ Lê Văn Cường bị kỷ luật cảnh cáo năm 2018")
    agenda_add(meeting=meeting_tb, lines=[line for line in lines if line not in barred], actor=secretary_tb)
    binh_cstdcs = next(line for line in lines if line.staff_id == binh.pk and line.title.code == "CSTDCS")
    _tally_all(meeting_tb, secretary_tb, refusals, not_chosen={binh_cstdcs.pk})
    recused_item = meeting_tb.agenda.get(line=binh_cstdcs)
    assert recused_item.recused == 1 and recused_item.vote_base_count == 11
    meeting_close(meeting=meeting_tb, actor=secretary_tb)
    _decide(plan_2018, secretary_tb, "45/QĐ-VKS", datetime.date(2018, 12, 28))

    # --- Nam Định, 2025 (Luật 2022, TT 02/2024), its own plan without Thái Bình's disqualifiers -----------------
    nam_dinh = f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    plan_2025 = f.make_plan(
        nam_dinh,
        2025,
        number="05/KH-VKSND",
        bars_serious_violation=False,
        bars_annulled_case=False,
        bars_suspended_case=False,
        disqualifier_section="",
    )
    secretary_nd = f.make_user("secretariat", province=nam_dinh)
    y_yen = f.make_unit(nam_dinh, "Viện kiểm sát nhân dân khu vực 3 – Nam Định")
    f.make_officer(y_yen)
    q0, q1, q2 = (f.make_staff(y_yen, name) for name in ("Đỗ Văn Quang", "Ngô Thị Quyên", "Lương Văn Quý"))
    # A reprimand decided in February 2025 for an act of 2024 already counted against 2024: it does not bar 2025.
    _conduct(
        q0,
        "discipline",
        2025,
        discipline_level=DisciplineLevel.REPRIMAND,
        decision_date=datetime.date(2025, 2, 10),
        act_year=2024,
        counted_in_act_year=True,
    )
    _conduct(q1, "serious_violation", 2025, description="Chậm trả hồ sơ")  # barred only by Thái Bình's plan
    register(y_yen, plan_2025, {})
    lines_nd = propose(y_yen, plan_2025, [(q0, "LDTT", []), (q1, "LDTT", []), (q2, "LDTT", []), (None, "TTLDTT", [])])
    accept_all(lines_nd, secretary_nd)
    office_nd = f.make_unit(nam_dinh, "Văn phòng", kind_code="department")
    meeting_nd = _meeting(plan_2025, secretary_nd, [f.make_staff(office_nd) for _ in range(5)], 18)
    agenda_add(meeting=meeting_nd, lines=lines_nd, actor=secretary_nd)
    # A reprimand for an act of 2025 arrives between the agenda and the tally.
    _conduct(
        q2, "discipline", 2025, discipline_level=DisciplineLevel.REPRIMAND, decision_date=datetime.date(2025, 12, 10)
    )
    _tally_all(meeting_nd, secretary_nd, refusals)
    _decide(plan_2025, secretary_nd, "12/QĐ-VKSND", datetime.date(2025, 12, 30))

    # --- The outcome --------------------------------------------------------------------------------------------
    assert _awarded(plan_2018) == {
        ("Nguyễn Văn An", "LDTT"),
        ("Trần Thị Bình", "LDTT"),
        ("Phạm Thị Dung", "LDTT"),
        ("Hoàng Văn Em", "LDTT"),
        ("Vũ Thị Giang", "LDTT"),
        ("Đặng Văn Hải", "LDTT"),
        ("Bùi Văn Mới", "LDTT"),
        ("Nguyễn Văn An", "CSTDCS"),  # the cap of floor(15 % × 7) = 1: the council chose one of two
    }
    assert _awarded(plan_2025) == {
        ("Đỗ Văn Quang", "LDTT"),
        ("Ngô Thị Quyên", "LDTT"),
        ("Viện kiểm sát nhân dân khu vực 3 – Nam Định", "TTLDTT"),
    }
    assert len(refusals) == 3, refusals
    cuong_refusal, cap_refusal, quy_refusal = refusals
    assert "Lê Văn Cường – Lao động tiên tiến: không đủ tiêu chuẩn" in cuong_refusal and "Cảnh cáo" in cuong_refusal
    assert "Viện kiểm sát nhân dân huyện Đông Hưng – Tập thể lao động tiên tiến: không đủ tiêu chuẩn" in cuong_refusal
    assert "Hội đồng chọn 1 trong 2" in cap_refusal
    assert "Lương Văn Quý – Lao động tiên tiến: không đủ tiêu chuẩn" in quy_refusal and "Khiển trách" in quy_refusal
