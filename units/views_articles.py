"""Pages of the news items and articles by units' people (plan II.2.7): the list with its filters, the counts per
unit and per leader, the form, the deletion. Officers see and write their own unit's; the secretariat its
province's; council members read."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from units.articles import (
    ARTICLE_FIELDS,
    article_counts,
    article_create,
    article_delete,
    article_list,
    article_update,
    article_years,
)
from units.attachments import attachments_by_owner, attachments_of
from units.enums import ArticleKind, Role
from units.forms_articles import ArticleFilterForm, ArticleForm
from units.models import Article, Staff, Unit
from units.pagination import PagerMixin
from units.permissions import RoleRequiredMixin, UnitMemberMixin
from units.views_mixins import ServiceFormMixin, int_or_none

READERS = (Role.OFFICER, Role.SECRETARIAT, Role.COUNCIL_MEMBER)


class ArticleFiltersMixin(RoleRequiredMixin):
    """Reads the filters (year, kind, outlet, unit) of the query string; a unit outside the user's scope is 404."""

    allowed_roles = READERS
    default_to_latest_year = False

    def read_filters(self):
        user = self.request.user
        self.years = article_years(user)
        self.chosen_unit = None
        if (raw := self.request.GET.get("unit")) and not user.is_officer:
            self.chosen_unit = get_object_or_404(Unit.objects.for_user(user), pk=int_or_none(raw))
        units = None if user.is_officer else Unit.objects.for_user(user).filter(is_active=True)
        data = self.request.GET.copy()
        latest = self.years[0] if self.years else timezone.localdate().year
        if self.default_to_latest_year and "year" not in data:
            data["year"] = str(latest)
        years = sorted({*self.years, latest}, reverse=True)
        self.filter_form = ArticleFilterForm(data, years=years, units=units)
        self.filter_form.is_valid()  # a filter not valid (a year typed by hand) is left out, the others kept
        cleaned = self.filter_form.cleaned_data
        self.filters = {
            "year": cleaned.get("year"),
            "kind": cleaned.get("kind") or "",
            "outlet": cleaned.get("outlet") or "",
            "unit": self.chosen_unit,
        }
        params = self.request.GET.copy()
        params.pop("page", None)
        self.query_string = params.urlencode()

    def filter_context(self) -> dict:
        user = self.request.user
        return {
            "filter_form": self.filter_form,
            "filters": self.filters,
            "query_string": self.query_string,
            "can_write": user.is_officer or user.is_secretariat,
            "kinds": ArticleKind.choices,
        }


class ArticleListView(ArticleFiltersMixin, PagerMixin, ListView):
    template_name = "units/article_list.html"
    context_object_name = "articles"
    paginate_by = 30

    def get_queryset(self):
        self.read_filters()
        return article_list(self.request.user, **self.filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        files = attachments_by_owner(Article, [article.pk for article in context["articles"]])
        user = self.request.user
        context.update(
            self.filter_context(),
            rows=[(article, files.get(article.pk, [])) for article in context["articles"]],
            column_count=5 + (not user.is_officer) + (user.is_officer or user.is_secretariat),
        )
        return context


class ArticleSummaryView(ArticleFiltersMixin, TemplateView):
    """Counts per unit (by kind, and with a leader among the authors) and per leader, for a year by default."""

    template_name = "units/article_summary.html"
    default_to_latest_year = True

    def get_context_data(self, **kwargs):
        self.read_filters()
        counts = article_counts(self.request.user, **self.filters)
        return {**super().get_context_data(**kwargs), **self.filter_context(), "counts": counts}


class ArticleFormView(UnitMemberMixin, ServiceFormMixin, FormView):
    form_class = ArticleForm
    template_name = "form_page.html"

    def dispatch(self, request, *args, **kwargs):
        self.article = None
        if "pk" in kwargs and request.user.is_authenticated:
            self.article = get_object_or_404(
                Article.objects.for_user(request.user).select_related("unit"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        user = self.request.user
        if self.article is not None:
            units, people = None, Staff.objects.filter(unit=self.article.unit)
            people = people.filter(is_active=True) | people.filter(articles=self.article)
        elif user.is_officer:
            units, people = None, Staff.objects.filter(unit_id=user.unit_id, is_active=True)
        else:
            units = Unit.objects.for_user(user).filter(is_active=True).order_by("display_order", "sort_key")
            people = Staff.objects.for_user(user).filter(is_active=True)
        people = people.distinct().order_by("unit__display_order", "sort_key", "id")
        return {**super().get_form_kwargs(), "instance": self.article, "units": units, "authors_queryset": people}

    def back(self):
        return reverse("units:article_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Edit the news item or article") if self.article else _("Record a news item or article"),
            page_intro=_(
                "Plan II.2.7: the units' leaders lead the way in writing news items and legal research articles. "
                "Those with a leader among the authors count in the unit's score."
            ),
            cancel_url=self.back(),
            attachments=attachments_of(self.article) if self.article else [],
        )
        return context

    def form_done(self, form):
        data = {name: form.cleaned_data[name] for name in ARTICLE_FIELDS}
        authors, files = list(form.cleaned_data["authors"]), form.cleaned_data["files"]
        user = self.request.user
        if self.article:
            article_update(article=self.article, actor=user, authors=authors, files=files, **data)
        else:
            unit = form.cleaned_data.get("unit") or user.unit
            if unit is None:
                raise Http404
            article_create(unit=unit, actor=user, authors=authors, files=files, **data)
        messages.success(self.request, _("The news item or article was saved."))
        return redirect(self.back())


class ArticleDeleteView(UnitMemberMixin, TemplateView):
    template_name = "confirm_delete.html"

    def get_article(self):
        articles = Article.objects.for_user(self.request.user).select_related("unit")
        return get_object_or_404(articles, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        article = self.get_article()
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Delete a news item or article"),
            "question": _("Delete “%(title)s” of %(unit)s? Its files go with it; the deletion is logged.")
            % {"title": article.title, "unit": article.unit.name},
            "cancel_url": reverse("units:article_list"),
        }

    def post(self, request, pk):
        article_delete(article=self.get_article(), actor=request.user)
        messages.success(request, _("The news item or article was deleted."))
        return redirect("units:article_list")
