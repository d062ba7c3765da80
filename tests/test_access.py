"""Every page × every role. The table is checked against the URL configuration, so a new page without a rule
fails here until someone decides who may see it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories as f
from tests.factories import local_dt
from units.outbox import outbox_record

ROLES = ["anonymous", "officer", "other_officer", "secretariat", "council_member", "admin", "foreign_secretariat"]
OK, NOT_FOUND, LOGIN = 200, 404, "login"
DONE = 302  # a POST that did its work and redirected back

# name: (method, {role: expected}); roles not listed expect 404 (anonymous: the login page).
RULES = {
    "home": (
        "get",
        {
            "officer": DONE,
            "other_officer": DONE,
            "secretariat": DONE,
            "council_member": DONE,
            "admin": DONE,
            "foreign_secretariat": OK,
        },
    ),
    "units:staff_list": (
        "get",
        {"officer": OK, "other_officer": OK, "secretariat": OK, "admin": OK, "foreign_secretariat": OK},
    ),
    "movements:plan_list": ("get", {"secretariat": OK, "council_member": OK, "admin": OK, "foreign_secretariat": OK}),
    "movements:plan_create": ("get", {"secretariat": OK, "admin": OK, "foreign_secretariat": OK}),
    "movements:plan_update": ("get", {"secretariat": OK, "admin": OK}),
    "registrations:overview": ("get", {"secretariat": OK, "council_member": OK, "admin": OK}),
    "registrations:sheet": ("get", {"officer": OK, "secretariat": OK, "council_member": OK, "admin": OK}),
    "registrations:return": ("post", {"secretariat": DONE, "admin": DONE}),
    "registrations:extension": ("post", {"secretariat": DONE, "admin": DONE}),
    "registrations:reminders": ("get", {"secretariat": OK, "admin": OK}),
    "units:outbox_resend": ("post", {"secretariat": DONE, "admin": DONE}),
}
# Pages outside the application's own rules.
EXEMPT = {"login", "logout", "set_language"}


def project_url_names():
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_has_an_access_rule():
    assert project_url_names() - EXEMPT == set(RULES)


@pytest.fixture
def world(db, province, unit, other_unit, plan, staff, officer, other_officer, secretariat, council_member, admin_user):
    foreign = f.make_province("Viện kiểm sát nhân dân tỉnh Nam Định")
    users = {
        "anonymous": None,
        "officer": officer,
        "other_officer": other_officer,
        "secretariat": secretariat,
        "council_member": council_member,
        "admin": admin_user,
        "foreign_secretariat": f.make_user("secretariat", province=foreign),
    }
    message, _ = outbox_record(
        key="probe",
        recipients=["a@example.test"],
        template="deadline_reminder",
        context={"plan": plan, "unit": unit, "days_before": 1, "deadline_text": "", "url": ""},
        unit=unit,
        enqueue=False,
    )
    kwargs = {"plan": plan.pk, "unit": unit.pk, "pk": message.pk}
    return users, kwargs


def url_for(name, kwargs):
    for candidate in (
        {},
        {"plan": kwargs["plan"]},
        {"pk": kwargs["pk"]},
        {"plan": kwargs["plan"], "unit": kwargs["unit"]},
    ):
        try:
            return reverse(name, kwargs=candidate)
        except Exception:  # noqa: BLE001, S112 - try the next argument set
            continue
    raise AssertionError(name)


POST_DATA = {
    "registrations:return": {"reason": "Kiểm tra lại"},
    "registrations:extension": {"new_deadline": "25/01/2018", "reason": "Gia hạn"},
}


@pytest.mark.parametrize("name", sorted(RULES))
@pytest.mark.parametrize("role", ROLES)
def test_access(client, world, freeze, name, role):
    freeze(local_dt(2018, 1, 15, 9, 0))
    users, kwargs = world
    method, expectations = RULES[name]
    expected = expectations.get(role, LOGIN if role == "anonymous" else NOT_FOUND)
    if users[role]:
        client.force_login(users[role])
    url = url_for(name, kwargs)
    response = getattr(client, method)(url, POST_DATA.get(name, {}))
    if expected == LOGIN:
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    else:
        assert response.status_code == expected, (name, role, response.status_code)
