"""Issue 13 points 4, 6 and 7 in the browser: the secretariat picks the council's members by typing a name, sends a
title's accepted lines to the agenda at once, enters a group's tally once with one exception, and closes the meeting
after the confirmation."""

import datetime

import pytest

from awards.models import AgendaItem, CouncilMeeting
from tests import factories as f
from tests.factories import accept_all, propose, register

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    staff = [f.make_staff(unit, name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường")]
    f.make_officer(unit)
    f.make_user("secretariat", province=province, username="thuongtruc")
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [
        f.make_staff(office, name, date_of_birth=datetime.date(1970 + i, 1, 1))
        for i, name in enumerate(("Phạm Minh Hải", "Đỗ Thu Hà", "Vũ Quang Huy"))
    ]
    # A namesake in another unit: the picker tells them apart by unit and year of birth.
    f.make_staff(unit, "Phạm Minh Hải", date_of_birth=datetime.date(1988, 6, 1))
    plan = f.make_plan(province, 2018)
    register(unit, plan, {})
    lines = propose(unit, plan, [(person, "LDTT", []) for person in staff])
    accept_all(lines, f.make_user("secretariat", province=province))
    return {"plan": plan, "members": members, "lines": lines}


def pick(page, field, typed, label):
    """Type part of a name in a picker and choose the option with ``label``."""
    control = page.locator(f"#{field}-ts-control")
    control.click()
    control.press_sequentially(typed)
    page.locator(f"#{field}-ts-dropdown .option", has_text=label).first.click()


def test_secretariat_works_the_council_in_bulk(journey, world):
    plan = world["plan"]
    tab = journey("council-bulk")
    tab.sign_in("thuongtruc", f.PASSWORD)
    page = tab.page

    tab.go(f"/plans/{plan.pk}/meetings/new/")
    page.fill("#id_held_at", "20/12/2018 08:00")
    pick(page, "id_members", "hai", "Phạm Minh Hải — Văn phòng, 1970")
    pick(page, "id_members", "thu ha", "Đỗ Thu Hà — Văn phòng, 1971")
    pick(page, "id_members", "huy", "Vũ Quang Huy — Văn phòng, 1972")
    pick(page, "id_chair", "hai", "Phạm Minh Hải — Văn phòng, 1970")
    # The secretary is chosen among the members: the namesake of another unit is not offered.
    offered = page.evaluate(
        "() => Object.values(document.getElementById('id_secretary').tomselect.options).map((o) => o.text).sort()"
    )
    assert offered == [
        "Phạm Minh Hải — Văn phòng, 1970",
        "Vũ Quang Huy — Văn phòng, 1972",
        "Đỗ Thu Hà — Văn phòng, 1971",
    ]
    pick(page, "id_secretary", "huy", "Vũ Quang Huy — Văn phòng, 1972")
    tab.snap("members-picked")
    page.click("main form [type=submit]")
    page.wait_for_load_state()
    meeting = CouncilMeeting.objects.get()
    assert (meeting.members_total, meeting.chair, meeting.secretary) == (3, "Phạm Minh Hải", "Vũ Quang Huy")

    tab.go(f"/plans/{plan.pk}/review/")
    page.click("text=Gửi 3 “Lao động tiên tiến” đến Hội đồng")
    page.wait_for_load_state()
    assert "Đã đưa 3 đề nghị “Lao động tiên tiến” vào chương trình cuộc họp ngày 20/12/2018." in page.inner_text("main")
    tab.snap("sent-to-council")

    tab.go(f"/meetings/{meeting.pk}/")
    group = page.locator("section.agenda-group").first
    assert "Lao động tiên tiến" in group.inner_text() and "3 đề nghị" in group.inner_text()
    # One exception first, on its own line: Lê Đức Cường is not approved.
    row = page.locator("tr.agenda-item", has_text="Lê Đức Cường")
    row.locator("input[name=yes]").fill("0")
    row.locator("input[name=no]").fill("3")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    form = page.locator("form.group-tally")
    assert "Cùng một kết quả cho 2 đề nghị chưa kiểm phiếu" in form.inner_text()
    form.locator("input[name=yes]").fill("3")
    form.locator("input[name=no]").fill("0")
    tab.snap("group-tally")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Đã kiểm phiếu 2 đề nghị: 2 đạt, 0 không đạt." in page.inner_text("main")
    assert "đã kiểm phiếu 3, đạt 2" in page.locator("section.agenda-group").first.inner_text()
    assert dict(AgendaItem.objects.values_list("line__staff__full_name", "approved")) == {
        "Nguyễn Văn An": True,
        "Trần Thị Bình": True,
        "Lê Đức Cường": False,
    }

    page.click("#meeting-close")
    page.wait_for_load_state()
    summary = page.inner_text("#close-summary")
    assert "2 đề nghị đạt" in summary and "1 đề nghị không đạt" in summary and "Không gửi e-mail cho ai." in summary
    meeting.refresh_from_db()
    assert meeting.state == "planned"
    tab.snap("close-confirmation")
    page.click("#confirm-close")
    page.wait_for_load_state()
    assert "Đã kết thúc phiên họp." in page.inner_text("main")
    meeting.refresh_from_db()
    assert meeting.state == "closed"
    tab.snap("closed")
