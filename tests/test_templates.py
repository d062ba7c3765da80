"""Templates compare states and kinds with enum members (``config/context_processors.py``), never with quoted
literals, and every paginated list page is drawn by ``templates/list_page.html``."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import RequestContext, engines
from django.test import RequestFactory

from config.context_processors import TEMPLATE_ENUMS

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
TEMPLATE_FILES = sorted(p for p in TEMPLATES_DIR.rglob("*") if p.is_file())

TAG = re.compile(r"{%(.*?)%}|{{(.*?)}}", re.S)
QUOTED = re.compile(r"""(["'])(.*?)\1""")
# `x.state == "draft"`, `"draft" != line.state`, `kind in "…"`: a state, kind or status against a literal.
NAMED_VS_LITERAL = re.compile(
    r"""[\w.]*(state|kind|status)\s*(==|!=|\bin\b)\s*["']|["'][^"']*["']\s*(==|!=)\s*[\w.]*(state|kind|status)\b"""
)
ANY_VS_LITERAL = re.compile(r"""(?:==|!=)\s*(["'])(.*?)\1|(["'])(.*?)\3\s*(?:==|!=)""")
ENUM_MEMBER = re.compile(r"\b([A-Z][A-Za-z]+)\.([A-Z][A-Z0-9_]*)\b")
ENUM_VALUES = {str(member.value) for enum in TEMPLATE_ENUMS.values() for member in enum}


def tags(path):
    """(line number, text) of each {% … %} and {{ … }} of a template."""
    text = path.read_text(encoding="utf-8")
    for match in TAG.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match.group(1) or match.group(2) or ""


def name(path):
    return str(path.relative_to(TEMPLATES_DIR))


def test_no_template_compares_a_state_or_kind_with_a_literal():
    found = []
    for path in TEMPLATE_FILES:
        for line, tag in tags(path):
            literals = [m.group(2) or m.group(4) for m in ANY_VS_LITERAL.finditer(tag)]
            if NAMED_VS_LITERAL.search(tag) or ENUM_VALUES.intersection(literals):
                found.append(f"{name(path)}:{line}: {{%{tag}%}}")
    assert found == [], "compare with the enum member (e.g. LineState.ACCEPTED) instead:\n" + "\n".join(found)


def test_every_enum_member_a_template_names_exists():
    """A misspelt member would resolve to "" and silently make the comparison false."""
    unknown = []
    for path in TEMPLATE_FILES:
        for line, tag in tags(path):
            for enum_name, member in ENUM_MEMBER.findall(QUOTED.sub("", tag)):
                if not hasattr(TEMPLATE_ENUMS.get(enum_name), member):
                    unknown.append(f"{name(path)}:{line}: {enum_name}.{member}")
    assert unknown == []


def test_templates_rendered_without_a_request_load_the_enums():
    """E-mails and documents are rendered without context processors: they must call {% enums %} themselves."""
    missing = []
    for path in TEMPLATE_FILES:
        if path.parts[len(TEMPLATES_DIR.parts)] not in ("emails", "reports"):
            continue
        text = path.read_text(encoding="utf-8")
        uses = any(
            enum_name in TEMPLATE_ENUMS
            for _, tag in tags(path)
            for enum_name, _member in ENUM_MEMBER.findall(QUOTED.sub("", tag))
        )
        if uses and '{% extends "base.html" %}' not in text and "{% enums %}" not in text:
            missing.append(name(path))
    assert missing == []


@pytest.mark.parametrize("state, shown", [("rejected", "yes"), ("returned", "no")])
def test_enums_tag_works_without_a_request(state, shown):
    template = engines["django"].from_string(
        "{% load enums %}{% enums %}{% if line.state == LineState.REJECTED %}yes{% else %}no{% endif %}"
    )
    assert template.render({"line": {"state": state}}) == shown


def test_context_processor_gives_pages_the_enums():
    template = engines["django"].engine.from_string("{% if job.state == JobState.DONE %}{{ JobState.DONE }}{% endif %}")
    request = RequestFactory().get("/")
    assert template.render(RequestContext(request, {"job": {"state": "done"}})) == "done"


def test_paginated_pages_extend_the_list_page():
    include = '{% include "includes/pagination.html" %}'
    outside = [name(p) for p in TEMPLATE_FILES if include in p.read_text(encoding="utf-8")]
    assert outside == ["list_page.html"]
    pages = sorted(name(p) for p in TEMPLATE_FILES if '{% extends "list_page.html" %}' in p.read_text(encoding="utf-8"))
    assert pages == [
        "awards/conduct_list.html",
        "awards/consultations/list.html",
        "awards/history.html",
        "awards/initiative_list.html",
        "awards/inspection_list.html",
        "awards/review_list.html",
        "movements/movement_list.html",
        "movements/plan_list.html",
        "movements/unit_plan_overview.html",
        "reports/monitoring.html",
        "units/article_list.html",
        "units/notifications.html",
        "units/staff_list.html",
    ]
