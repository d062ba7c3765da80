"""Register numbers of the certificates (số vào sổ) and the layout on the pre-printed paper
(awards/services/certificates.py): numbers given once, in the decision list's order, per province and year, a
second decision continuing the sequence, none given again on a reprint; two decisions numbered at once on
PostgreSQL take different numbers."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from awards.enums import CertificateKind, DecisionKind, LineState, PaperSize
from awards.models import AwardRecord, CertificateLayout, Decision
from awards.services.certificates import (
    certificate_layout_save,
    certificate_records,
    default_positions,
    layout_positions,
    register_numbers_assign,
    register_numbers_preview,
)
from awards.services.decisions import decision_create, decision_issue
from awards.services.lines import line_transition
from tests import factories as f
from tests.factories import propose, register
from units.models import AuditEntry


def approved_lines(unit, plan, secretary, items):
    """Lines proposed, accepted and approved (the council's vote is not what these tests are about)."""
    lines = propose(unit, plan, items)
    f.accept_all(lines, secretary)
    for line in lines:
        line.refresh_from_db()
        line_transition(line=line, to_state=LineState.APPROVED, actor=secretary)
        line.refresh_from_db()
    return lines


def issued_decision(plan, lines, secretary, *, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25)):
    decision = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=lines, actor=secretary)
    decision_issue(decision=decision, actor=secretary, number=number, issued_on=issued_on)
    decision.refresh_from_db()
    return decision


def decision_of_unit(unit, plan, secretary, people, *, number="45/QĐ-VKS", issued_on=datetime.date(2018, 12, 25)):
    """An issued decision giving ``people`` "Lao động tiên tiến" and their unit "Tập thể lao động tiên tiến"."""
    register(unit, plan, {})
    lines = approved_lines(unit, plan, secretary, [(None, "TTLDTT", []), *[(p, "LDTT", []) for p in people]])
    return issued_decision(plan, lines, secretary, number=number, issued_on=issued_on)


@pytest.fixture
def secretary(province):
    return f.make_user("secretariat", province=province)


@pytest.fixture
def decision(unit, plan, staff, secretary):
    return decision_of_unit(unit, plan, secretary, staff)


def numbers(decision):
    return [
        (record.staff.full_name if record.staff else record.unit.name, record.register_number)
        for record in certificate_records(decision)
    ]


def test_numbers_are_given_once_in_the_decision_list_order(decision, secretary, province):
    preview = register_numbers_preview(decision)
    assert (preview.year, preview.count, preview.first, preview.last, preview.numbered) == (2018, 4, 1, 4, 0)

    numbered = register_numbers_assign(decision, secretary)

    assert len(numbered) == 4
    # The title's order (the collective's title, then the people's), then people by given name: An, Bình, Cường.
    assert numbers(decision) == [
        ("Viện kiểm sát nhân dân huyện Đông Hưng", 1),
        ("Nguyễn Văn An", 2),
        ("Trần Thị Bình", 3),
        ("Lê Đức Cường", 4),
    ]
    assert set(AwardRecord.objects.filter(decision=decision).values_list("register_year", "register_province")) == {
        (2018, province.pk)
    }
    entry = AuditEntry.objects.get(action="award.register_numbers")
    assert entry.data == {"year": 2018, "first": 1, "last": 4, "count": 4}
    assert entry.object_id == decision.pk and entry.actor == secretary


def test_a_reprint_gives_no_new_number(decision, secretary):
    register_numbers_assign(decision, secretary)
    before = numbers(decision)

    assert register_numbers_assign(decision, secretary) == []

    assert numbers(decision) == before
    assert AuditEntry.objects.filter(action="award.register_numbers").count() == 1
    preview = register_numbers_preview(decision)
    assert (preview.count, preview.numbered, preview.numbered_first, preview.numbered_last) == (0, 4, 1, 4)


def test_a_second_decision_continues_the_sequence(decision, secretary, other_unit, plan):
    register_numbers_assign(decision, secretary)
    people = [f.make_staff(other_unit, "Phạm Thị Dung"), f.make_staff(other_unit, "Hoàng Văn Em")]
    second = decision_of_unit(other_unit, plan, secretary, people, number="46/QĐ-VKS")

    assert register_numbers_preview(second).first == 5
    register_numbers_assign(second, secretary)

    assert [number for _name, number in numbers(second)] == [5, 6, 7]


def test_numbers_start_again_each_year(decision, secretary, province, unit):
    register_numbers_assign(decision, secretary)
    plan_2019 = f.make_plan(province, 2019)
    next_year = decision_of_unit(
        unit, plan_2019, secretary, list(unit.staff.all()), number="03/QĐ-VKS", issued_on=datetime.date(2019, 12, 20)
    )

    register_numbers_assign(next_year, secretary)

    assert [number for _name, number in numbers(next_year)] == [1, 2, 3, 4]
    assert set(AwardRecord.objects.filter(decision=next_year).values_list("register_year", flat=True)) == {2019}


def test_a_number_is_not_reused_after_a_revoked_award(decision, secretary):
    from awards.services.decisions import award_revoke

    register_numbers_assign(decision, secretary)
    revoked = AwardRecord.objects.get(decision=decision, register_number=4)
    award_revoke(
        award=revoked, actor=secretary, revoked_by="50/QĐ-VKS", revoked_on=datetime.date(2019, 3, 1), reason="Sai"
    )

    assert register_numbers_assign(decision, secretary) == []
    revoked.refresh_from_db()
    assert revoked.register_number == 4  # the revoked award keeps its number; the printed list leaves it out
    assert register_numbers_preview(decision).numbered == 3


def test_a_forwarding_submission_or_a_draft_has_no_certificates(unit, plan, staff, secretary, province):
    register(unit, plan, {staff[0]: "CSTD_NGANH"})
    sector = f.eligible_for_nganh(unit, staff[0])
    lines = approved_lines(unit, plan, secretary, [(staff[0], "CSTD_NGANH", [sector]), (staff[1], "LDTT", [])])
    submission = decision_create(year_plan=plan, kind=DecisionKind.FORWARDING, lines=lines[:1], actor=secretary)
    draft = decision_create(year_plan=plan, kind=DecisionKind.DECISION, lines=lines[1:], actor=secretary)

    for document in (submission, draft):
        with pytest.raises(ValidationError):
            register_numbers_assign(document, secretary)
    assert not AwardRecord.objects.filter(register_number__isnull=False).exists()


# --- The layout ---------------------------------------------------------------------------------------------------


def test_layout_is_saved_checked_and_audited(province, secretary):
    layout = certificate_layout_save(
        province=province,
        kind=CertificateKind.CERTIFICATE_OF_MERIT,
        actor=secretary,
        paper=PaperSize.A4,
        offset_x_mm="2.5",
        offset_y_mm="-4",
        positions={"recipient": [150, 90]},
    )
    assert (layout.offset_x_mm, layout.offset_y_mm) == (Decimal("2.5"), Decimal("-4"))
    assert layout_positions(layout)["recipient"] == [150.0, 90.0]
    assert layout_positions(layout)["issuer"] == default_positions(PaperSize.A4)["issuer"]
    entry = AuditEntry.objects.get(action="certificate_layout.save")
    assert entry.data["changes"]["offset_y_mm"] == {"old": None, "new": "-4.0"}

    # A3: the saved positions follow the paper (scaled), the offsets stay.
    layout = certificate_layout_save(
        province=province,
        kind=CertificateKind.CERTIFICATE_OF_MERIT,
        actor=secretary,
        paper=PaperSize.A3,
        offset_x_mm="2.5",
        offset_y_mm="-4",
    )
    assert layout.paper == PaperSize.A3
    assert layout_positions(layout)["recipient"] == [212.1, 127.3]
    assert CertificateLayout.objects.count() == 1
    changes = AuditEntry.objects.filter(action="certificate_layout.save").latest("pk").data["changes"]
    assert set(changes) == {"paper", "positions"}


@pytest.mark.parametrize(
    ("offsets", "positions", "message"),
    [
        (("31", "0"), {}, "Dịch sang phải phải trong khoảng −30 đến 30 mm."),
        (("0", "-30.5"), {}, "Dịch xuống phải trong khoảng −30 đến 30 mm."),
        (("0", "0"), {"recipient": [300, 90]}, "Người được khen nằm ngoài trang A4 (297 × 210 mm)."),
        (("-30", "0"), {"decision": [20, 160]}, "Số, ngày quyết định nằm ngoài trang A4 (297 × 210 mm)."),
        (("0", "0"), {"stamp": [10, 10]}, "“stamp” không phải là một trường của giấy khen."),
        (("abc", "0"), {}, "Dịch sang phải phải là một số mi-li-mét."),
    ],
)
def test_layout_out_of_bounds_is_refused_in_words(province, secretary, offsets, positions, message):
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        certificate_layout_save(
            province=province,
            kind=CertificateKind.CERTIFICATE_OF_MERIT,
            actor=secretary,
            paper=PaperSize.A4,
            offset_x_mm=offsets[0],
            offset_y_mm=offsets[1],
            positions=positions,
        )
    assert message in refused.value.messages
    assert not CertificateLayout.objects.exists()


# --- Two decisions numbered at once (PostgreSQL) ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_decisions_numbered_at_once_take_different_numbers(province, plan, unit, other_unit, staff):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    secretary = f.make_user("secretariat", province=province)
    first = decision_of_unit(unit, plan, secretary, staff)
    people = [f.make_staff(other_unit, f"Người Thứ{i}") for i in range(5)]
    second = decision_of_unit(other_unit, plan, secretary, people, number="46/QĐ-VKS")
    barrier = threading.Barrier(2)
    errors = []

    def assign(decision):
        try:
            barrier.wait(timeout=10)
            register_numbers_assign(Decision.objects.get(pk=decision.pk), secretary)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=assign, args=(decision,)) for decision in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    given = sorted(AwardRecord.objects.filter(register_year=2018).values_list("register_number", flat=True))
    assert given == list(range(1, 4 + 6 + 1))
    for decision in (first, second):
        mine = [number for _name, number in numbers(decision)]
        assert mine == list(range(mine[0], mine[0] + len(mine)))  # each decision's numbers follow each other


# --- The pages ----------------------------------------------------------------------------------------------------


def test_the_page_saves_the_layout_and_the_confirmation_names_the_numbers(client, decision, secretary, province):
    from django.urls import reverse

    client.force_login(secretary)
    url = reverse("awards:certificates", kwargs={"pk": decision.pk})
    page = client.get(url).content.decode()
    assert "In giấy khen, bằng khen" in page
    assert "Sẽ cấp số vào sổ từ 1 đến 4 năm 2018 cho 4 giấy chứng nhận danh hiệu; số đã cấp không đổi." in page

    response = client.post(
        url, {"kind": CertificateKind.TITLE, "paper": "A3", "offset_x_mm": "2,5", "offset_y_mm": "-3"}
    )
    assert response.status_code == 302
    layout = CertificateLayout.objects.get(province=province, kind=CertificateKind.TITLE)
    assert (layout.paper, layout.offset_x_mm, layout.offset_y_mm) == ("A3", Decimal("2.5"), Decimal("-3.0"))

    refused = client.post(url, {"kind": CertificateKind.TITLE, "paper": "A4", "offset_x_mm": "45", "offset_y_mm": "0"})
    assert "Dịch sang phải phải trong khoảng −30 đến 30 mm." in refused.content.decode()
    layout.refresh_from_db()
    assert layout.paper == "A3"

    confirm = client.get(reverse("awards:certificates_confirm", kwargs={"pk": decision.pk})).content.decode()
    assert "Sẽ cấp số vào sổ từ 1 đến 4 năm 2018 cho 4 giấy chứng nhận danh hiệu; số đã cấp không đổi." in confirm
    register_numbers_assign(decision, secretary)
    again = client.get(reverse("awards:certificates_confirm", kwargs={"pk": decision.pk})).content.decode()
    assert "Mọi giấy chứng nhận danh hiệu đều đã có số vào sổ (từ 1 đến 4): in lại không cấp số mới." in again
    history = client.get(reverse("awards:history")).content.decode()
    assert "số vào sổ 3" in history


def test_officers_see_no_certificate_page(client, decision, officer, council_member):
    from django.urls import reverse

    for user in (officer, council_member):
        client.force_login(user)
        for name in ("awards:certificates", "awards:certificates_confirm"):
            assert client.get(reverse(name, kwargs={"pk": decision.pk})).status_code == 404


def test_the_demo_builder_gives_layouts_and_numbers_once(decision, secretary, province):
    from demo.certificates import seed_certificates

    seed_certificates(province)
    seed_certificates(province)  # safe to run again

    layout = CertificateLayout.objects.get(province=province)
    assert (layout.kind, layout.offset_x_mm, layout.offset_y_mm) == (CertificateKind.TITLE, Decimal(2), Decimal("-1.5"))
    assert [number for _name, number in numbers(decision)] == [1, 2, 3, 4]


def test_the_page_reads_a_fixed_number_of_queries(client, province, plan, secretary):
    from django.urls import reverse

    client.force_login(secretary)
    counts = []
    for index, size in enumerate((1, 3)):
        unit = f.make_unit(province, f"Viện kiểm sát nhân dân huyện Số{index}")
        people = [f.make_staff(unit, f"Người Số{index} Thứ{i}") for i in range(size)]
        decision = decision_of_unit(unit, plan, secretary, people, number=f"{50 + index}/QĐ-VKS")
        counts.append(f.count_queries(client, reverse("awards:certificates", kwargs={"pk": decision.pk})))
    assert counts[0] == counts[1]
