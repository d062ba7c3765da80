"""The demo's news items and articles of 2018 (plan II.2.7), recorded by the units' officers and the secretariat
through ``units.articles``, then dated on the day each was published (the demo only, as ``demo/timestamps.py``)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery

from units.articles import article_create
from units.enums import ArticleKind, ArticleOutlet, Role
from units.models import Article, AuditEntry, Unit, User
from units.selectors import province_units, unit_roster

# (unit code, authors' indexes in the roster sorted leaders first, kind, title, outlet,
# outlet name, published on, link)
ARTICLES = [
    (
        "vks-thai-binh",
        [0],
        ArticleKind.RESEARCH,
        "Một số vấn đề về thực hành quyền công tố trong giai đoạn khởi tố theo Bộ luật Tố tụng hình sự năm 2015",
        ArticleOutlet.JOURNAL,
        "Tạp chí Kiểm sát số 6/2018",
        datetime.date(2018, 3, 20),
        "",
    ),
    (
        "vks-thai-binh",
        [1],
        ArticleKind.NEWS,
        "Viện kiểm sát nhân dân tỉnh Thái Bình phát động phong trào thi đua năm 2018",
        ArticleOutlet.SECTOR_WEBSITE,
        "",
        datetime.date(2018, 1, 12),
        "https://vksndtc.gov.vn/tin-tuc/thai-binh-phat-dong-thi-dua-2018",
    ),
    (
        "vks-thai-binh",
        [1, 4],
        ArticleKind.ARTICLE,
        "Kiểm sát việc tạm giữ, tạm giam: những vi phạm thường gặp và giải pháp",
        ArticleOutlet.PROVINCIAL_PRESS,
        "Báo Thái Bình",
        datetime.date(2018, 6, 1),
        "",
    ),
    (
        "tb-phong-1",
        [0],
        ArticleKind.ARTICLE,
        "Nâng cao chất lượng tranh tụng tại phiên tòa hình sự sơ thẩm",
        ArticleOutlet.JOURNAL,
        "Tạp chí Kiểm sát số 14/2018",
        datetime.date(2018, 7, 25),
        "",
    ),
    (
        "tb-phong-1",
        [3],
        ArticleKind.NEWS,
        "Phòng 1 tổ chức hội nghị rút kinh nghiệm án hình sự quý II",
        ArticleOutlet.SECTOR_WEBSITE,
        "",
        datetime.date(2018, 7, 5),
        "",
    ),
    (
        "tb-dong-hung",
        [0],
        ArticleKind.RESEARCH,
        "Áp dụng biện pháp ngăn chặn đối với người chưa thành niên: thực tiễn tại huyện Đông Hưng",
        ArticleOutlet.JOURNAL,
        "Tạp chí Kiểm sát số 18/2018",
        datetime.date(2018, 9, 18),
        "",
    ),
    (
        "tb-dong-hung",
        [1],
        ArticleKind.NEWS,
        "Viện kiểm sát nhân dân huyện Đông Hưng tuyên truyền Luật Tố cáo năm 2018",
        ArticleOutlet.PROVINCIAL_PRESS,
        "Đài Phát thanh và Truyền hình Thái Bình",
        datetime.date(2018, 10, 2),
        "",
    ),
    (
        "tb-dong-hung",
        [4],
        ArticleKind.NEWS,
        "Đông Hưng kiểm sát trực tiếp nhà tạm giữ Công an huyện",
        ArticleOutlet.OTHER,
        "Bản tin nội bộ Viện kiểm sát nhân dân tỉnh Thái Bình",
        datetime.date(2018, 11, 8),
        "",
    ),
    (
        "tb-hung-ha",
        [0, 2],
        ArticleKind.ARTICLE,
        "Kinh nghiệm kiểm sát giải quyết các vụ án dân sự về tranh chấp đất đai",
        ArticleOutlet.JOURNAL,
        "Tạp chí Kiểm sát số 20/2018",
        datetime.date(2018, 10, 22),
        "",
    ),
]


def seed_articles(province: Unit) -> None:
    if Article.objects.filter(unit__province=province).exists():
        return
    secretariat = User.objects.filter(role=Role.SECRETARIAT, province=province).first()
    units = {unit.code: unit for unit in province_units(province)}
    officers = {user.unit_id: user for user in User.objects.filter(role=Role.OFFICER, unit__province=province)}
    for code, positions, kind, title, outlet, outlet_name, published_on, link in ARTICLES:
        unit = units.get(code)
        if unit is None:
            continue
        roster = sorted(unit_roster(unit), key=lambda person: not person.is_leader)  # leaders first, stable
        authors = [roster[position % len(roster)] for position in positions]
        article_create(
            unit=unit,
            actor=officers.get(unit.pk, secretariat),
            authors=authors,
            kind=kind,
            title=title,
            outlet=outlet,
            outlet_name=outlet_name,
            published_on=published_on,
            link=link,
        )
    _date_as_published(province)


def _date_as_published(province: Unit) -> None:
    zone = ZoneInfo(settings.TIME_ZONE)
    for article in Article.objects.filter(unit__province=province):
        day = article.published_on
        at = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=zone)
        Article.objects.filter(pk=article.pk).update(created_at=at, updated_at=at)
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Article),
        object_id__in=Article.objects.filter(unit__province=province).values("pk"),
    ).update(created_at=Subquery(Article.objects.filter(pk=OuterRef("object_id")).values("updated_at")[:1]))
