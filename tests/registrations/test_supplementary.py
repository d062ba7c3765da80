"""Supplementary registration: people who came after a unit's submitted registration are added to it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards.enums import ProposalKind
from awards.services.proposals import line_add, proposal_create
from registrations.enums import RegistrationState
from registrations.models import Registration, RegistrationLine
from registrations.services import (
    deadline_extension_grant,
    registration_add_supplementary,
    registration_return,
    registration_save_draft,
    registration_submit,
)
from tests import factories as f
from tests.factories import count_queries, full_lines, local_dt
from units.selectors import audit_trail
from units.services import staff_update

LATER = local_dt(2018, 3, 5, 9, 30)


@pytest.fixture
def submitted(unit, staff, plan, officer, before_deadline):
    return registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=before_deadline
    )


@pytest.fixture
def recruit(unit, submitted):
    """Joined the procuracy on 01/03/2018, after the deadline of 17/01/2018, and was put on the roster then."""
    return f.make_staff(unit, "Đỗ Minh Tân", joined_procuracy_on=datetime.date(2018, 3, 1))


def supplementary_url(plan, unit):
    return reverse("registrations:supplementary", kwargs={"plan": plan.pk, "unit": unit.pk})


def sheet_url(plan, unit):
    return reverse("registrations:sheet", kwargs={"plan": plan.pk, "unit": unit.pk})


def test_recruit_who_joined_after_the_deadline_gets_a_supplementary_line(submitted, recruit, officer, before_deadline):
    line = registration_add_supplementary(
        registration=submitted, actor=officer, staff=recruit, title_id=f.title("LDTT").pk, now=LATER
    )
    line.refresh_from_db()
    assert (line.registration, line.staff, line.title.code) == (submitted, recruit, "LDTT")
    assert (line.supplementary_at, line.staff_position, line.not_registering_reason) == (LATER, "Kiểm sát viên", "")
    registration = Registration.objects.get(pk=submitted.pk)
    assert (registration.state, registration.submitted_at) == (RegistrationState.SUBMITTED, before_deadline)
    assert registration.lines.count() == 5
    assert registration.lines.filter(supplementary_at__isnull=False).get() == line
    entry = audit_trail(registration)[0]
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        "registration.supplementary",
        officer,
        "",
        "",
    )
    assert entry.data == {
        "staff_id": recruit.pk,
        "staff": "Đỗ Minh Tân",
        "title_id": f.title("LDTT").pk,
        "title": "Lao động tiên tiến",
        "because": "joined",
    }
    # Still locked: the ordinary save is refused.
    with pytest.raises(ValidationError, match="bị khóa"):
        registration_save_draft(
            unit=submitted.unit, year_plan=submitted.year_plan, actor=officer, lines=[], now=before_deadline
        )


def test_person_added_to_the_roster_after_the_submission_gets_a_supplementary_line(unit, submitted, secretariat):
    # Joined the sector long ago (a transfer recorded as a new roster entry), entered after the submission.
    newcomer = f.make_staff(unit, "Vũ Thị Hạnh", gender="female", joined_procuracy_on=datetime.date(2012, 6, 1))
    assert newcomer.created_at > submitted.submitted_at
    line = registration_add_supplementary(
        registration=submitted, actor=secretariat, staff=newcomer, title_id=f.title("CSTDCS").pk, now=LATER
    )
    assert line.title.code == "CSTDCS"
    assert audit_trail(submitted)[0].data["because"] == "added"
    assert audit_trail(submitted)[0].actor == secretariat


def test_person_already_registered_is_refused(submitted, staff, officer):
    with pytest.raises(ValidationError, match="Nguyễn Văn An đã có trong bản đăng ký này"):
        registration_add_supplementary(
            registration=submitted, actor=officer, staff=staff[0], title_id=f.title("CSTDCS").pk, now=LATER
        )
    assert submitted.lines.get(staff=staff[0]).title.code == "LDTT"
    assert not RegistrationLine.objects.filter(supplementary_at__isnull=False).exists()
    assert audit_trail(submitted)[0].action == "registration.submitted"


def test_person_on_the_roster_at_submission_who_joined_before_the_deadline_is_refused(
    unit, staff, plan, officer, freeze, before_deadline
):
    # On the roster since 10/01/2018, away (inactive) when the unit submitted, back afterwards: not a newcomer.
    freeze(local_dt(2018, 1, 10, 8, 0))
    returning = f.make_staff(unit, "Phan Văn Long", joined_procuracy_on=datetime.date(2009, 9, 1))
    staff_update(staff=returning, is_active=False)
    registration = registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=before_deadline
    )
    freeze(LATER)
    staff_update(staff=returning, is_active=True)
    with pytest.raises(ValidationError) as error:
        registration_add_supplementary(
            registration=registration, actor=officer, staff=returning, title_id=f.title("LDTT").pk
        )
    assert error.value.messages == [
        "Phan Văn Long vào ngành không muộn hơn hạn đăng ký (17/01/2018) và đã có trong danh sách cán bộ khi đơn vị "
        "gửi bản đăng ký; đăng ký bổ sung chỉ dành cho người đến sau. Thường trực Hội đồng có thể trả lại bản đăng "
        "ký để đơn vị sửa."
    ]
    assert not registration.lines.filter(staff=returning).exists()


def test_the_unit_extended_deadline_is_the_one_compared(unit, staff, plan, officer, secretariat, freeze):
    deadline_extension_grant(
        unit=unit, year_plan=plan, new_deadline=datetime.date(2018, 3, 10), reason="Đơn vị mới", actor=secretariat
    )
    # Joined on 05/03/2018: after the plan's deadline but within the unit's extension; on the roster (away) since
    # 01/02/2018, before the submission of 01/03/2018, so nothing makes them a newcomer.
    freeze(local_dt(2018, 2, 1, 8, 0))
    person = f.make_staff(unit, "Hoàng Văn Minh", joined_procuracy_on=datetime.date(2018, 3, 5))
    staff_update(staff=person, is_active=False)
    registration = registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=local_dt(2018, 3, 1, 9, 0)
    )
    freeze(LATER)
    staff_update(staff=person, is_active=True)
    with pytest.raises(ValidationError, match=r"hạn đăng ký \(10/03/2018\)"):
        registration_add_supplementary(
            registration=registration, actor=officer, staff=person, title_id=f.title("LDTT").pk
        )


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (None, "Đỗ Minh Tân: hãy chọn danh hiệu đăng ký."),
        ("TTLDTT", "Đỗ Minh Tân: “Tập thể lao động tiên tiến” là danh hiệu tập thể; hãy chọn danh hiệu cá nhân."),
    ],
)
def test_a_title_that_is_not_an_individual_emulation_title_is_refused(submitted, recruit, officer, code, message):
    with pytest.raises(ValidationError) as error:
        registration_add_supplementary(
            registration=submitted, actor=officer, staff=recruit, title_id=f.title(code).pk if code else None, now=LATER
        )
    assert error.value.messages == [message]
    assert not submitted.lines.filter(staff=recruit).exists()


def test_an_inactive_person_or_one_of_another_unit_is_refused(submitted, recruit, other_unit, officer):
    stranger = f.make_staff(other_unit, "Phạm Văn Khách", joined_procuracy_on=datetime.date(2018, 3, 1))
    staff_update(staff=recruit, is_active=False)
    for person in (recruit, stranger):
        with pytest.raises(ValidationError, match="không phải là cán bộ đang công tác"):
            registration_add_supplementary(
                registration=submitted, actor=officer, staff=person, title_id=f.title("LDTT").pk, now=LATER
            )
    assert not RegistrationLine.objects.filter(supplementary_at__isnull=False).exists()


@pytest.mark.parametrize("state", [RegistrationState.DRAFT, RegistrationState.RETURNED])
def test_only_a_submitted_registration_takes_supplementary_lines(
    unit, staff, plan, officer, secretariat, before_deadline, state
):
    if state == RegistrationState.DRAFT:
        registration = registration_save_draft(
            unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=before_deadline
        )
    else:
        registration = registration_submit(
            unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=before_deadline
        )
        registration = registration_return(registration=registration, actor=secretariat, reason="Xem lại")
    recruit = f.make_staff(unit, "Đỗ Minh Tân", joined_procuracy_on=datetime.date(2018, 3, 1))
    with pytest.raises(ValidationError, match="Chỉ đăng ký bổ sung vào bản đăng ký đã gửi"):
        registration_add_supplementary(
            registration=registration, actor=officer, staff=recruit, title_id=f.title("LDTT").pk, now=LATER
        )
    registration.refresh_from_db()
    assert registration.state == state
    assert not registration.lines.filter(staff=recruit).exists()


def test_officer_of_another_unit_is_refused_by_the_service(submitted, recruit, other_officer, council_member):
    for actor in (other_officer, council_member):
        with pytest.raises(PermissionDenied):
            registration_add_supplementary(
                registration=submitted, actor=actor, staff=recruit, title_id=f.title("LDTT").pk, now=LATER
            )
    assert not submitted.lines.filter(staff=recruit).exists()


def test_the_supplementary_line_survives_a_return_and_resubmission(
    unit, staff, plan, submitted, recruit, officer, secretariat, freeze
):
    registration_add_supplementary(
        registration=submitted, actor=officer, staff=recruit, title_id=f.title("LDTT").pk, now=LATER
    )
    registration_return(registration=submitted, actor=secretariat, reason="Xem lại")
    registration_submit(
        unit=unit,
        year_plan=plan,
        actor=officer,
        lines=full_lines(unit, [*staff, recruit], individual="CSTDCS"),
        now=local_dt(2018, 1, 16, 8, 0),
    )
    line = RegistrationLine.objects.get(staff=recruit)
    assert (line.title.code, line.supplementary_at) == ("CSTDCS", LATER)


def test_year_end_proposal_for_the_recruit_is_accepted_after_the_supplementary_registration(
    unit, plan, submitted, recruit, officer
):
    proposal = proposal_create(unit=unit, year_plan=plan, kind=ProposalKind.YEAR_END, actor=officer)
    with pytest.raises(ValidationError) as refused:  # not registered
        line_add(proposal=proposal, actor=officer, title=f.title("LDTT"), staff=recruit, achievements="Hoàn thành tốt")
    assert "Đỗ Minh Tân" in refused.value.messages[0] and "III.2" in refused.value.messages[0]
    registration_add_supplementary(
        registration=submitted, actor=officer, staff=recruit, title_id=f.title("LDTT").pk, now=LATER
    )
    line = line_add(
        proposal=proposal, actor=officer, title=f.title("LDTT"), staff=recruit, achievements="Hoàn thành tốt"
    )
    assert (line.staff, line.title.code, line.proposal.kind) == (recruit, "LDTT", ProposalKind.YEAR_END)


# Pages


def test_officer_sees_who_needs_a_supplementary_registration_and_adds_them(
    client, unit, staff, plan, submitted, recruit, officer, freeze
):
    freeze(LATER)
    client.force_login(officer)
    page = client.get(sheet_url(plan, unit))
    assert page.context["supplementary"] == [recruit]
    html = page.content.decode()
    assert "Cần đăng ký bổ sung" in html
    assert f'<input type="hidden" name="staff" value="{recruit.pk}">' in html
    response = client.post(
        supplementary_url(plan, unit), {"staff": recruit.pk, "title": f.title("CSTDCS").pk}, follow=True
    )
    assert response.redirect_chain == [(sheet_url(plan, unit), 302)]
    line = RegistrationLine.objects.get(staff=recruit)
    assert (line.title.code, line.supplementary_at) == ("CSTDCS", LATER)
    assert Registration.objects.get(pk=submitted.pk).state == RegistrationState.SUBMITTED
    html = response.content.decode()
    assert "Đã đăng ký bổ sung cho Đỗ Minh Tân." in html
    assert "Đăng ký bổ sung 05/03/2018" in html
    assert response.context["supplementary"] == []
    assert "Cần đăng ký bổ sung" not in html


def test_secretariat_sees_the_badge_and_the_overview_count(
    client, unit, plan, submitted, recruit, officer, secretariat, freeze
):
    freeze(LATER)
    client.force_login(officer)
    client.post(supplementary_url(plan, unit), {"staff": recruit.pk, "title": f.title("LDTT").pk})
    client.force_login(secretariat)
    html = client.get(sheet_url(plan, unit)).content.decode()
    table = html[html.index('id="registration-lines"') :]
    rows = [r for r in table.split("<tr") if "Đăng ký bổ sung 05/03/2018" in r]
    assert len(rows) == 1 and "Đỗ Minh Tân" in rows[0] and "Lao động tiên tiến" in rows[0]
    overview = client.get(reverse("registrations:overview", kwargs={"plan": plan.pk}))
    rows = {r.unit.pk: r for r in overview.context["table"]["rows"]}
    assert (rows[unit.pk].supplementary, overview.context["table"]["supplementary_total"]) == (1, 1)
    assert rows[unit.pk].title_counts[f.title("LDTT").pk] == 4
    assert "Đăng ký bổ sung" in overview.content.decode()


def test_secretariat_can_add_a_supplementary_line_from_the_sheet(
    client, unit, plan, submitted, recruit, secretariat, freeze
):
    freeze(LATER)
    client.force_login(secretariat)
    assert client.get(sheet_url(plan, unit)).context["supplementary"] == [recruit]
    client.post(supplementary_url(plan, unit), {"staff": recruit.pk, "title": f.title("LDTT").pk})
    assert RegistrationLine.objects.get(staff=recruit).supplementary_at == LATER


def test_council_member_reads_the_sheet_without_the_form(client, unit, plan, submitted, recruit, council_member):
    client.force_login(council_member)
    page = client.get(sheet_url(plan, unit))
    assert page.context["supplementary"] == []
    assert "Cần đăng ký bổ sung" not in page.content.decode()
    response = client.post(supplementary_url(plan, unit), {"staff": recruit.pk, "title": f.title("LDTT").pk})
    assert response.status_code == 404
    assert not RegistrationLine.objects.filter(staff=recruit).exists()


def test_officer_of_another_unit_gets_404(client, unit, plan, submitted, recruit, other_officer):
    client.force_login(other_officer)
    response = client.post(supplementary_url(plan, unit), {"staff": recruit.pk, "title": f.title("LDTT").pk})
    assert response.status_code == 404
    assert not RegistrationLine.objects.filter(staff=recruit).exists()


def test_a_refused_supplementary_line_is_explained_on_the_sheet(client, unit, staff, plan, submitted, officer):
    client.force_login(officer)
    response = client.post(
        supplementary_url(plan, unit), {"staff": staff[1].pk, "title": f.title("CSTDCS").pk}, follow=True
    )
    assert "Trần Thị Bình đã có trong bản đăng ký này" in response.content.decode()
    assert submitted.lines.get(staff=staff[1]).title.code == "LDTT"
    response = client.post(supplementary_url(plan, unit), {"staff": staff[1].pk, "title": ""}, follow=True)
    assert "Hãy chọn danh hiệu đăng ký." in response.content.decode()


def test_sheet_queries_do_not_grow_with_people_to_add(client, province, plan, before_deadline):
    counts = []
    for n in (1, 3):
        unit = f.make_unit(province)
        officer = f.make_officer(unit)
        staff = [f.make_staff(unit) for _ in range(3)]
        registration_submit(
            unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=before_deadline
        )
        recruits = [f.make_staff(unit, joined_procuracy_on=datetime.date(2018, 3, 1)) for _ in range(n)]
        registration = Registration.objects.get(unit=unit)
        registration_add_supplementary(
            registration=registration, actor=officer, staff=recruits[0], title_id=f.title("LDTT").pk, now=LATER
        )
        for _ in range(n):
            f.make_staff(unit, joined_procuracy_on=datetime.date(2018, 4, 1))
        client.force_login(officer)
        counts.append(count_queries(client, sheet_url(plan, unit)))
    assert counts == [13] * 2
