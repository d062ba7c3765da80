"""Pages of a list: a page number typed by hand that is not a number, or beyond the ends, shows the nearest page
instead of a 404 (the pager's "Đến trang" box, a stale link after rows went away)."""

from django.core.paginator import Paginator


class ForgivingPaginator(Paginator):
    """``page("abc")`` is the first page, ``page(0)`` too, ``page(999)`` the last one. Set as a list view's
    ``paginator_class``; ``Paginator.get_page`` (used by pages paginating by hand) does nearly the same."""

    def validate_number(self, number):
        try:
            number = int(str(number).strip())
        except (TypeError, ValueError):
            return 1
        return min(max(number, 1), max(self.num_pages, 1))


class PagerMixin:
    """For a ``ListView``: the page comes from ``ForgivingPaginator`` whatever was typed (Django's own
    ``paginate_queryset`` answers 404 to "abc" or to a page past the end)."""

    paginator_class = ForgivingPaginator

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        page = paginator.page(self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1)
        return paginator, page, page.object_list, page.has_other_pages()
