"""Issue 14, "Words": one English word with two Vietnamese meanings is told apart by its context (docs/glossary.md),
numbers read the Vietnamese way, generated explanations are sentences, a form says its errors once and in
Vietnamese, and the eligibility explanations follow the reader's language."""

import io
import re
import types

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from awards.caps import CapUsage
from awards.eligibility import explanation
from awards.eligibility.checks.history import check_prerequisite, check_streak, held_text, years_text
from awards.enums import Outcome
from awards.models import PlanCap
from awards.services.council import VoteOutlook
from movements.scoring.services import scoring_sheet_create
from movements.services import exemplary_add
from tests import factories as f
from units.phrases import Joined, Phrase, from_data, say


def vi(text) -> str:
    """``text`` (a phrase, or a function giving text) said in Vietnamese."""
    with translation.override("vi"):
        return str(text() if callable(text) else text)


def en(text) -> str:
    with translation.override("en"):
        return str(text() if callable(text) else text)


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- One word, two meanings ----------------------------------------------------------------------------------------


def test_scoring_page_and_export_say_hang_for_the_rank(client, plan, secretariat):
    scoring_sheet_create(year_plan=plan, actor=secretariat)
    client.force_login(secretariat)
    page = client.get(reverse("movements:scoring", kwargs={"plan": plan.pk})).content.decode()
    assert '<th scope="col">Hạng</th>' in page and "Ngạch, chức danh" not in page
    workbook = client.get(reverse("movements:scoring_export", kwargs={"plan": plan.pk}))
    header = [cell.value for cell in openpyxl.load_workbook(io.BytesIO(workbook.content)).active[1]]
    assert header[0] == "Hạng" and "Ngạch, chức danh" not in header


def test_the_staff_list_still_says_ngach_for_a_persons_rank(client, unit, staff, officer):
    client.force_login(officer)
    page = client.get(reverse("units:staff_list")).content.decode()
    assert "Ngạch, chức danh" in page


def test_conduct_form_runs_from_tu_to_den(client, staff, officer):
    client.force_login(officer)
    page = client.get(reverse("awards:conduct_create", kwargs={"staff": staff[0].pk})).content.decode()
    labels = re.findall(r'<label\s+for="id_(start_date|end_date)"[^>]*>\s*([^<*]+?)\s*<', page)
    assert labels == [("start_date", "Từ"), ("end_date", "Đến")]
    assert "Sang" not in page


def test_decision_form_names_the_list_and_the_trich_yeu(client, plan, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("awards:decision_create", kwargs={"plan": plan.pk})).content.decode()
    labels = dict(re.findall(r'<label\s+for="id_(\w+)"[^>]*>\s*([^<*]+?)\s*<', page))
    legends = re.findall(r"<legend[^>]*>\s*([^<*]+?)\s*<", page)
    assert labels["subject"] == "Trích yếu" and "Danh sách khen thưởng" in legends
    assert "Số dòng" not in page and "Đối tượng" not in page


def test_staff_template_guide_says_co_for_a_required_column(client, officer):
    client.force_login(officer)
    response = client.get(reverse("units:import_template", kwargs={"kind": "staff_roster"}))
    guide = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[1]
    rows = [[cell.value for cell in row] for row in guide.iter_rows()]
    assert rows[0][:2] == ["Cột", "Bắt buộc"]
    required = {row[1] for row in rows[1:] if row[0]}
    assert "có" in required and "đồng ý" not in required


@pytest.mark.parametrize("name", ["awards:history", "awards:review"])
def test_title_filters_say_danh_hieu(client, plan, secretariat, name):
    client.force_login(secretariat)
    url = reverse(name) if name == "awards:history" else reverse(name, kwargs={"plan": plan.pk})
    page = client.get(url).content.decode()
    assert '<label class="visually-hidden" for="title">Danh hiệu</label>' in page


def test_withdrawing_an_exemplary_individual_asks_to_withdraw(client, staff, plan, officer):
    example = exemplary_add(year_plan=plan, staff=staff[0], actor=officer, account="Gương mẫu")
    client.force_login(officer)
    page = client.get(reverse("movements:exemplary_withdraw", kwargs={"pk": example.pk})).content.decode()
    assert "Đồng ý rút" in page and "Đồng ý xóa" not in page


def test_votes_keep_dong_y_while_yes_and_no_read_co_and_khong():
    with translation.override("vi"):
        assert (translation.pgettext("vote", "Yes"), translation.pgettext("vote", "No")) == ("Đồng ý", "Không đồng ý")
        # Django's own "Yes"/"No" (the admin's yes/no filters) mean có/không.
        assert (translation.gettext("Yes"), translation.gettext("No")) == ("Có", "Không")


# --- Numbers -------------------------------------------------------------------------------------------------------


def test_vote_outlook_writes_percentages_the_vietnamese_way():
    outlook = VoteOutlook(threshold=90, base="members", base_count=11, recused=2, voters=9)
    assert vi(lambda: outlook.warning) == "Không thể đạt 90 %: tối đa 9/11 thành viên được biểu quyết (81,8 %)"


def test_cap_sentence_writes_the_share_with_a_space_before_the_percent_sign():
    title = types.SimpleNamespace(name="Chiến sĩ thi đua cơ sở")
    base = types.SimpleNamespace(name="Lao động tiên tiến")
    usage = CapUsage(title=title, used=34, allowed=33, base=226, base_title=base, percent=15, pending=1)
    assert vi(usage.sentence()) == (
        "Tỉnh được đề nghị tối đa 33 “Chiến sĩ thi đua cơ sở” (15 % của 226 “Lao động tiên tiến” trở lên); "
        "đã đề nghị 34 (kể cả 1 dòng đơn vị chưa gửi)"
    )
    assert en(usage.sentence()).startswith("The province may propose at most 33 “Chiến sĩ thi đua cơ sở” (15 % of 226")


def test_a_plan_cap_reads_with_the_vietnamese_percent(province):
    plan = f.make_plan(province, 2024)
    cap = PlanCap(year_plan=plan, title=f.title("CSTDCS"), cap_percent=15)
    assert str(cap).endswith("Chiến sĩ thi đua cơ sở 15 %")


# --- Grammar of the explanations -----------------------------------------------------------------------------------


def test_years_are_said_as_one_year_several_years_or_none():
    assert [vi(years_text(years)) for years in ([2027], [2026, 2025], [])] == [
        "năm 2027",
        "các năm 2025, 2026",
        "chưa có năm nào",
    ]
    title = types.SimpleNamespace(name="Lao động tiên tiến")
    assert vi(held_text(title, [])) == "chưa có năm nào đạt “Lao động tiên tiến”"
    assert vi(held_text(title, [2027])) == "đã có “Lao động tiên tiến” năm 2027"


def _history_world(held: list[int], *, year=2027, count=2):
    needed = types.SimpleNamespace(pk=1, name="Lao động tiên tiến")
    line = types.SimpleNamespace(pk=10, staff_id=5, title=types.SimpleNamespace(pk=2, name="Chiến sĩ thi đua cơ sở"))
    facts = types.SimpleNamespace(year=year, titles={1: needed}, awards_person={5: [(1, y) for y in held]})
    rule = types.SimpleNamespace(
        prerequisite_title_id=1,
        streak_title_id=1,
        streak_count=count,
        streak_step=1,
        streak_window=count,
        streak_includes_current_year=False,
        streak_after_last_award=False,
    )
    return line, facts, rule


@pytest.mark.parametrize(
    ("held", "outcome", "said"),
    [
        (
            [],
            Outcome.FAIL,
            "Cần 2 lần “Lao động tiên tiến” liên tục (2025–2026); chưa có năm nào đạt “Lao động tiên tiến”; "
            "thiếu các năm 2025, 2026.",
        ),
        (
            [2026],
            Outcome.FAIL,
            "Cần 2 lần “Lao động tiên tiến” liên tục (2025–2026); đã có “Lao động tiên tiến” năm 2026; thiếu năm 2025.",
        ),
        ([2025, 2026], Outcome.PASS, "Đủ 2 lần liên tục: đã có “Lao động tiên tiến” các năm 2025, 2026."),
    ],
)
def test_streak_explanations_are_sentences(held, outcome, said):
    check = check_streak(*_history_world(held))
    assert (check.outcome, check.message) == (outcome, said)
    assert "(không có)" not in check.message and "các năm 2027" not in check.message


def test_prerequisite_explanation_says_one_year_as_nam():
    check = check_prerequisite(*_history_world([2026]))
    assert check.message == "Đã có “Lao động tiên tiến” năm 2026."


# --- Forms ---------------------------------------------------------------------------------------------------------


def movement_data(**extra):
    return {
        "name": "Phong trào thi đua “Đoàn kết, kỷ cương”",
        "launched_by": "province",
        "kind": "regular",
        "start_date": "01/01/2018",
        "end_date": "31/12/2018",
        "all_units": "on",
        **extra,
    }


def test_a_form_level_error_is_shown_once(client, secretariat, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError("Phong trào này đã được phát động.")

    monkeypatch.setattr("movements.views.movements.movement_create", refuse)
    client.force_login(secretariat)
    response = client.post(reverse("movements:movement_create"), movement_data())
    assert response.context["form"].non_field_errors() == ["Phong trào này đã được phát động."]
    assert response.content.decode().count("Phong trào này đã được phát động.") == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "“abc” không phải là giá trị hợp lệ."),
        ("", "“” không phải là giá trị hợp lệ."),
        ("999999", "Hãy chọn một lựa chọn hợp lệ. 999999 không phải là một trong các lựa chọn khả thi."),
    ],
)
def test_a_tampered_multi_select_is_refused_in_vietnamese(client, province, unit, secretariat, value, message):
    client.force_login(secretariat)
    response = client.post(
        reverse("movements:movement_create"), movement_data(all_units="", units=[str(unit.pk), value])
    )
    assert response.context["form"].errors["units"][0] == message
    assert message in response.content.decode()


def test_a_tampered_choice_is_refused_in_vietnamese(client, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("movements:movement_create"), movement_data(kind="bogus"))
    assert response.context["form"].errors["kind"] == [
        "Hãy chọn một lựa chọn hợp lệ. bogus không phải là một trong các lựa chọn khả thi."
    ]


def test_djangos_form_messages_that_its_catalogue_lacks_are_vietnamese():
    with translation.override("vi"):
        for msgid in (
            "Enter a complete value.",
            "Enter a valid UUID.",
            "Enter a valid JSON.",
            "Enter a valid duration.",
            "Null characters are not allowed.",
            "The inline value did not match the parent instance.",
            "That page number is not an integer",
        ):
            assert translation.gettext(msgid) != msgid, msgid


# --- Eligibility explanations in the reader's language -------------------------------------------------------------


def test_a_stored_explanation_is_said_in_the_readers_language(province, plan, unit, staff):
    f.register(unit, plan, {staff[0]: "CSTDCS"})
    (line,) = f.propose(unit, plan, [(staff[0], "CSTDCS", [])])
    check = f.outcome_of(line, "initiative")
    assert check["message"].startswith("Cần 1 sáng kiến của chính người được đề nghị")  # stored in Vietnamese
    assert vi(lambda: explanation(check)) == check["message"]
    assert en(lambda: explanation(check)) == (
        "Needs 1 initiative(s) of the person proposed, recognised at “Unit level (cơ sở)” or higher and not used "
        "for another award; has 0."
    )


def test_the_line_page_shows_the_explanations_in_english_to_an_english_reader(
    client, province, plan, unit, staff, secretariat
):
    f.register(unit, plan, {staff[0]: "CSTDCS"})
    (line,) = f.propose(unit, plan, [(staff[0], "CSTDCS", [])])
    f.verdict(line)
    english(client).force_login(secretariat)
    page = client.get(reverse("awards:line_detail", kwargs={"pk": line.pk})).content.decode()
    assert "Needs 1 initiative(s) of the person proposed" in page
    assert "sáng kiến của chính người được đề nghị" not in page


def test_an_old_verdict_without_a_phrase_keeps_its_vietnamese_text():
    stored = {"code": "streak", "outcome": "fail", "message": "Chưa có “Lao động tiên tiến” trước năm 2018."}
    assert en(lambda: explanation(stored)) == stored["message"]


def test_phrases_survive_the_json_they_are_stored_in():
    phrase = Phrase(
        "%(held)s; missing %(missing)s.",
        held=Phrase(
            "has “%(title)s” %(years)s", title="Lao động tiên tiến", years=Phrase("in the year %(year)s", year=2026)
        ),
        missing=Joined(["2024", Phrase("in the year %(year)s", year=2025)], ", "),
    )
    data = phrase.as_data()
    assert from_data(data) == phrase
    with translation.override("en"):
        assert say(data) == "has “Lao động tiên tiến” in the year 2026; missing 2024, in the year 2025."
