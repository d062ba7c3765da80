"""The cluster's (cụm, khối thi đua) endorsement of a unit proposed for the Cờ thi đua ngành (issue 10 point 6):
at least 80 % of the cluster's units agree (TT 01/2019/TT-VKSTC Art. 20), recorded by the secretariat."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards.enums import LineState
from awards.models import ClusterEndorsement
from awards.services.council import endorsement_record
from awards.services.lines import line_transition
from tests import factories as f
from tests.factories import propose, register
from units.models import AuditEntry, Cluster

HELD_ON = datetime.date(2018, 11, 20)


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province)


@pytest.fixture
def cluster(province, unit, other_unit):
    """Đông Hưng, Hưng Hà and Quỳnh Phụ in one cluster, plus a unit no longer active."""
    cluster = Cluster.objects.create(province=province, name="Cụm thi đua số 1")
    closed = f.make_unit(province, "Viện kiểm sát nhân dân huyện Cũ")
    closed.is_active = False
    for member in (unit, other_unit, f.make_unit(province, "Viện kiểm sát nhân dân huyện Quỳnh Phụ"), closed):
        member.cluster = cluster
        member.save()
    return cluster


@pytest.fixture
def flag_line(plan, unit, staff, officer):
    """Đông Hưng proposed for the Cờ thi đua của ngành Kiểm sát nhân dân (80 % of its cluster)."""
    register(unit, plan, {}, collective="CO_NGANH")
    (line,) = propose(unit, plan, [(None, "CO_NGANH", [])])
    assert line.state == LineState.SUBMITTED
    return line


def record(line, actor, total=8, agreeing=7, held_on=HELD_ON, note=""):
    return endorsement_record(
        line=line, actor=actor, units_total=total, units_agreeing=agreeing, held_on=held_on, note=note
    )


def test_endorsement_is_recorded_audited_and_the_verdicts_judged_again(
    django_capture_on_commit_callbacks, province, flag_line, secretary
):
    with django_capture_on_commit_callbacks() as callbacks:
        endorsement = record(flag_line, secretary, note="Họp cụm tại Hưng Hà")
    assert (endorsement.units_total, endorsement.units_agreeing, endorsement.held_on) == (8, 7, HELD_ON)
    assert (endorsement.note, endorsement.recorded_by) == ("Họp cụm tại Hưng Hà", secretary)
    entry = AuditEntry.objects.get(action="proposal_line.endorsement", object_id=flag_line.pk)
    assert entry.actor == secretary
    assert entry.data == {
        "before": None,
        "after": {"units_total": 8, "units_agreeing": 7, "held_on": "2018-11-20"},
        "required_percent": 80,
    }
    assert [getattr(callback, "verdicts_key", None) for callback in callbacks] == [(province.pk, 2018)]


def test_recording_again_corrects_the_one_endorsement_and_audits_the_change(flag_line, secretary):
    record(flag_line, secretary)
    record(flag_line, secretary, total=8, agreeing=6)
    assert ClusterEndorsement.objects.get(line=flag_line).units_agreeing == 6
    entries = AuditEntry.objects.filter(action="proposal_line.endorsement", object_id=flag_line.pk).order_by("pk")
    assert [entry.data["before"] for entry in entries] == [
        None,
        {"units_total": 8, "units_agreeing": 7, "held_on": "2018-11-20"},
    ]


def test_an_officer_cannot_record_the_endorsement(flag_line, officer):
    with pytest.raises(PermissionDenied):
        record(flag_line, officer)
    assert not ClusterEndorsement.objects.exists()


def test_the_secretariat_of_another_province_cannot_record_it(flag_line):
    foreign = f.make_user("secretariat", province=f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định"))
    with pytest.raises(PermissionDenied):
        record(flag_line, foreign)


@pytest.mark.parametrize(
    ("total", "agreeing", "held_on", "message"),
    [
        (8, 9, HELD_ON, "từ 0 đến 8"),
        (8, -1, HELD_ON, "từ 0 đến 8"),
        (0, 0, HELD_ON, "ít nhất một đơn vị"),
        (8, 7, None, "ngày họp"),
    ],
)
def test_impossible_figures_are_refused(flag_line, secretary, total, agreeing, held_on, message):
    with pytest.raises(ValidationError, match=message):
        record(flag_line, secretary, total=total, agreeing=agreeing, held_on=held_on)
    assert not ClusterEndorsement.objects.exists()


def test_a_title_without_an_endorsement_rule_is_refused(plan, unit, staff, officer, secretary):
    register(unit, plan, {})
    (line,) = propose(unit, plan, [(None, "TTLDTT", [])])
    with pytest.raises(ValidationError, match="không cần cụm, khối thi đua suy tôn"):
        record(line, secretary)


def test_a_persons_line_is_refused(plan, unit, staff, officer, secretary):
    register(unit, plan, {})
    (line,) = propose(unit, plan, [(staff[0], "LDTT", [])])
    with pytest.raises(ValidationError, match="không ghi cho cá nhân"):
        record(line, secretary)


def test_a_settled_line_is_refused(flag_line, secretary):
    line_transition(line=flag_line, to_state=LineState.REJECTED, actor=secretary, reason="Không đủ hồ sơ")
    with pytest.raises(ValidationError, match="Không được chấp nhận|không thể thay đổi"):
        record(flag_line, secretary)


def test_line_page_offers_the_cluster_size_and_shows_the_recorded_figures(
    client, cluster, flag_line, secretary, officer
):
    url = reverse("awards:line_detail", kwargs={"pk": flag_line.pk})
    client.force_login(secretary)
    page = client.get(url)
    assert "Kết quả suy tôn của cụm, khối thi đua" in page.content.decode()
    assert page.context["endorsement"]["form"].initial == {"units_total": 3}  # the cluster's active units
    response = client.post(
        reverse("awards:line_endorsement", kwargs={"pk": flag_line.pk}),
        {"units_total": "8", "units_agreeing": "7", "held_on": "20/11/2018", "note": ""},
    )
    assert response.url == url
    text = client.get(url).content.decode()
    assert "7/8 đơn vị đồng ý (87,5 %), họp ngày 20/11/2018" in text and "đạt yêu cầu" in text
    client.force_login(officer)
    page = client.get(url)
    assert "7/8 đơn vị đồng ý (87,5 %), họp ngày 20/11/2018" in page.content.decode()
    assert page.context["endorsement"]["form"] is None and 'id="endorsement-form"' not in page.content.decode()


def test_a_refused_entry_shows_the_page_again_with_the_figures_as_entered(client, flag_line, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("awards:line_endorsement", kwargs={"pk": flag_line.pk}),
        {"units_total": "8", "units_agreeing": "9", "held_on": "20/11/2018"},
    )
    assert response.status_code == 200
    form = response.context["endorsement"]["form"]
    assert form.errors["units_agreeing"] == ["Số đơn vị đồng ý nhiều hơn số đơn vị của cụm, khối thi đua."]
    assert 'value="9"' in response.content.decode()
    assert not ClusterEndorsement.objects.exists()


def test_below_eighty_percent_reads_as_below_the_requirement(client, flag_line, secretary):
    record(flag_line, secretary, total=8, agreeing=6)
    client.force_login(secretary)
    text = client.get(reverse("awards:line_detail", kwargs={"pk": flag_line.pk})).content.decode()
    assert "6/8 đơn vị đồng ý (75 %), họp ngày 20/11/2018" in text and "không đạt yêu cầu" in text
