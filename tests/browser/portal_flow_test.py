#!/usr/bin/env python3
"""The portal in a real browser (headless Chromium through chromedriver), against the test
stack that scripts/check.sh started: the demo administrator signs in, creates an
application, generates a token and reads it from the page, uses it for POST /Users (201),
revokes it on the page and sees the next request get 401; then makes a client secret on
the page, buys an access token at the token endpoint, uses it, revokes the secret and sees
401. Ends with "RESULT <passed> <failed>" for scripts/check.sh."""
import json
import os
import ssl
import sys
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

PORTAL = os.environ["SCIM_PORTAL_URL"]
EMAIL = os.environ["SCIM_PORTAL_EMAIL"]
PASSWORD = os.environ["SCIM_PORTAL_PASSWORD"]
BASE = os.environ["SCIM_BASE_URL"]
ORIGIN = PORTAL.split("/orgs/")[0]
ORG = PORTAL.split("/orgs/")[1].split("/")[0]
TLS = ssl.create_default_context(cafile=os.path.join(os.environ["SCIM_VAR_DIR"], "nginx", "cert.pem"))

passed = failed = 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"browser: FAILED: {what}")


def http(method, url, token=None, body=None, content_type="application/scim+json"):
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, context=TLS, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def new_user(token):
    body = json.dumps({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                       "userName": f"browser-{uuid.uuid4().hex[:10]}@example.com"})
    return http("POST", BASE + "/Users", token, body)[0]


def article(driver, name):
    for element in driver.find_elements(By.CSS_SELECTOR, "[data-app-id]"):
        if element.find_element(By.TAG_NAME, "h3").text == name:
            return element
    return None


def detached(element):
    """True once the element's page is gone. Mid-navigation chromedriver may say so with
    another error than StaleElementReferenceException (its subclass), hence the base class."""
    try:
        element.is_enabled()
        return False
    except WebDriverException:
        return True


def click(driver, element, text):
    """Submits the form of the button with that text and waits for the page it answers with
    (the old page's button gone): what the server did is done when this returns."""
    for button in element.find_elements(By.CSS_SELECTOR, "button[type=submit]"):
        if button.text.strip() == text:
            button.click()
            WebDriverWait(driver, 20).until(lambda d: detached(button))
            WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
            return True
    return False


def run(driver):
    driver.get(PORTAL)
    check("/portal/login" in driver.current_url, "the page without a session sends to sign-in")
    driver.find_element(By.NAME, "email").send_keys(EMAIL)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    check(click(driver, driver.find_element(By.CSS_SELECTOR, "form.signin"), "Sign in"), "the Sign in button")
    check(driver.current_url.startswith(PORTAL), "signed in, the applications page")
    check("SCIM Base URL" in driver.page_source and BASE in driver.page_source, "the set-up table")

    name = "Okta " + uuid.uuid4().hex[:8]
    driver.find_element(By.NAME, "name").send_keys(name)
    check(click(driver, driver.find_element(By.CSS_SELECTOR, "form.create"), "Create application"), "Create application button")
    app = article(driver, name)
    check(app is not None, "the new application is listed")
    app_id = app.get_attribute("data-app-id")

    check(click(driver, app, "Generate token"), "Generate token button")
    token = driver.find_element(By.CSS_SELECTOR, "[data-testid=new-token]").text.strip()
    check(token.startswith("scim_"), "the new token is shown")
    check(new_user(token) == 201, "the token creates a user")
    driver.get(PORTAL)
    check(token not in driver.page_source, "the token is not shown again")
    app = article(driver, name)
    row = app.find_element(By.CSS_SELECTOR, "table.tokens tr[data-token-id]")
    check(click(driver, row, "Revoke"), "the token's Revoke button")
    check(new_user(token) == 401, "a revoked token gets 401")

    app = article(driver, name)
    client_id = app.find_element(By.CSS_SELECTOR, "[data-testid=client-id]").text.strip()
    check(client_id == app_id, "the client id is the application's id")
    check(click(driver, app, "New client secret"), "New client secret button")
    secret = driver.find_element(By.CSS_SELECTOR, "[data-testid=new-client-secret]").text.strip()
    check(len(secret) > 20, "the new client secret is shown")
    form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": client_id,
                                   "client_secret": secret})
    status, body = http("POST", f"{ORIGIN}/orgs/{ORG}/oauth2/token", body=form,
                        content_type="application/x-www-form-urlencoded")
    check(status == 200, "the token endpoint answers the client credentials")
    access_token = json.loads(body).get("access_token", "") if status == 200 else ""
    check(new_user(access_token) == 201, "the access token creates a user")
    driver.get(PORTAL)
    app = article(driver, name)
    row = app.find_element(By.CSS_SELECTOR, "table.secrets tr[data-secret-id]")
    check(click(driver, row, "Revoke"), "the secret's Revoke button")
    check(new_user(access_token) == 401, "the revoked secret's access token gets 401")


def main():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--ignore-certificate-errors", "--window-size=1280,1600"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    driver.implicitly_wait(5)
    try:
        run(driver)
    except Exception:
        traceback.print_exc()
        check(False, "the flow ran to its end")
    finally:
        driver.quit()
    print(f"browser: {passed} passed, {failed} failed")
    print(f"RESULT {passed} {failed}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
