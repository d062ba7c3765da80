"""``{% load agenda %}{% tally_inputs tally_form item.pk %}``: the count inputs of a tally form, written in one pass.

An agenda of 300 lines has 300 tally forms of five inputs each; written through the template's field loop that is
6,000 variable lookups on bound fields (each a failed ``field["label"]`` first), most of a page's time. The label,
name and initial value of each field are the same on every row: they are escaped into one piece of markup per
form and page, and each row puts its own key into the ids (the registration form's ``select_options`` does the
same for its 400 ``<option>`` tags).
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

INPUT = (
    '<div class="col-4 col-md"><label class="form-label small mb-0" for="{}">{}</label><input '
    'class="form-control form-control-sm" type="number" min="0" name="{}" id="{}" value="{}" required></div>'
)
KEY = "\x00key\x00"  # where a row's key goes; not a character a label, a name or an initial value can contain


def _markup(form, group: bool) -> str:
    """The inputs of ``form``'s counts with ``KEY`` in their ids, built once per form."""
    cache = form.__dict__.setdefault("_tally_inputs", {})
    if group not in cache:
        rows = []
        for field in form.counts():
            element_id = f"group-{field.html_name}-{KEY}" if group else f"{field.id_for_label}-{KEY}"
            initial = "" if field.initial is None else field.initial
            rows.append((element_id, field.label, field.html_name, element_id, initial))
        cache[group] = format_html_join("", INPUT, rows)
    return cache[group]


@register.simple_tag
def tally_inputs(form, key, group=False):
    """A row's inputs have the ids ``id_<name>-<item pk>``, a group's ``group-<name>-<title pk>``."""
    return mark_safe(_markup(form, bool(group)).replace(KEY, format_html("{}", key)))  # noqa: S308 - escaped above
