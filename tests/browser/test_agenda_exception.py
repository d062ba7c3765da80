"""Issue 13 point 6 and the performance bullet in the browser: a group of more than five lines is folded, with one
group form and a "Ghi riêng" link on each line (no form per line); the exception is recorded on its own page, the
group's count then goes to the rest."""

import pytest

from awards.models import AgendaItem
from awards.services.council import agenda_add, meeting_create
from tests import factories as f
from tests.factories import accept_all, local_dt, propose, register

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường", "Phạm Thu Dung", "Hoàng Văn Em", "Vũ Thị Giang"]


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = f.make_province()
    unit = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng")
    people = [f.make_staff(unit, name) for name in NAMES]
    secretary = f.make_user("secretariat", province=province, username="thuongtruc")
    plan = f.make_plan(province, 2018)
    register(unit, plan, {})
    lines = propose(unit, plan, [(person, "LDTT", []) for person in people])
    accept_all(lines, secretary)
    office = f.make_unit(province, "Văn phòng", kind_code="department")
    members = [(f.make_staff(office, name), "Ủy viên", True) for name in ("Phạm Minh Hải", "Đỗ Thu Hà", "Vũ Quang Huy")]
    meeting = meeting_create(year_plan=plan, actor=secretary, held_at=local_dt(2018, 12, 20, 8), members=members)
    agenda_add(meeting=meeting, lines=lines, actor=secretary)
    return {"meeting": meeting}


def test_an_exception_on_its_own_page_then_the_group(journey, world):
    meeting = world["meeting"]
    tab = journey("agenda-exception")
    tab.sign_in("thuongtruc", f.PASSWORD)
    page = tab.page
    tab.go(f"/meetings/{meeting.pk}/")
    group = page.locator("section.agenda-group").first
    assert "6 đề nghị" in group.inner_text()
    assert page.locator("form.tally-form").count() == 0 and page.locator("form.group-tally").count() == 1
    page.locator("section.agenda-group summary").first.click()  # unfold the group's lines
    assert page.locator("a.tally-own").count() == 6
    tab.snap("folded-group")

    page.locator("tr.agenda-item", has_text="Lê Đức Cường").locator("a.tally-own").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Ghi riêng"
    assert "Lê Đức Cường" in page.inner_text("#tally-item") and "Lao động tiên tiến" in page.inner_text("#tally-item")
    form = page.locator("#tally-own")
    form.locator("input[name=yes]").fill("0")
    form.locator("input[name=no]").fill("3")
    form.locator("input[name=blank]").fill("0")
    form.locator("input[name=written_yes]").fill("0")
    form.locator("input[name=written_no]").fill("0")
    tab.snap("own-tally")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(
        f"/meetings/{meeting.pk}/#item-{AgendaItem.objects.get(line__staff__full_name='Lê Đức Cường').pk}"
    )
    assert "Lê Đức Cường" in page.inner_text("main") and "không đạt" in page.inner_text("main")

    group_form = page.locator("form.group-tally")
    assert "Cùng một kết quả cho 5 đề nghị chưa kiểm phiếu" in group_form.inner_text()
    group_form.locator("input[name=yes]").fill("3")
    group_form.locator("input[name=no]").fill("0")
    group_form.locator("input[name=blank]").fill("0")
    group_form.locator("input[name=written_yes]").fill("0")
    group_form.locator("input[name=written_no]").fill("0")
    group_form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Đã kiểm phiếu 5 đề nghị: 5 đạt, 0 không đạt." in page.inner_text("main")
    tab.snap("group-counted")
    approved = dict(AgendaItem.objects.values_list("line__staff__full_name", "approved"))
    assert approved == {**dict.fromkeys(NAMES, True), "Lê Đức Cường": False}
