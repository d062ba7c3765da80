"""The unit score page keeps what was typed: Vietnamese decimals, each error next to its field, the other values
kept, for the self-score, the cluster head's review and the approval."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from movements.enums import ScoreState
from movements.models import ClusterYear, UnitScore
from movements.scoring import scoring_sheet_create, sheet_criteria, unit_score_self, unit_score_start
from movements.scoring.forms import ScorePointsForm, points_text
from tests import factories as f
from units.models import AuditEntry, Cluster

EVIDENCE = "Báo cáo tổng kết công tác năm 2018, số 12/BC-VKS"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def sheet(plan, secretariat):
    return scoring_sheet_create(year_plan=plan, actor=secretariat)


def manual(sheet):
    """32 (evidence), 12 (evidence), 8 (evidence), 8 points."""
    return [c for c in sheet_criteria(sheet) if not c.auto_source]


def url_of(plan, unit):
    return reverse("movements:unit_score", kwargs={"plan": plan.pk, "unit": unit.pk})


def field_value(html: str, name: str) -> str:
    tag = re.search(rf'<input [^>]*name="{name}"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


def field_error(html: str, name: str) -> str:
    match = re.search(rf'<div class="invalid-feedback[^"]*" id="{name}_error">(.*?)</div>', html, re.S)
    return match.group(1).strip() if match else ""


@pytest.mark.parametrize(
    ("typed", "points"), [("7,5", Decimal("7.5")), ("7.5", Decimal("7.5")), (" 6,25 ", Decimal("6.25")), ("0", 0)]
)
def test_vietnamese_decimals_are_read_with_a_comma_or_a_point(sheet, typed, points):
    criterion = manual(sheet)[3]
    form = ScorePointsForm({f"points_{criterion.pk}": typed}, criteria=[criterion])
    assert form.is_valid(), form.errors
    assert form.values == {criterion.pk: (points, "")}


def test_points_are_shown_with_a_decimal_comma():
    assert [points_text(v) for v in (Decimal("8.50"), Decimal("10.00"), Decimal("0.25"), None)] == [
        "8,5",
        "10",
        "0,25",
        "",
    ]


def test_an_over_maximum_value_is_refused_next_to_its_field_and_the_others_stay(client, plan, sheet, unit, officer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    url = url_of(plan, unit)
    client.post(url, {"start": "1"})
    main, second, unity, thrift = manual(sheet)
    typed = {
        f"points_{main.pk}": "30",
        f"text_{main.pk}": EVIDENCE,
        f"points_{second.pk}": "12,5",  # over its 12
        f"text_{second.pk}": "Không có án bị hủy",
        f"points_{unity.pk}": "abc",
        f"points_{thrift.pk}": "7,5",
        "save": "1",
    }
    response = client.post(url, typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert field_error(html, f"points_{second.pk}") == f"“{second.name}”: between 0 and 12.00 points."
    assert field_error(html, f"points_{unity.pk}") == "Write a number, such as 8,5."
    assert field_error(html, f"points_{main.pk}") == "" and field_error(html, f"points_{thrift.pk}") == ""
    for name in (f"points_{main.pk}", f"points_{second.pk}", f"points_{unity.pk}", f"points_{thrift.pk}"):
        assert field_value(html, name) == typed[name]  # exactly as typed, "8,5" too
    assert field_value(html, f"text_{second.pk}") == "Không có án bị hủy"
    assert 'inputmode="decimal"' in html and 'type="number"' not in html
    assert "Nothing was saved" in html
    score = UnitScore.objects.get(unit=unit)
    assert [r.self_points for r in score.criterion_scores.filter(criterion__auto_source="")] == [None] * 4
    assert not AuditEntry.objects.filter(action="unit_score.self").exists()

    typed |= {f"points_{second.pk}": "11,5", f"points_{unity.pk}": "7", f"text_{unity.pk}": EVIDENCE}
    response = client.post(url, typed)
    assert response.status_code == 302
    saved = dict(score.criterion_scores.values_list("criterion_id", "self_points"))
    assert (saved[second.pk], saved[thrift.pk]) == (Decimal("11.50"), Decimal("7.50"))
    html = client.get(url).content.decode()
    assert field_value(html, f"points_{thrift.pk}") == "7,5"  # shown back with the comma


def test_missing_evidence_is_shown_under_the_evidence_field(client, plan, sheet, unit, officer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officer)
    url = url_of(plan, unit)
    client.post(url, {"start": "1"})
    main, *_rest = manual(sheet)
    html = client.post(url, {f"points_{main.pk}": "30", "save": "1"}).content.decode()
    assert field_error(html, f"text_{main.pk}") == f"“{main.name}” needs its evidence."
    assert field_value(html, f"points_{main.pk}") == "30"


def test_a_service_refusal_keeps_what_the_reviewer_typed(client, plan, sheet, unit, other_unit, officer, province):
    cluster = Cluster.objects.create(province=province, name="Cụm thi đua số 1")
    for member in (unit, other_unit):
        member.cluster = cluster
        member.save()
    ClusterYear.objects.create(cluster=cluster, year_plan=plan, head_unit=other_unit)
    head = f.make_officer(other_unit)
    score = unit_score_self(
        score=unit_score_start(sheet=sheet, unit=unit, actor=officer),
        actor=officer,
        values={c.pk: (c.max_points, EVIDENCE) for c in manual(sheet)},
        submit=True,
    )
    assert score.state == ScoreState.SELF_SCORED
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(head)
    main, second, *_rest = manual(sheet)
    url = url_of(plan, unit)
    html = client.get(url).content.decode()
    assert field_value(html, f"points_{main.pk}") == "32"  # the self-score, to change if needed
    response = client.post(url, {f"points_{main.pk}": "27,5", f"points_{second.pk}": "12"})
    html = response.content.decode()
    assert f"“{main.name}”: give the reason for changing the points." in html
    assert field_value(html, f"points_{main.pk}") == "27,5"
    score.refresh_from_db()
    assert score.state == ScoreState.SELF_SCORED
    response = client.post(
        url, {f"points_{main.pk}": "27,5", f"text_{main.pk}": "Thiếu minh chứng quý IV", f"points_{second.pk}": "12"}
    )
    assert response.status_code == 302
    score.refresh_from_db()
    assert score.state == ScoreState.CLUSTER_REVIEWED
    assert score.criterion_scores.get(criterion=main).cluster_points == Decimal("27.50")
