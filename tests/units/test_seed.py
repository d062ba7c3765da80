from django.core.management import call_command

from movements.models import YearPlan
from registrations.models import Registration
from units.models import Staff, Unit, User


def test_seed_demo_builds_thai_binh_and_is_idempotent(db, capsys):
    call_command("seed_demo")
    counts = (Unit.objects.count(), Staff.objects.count(), User.objects.count(), Registration.objects.count())
    call_command("seed_demo")
    assert (Unit.objects.count(), Staff.objects.count(), User.objects.count(), Registration.objects.count()) == counts
    province = Unit.objects.get(code="vks-thai-binh")
    districts = Unit.objects.filter(province=province, kind__code="district")
    assert districts.count() == 8
    assert {"Viện kiểm sát nhân dân huyện Đông Hưng", "Viện kiểm sát nhân dân thành phố Thái Bình"} <= set(
        districts.values_list("name", flat=True)
    )
    assert 140 <= counts[1] <= 170
    assert set(User.objects.values_list("role", flat=True)) == {
        "admin",
        "secretariat",
        "council_member",
        "officer",
        "statistics",
    }
    plans = YearPlan.objects.filter(province=province)
    plan_2018 = plans.get(year=2018)
    assert plan_2018.citation(plan_2018.registration_section) == "Kế hoạch 02/KH-VKS, mục III.2"
    provisions = plans.values_list(
        "registration_section",
        "disqualifier_section",
        "bars_serious_violation",
        "bars_annulled_case",
        "bars_suspended_case",
    )
    assert set(provisions) == {("III.2", "II.2.9", True, True, True)}
    output = capsys.readouterr().out
    assert "thuongtruc" in output and "donghung" in output
