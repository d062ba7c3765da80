from django.urls import reverse

from tests import factories as f
from tests.factories import count_queries


def test_staff_list_is_scoped_to_the_officers_unit(client, officer, unit, other_unit):
    f.make_staff(unit, "Nguyễn Văn An")
    f.make_staff(other_unit, "Phạm Văn Khách")
    client.force_login(officer)
    response = client.get(reverse("units:staff_list"))
    assert [p.full_name for p in response.context["staff"]] == ["Nguyễn Văn An"]


def test_staff_list_searches_without_accents_in_roster_order(client, secretariat, unit, other_unit):
    for name in ["Trần Văn An", "Nguyễn Văn An", "Lê Thị Bình"]:
        f.make_staff(unit, name)
    f.make_staff(other_unit, "Đỗ Văn An")
    client.force_login(secretariat)
    response = client.get(reverse("units:staff_list"), {"q": "van an"})
    assert [p.full_name for p in response.context["staff"]] == ["Đỗ Văn An", "Nguyễn Văn An", "Trần Văn An"]
    assert "Lê Thị Bình" not in response.content.decode()


def test_staff_list_paginates(client, secretariat, unit):
    for i in range(55):
        f.make_staff(unit, f"Nguyễn Văn Người{i:02d}")
    client.force_login(secretariat)
    first = client.get(reverse("units:staff_list"))
    second = client.get(reverse("units:staff_list"), {"page": 2})
    assert len(first.context["staff"]) == 50
    assert len(second.context["staff"]) == 5
    assert "Trang 1/2" in first.content.decode()


def test_staff_list_queries_do_not_grow(client, secretariat, province):
    counts = []
    for n in (1, 30):
        unit = f.make_unit(province)
        for _ in range(n):
            f.make_staff(unit)
        client.force_login(secretariat)
        counts.append(count_queries(client, reverse("units:staff_list") + "?q=nguyen"))
    assert counts == [7] * 2  # 5, the unit filter's choices and the version the rows are cached under


def test_home_sends_each_role_to_its_page(client, officer, secretariat, unit, plan):
    client.force_login(officer)
    assert client.get("/").url == reverse("registrations:sheet", kwargs={"plan": plan.pk, "unit": unit.pk})
    client.force_login(secretariat)
    assert client.get("/").url == reverse("registrations:overview", kwargs={"plan": plan.pk})


def test_home_without_a_plan_explains_what_to_do(client, secretariat):
    client.force_login(secretariat)
    response = client.get("/")
    assert "Chưa có kế hoạch thi đua năm" in response.content.decode()


def test_login_page_is_vietnamese_and_signs_in(client, officer, plan):
    page = client.get(reverse("login"))
    assert "Đăng nhập" in page.content.decode()
    response = client.post(reverse("login"), {"username": officer.username, "password": f.PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_english_is_available(client, secretariat):
    client.force_login(secretariat)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "No emulation year plan" in client.get("/").content.decode()


def test_an_english_browser_still_gets_vietnamese(client, secretariat):
    client.force_login(secretariat)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Chưa có kế hoạch thi đua năm" in response.content.decode()
    assert response["Content-Language"] == "vi"
