"""Real-browser journeys: Playwright driving Debian's Chromium (``/usr/bin/chromium``), headless.

Screenshots (desktop 1366×768 and phone 390×844) go to ``artifacts/screenshots/``; any JavaScript console error
or uncaught page error fails the journey. At every ``snap()`` axe-core (``static/vendor/axe-core/``, the npm
package) checks the page at both sizes against WCAG 2.0/2.1 A and AA; a serious or critical violation fails the
journey when it closes, listed with its rule, the elements' selectors and the page's address.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
SIZES = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_BLOCKING = ("serious", "critical")
# Runs in the page: the serious and critical violations, each with its elements' selectors.
AXE_RUN = """async ([tags, blocking]) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.filter((v) => blocking.includes(v.impact)).map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((node) => node.target.join(" ")),
  }));
}"""


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI requires Chromium at {CHROMIUM} for the browser journeys.")
    skip = pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM} (.ci/run installs it)")
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


class Journey:
    """A browser tab with helpers: sign in, screenshot at both sizes, and a log of console errors."""

    def __init__(self, browser, base_url, name):
        self.context = browser.new_context(viewport=SIZES["desktop"], locale="vi-VN", accept_downloads=True)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.name = name
        self.errors = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.shots = 0
        self.violations = []  # axe-core's serious and critical findings, with the step, size and address

    def go(self, path):
        self.page.goto(self.base_url + path)

    def sign_in(self, username, password):
        self.context.clear_cookies()
        self.go("/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("main form button[type=submit]")
        self.page.wait_for_load_state()

    def snap(self, step):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        for size, viewport in (("phone", SIZES["phone"]), ("desktop", SIZES["desktop"])):
            self.page.set_viewport_size(viewport)
            self.page.screenshot(path=SCREENSHOTS / f"{self.name}-{self.shots:02d}-{step}-{size}.png", full_page=True)
            self.check_accessibility(f"{step} ({size})")

    def check_accessibility(self, where):
        """Runs axe-core on the page as it is. The app's CSP allows no inline script, so ``add_script_tag`` (an
        inline ``<script>``) is refused; ``evaluate`` goes through the DevTools protocol, which the CSP does not
        govern, and defines ``window.axe`` once per document."""
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text(encoding="utf-8"))
        for violation in self.page.evaluate(AXE_RUN, [AXE_TAGS, list(AXE_BLOCKING)]):
            self.violations.append({**violation, "where": where, "url": self.page.url})

    def accessibility_report(self):
        return "\n".join(
            f"- {v['id']} ({v['impact']}: {v['help']}) at {v['where']} {v['url']}: {', '.join(v['targets'][:6])}"
            for v in self.violations
        )

    def close(self):
        self.context.close()
        assert self.errors == [], f"JavaScript errors in {self.name}: {self.errors}"
        assert self.violations == [], f"axe-core in {self.name}:\n{self.accessibility_report()}"


@pytest.fixture
def journey(browser, live_server, request):
    journeys = []

    def start(name):
        journeys.append(Journey(browser, live_server.url, name))
        return journeys[-1]

    yield start
    for item in journeys:
        item.close()
