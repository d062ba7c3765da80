"""``{% load fragments %}{% cache_forms 3600 name key LANGUAGE_CODE %}…{% endcache_forms %}``: Django's ``{% cache %}``
for a fragment that holds POST forms.

A ``{% csrf_token %}`` rendered into a cached fragment would hand one visitor's token to the next (whose cookie
holds another secret: a 403). Inside ``cache_forms`` every ``{% csrf_token %}`` renders a hole instead, the
fragment is cached with its holes, and each time it is shown the holes are filled with this request's token, as
``{% csrf_token %}`` writes it. So a 300-row page of forms keeps one form per row, with the markup it had, and its
token is asked for once (``{% csrf_token %}`` gives the same value in every form of a page anyway).

The hole is the whole ``<input>`` tag with a fixed value: data shown in the fragment is escaped (its ``"`` become
``&quot;``), so no text typed by a user can look like it.
"""

from django.template import Library, TemplateSyntaxError
from django.templatetags.cache import CacheNode
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = Library()

CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
HOLE_VALUE = "csrf-hole-in-a-cached-fragment"
HOLE = CSRF_INPUT.format(HOLE_VALUE)


def csrf_input(token) -> str:
    """What ``{% csrf_token %}`` writes for ``token`` (nothing without a token, e.g. a page rendered without a
    request)."""
    if not token or token == "NOTPROVIDED":  # noqa: S105 - what Django puts there without a request
        return ""
    return format_html(CSRF_INPUT, token)


class FormsCacheNode(CacheNode):
    def render(self, context):
        token = context.get("csrf_token")
        with context.push(csrf_token=HOLE_VALUE):
            fragment = super().render(context)
        if HOLE not in fragment:
            return fragment
        return mark_safe(fragment.replace(HOLE, csrf_input(token)))  # noqa: S308 - the fragment was rendered escaped


@register.tag("cache_forms")
def do_cache_forms(parser, token):
    """The arguments of ``{% cache %}``: ``expire_time fragment_name [vary_on …] [using="cache"]``."""
    nodelist = parser.parse(("endcache_forms",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 3:
        raise TemplateSyntaxError(f"{tokens[0]!r} tag requires at least 2 arguments.")
    cache_name = None
    if len(tokens) > 3 and tokens[-1].startswith("using="):
        cache_name = parser.compile_filter(tokens.pop().removeprefix("using="))
    return FormsCacheNode(
        nodelist,
        parser.compile_filter(tokens[1]),
        tokens[2],  # the fragment's name, not a variable
        [parser.compile_filter(part) for part in tokens[3:]],
        cache_name,
    )
