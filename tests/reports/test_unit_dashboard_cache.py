"""The unit's dashboard is rendered from the cache under the version of what it reads
(``unit_dashboard_version``, one query), keyed on the unit: writes show at once, a unit never gets another's page."""

import datetime
import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from movements.services import pledge_save
from registrations.services import registration_submit
from tests import factories as f
from tests.factories import full_lines


def main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def get(client, plan, unit):
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("reports:unit_dashboard", kwargs={"plan": plan.pk, "unit": unit.pk}))
    return response, len(context)


def text(client, plan, unit) -> str:
    response, _ = get(client, plan, unit)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main(response.content.decode())))


def test_a_hit_costs_no_query_for_the_data(client, plan, unit, officer):
    client.force_login(officer)
    cache.clear()
    missed = get(client, plan, unit)[1]
    response, hit = get(client, plan, unit)
    assert response.status_code == 200 and unit.name in main(response.content.decode())
    # The session, the user, the plan, the unit; the version is kept under the tables' generations
    # (units.generations); the miss also runs the version query and reads the page's data.
    assert (missed, hit) == (16, 4)


def test_each_officer_gets_the_page_of_their_own_unit(client, plan, unit, other_unit, officer, other_officer):
    f.make_staff(unit, "Nguyễn Văn An", date_of_birth=None)  # an incomplete record in this unit only
    client.force_login(officer)
    mine = text(client, plan, unit)
    assert unit.name in mine and "1 hồ sơ cán bộ thiếu" in mine
    client.force_login(other_officer)
    theirs = text(client, plan, other_unit)
    assert other_unit.name in theirs and unit.name not in theirs and "1 hồ sơ cán bộ thiếu" not in theirs
    assert get(client, plan, unit)[0].status_code == 404  # an officer never reaches another unit's page


def test_writes_show_at_once(client, plan, unit, officer, secretariat):
    staff = [f.make_staff(unit, "Nguyễn Văn An", date_of_birth=datetime.date(1980, 1, 1))]
    client.force_login(officer)
    before = text(client, plan, unit)
    assert "Chưa bắt đầu" in before and "hồ sơ" not in before
    pledge_save(
        year_plan=plan,
        unit=unit,
        actor=officer,
        signed_on=datetime.date(2018, 1, 12),
        head_signatory="Nguyễn Văn An",
        union_signatory="Trần Thị Bình",
    )
    registration_submit(
        unit=unit, year_plan=plan, actor=officer, lines=full_lines(unit, staff), now=f.local_dt(2018, 1, 10, 9)
    )
    after = text(client, plan, unit)
    assert after != before
    assert "✓ Đã gửi" in after
    f.make_staff(unit, "Trần Văn Bình", date_of_birth=None)
    assert "1 hồ sơ cán bộ thiếu" in text(client, plan, unit)
