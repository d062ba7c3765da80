"""News items and articles by units' people (issue 15, plan II.2.7): the services and their audit, the access
rule (an officer's own unit; a posted author or unit of another unit refused or 404), the counts per unit and per
leader, the scoring criterion ``AutoSource.LEADERS_ARTICLES`` and the list pages' literal query counts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from movements.enums import AutoSource
from movements.models import ScoringCriterion
from movements.scoring.criteria import auto_facts, auto_points
from tests import factories as f
from tests.factories import assert_list_queries
from units.articles import article_counts, article_create, article_delete, article_update
from units.attachments import attachments_of
from units.enums import ArticleKind, ArticleOutlet
from units.models import Article, AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def head(unit):
    return f.make_staff(unit, "Phạm Văn Trưởng", position="Viện trưởng")


def write(unit, actor, authors, *, title="Tuyên truyền Luật Tố cáo", published_on=datetime.date(2018, 5, 2), **more):
    fields = {"kind": ArticleKind.NEWS, "outlet": ArticleOutlet.SECTOR_WEBSITE, **more}
    return article_create(unit=unit, actor=actor, authors=authors, title=title, published_on=published_on, **fields)


def audit_of(article):
    return list(AuditEntry.objects.filter(object_id=article.pk, action__startswith="article.").order_by("id"))


def test_create_update_delete_are_audited(officer, unit, staff, head):
    pdf = SimpleUploadedFile("bai-bao.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    article = write(unit, officer, [head, staff[0]], files=[pdf], outlet_name="vksndtc.gov.vn")
    assert article.recorded_by == officer
    assert [a.full_name for a in article.authors.order_by("sort_key")] == ["Nguyễn Văn An", "Phạm Văn Trưởng"]
    assert article.outlet_text == "Trang thông tin điện tử của Ngành (vksndtc.gov.vn)"
    assert [a.original_name for a in attachments_of(article)] == ["bai-bao.pdf"]
    (created,) = audit_of(article)
    assert created.action == "article.create" and created.unit == unit and created.actor == officer
    assert created.data["title"] == "Tuyên truyền Luật Tố cáo"
    assert created.data["authors"] == "Nguyễn Văn An, Phạm Văn Trưởng"  # in roster order

    article_update(
        article=article,
        actor=officer,
        authors=[head],
        kind=ArticleKind.RESEARCH,
        title="Tuyên truyền Luật Tố cáo năm 2018",
        outlet=ArticleOutlet.JOURNAL,
        outlet_name="Tạp chí Kiểm sát số 6/2018",
        published_on=datetime.date(2018, 5, 2),
        link="",
    )
    changed = audit_of(article)[-1]
    assert changed.action == "article.update"
    assert changed.data["changes"]["authors"] == {"old": "Nguyễn Văn An, Phạm Văn Trưởng", "new": "Phạm Văn Trưởng"}
    assert changed.data["changes"]["kind"] == {"old": "news", "new": "research"}
    assert "published_on" not in changed.data["changes"]

    article_pk = article.pk
    article_delete(article=article, actor=officer)
    assert not Article.objects.filter(pk=article_pk).exists()
    deleted = AuditEntry.objects.get(object_id=article_pk, action="article.delete")
    assert deleted.data["title"] == "Tuyên truyền Luật Tố cáo năm 2018"
    assert deleted.action_label == "xóa tin, bài"


def test_authors_must_be_staff_of_the_unit(officer, unit, other_unit, head):
    stranger = f.make_staff(other_unit, "Đỗ Thị Khác")
    with pytest.raises(ValidationError) as refused:
        write(unit, officer, [head, stranger])
    assert "Đỗ Thị Khác" in str(refused.value.message_dict["authors"])
    with pytest.raises(ValidationError):
        write(unit, officer, [])
    with pytest.raises(ValidationError) as unnamed:
        write(unit, officer, [head], outlet=ArticleOutlet.OTHER)
    assert "outlet_name" in unnamed.value.message_dict
    assert not Article.objects.exists()


def test_an_officer_writes_only_for_their_unit(other_officer, unit, head):
    with pytest.raises(PermissionDenied):
        write(unit, other_officer, [head])


def test_counts_per_unit_and_per_leader(secretariat, officer, other_officer, unit, other_unit, staff, head):
    deputy = f.make_staff(other_unit, "Vũ Thị Phó", position="Phó Viện trưởng", gender="female")
    write(unit, officer, [head])
    write(unit, officer, [head, staff[0]], kind=ArticleKind.RESEARCH, outlet=ArticleOutlet.JOURNAL)
    write(unit, officer, [staff[1]])  # nobody of the leaders
    write(unit, officer, [head], published_on=datetime.date(2017, 12, 30))  # another year
    write(other_unit, other_officer, [deputy], kind=ArticleKind.ARTICLE)

    counts = article_counts(secretariat, year=2018)
    rows = {row.unit.pk: row for row in counts.units}
    assert rows[unit.pk].by_kind == [2, 0, 1] and rows[unit.pk].total == 3 and rows[unit.pk].by_leaders == 2
    assert rows[other_unit.pk].by_kind == [0, 1, 0] and rows[other_unit.pk].by_leaders == 1
    assert counts.totals.by_kind == [2, 1, 1] and counts.totals.total == 4 and counts.totals.by_leaders == 3
    assert [(p.full_name, p.article_count) for p in counts.leaders] == [("Phạm Văn Trưởng", 2), ("Vũ Thị Phó", 1)]

    research = article_counts(secretariat, year=2018, kind=ArticleKind.RESEARCH)
    assert {row.unit.pk: row.total for row in research.units} == {unit.pk: 1, other_unit.pk: 0, unit.province_id: 0}
    mine = article_counts(officer, year=2018)
    assert [row.unit.pk for row in mine.units] == [unit.pk]
    assert [p.full_name for p in mine.leaders] == ["Phạm Văn Trưởng"]


def test_scoring_criterion_counts_the_leaders_articles_of_the_year(plan, officer, unit, other_unit, staff, head):
    criterion = ScoringCriterion(name="Viết tin, bài", max_points=Decimal("3"), auto_source=AutoSource.LEADERS_ARTICLES)
    for day in (1, 2):
        write(unit, officer, [head, staff[0]], published_on=datetime.date(2018, 3, day))
    write(unit, officer, [staff[1]])  # not by a leader
    write(unit, officer, [head], published_on=datetime.date(2017, 6, 1))  # not in the plan's year
    facts = auto_facts(plan, [unit, other_unit], [AutoSource.LEADERS_ARTICLES])
    assert auto_points(criterion, unit, facts) == (
        Decimal("2.00"),
        "Lãnh đạo đơn vị có 2 tin, bài trong năm 2018 (mỗi tin, bài 1 điểm, tối đa 3 điểm).",
    )
    assert auto_points(criterion, other_unit, facts)[0] == Decimal("0.00")
    for day in (3, 4):
        write(unit, officer, [head], published_on=datetime.date(2018, 4, day))
    facts = auto_facts(plan, [unit], [AutoSource.LEADERS_ARTICLES])
    assert auto_points(criterion, unit, facts)[0] == Decimal("3.00")  # four articles, capped at the maximum


def test_list_shows_the_units_articles_only(client, officer, other_officer, unit, other_unit, head):
    stranger = f.make_staff(other_unit, "Đỗ Thị Khác")
    write(unit, officer, [head], title="Bài của Đông Hưng")
    write(other_unit, other_officer, [stranger], title="Bài của Hưng Hà")
    client.force_login(officer)
    text = client.get(reverse("units:article_list")).content.decode()
    assert "Bài của Đông Hưng" in text and "Bài của Hưng Hà" not in text
    assert "Trang thông tin điện tử của Ngành" in text and "lãnh đạo" in text


def test_posted_foreign_ids_are_refused(client, officer, other_officer, secretariat, unit, other_unit, head):
    stranger = f.make_staff(other_unit, "Đỗ Thị Khác")
    theirs = write(other_unit, other_officer, [stranger])
    client.force_login(officer)
    assert client.get(reverse("units:article_update", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.post(reverse("units:article_delete", kwargs={"pk": theirs.pk})).status_code == 404
    data = {
        "kind": ArticleKind.NEWS,
        "title": "Bài mới",
        "authors": [head.pk, stranger.pk],
        "outlet": ArticleOutlet.SECTOR_WEBSITE,
        "published_on": "02/05/2018",
    }
    response = client.post(reverse("units:article_create"), data)
    assert response.status_code == 200 and not Article.objects.filter(title="Bài mới").exists()
    assert response.context["form"].errors["authors"]
    # The secretariat of another province cannot post into this one, nor filter on its units.
    foreign = f.make_user("secretariat", province=f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định"))
    client.force_login(foreign)
    response = client.post(reverse("units:article_create"), {**data, "unit": unit.pk, "authors": [head.pk]})
    assert response.status_code == 200 and not Article.objects.filter(title="Bài mới").exists()
    assert client.get(reverse("units:article_list"), {"unit": unit.pk}).status_code == 404
    assert client.get(reverse("units:article_summary"), {"unit": unit.pk}).status_code == 404


def test_form_records_and_confirms_the_deletion(client, officer, unit, head):
    client.force_login(officer)
    data = {
        "kind": ArticleKind.RESEARCH,
        "title": "Nâng cao chất lượng tranh tụng",
        "authors": [head.pk],
        "outlet": ArticleOutlet.JOURNAL,
        "outlet_name": "Tạp chí Kiểm sát số 14/2018",
        "published_on": "25/07/2018",
        "files": SimpleUploadedFile("bai.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    }
    response = client.post(reverse("units:article_create"), data)
    assert response.status_code == 302
    article = Article.objects.get(title="Nâng cao chất lượng tranh tụng")
    assert article.unit == unit and article.published_on == datetime.date(2018, 7, 25)
    url = reverse("units:article_delete", kwargs={"pk": article.pk})
    assert "Nâng cao chất lượng tranh tụng" in client.get(url).content.decode()
    assert Article.objects.filter(pk=article.pk).exists()  # asking is not deleting
    assert client.post(url).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


def test_summary_page_counts(client, secretariat, officer, unit, head, staff):
    write(unit, officer, [head])
    write(unit, officer, [staff[0]])
    client.force_login(secretariat)
    response = client.get(reverse("units:article_summary"))
    assert response.context["filters"]["year"] == 2018  # the latest year with articles
    rows = {row.unit.pk: row for row in response.context["counts"].units}
    assert rows[unit.pk].total == 2 and rows[unit.pk].by_leaders == 1
    assert "Phạm Văn Trưởng" in response.content.decode()


def test_list_pages_use_a_constant_number_of_queries(client, province, secretariat):
    def make_row(index):
        unit = f.make_unit(province)
        leader = f.make_staff(unit, position="Viện trưởng")
        officer = f.make_officer(unit)
        pdf = SimpleUploadedFile("bai.pdf", b"%PDF-1.4 test", content_type="application/pdf")
        write(unit, officer, [leader, f.make_staff(unit)], title=f"Bài {index}", files=[pdf])

    client.force_login(secretariat)
    page = assert_list_queries(client, reverse("units:article_list"), make_row, expected=9)
    assert page.content.decode().count('<tr id="article-') == 3
    assert_list_queries(client, reverse("units:article_summary"), make_row, expected=9, rows=(4, 6))


def test_officer_list_query_count(client, unit, officer, head):
    def make_row(index):
        write(unit, officer, [head], title=f"Bài {index}")

    client.force_login(officer)
    assert_list_queries(client, reverse("units:article_list"), make_row, expected=8)
