from django.core.management import call_command

from registrations.models import Registration
from units.models import Staff, Unit


def test_seed_scale_builds_provinces_of_sixteen_units_through_the_services(db, capsys):
    call_command("seed_scale", "--units", "32", "--staff", "320")
    call_command("seed_scale", "--units", "32", "--staff", "320")
    assert Unit.objects.filter(code__startswith="scale-", kind__code="provincial").count() == 2
    assert Unit.objects.filter(code__startswith="scale-").count() == 32
    big = Unit.objects.get(code="scale-000-01")
    assert big.staff.count() == 60
    assert Staff.objects.filter(unit__code__startswith="scale-").count() == 320
    assert 0 < Registration.objects.filter(state="submitted").count() < 30
    assert "province 2/2" in capsys.readouterr().out


def test_staff_counts_add_up_exactly():
    from demo.scale import staff_counts

    counts = staff_counts(1000, 20000)
    assert (len(counts), sum(counts), counts[1], min(counts)) == (1000, 20000, 60, 19)
