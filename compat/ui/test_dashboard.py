"""The dashboard (`/__admin/ui`) in headless Chromium, against a live `fauxport serve`.

The official SDK exports under `fauxport:flaky-pages:7` first; then the page must show those
requests (newest first, faulted rows highlighted), the world's projects, every scenario, the
key's timeline, requests made while it is open, and set the default scenario. A second server
with `--admin-token` checks that the page sends the token from `#token=...`. Run it with
`bash scripts/dashboard-test`; the screenshot goes to $DASHBOARD_SCREENSHOT.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

import labelbox as lb
import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from serve import Server, start_server, stop_server

KEY = "fauxport:flaky-pages:7"
RETRIED = "fauxport:retryable-outage:7"  # the SDK retries after back-offs, and completes
TOKEN = "dashboard-test-token"
SCREENSHOT = Path(os.environ.get("DASHBOARD_SCREENSHOT", "dashboard.png"))
HOSTILE = '<img src=x id=injected onerror="document.title=1">&amp;'
WAIT = 20.0


def admin(srv: Server, method: str, path: str, body: Optional[dict] = None,
          token: Optional[str] = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(srv.base + "/__admin/" + path, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(req, timeout=10) as resp:
        return json.loads(resp.read())


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    # Three pages of 100 rows: flaky-pages faults page 1 (the second).
    s = start_server(tmp_path_factory.mktemp("dashboard"), "--seed", "42", "--rows", "300",
                     "--page-rows", "100")
    try:
        yield s
    finally:
        stop_server(s)


@pytest.fixture(scope="module")
def browser():
    chromium, driver_bin = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver_bin, "chromium and chromedriver: bash scripts/dashboard-test installs them"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,2000", "--no-proxy-server"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_bin), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def sdk_export(srv: Server, key: str) -> Optional[str]:
    """Exports the first project with the official SDK under `key`; the exception's class name
    when the export failed visibly (flaky-pages may), else None."""
    client = lb.Client(api_key=key, endpoint=srv.graphql, rest_endpoint=srv.rest)
    project = client.get_project(srv.world["projects"][0]["id"])
    try:
        task = project.export(params={"data_row_details": True, "label_details": True})
        task.wait_till_done()
        rows = [r.json for r in task.get_buffered_stream()]
        assert len(rows) == srv.world["projects"][0]["rows"]
        return None
    except Exception as err:  # the scenario's faults may surface; the journal has them either way
        return type(err).__name__


def retries(journal: List[Dict[str, Any]]) -> int:
    """Calls that repeat one that failed (the same page, or the same GraphQL kind and
    operations, after a fault, a retryable error or an HTTP error)."""
    last: Dict[Any, Dict[str, Any]] = {}
    count = 0
    for e in journal:
        same = ("page", e["path"]) if e["kind"] in ("page", "download") \
            else (e["kind"], tuple(e["operations"]))
        prev = last.get(same)
        count += bool(prev and (prev["fault"] or prev["retryable"] or prev["status"] >= 400))
        last[same] = e
    return count


def wait_for(driver, what: str, check, timeout: float = WAIT):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.2,
                             ignored_exceptions=(StaleElementReferenceException,)).until(check)
    except TimeoutException:
        status = driver.find_element(By.ID, "status").text
        raise AssertionError(f"the page never showed {what} (status line: {status!r})")


def texts(driver, css: str) -> List[str]:
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, css)]


def test_the_dashboard_shows_an_sdk_export_under_faults(srv, browser):
    admin(srv, "POST", "reset")
    # A scenario whose description is markup: the page must show it as text.
    admin(srv, "PUT", "scenarios/hostile-probe", {"description": HOSTILE})
    outcome = sdk_export(srv, KEY)
    journal = admin(srv, "GET", "requests?api_key=" + urllib.request.quote(KEY, safe=""))["requests"]
    faulted = [e for e in journal if e["fault"]]
    assert faulted, f"flaky-pages injected no fault ({outcome}): {journal}"
    assert any(e["kind"] == "page" for e in journal) and any(e["kind"] == "task" for e in journal)
    assert sdk_export(srv, RETRIED) is None, "retryable-outage completes"
    retried = admin(srv, "GET", "requests?api_key=" + urllib.request.quote(RETRIED, safe=""))["requests"]
    assert retries(retried) > 0, retried

    browser.get(srv.base + "/__admin/ui")
    last = retried[-1]["seq"]
    wait_for(browser, "the export's requests",
             lambda d: d.find_elements(By.CSS_SELECTOR, f'#journal tr[data-seq="{last}"]'))

    # The journal: every request of the export, newest first, faults shown and highlighted.
    seqs = [int(s) for s in (r.get_attribute("data-seq")
                             for r in browser.find_elements(By.CSS_SELECTOR, "#journal tbody tr"))]
    assert seqs == sorted(seqs, reverse=True), seqs
    assert {e["seq"] for e in journal} <= set(seqs)
    for e in journal:
        row = browser.find_element(By.CSS_SELECTOR, f'#journal tr[data-seq="{e["seq"]}"]')
        cells = {c: row.find_element(By.CSS_SELECTOR, "td." + c).text
                 for c in ("kind", "scenario", "status", "fault", "key")}
        assert cells == {"kind": e["kind"], "scenario": e["scenario"] or "",
                         "status": str(e["status"]), "fault": e["fault"] or "", "key": KEY}, e
        highlighted = "faulted" in row.get_attribute("class").split()
        assert highlighted == bool(e["fault"]), e
        if highlighted:
            assert row.find_element(By.TAG_NAME, "td").value_of_css_property("background-color") \
                != "rgba(0, 0, 0, 0)", "a faulted row has a background"

    # The world's projects with their kinds and row counts.
    world = admin(srv, "GET", "world")
    rows = [[c.text for c in r.find_elements(By.TAG_NAME, "td")]
            for r in browser.find_elements(By.CSS_SELECTOR, "#projects tbody tr")]
    assert rows == [[p["id"], p["name"], p["kind"], str(p["rows"])] for p in world["projects"]]

    # Every scenario with its definition; markup in data stays text.
    scenarios = admin(srv, "GET", "scenarios")["scenarios"]
    assert texts(browser, ".scenario-name") == [s["name"] for s in scenarios]
    flaky = browser.find_element(By.CSS_SELECTOR, '.scenario[data-name="flaky-pages"] pre.definition')
    assert json.loads(flaky.get_attribute("textContent"))["pages"] \
        == next(s for s in scenarios if s["name"] == "flaky-pages")["pages"]
    probe = browser.find_element(By.CSS_SELECTOR, '.scenario[data-name="hostile-probe"] .description')
    assert probe.text == HOSTILE
    assert not browser.find_elements(By.ID, "injected")

    # The key's timeline: one mark per call, the faulted ones marked, polls and their gaps.
    Select(browser.find_element(By.ID, "timeline-key")).select_by_value(KEY)
    marks = browser.find_elements(By.CSS_SELECTOR, "#timeline rect.call")
    assert len(marks) == len(journal)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline rect.call.faulted")) == len(faulted)
    polls = sum(e["kind"] == "task" for e in journal)
    pages = sum(e["kind"] == "page" for e in journal)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline rect.k-task")) == polls
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline line.gap")) >= polls - 1 - \
        len(browser.find_elements(By.CSS_SELECTOR, "#timeline rect.k-task.retry"))
    summary = browser.find_element(By.ID, "timeline-summary").text
    assert summary.startswith(f"{len(journal)} calls over "), summary
    assert f"{polls} polls, {pages} page downloads, {len(faulted)} faulted" in summary, summary
    # Retries and the back-offs before them, where the SDK retried.
    Select(browser.find_element(By.ID, "timeline-key")).select_by_value(RETRIED)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline rect.call")) == len(retried)
    n = retries(retried)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline rect.call.retry")) == n
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline line.backoff")) == n
    assert f" {n} retries after " in browser.find_element(By.ID, "timeline-summary").text
    browser.save_screenshot(str(SCREENSHOT))

    # Live: a request made while the page is open appears without a reload.
    lb.Client(api_key="fauxport:happy:1", endpoint=srv.graphql, rest_endpoint=srv.rest) \
        .get_project(srv.world["projects"][0]["id"])
    wait_for(browser, "a request made after it opened",
             lambda d: "fauxport:happy:1" in [e.get_attribute("textContent") for e in
                                              d.find_elements(By.CSS_SELECTOR, "#journal td.key")[:3]])

    # The default scenario control.
    Select(browser.find_element(By.ID, "default-name")).select_by_value("slow-task")
    seed = browser.find_element(By.ID, "default-seed")
    seed.clear()
    seed.send_keys("3")
    browser.find_element(By.ID, "default-set").click()
    wait_for(browser, "the new default",
             lambda d: d.find_element(By.ID, "default-current").text == "slow-task:3")
    assert admin(srv, "GET", "default-scenario") == {"name": "slow-task", "seed": 3}
    browser.find_element(By.ID, "default-clear").click()
    wait_for(browser, "the server's default again",
             lambda d: d.find_element(By.ID, "default-current").text == "happy")
    assert admin(srv, "GET", "default-scenario")["name"] == "happy"

    # The page's own requests passed the admin guard and the CSP refused nothing (the browser's
    # own /favicon.ico request, which the page does not make, 404s).
    problems = [entry["message"] for entry in browser.get_log("browser")
                if (entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"])
                and "/favicon.ico " not in entry["message"]]
    assert not problems, problems
    admin(srv, "DELETE", "scenarios/hostile-probe")


def test_with_an_admin_token_the_page_sends_the_one_in_its_fragment(tmp_path, browser):
    s = start_server(tmp_path, "--rows", "50", "--admin-token", TOKEN)
    try:
        browser.get(s.base + "/__admin/ui#token=" + TOKEN)
        wait_for(browser, "the projects", lambda d: d.find_elements(By.CSS_SELECTOR, "#projects tbody tr"))
        assert "#" not in browser.current_url, "the token is taken out of the URL"
        wait_for(browser, "the journal's counters",
                 lambda d: "recorded" in d.find_element(By.ID, "journal-counts").text)
        # A tab without the token gets the page but none of the data.
        browser.switch_to.new_window("tab")
        try:
            browser.get(s.base + "/__admin/ui")
            wait_for(browser, "the refusal",
                     lambda d: "HTTP 401" in d.find_element(By.ID, "status").text)
            assert not browser.find_elements(By.CSS_SELECTOR, "#projects tbody tr")
        finally:
            browser.close()
            browser.switch_to.window(browser.window_handles[0])
    finally:
        stop_server(s)
