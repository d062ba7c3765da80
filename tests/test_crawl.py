"""Every page of the demo, as every role, reads as Vietnamese for people: no internal code (``word.word``,
``snake_case``, a rule set's code, a raw enum value), no English word, no number written the English way, and no
link that leads to an error (issue 14, "No internal codes on any page or document").

The demo (``seed_demo``) is built once for the module inside a transaction rolled back at its end. Each role starts
at ``/`` (the admin also at ``/admin/``) and follows every same-site ``<a href>`` breadth-first, at most
``PER_NAME`` pages per URL name, skipping logout, downloads and pages of a list beyond the second. The visible text
of each page (without ``<script>``/``<style>``, with the ``title``, ``placeholder``, ``aria-label`` and ``alt``
attributes and the text of buttons) is checked by ``findings``; the test fails listing (URL, string).

``KNOWN`` holds the findings of strings others are fixing under issue 14: to be emptied.
"""

import os
import re
import time
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from units.audit_actions import has_label
from units.models import AuditEntry, User

# The demo's logins (printed by seed_demo): one per role; the officer of a district procuracy has the most pages.
ROLES = {
    "officer": "donghung",
    "secretariat": "thuongtruc",
    "council_member": "hoidong",
    "statistics": "thongke",
    "admin": "admin",
}
PER_NAME = 3  # pages per resolved URL name: 108 agenda rows do not mean 108 fetches
ADMIN_PER_NAME = {"changelist": 1, "change": 1}  # the admin: each changelist and one change page of each
SKIP_NAMES = {"logout", "admin:logout", "set_language"}
SKIP_NAME_PARTS = ("export", "download", "_document", "registration_form", "template", "_pdf", "_xlsx")
SKIP_ADMIN = ("_add", "_delete", "_history", "password_change", "auth_user_password", "jsi18n", "view_on_site")
HTML = "text/html"

# --- What a page must not show --------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return text.split()


CODE_PATTERNS = {
    "word.word": re.compile(r"\b[a-z]+(?:_[a-z]+)*\.[a-z_]+\b"),
    "snake_case": re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"),
    "rule-set code": re.compile(r"\b[a-z]+(?:-[a-z0-9]+){2,}\b"),
}
# The raw values of the states and roles a page could print instead of their labels (lower case, whole words).
RAW_VALUES = words(
    "draft submitted returned rejected accepted approved not_approved decided forwarded pending sending sent "
    "failed cancelled queued running done checked applied planned closed issued self_scored cluster_reviewed "
    "officer secretariat council_member"
)
RAW_VALUE = re.compile(r"(?<![\w/.-])(?:" + "|".join(RAW_VALUES) + r")(?![\w/.-])")
# English words of a user interface, whole words, case as written. Not here: words that are also Vietnamese
# without marks ("to", "in", "an", "do", "con", "ban", "me", "on", "at") or are names ("admin" is a login).
ENGLISH = words(
    "the of and is are or for with from this that these your you Add Change Delete Save Submit Search Filter "
    "None True False Yes No Choose Files Skip Toggle theme model name link list view page password "
    "authentication selected Select all by Home Back Next Previous Welcome Users Groups History Action "
    "Actions Go Run Log out Django Access attempts Cancel Close Edit Remove Upload Download Print Show Hide "
    "Loading Required Optional Date Time Today Now Clear Reset Summary Details Status State Title Unit Staff "
    "Report Document Documents"
)
ENGLISH_WORD = re.compile(r"(?<![\w@/.-])(?:" + "|".join(ENGLISH) + r")(?![\w@/.-])")
NUMBER_PATTERNS = {
    "English decimal percent": re.compile(r"\d+\.\d+ ?%"),
    "percent without its space": re.compile(r"\d%"),
    "thousands comma": re.compile(r"\b\d{1,3},\d{3}\b(?!,)"),
    "0.00": re.compile(r"\b0\.00\b"),
}
# Left out before checking (an explicit allow-list): addresses, e-mail addresses, file names, the product's name.
ALLOWED = [
    re.compile(r"https?://\S+"),  # a web address
    re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # an e-mail address (the demo's ...@vks-thaibinh.example)
    re.compile(r"[\w.-]+\.(?:pdf|xlsx|xls|zip|docx|doc|csv|png|jpg|jpeg|txt)\b", re.IGNORECASE),  # a file name
    re.compile(r"\bv\.v\.?"),  # "vân vân", the Vietnamese "etc."
    re.compile(r"\bSHA-256\b"),  # the checksum's name, in a title
]

# Findings of strings other helpers of issue 14 are fixing, as (URL name, string), grouped by who fixes them:
# to be emptied. An entry no page shows any more is harmless; remove it with the fix.
KNOWN: set[tuple[str, str]] = {}


def findings(text: str) -> list[tuple[str, str]]:
    """The offending strings of a page's visible text: [("kind: string", the text around it)]."""
    for allowed in ALLOWED:
        text = allowed.sub(" ", text)
    patterns = [
        *CODE_PATTERNS.items(),
        ("raw value", RAW_VALUE),
        ("English", ENGLISH_WORD),
        *NUMBER_PATTERNS.items(),
    ]
    found = []
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            around = " ".join(text[max(0, match.start() - 50) : match.end() + 50].split())
            found.append((f"{kind}: {match.group(0)}", around))
    return found


class Page(HTMLParser):
    """A page's visible text and its links."""

    SKIP = {"script", "style", "template"}
    SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.links, self._skipping = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP:
            self._skipping += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in self.SHOWN_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.texts.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


# --- The crawl -------------------------------------------------------------------------------------------------------


def url_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def wanted(url: str, name: str | None, *, admin: bool) -> bool:
    if name is None:
        return True  # fetched, to report a link to nowhere
    if name in SKIP_NAMES or any(part in name for part in SKIP_NAME_PARTS):
        return False
    if name.startswith("admin:"):
        return admin and not any(part in name for part in SKIP_ADMIN)
    page = parse_qs(urlsplit(url).query).get("page", ["1"])[0]
    return not page.isdigit() or int(page) <= 2


def limit(name: str | None, per_name: int) -> int:
    if name and name.startswith("admin:"):
        return next((n for suffix, n in ADMIN_PER_NAME.items() if name.endswith(f"_{suffix}")), per_name)
    return per_name


def crawl(
    client: Client, starts: list[str], *, admin: bool, per_name: int = PER_NAME
) -> tuple[list[tuple[str, str, str, str]], int]:
    """Breadth-first from ``starts``: [(URL, URL name, offending string, its context)] and the pages read."""
    queue, seen, fetched, problems, pages = deque(starts), set(starts), {}, [], 0
    while queue:
        url = queue.popleft()
        path = urlsplit(url).path
        name = url_name(path)
        response = client.get(url)
        if response.status_code in (301, 302):
            target = urljoin(url, response["Location"])
            if urlsplit(target).netloc in ("", "testserver") and target not in seen:
                seen.add(target)
                queue.appendleft(target)
            continue
        if response.status_code != 200:
            problems.append((url, name or "?", f"status {response.status_code}", ""))
            continue
        if not response.get("Content-Type", "").startswith(HTML):
            continue
        pages += 1
        page = parse(response.content.decode())
        problems += [(url, name or "?", *found) for found in findings(" \n ".join(page.texts))]
        for href in page.links:
            target = urljoin(url, href.split("#", 1)[0])
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver") or not parts.path:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen:
                continue
            target_name = url_name(parts.path)
            if not wanted(target, target_name, admin=admin) or fetched.get(target_name, 0) >= limit(
                target_name, per_name
            ):
                continue
            seen.add(target)
            fetched[target_name] = fetched.get(target_name, 0) + 1
            queue.append(target)
    return problems, pages


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo province, seeded once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            started = time.monotonic()
            call_command("seed_demo", verbosity=0)
            seeded_in = time.monotonic() - started
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield seeded_in
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def test_every_action_of_the_demo_has_a_label(demo, db):
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert len(actions) > 20
    assert sorted(a for a in actions if not has_label(a)) == []


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_demo_reads_as_vietnamese(demo, db, role, capsys):
    client = Client()
    client.force_login(User.objects.get(username=ROLES[role]))
    started = time.monotonic()
    # The admin's pages of the application are the secretariat's, of every province: one of each is enough.
    problems, pages = crawl(client, ["/"], admin=False, per_name=1 if role == "admin" else PER_NAME)
    if role == "admin":
        more, admin_pages = crawl(client, ["/admin/"], admin=True)
        problems, pages = problems + more, pages + admin_pages
    with capsys.disabled():
        print(f"\n{role}: {pages} pages in {time.monotonic() - started:.1f} s (demo seeded in {demo:.1f} s)")
    new = {(name, found): (url, around) for url, name, found, around in problems if (name, found) not in KNOWN}
    report = [f"{name} {found!r} at {url}: …{around}…" for (name, found), (url, around) in sorted(new.items())]
    if os.environ.get("CRAWL_REPORT"):  # a file for routing the findings: CRAWL_REPORT=artifacts/crawl
        Path(os.environ["CRAWL_REPORT"]).mkdir(parents=True, exist_ok=True)
        (Path(os.environ["CRAWL_REPORT"]) / f"{role}.txt").write_text("".join(f"{line}\n" for line in report))
    assert report == [], f"{len(report)} findings (URL name, string, one page it is on):\n" + "\n".join(report)
