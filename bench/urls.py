"""The application's URLs plus the bare view the benchmark compares against (the ceiling)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from units.models import Staff

BARE = engines["django"].from_string(
    "<!doctype html><html><body><table>{% for s in rows %}<tr><td>{{ s.pk }}</td><td>{{ s.full_name }}</td>"
    "<td>{{ s.position }}</td></tr>{% endfor %}</table></body></html>"
)


def bare(request):
    """50 database rows through the ORM and the template engine: what a trivial page costs here."""
    return HttpResponse(BARE.render({"rows": Staff.objects.order_by("pk")[:50]}))


urlpatterns = [path("bench/bare/", bare), path("", include("config.urls"))]
