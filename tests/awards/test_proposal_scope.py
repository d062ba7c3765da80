"""A proposal line relies only on initiatives within the proposing unit's scope (issue 10 point 9), and the
registration requirement cites the plan's own provision (issue 10 point 5)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.models import LineInitiative, ProposalLine
from awards.services.proposals import initiatives_for, line_add, line_update, proposal_create
from tests import factories as f
from tests.factories import propose, register


def make_initiative(unit, authors, title):
    return f.make_initiative(
        unit, authors, title=title, decision_number="15/QĐ-VKS", decision_date=datetime.date(2018, 11, 5)
    )


@pytest.fixture
def office(province):
    return f.make_unit(province, "Văn phòng", kind_code="department")


@pytest.fixture
def office_staff(office):
    return [f.make_staff(office, "Phạm Thị Dung", gender="female"), f.make_staff(office, "Hoàng Văn Em")]


@pytest.fixture
def office_officer(office):
    return f.make_officer(office)


@pytest.fixture
def initiatives(unit, staff, officer, office, office_staff, office_officer):
    """Đông Hưng's own initiative, the office's own, and one Đông Hưng recorded with an office co-author."""
    return {
        "dong_hung": make_initiative(unit, [staff[0]], "Sáng kiến rút ngắn thời hạn giải quyết án Đông Hưng"),
        "office": make_initiative(office, [office_staff[0]], "Số hóa hồ sơ lưu trữ của Văn phòng"),
        "joint": make_initiative(unit, [staff[1], office_staff[1]], "Quy trình phối hợp kiểm tra chéo cáo trạng"),
    }


@pytest.fixture
def office_proposal(plan, office, office_officer):
    return proposal_create(unit=office, year_plan=plan, kind="year_end", actor=office_officer)


def test_collective_line_with_another_units_initiative_is_refused_and_links_nothing(
    office_proposal, office, office_officer, initiatives
):
    register(office, office_proposal.year_plan, {})
    with pytest.raises(ValidationError) as refused:
        line_add(
            proposal=office_proposal,
            actor=office_officer,
            title=f.title("TTLDTT"),
            achievements="Hoàn thành xuất sắc nhiệm vụ",
            initiatives=[initiatives["dong_hung"]],
        )
    assert refused.value.messages == [
        "Sáng kiến “Sáng kiến rút ngắn thời hạn giải quyết án Đông Hưng” không phải là sáng kiến của Văn phòng."
    ]
    assert ProposalLine.objects.count() == 0
    assert LineInitiative.objects.count() == 0


def test_the_refused_initiative_stays_free_for_its_own_unit(
    plan, unit, staff, office_proposal, office, office_officer, initiatives
):
    with pytest.raises(ValidationError):
        line_add(
            proposal=office_proposal,
            actor=office_officer,
            title=f.title("TTLDTT"),
            achievements="Hoàn thành xuất sắc nhiệm vụ",
            initiatives=[initiatives["dong_hung"]],
        )
    register(unit, plan, {staff[0]: "CSTDCS"})
    (line,) = propose(unit, plan, [(staff[0], "CSTDCS", [initiatives["dong_hung"]])], submit=False)
    assert [link.initiative for link in line.initiative_links.all()] == [initiatives["dong_hung"]]


def test_collective_line_may_use_the_units_own_initiative_and_one_a_member_wrote(
    plan, office_proposal, office, office_officer, initiatives
):
    register(office, plan, {})
    line = line_add(
        proposal=office_proposal,
        actor=office_officer,
        title=f.title("TTLDTT"),
        achievements="Hoàn thành xuất sắc nhiệm vụ",
        initiatives=[initiatives["office"], initiatives["joint"]],
    )
    assert {link.initiative for link in line.initiative_links.all()} == {initiatives["office"], initiatives["joint"]}


def test_updating_a_collective_line_with_another_units_initiative_is_refused(
    plan, office_proposal, office, office_officer, initiatives
):
    register(office, plan, {})
    line = line_add(
        proposal=office_proposal,
        actor=office_officer,
        title=f.title("TTLDTT"),
        achievements="Hoàn thành xuất sắc nhiệm vụ",
        initiatives=[initiatives["office"]],
    )
    with pytest.raises(ValidationError, match="không phải là sáng kiến của Văn phòng"):
        line_update(
            line=line,
            actor=office_officer,
            achievements="Hoàn thành xuất sắc nhiệm vụ",
            initiatives=[initiatives["office"], initiatives["dong_hung"]],
        )
    assert [link.initiative for link in line.initiative_links.all()] == [initiatives["office"]]


def test_a_persons_line_still_needs_the_person_among_the_authors(
    plan, office_proposal, office, office_staff, office_officer, initiatives
):
    register(office, plan, {office_staff[0]: "CSTDCS"})
    with pytest.raises(ValidationError) as refused:
        line_add(
            proposal=office_proposal,
            actor=office_officer,
            title=f.title("CSTDCS"),
            staff=office_staff[0],
            achievements="Hoàn thành xuất sắc nhiệm vụ",
            initiatives=[initiatives["joint"]],  # offered to the office (Hoàng Văn Em wrote it), not hers
        )
    assert refused.value.messages == [
        "Phạm Thị Dung không phải là tác giả của “Quy trình phối hợp kiểm tra chéo cáo trạng”."
    ]
    assert LineInitiative.objects.count() == 0


def test_initiatives_for_a_unit_are_its_own_and_its_members(office, unit, initiatives):
    assert list(initiatives_for(office)) == [initiatives["joint"], initiatives["office"]]
    assert list(initiatives_for(unit)) == [initiatives["joint"], initiatives["dong_hung"]]


def test_the_line_form_offers_no_other_units_initiative(client, office_proposal, office_officer, initiatives):
    client.force_login(office_officer)
    response = client.get(reverse("awards:line_create", kwargs={"pk": office_proposal.pk}))
    choices = [str(label) for _value, label in response.context["form"].fields["initiatives"].choices]
    assert choices == ["Quy trình phối hợp kiểm tra chéo cáo trạng", "Số hóa hồ sơ lưu trữ của Văn phòng"]
    assert "Sáng kiến rút ngắn thời hạn giải quyết án Đông Hưng" not in response.content.decode()


def test_posting_another_units_initiative_re_renders_the_form_and_links_nothing(
    client, plan, office, office_proposal, office_officer, initiatives
):
    register(office, plan, {})
    client.force_login(office_officer)
    response = client.post(
        reverse("awards:line_create", kwargs={"pk": office_proposal.pk}),
        {
            "subject": "unit",
            "title": f.title("TTLDTT").pk,
            "achievements": "Hoàn thành xuất sắc nhiệm vụ",
            "initiatives": [initiatives["dong_hung"].pk],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["initiatives"]
    assert ProposalLine.objects.count() == 0
    assert LineInitiative.objects.count() == 0


# --- The plan's registration provision ---------------------------------------------------------------------------


def test_an_unregistered_title_is_refused_citing_the_plans_section(province, plan, unit, staff, officer):
    with pytest.raises(ValidationError) as refused:
        propose(unit, plan, [(staff[0], "LDTT", [])], submit=False)
    (message,) = refused.value.messages
    assert "không được xét" in message and message.endswith("(Kế hoạch 02/KH-VKS, mục III.2).")


def test_a_title_other_than_registered_is_refused_citing_the_plans_section(province, plan, unit, staff, officer):
    register(unit, plan, {staff[0]: "LDTT"})
    with pytest.raises(ValidationError) as refused:
        propose(unit, plan, [(staff[0], "CSTDCS", [])], submit=False)
    assert refused.value.messages == [
        "Nguyễn Văn An đăng ký “Lao động tiên tiến” năm 2018, không phải “Chiến sĩ thi đua cơ sở” "
        "(Kế hoạch 02/KH-VKS, mục III.2)."
    ]


def test_a_plan_without_the_registration_provision_considers_unregistered_titles(province, unit, staff, officer):
    plan = f.make_plan(province, 2019, registration_required=False, registration_section="")
    (line,) = propose(unit, plan, [(staff[0], "LDTT", [])], submit=False)
    assert line.title.code == "LDTT"


def test_the_line_form_cites_the_plans_registration_section(client, plan, unit, officer):
    proposal = proposal_create(unit=unit, year_plan=plan, kind="year_end", actor=officer)
    client.force_login(officer)
    page = client.get(reverse("awards:line_create", kwargs={"pk": proposal.pk})).content.decode()
    assert "(Kế hoạch 02/KH-VKS, mục III.2)" in page
