#!/usr/bin/env python3
"""End-to-end check of the console in headless Chromium (Selenium).

Usage: console_e2e.py PALISADE_BINARY DATA_DIR WORK_DIR CAPTURE_TO_UPLOAD

Runs `palisade demo` (which ends by serving its store), signs in with the admin password it
prints, opens every page, checks real content of the simulated plant, acknowledges an alert,
uploads a capture through the import form, and saves a screenshot of each page in WORK_DIR.
Exit status 0 when every check passed; each failed check is printed.
"""
import os
import re
import socket
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as conditions
from selenium.webdriver.support.ui import WebDriverWait

binary, data, work, upload = sys.argv[1:5]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


port = free_port()
log_path = os.path.join(work, "demo.log")
log = open(log_path, "w")
demo = subprocess.Popen(
    [binary, "demo", "--dir", os.path.join(work, "demo"), "--minutes", "2", "--data", data,
     "--listen", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
password = None
deadline = time.time() + 600
while time.time() < deadline and password is None and demo.poll() is None:
    time.sleep(1)
    match = re.search(r"user admin, password (\S+)", open(log_path).read())
    if match:
        password = match.group(1)
if password is None:
    print(open(log_path).read()[-3000:])
    sys.exit("the demo did not print the console's admin password")
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        break
    except OSError:
        time.sleep(0.2)

base = f"http://127.0.0.1:{port}"
options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"]:
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(browser, 30)
try:
    def shot(name):
        browser.save_screenshot(os.path.join(work, f"{name}.png"))

    browser.get(base + "/")
    check("/login" in browser.current_url, "an anonymous visit goes to the login page")
    browser.find_element(By.NAME, "user").send_keys("admin")
    browser.find_element(By.NAME, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, ".cards")))
    shot("overview")
    text = browser.find_element(By.TAG_NAME, "main").text
    check("Assets by role" in text and "plc" in text, "the overview shows assets by role with PLCs")
    check(len(browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")) > 0, "the overview draws the alert chart")

    browser.get(base + "/assets?role=plc")
    shot("assets")
    rows = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    check(len(rows) >= 4, f"the simulated plant has PLCs in the asset list ({len(rows)})")
    check("10.10." in browser.find_element(By.TAG_NAME, "main").text, "asset addresses of the simulated plant")
    rows[0].find_element(By.CSS_SELECTOR, "a").click()
    wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, "dl.facts")))
    shot("asset")
    check("Identity facts" in browser.page_source and "Communications" in browser.page_source, "the asset page")

    browser.get(base + "/map")
    shot("map")
    nodes = browser.find_elements(By.CSS_SELECTOR, "svg#map a.node")
    edges = browser.find_elements(By.CSS_SELECTOR, "svg#map path.edge")
    check(len(nodes) >= 20 and len(edges) >= 20, f"the map draws the plant ({len(nodes)} nodes, {len(edges)} edges)")

    browser.get(base + "/alerts?severity=high")
    shot("alerts")
    links = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr td:nth-child(2) a")
    check(len(links) > 0, "high alerts of the injected attack are listed")
    check("S7" in browser.find_element(By.TAG_NAME, "main").text or "PLC" in browser.find_element(By.TAG_NAME, "main").text,
          "the attack's controller alerts are there")
    if links:
        links[0].click()
        wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, "ol.evidence")))
        forms = browser.find_elements(By.CSS_SELECTOR, "form[action$='/state']")
        acknowledge = [f for f in forms if f.find_element(By.NAME, "state").get_attribute("value") == "acknowledged"]
        check(len(acknowledge) == 1, "the alert page offers Acknowledge")
        if acknowledge:
            acknowledge[0].find_element(By.NAME, "note").send_keys("checked in the e2e test")
            acknowledge[0].find_element(By.CSS_SELECTOR, "button").click()
            wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
            shot("alert-acknowledged")
            check("acknowledged: checked in the e2e test" in browser.find_element(By.TAG_NAME, "main").text,
                  "the alert shows its new state and note")

    browser.get(base + "/vulnerabilities")
    shot("vulnerabilities")
    check("ICSA-" in browser.page_source, "advisories matched to the plant's controllers")

    browser.get(base + "/audit")
    shot("audit")
    check("alert.state" in browser.page_source or "acknowledged" in browser.page_source,
          "the audit log records the triage")

    browser.get(base + "/users")
    check("admin" in browser.find_element(By.TAG_NAME, "main").text, "the users page lists admin")

    browser.get(base + "/import")
    browser.find_element(By.ID, "capture").send_keys(os.path.abspath(upload))
    browser.find_element(By.CSS_SELECTOR, "#upload button").click()
    WebDriverWait(browser, 240).until(
        lambda driver: driver.find_element(By.ID, "status").text.startswith(("done", "failed")))
    shot("import")
    status = browser.find_element(By.ID, "status").text
    check(status.startswith("done: "), f"the upload is imported ({status})")

    errors = [entry for entry in browser.get_log("browser") if entry.get("level") == "SEVERE"]
    check(not errors, f"no script or CSP errors in the browser console: {errors[:3]}")
finally:
    browser.quit()
    demo.terminate()
    try:
        demo.wait(timeout=10)
    except subprocess.TimeoutExpired:
        demo.kill()

print(f"{len(failures)} failures; screenshots in {work}")
sys.exit(1 if failures else 0)
