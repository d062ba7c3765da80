import datetime

import pytest

from registrations.services import registration_save_draft, registration_submit
from reports.documents import document_date, document_number, registration_summary_document
from reports.pdf import allowed_path, render_parts
from tests import factories as f
from tests.factories import full_lines, local_dt, pdf_text


@pytest.fixture
def summary_plan(province, plan):
    plan.signer_name = "Nguyễn Văn Thành"
    plan.place_name = "Thái Bình"
    plan.recipients = "Lãnh đạo VKSNDTC;\nLưu VT, VPTH."
    plan.save()
    now = local_dt(2018, 1, 15, 9)
    dong_hung = f.make_unit(province, "Viện kiểm sát nhân dân huyện Đông Hưng", order=1)
    people = [f.make_staff(dong_hung, n) for n in ["Nguyễn Thị Bích Ngọc", "Trần Văn Đức", "Lê Thị Ánh"]]
    registration_submit(
        unit=dong_hung, year_plan=plan, actor=f.make_officer(dong_hung), lines=full_lines(dong_hung, people), now=now
    )
    hung_ha = f.make_unit(province, "Viện kiểm sát nhân dân huyện Hưng Hà", order=2)
    registration_save_draft(unit=hung_ha, year_plan=plan, actor=f.make_officer(hung_ha), lines=[], now=now)
    return plan


def render(plan, **kwargs):
    spec = registration_summary_document(plan, number="05/BC-VKS", issued_on=datetime.date(2018, 1, 20), **kwargs)
    return render_parts(spec.parts)


def test_summary_pdf_has_the_administrative_header_names_and_totals(summary_plan):
    pdf, pages = render(summary_plan)
    text = "\n".join(pdf_text(pdf))
    for expected in [
        "VIỆN KSND TỐI CAO",
        "VIỆN KIỂM SÁT NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Thái Bình, ngày 20 tháng 01 năm 2018",
        "Số: 05/BC-VKS",
        "BÁO CÁO",
        "Tổng hợp đăng ký danh hiệu thi đua năm 2018",
        "Nguyễn Thị Bích Ngọc",
        "Trần Văn Đức",
        "Lê Thị Ánh",
        "Cộng: Tập thể lao động tiên tiến: 1; Lao động tiên tiến: 3; tổng số cá nhân: 3.",
        "Viện kiểm sát nhân dân huyện Hưng Hà",
        "Đang soạn, chưa gửi",
        "Nơi nhận:",
        "- Lãnh đạo VKSNDTC;",
        "NGUYỄN VĂN THÀNH".title() if False else "Nguyễn Văn Thành",
    ]:
        assert expected in text, expected
    assert pages == len(pdf_text(pdf))


def test_roster_in_the_pdf_is_in_vietnamese_order(summary_plan):
    text = "\n".join(pdf_text(render(summary_plan)[0]))
    assert text.index("Lê Thị Ánh") < text.index("Trần Văn Đức") < text.index("Nguyễn Thị Bích Ngọc")


def test_long_summary_numbers_pages_from_two_across_parts(province, plan):
    unit = f.make_unit(province)
    people = [f.make_staff(unit, f"Nguyễn Văn Người{i:03d}") for i in range(120)]
    registration_submit(
        unit=unit, year_plan=plan, actor=f.make_officer(unit), lines=full_lines(unit, people), now=local_dt(2018, 1, 15)
    )
    other = f.make_unit(province)
    more = [f.make_staff(other, f"Trần Thị Người{i:03d}") for i in range(60)]
    registration_submit(
        unit=other,
        year_plan=plan,
        actor=f.make_officer(other),
        lines=full_lines(other, more),
        now=local_dt(2018, 1, 15),
    )
    spec = registration_summary_document(plan, rows_per_part=80)
    assert spec.part_count >= 2
    pdf, pages = render_parts(spec.parts)
    texts = pdf_text(pdf)
    assert pages >= 5
    assert not texts[0].strip().endswith("1")
    for number, text in enumerate(texts[1:], start=2):
        assert text.strip().splitlines()[-1].strip() == str(number) or f"\n{number}\n" in f"\n{text}\n"
    # The table header row repeats on continuation pages.
    assert texts[2].count("Họ và tên") >= 1


def test_hostile_text_is_escaped_in_the_pdf(province, plan):
    unit = f.make_unit(province, "Viện kiểm sát <b>nhân dân</b> huyện <script>alert(1)</script>")
    person = f.make_staff(unit, "Nguyễn <img src=x> An")
    registration_submit(
        unit=unit,
        year_plan=plan,
        actor=f.make_officer(unit),
        lines=full_lines(unit, [person]),
        now=local_dt(2018, 1, 15),
    )
    text = "\n".join(pdf_text(render(plan)[0]))
    assert "<script>alert(1)</script>" in text and "Nguyễn <img src=x> An" in text


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.com/font.ttf", False),
        ("file:///etc/passwd", False),
        ("file:///work/../etc/passwd", False),
    ],
)
def test_fetcher_refuses_remote_and_arbitrary_local_files(url, allowed):
    assert allowed_path(url) is allowed


def test_fetcher_allows_the_shipped_font():
    from reports.pdf import FONT_DIR

    assert allowed_path((FONT_DIR / "LiberationSerif-Regular.ttf").as_uri())


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2018, 1, 7), "Thái Bình, ngày 07 tháng 01 năm 2018"),
        (datetime.date(2018, 11, 25), "Thái Bình, ngày 25 tháng 11 năm 2018"),
        (datetime.date(2018, 3, 5), "Thái Bình, ngày 05 tháng 3 năm 2018"),
    ],
)
def test_document_date_follows_decree_30(day, text):
    assert document_date("Thái Bình", day) == text


def test_document_number_blank_when_not_given():
    assert document_number("", "BC-VKS") == "Số:        /BC-VKS"
    assert document_number("05/BC-VKS", "BC-VKS") == "Số: 05/BC-VKS"
