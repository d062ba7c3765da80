"""Issue 15: the admin pages of the articles (units) and of the council's inspections (awards). Vietnamese columns
with names, never codes; search; filters by unit and year; the workflow's state read-only (it moves only through
``awards.services.inspections``); the writes that the admin allows go through the audited services."""

import datetime

import pytest
from django.urls import reverse

from awards.enums import InspectionState
from awards.models import Inspection
from tests import factories as f
from tests.awards.test_inspections import inspection_plan, issued, make_inspection, team  # noqa: F401 - fixtures
from tests.factories import assert_list_queries
from tests.test_admin_vi import assert_vietnamese, readable
from units.articles import article_create
from units.models import Article, AuditEntry

CHANGELISTS = {
    "articles": "admin:units_article_changelist",
    "plans": "admin:awards_inspectionplan_changelist",
    "inspections": "admin:awards_inspection_changelist",
    "findings": "admin:awards_finding_changelist",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def article(unit, authors, actor, title, day, **fields):
    return article_create(unit=unit, actor=actor, authors=authors, title=title, published_on=day, **fields)


@pytest.fixture
def articles(unit, other_unit, secretariat):
    head = f.make_staff(unit, "Nguyễn Văn An", position="Viện trưởng")
    other = f.make_staff(other_unit, "Trần Thị Bình")
    first = article(
        unit,
        [head],
        secretariat,
        "Nâng cao chất lượng kiểm sát xét xử",
        datetime.date(2018, 5, 10),
        kind="article",
        outlet="journal",
        outlet_name="Tạp chí Kiểm sát số 12/2018",
    )
    second = article(
        other_unit,
        [other],
        secretariat,
        "Tin hội nghị tổng kết",
        datetime.date(2017, 12, 20),
        kind="news",
        outlet="sector_website",
    )
    return [first, second]


def titles(response) -> list[str]:
    return [str(row) for row in response.context["cl"].result_list]


# --- Articles ----------------------------------------------------------------------------------------------------


def test_the_article_list_is_vietnamese_with_names(admin_client, articles, unit):
    page = admin_client.get(reverse(CHANGELISTS["articles"])).content.decode()
    text = readable(page)
    for words in (
        "Tên",
        "Đơn vị",
        "Nơi đăng",
        "Ngày đăng",
        "Tác giả",
        "Nguyễn Văn An",
        unit.name,
        "Tạp chí",
        "Theo năm",
        "2017",
    ):
        assert words in text, words
    shown = readable(page)  # the codes stay in the filters' links, never in what is read
    for code in (unit.code, "sector_website", "journal", "article", "news"):
        assert code not in shown, code
    assert_vietnamese(page)


def test_the_article_list_searches_and_filters(admin_client, articles, unit):
    url = reverse(CHANGELISTS["articles"])
    assert titles(admin_client.get(url, {"q": "nguyen van an"})) == ["Nâng cao chất lượng kiểm sát xét xử"]
    assert titles(admin_client.get(url, {"q": "tổng kết"})) == ["Tin hội nghị tổng kết"]
    assert titles(admin_client.get(url, {"year": "2017"})) == ["Tin hội nghị tổng kết"]
    assert titles(admin_client.get(url, {"unit__id__exact": unit.pk})) == ["Nâng cao chất lượng kiểm sát xét xử"]


def test_the_article_list_queries(admin_client, unit, secretariat):
    def make_row(index):
        person = f.make_staff(unit, f"Lê Văn Số{index}", position="Phó Viện trưởng")
        article(
            unit, [person], secretariat, f"Bài số {index}", datetime.date(2018, 3, 1 + index), outlet="provincial_press"
        )

    response = assert_list_queries(admin_client, reverse(CHANGELISTS["articles"]), make_row, expected=8)
    assert titles(response) == ["Bài số 2", "Bài số 1", "Bài số 0"]


def test_an_article_added_in_the_admin_goes_through_the_service(admin_client, unit, other_unit):
    head = f.make_staff(unit, "Nguyễn Văn An", position="Viện trưởng")
    stranger = f.make_staff(other_unit, "Trần Thị Bình")
    data = {
        "unit": unit.pk,
        "kind": "article",
        "title": "Bài nghiên cứu về Bộ luật Tố tụng hình sự",
        "authors": [stranger.pk],
        "outlet": "other",
        "outlet_name": "",
        "published_on": "10/05/2018",
        "link": "",
    }
    refused = admin_client.post(reverse("admin:units_article_add"), data)
    assert refused.status_code == 200 and not Article.objects.exists()
    errors = readable(refused.content.decode())
    assert f"Tác giả phải là cán bộ của {unit.name}: Trần Thị Bình không thuộc đơn vị này." in errors
    assert "Hãy ghi rõ nơi đăng." in errors
    assert refused.context["adminform"].form.errors.keys() >= {"authors", "outlet_name"}
    response = admin_client.post(
        reverse("admin:units_article_add"), {**data, "authors": [head.pk], "outlet_name": "Báo Thái Bình"}
    )
    assert response.status_code == 302
    created = Article.objects.get()
    assert [p.full_name for p in created.authors.all()] == ["Nguyễn Văn An"]
    assert list(
        AuditEntry.objects.filter(object_id=created.pk, action__startswith="article.").values_list("action", flat=True)
    ) == ["article.create"]
    admin_client.post(reverse("admin:units_article_delete", args=[created.pk]), {"post": "yes"})
    assert not Article.objects.exists()
    assert AuditEntry.objects.filter(object_id=created.pk, action="article.delete").count() == 1


# --- Inspections -------------------------------------------------------------------------------------------------


def test_the_inspection_lists_are_vietnamese_with_names(
    admin_client,
    inspection_plan,  # noqa: F811
    unit,
    other_unit,
    team,  # noqa: F811
    secretariat,
):
    issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)
    make_inspection(inspection_plan, other_unit, team, secretariat, day=datetime.date(2018, 10, 2))
    for name in ("plans", "inspections", "findings"):
        page = admin_client.get(reverse(CHANGELISTS[name])).content.decode()
        text = readable(page)
        assert "Theo năm" in text and "2018" in text, name
        for code in (unit.code, ">planned<", ">issued<", ">open<", ">joint<"):
            assert code not in page, (name, code)
        assert_vietnamese(page)
    inspections = readable(admin_client.get(reverse(CHANGELISTS["inspections"])).content.decode())
    for words in (unit.name, other_unit.name, "Phạm Quang Huy", "Đã ban hành biên bản", "Đã lên kế hoạch", "03/BB-VKS"):
        assert words in inspections, words
    assert "Thường trực Hội đồng phối hợp với Thanh tra" in inspections and "12/09/2018" in inspections
    findings = readable(admin_client.get(reverse(CHANGELISTS["findings"])).content.decode())
    assert unit.name in findings and "Tồn tại số 1: hồ sơ khen thưởng chưa lưu đủ." in findings


def test_the_inspection_lists_filter_by_unit_year_and_state(
    admin_client,
    inspection_plan,  # noqa: F811
    unit,
    other_unit,
    team,  # noqa: F811
    secretariat,
):
    done = issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)
    planned = make_inspection(inspection_plan, other_unit, team, secretariat, day=datetime.date(2018, 10, 2))
    url = reverse(CHANGELISTS["inspections"])
    assert titles(admin_client.get(url, {"unit__id__exact": other_unit.pk})) == [str(planned)]
    assert titles(admin_client.get(url, {"state__exact": InspectionState.ISSUED})) == [str(done)]
    assert titles(admin_client.get(url, {"plan__year_plan__year": "2018"})) == [str(done), str(planned)]
    assert admin_client.get(url, {"plan__year_plan__year": "2017"}).context["cl"].result_count == 0
    assert titles(admin_client.get(url, {"q": "pham quang huy"})) == [str(done), str(planned)]
    assert titles(admin_client.get(url, {"q": "Hưng Hà"})) == [str(planned)]
    issued(planned, secretariat, findings=[datetime.date(2018, 12, 1), datetime.date(2018, 12, 15)])
    findings = reverse(CHANGELISTS["findings"])
    by_unit = admin_client.get(findings, {"inspection__unit__id__exact": other_unit.pk}).context["cl"]
    assert sorted(x.due_date.day for x in by_unit.result_list) == [1, 15]
    assert admin_client.get(findings, {"inspection__plan__year_plan__year": "2018"}).context["cl"].result_count == 3
    assert admin_client.get(findings, {"inspection__plan__year_plan__year": "2017"}).context["cl"].result_count == 0
    assert admin_client.get(findings, {"q": "Bổ sung hồ sơ số 2"}).context["cl"].result_count == 1


@pytest.mark.parametrize("name", ["inspections", "findings"])
def test_the_inspection_lists_queries(admin_client, name, inspection_plan, province, team, secretariat):  # noqa: F811
    def make_row(index):
        unit = f.make_unit(province, f"Viện kiểm sát nhân dân huyện Số {index}")
        issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)

    expected = {"inspections": 7, "findings": 7}[name]
    response = assert_list_queries(admin_client, reverse(CHANGELISTS[name]), make_row, expected=expected)
    assert response.context["cl"].result_count == 3


def test_the_state_is_read_only_and_the_record_goes_through_the_service(
    admin_client,
    inspection_plan,  # noqa: F811
    unit,
    team,  # noqa: F811
    secretariat,
):
    inspection = make_inspection(inspection_plan, unit, team, secretariat)
    url = reverse("admin:awards_inspection_change", args=[inspection.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    assert "state" not in form.fields and "leader" not in form.fields
    assert set(form.fields) == {"inspected_on", "record_number", "unit_head", "unit_head_title", "conclusion"}
    shown = readable(page.content.decode())
    assert "Đã lên kế hoạch" in shown and "Phạm Quang Huy" in shown and "Đỗ Thị Lan" in shown
    response = admin_client.post(
        url,
        {
            "state": InspectionState.CLOSED,
            "inspected_on": "12/09/2018",
            "record_number": "07/BB-VKS",
            "unit_head": "Vũ Văn Hải",
            "unit_head_title": "Viện trưởng",
            "conclusion": "Đơn vị thực hiện tốt.",
            "findings-TOTAL_FORMS": "0",
            "findings-INITIAL_FORMS": "0",
            "findings-MIN_NUM_FORMS": "0",
            "findings-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    inspection.refresh_from_db()
    assert (inspection.state, inspection.record_number) == (InspectionState.PLANNED, "07/BB-VKS")
    entry = AuditEntry.objects.filter(object_id=inspection.pk, action="inspection.record").latest("pk")
    assert entry.data["record_number"] == {"old": "", "new": "07/BB-VKS"}


def test_an_issued_record_and_the_findings_are_view_only(
    admin_client,
    inspection_plan,  # noqa: F811
    unit,
    team,  # noqa: F811
    secretariat,
):
    inspection = issued(make_inspection(inspection_plan, unit, team, secretariat), secretariat)
    url = reverse("admin:awards_inspection_change", args=[inspection.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.post(url, {"record_number": "99/BB-VKS"}).status_code == 403
    assert Inspection.objects.get(pk=inspection.pk).record_number == "03/BB-VKS"
    finding = inspection.findings.get()
    finding_page = admin_client.get(reverse("admin:awards_finding_change", args=[finding.pk]))
    assert 'name="_save"' not in finding_page.content.decode()
    assert admin_client.get(reverse("admin:awards_finding_add")).status_code == 403
    assert admin_client.get(reverse("admin:awards_inspection_add")).status_code == 403
    assert admin_client.get(reverse("admin:awards_inspectionplan_add")).status_code == 403
