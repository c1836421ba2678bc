// The applications portal (/orgs/{orgId}/portal/...) over HTTPS as a browser uses it: a
// cookie jar, forms, redirects not followed (each answer is checked). Sign-in, sessions,
// CSRF, escaping, the tokens and client secrets made on the page opening the SCIM API and
// stopping when revoked, cross-organisation access and the audit trail.
#include <curl/curl.h>

#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <string>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

struct Page {
    long status = 0;
    std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie lines joined
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

size_t collect(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
    std::string line(data, size * count);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
        auto& headers = *static_cast<std::map<std::string, std::string>*>(out);
        headers[name] += (headers[name].empty() ? "" : "\n") + value;
    }
    return size * count;
}

// A browser's worth of state: one cookie jar over one connection.
class Browser {
public:
    Browser() : curl_(curl_easy_init(), curl_easy_cleanup) {
        curl_easy_setopt(curl_.get(), CURLOPT_COOKIEFILE, "");
        const std::string ca = env("SCIM_VAR_DIR") + "/nginx/cert.pem";
        curl_easy_setopt(curl_.get(), CURLOPT_CAINFO, ca.c_str());
        curl_easy_setopt(curl_.get(), CURLOPT_TIMEOUT, 30L);
    }

    Page get(const std::string& url) { return send("GET", url, ""); }
    Page post(const std::string& url, const std::string& form) { return send("POST", url, form); }

private:
    Page send(const std::string& method, const std::string& url, const std::string& form) {
        Page page;
        CURL* curl = curl_.get();
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPGET, method == "GET" ? 1L : 0L);
        if (method == "POST") {
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form.c_str());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(form.size()));
        }
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &page.body);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &page.headers);
        CURLcode code = curl_easy_perform(curl);
        BOOST_REQUIRE_MESSAGE(code == CURLE_OK, curl_easy_strerror(code));
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &page.status);
        return page;
    }

    std::unique_ptr<CURL, void (*)(CURL*)> curl_;
};

std::string portal(const std::string& org_id, const std::string& rest) {
    return origin() + "/orgs/" + org_id + "/portal/" + rest;
}

// The first match of group 1 of pattern in text ("" for none).
std::string first(const std::string& text, const std::string& pattern) {
    std::smatch match;
    return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : "";
}

std::string csrf_in(const Page& page) { return first(page.body, R"re(name="csrf" value="([^"]+)")re"); }

struct Admin {
    Tenant tenant;
    std::string id;
    std::string email;
    std::string password;
};

Admin admin_of(const Tenant& tenant) {
    Admin admin{tenant, "", unique("admin") + "@example.com", ""};
    std::string out = scimctl("admin create " + tenant.org_id + " " + admin.email + " < /dev/null");
    admin.password = last_line(out);
    admin.id = out.substr(std::string("administrator id ").size(), 36);
    return admin;
}

Page sign_in(Browser& browser, const Admin& admin, const std::string& password) {
    Page form = browser.get(portal(admin.tenant.org_id, "login"));
    BOOST_REQUIRE(form.status == 200);
    return browser.post(portal(admin.tenant.org_id, "login"), "csrf=" + url_encode(csrf_in(form)) +
                                                                 "&email=" + url_encode(admin.email) +
                                                                 "&password=" + url_encode(password));
}

void signed_in(Browser& browser, const Admin& admin) {
    Page done = sign_in(browser, admin, admin.password);
    BOOST_REQUIRE_MESSAGE(done.status == 303, done.body);
    BOOST_REQUIRE(done.header("location").find("/portal/applications") != std::string::npos);
}

void check_secured(const Page& page) {
    BOOST_TEST(page.header("content-security-policy").find("default-src 'self'") != std::string::npos);
    BOOST_TEST(page.header("content-security-policy").find("frame-ancestors 'none'") != std::string::npos);
    BOOST_TEST(page.header("x-content-type-options") == "nosniff");
}

// The application's article on the page: from its data-app-id to the next one.
std::string article_of(const std::string& body, const std::string& app_id) {
    auto at = body.find("data-app-id=\"" + app_id + "\"");
    if (at == std::string::npos) return "";
    auto end = body.find("data-app-id=", at + 1);
    return body.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(portal_test)

BOOST_AUTO_TEST_CASE(without_a_session_the_applications_page_sends_to_sign_in) {
    auto admin = admin_of(new_tenant(unique("portal-anon")));
    Browser browser;
    Page page = browser.get(portal(admin.tenant.org_id, "applications"));
    BOOST_TEST(page.status == 303);
    BOOST_TEST(page.header("location") == "/orgs/" + admin.tenant.org_id + "/portal/login");
    Page form = browser.get(portal(admin.tenant.org_id, "login"));
    BOOST_TEST(form.status == 200);
    BOOST_TEST(form.body.find(R"(name="email")") != std::string::npos);
    BOOST_TEST(form.body.find(R"(name="password")") != std::string::npos);
    BOOST_TEST(form.body.find(R"(type="submit")") != std::string::npos);
    check_secured(form);
    BOOST_TEST(form.body.find("https://") == std::string::npos);  // nothing from elsewhere
}

BOOST_AUTO_TEST_CASE(sign_in_sets_a_host_only_secure_cookie_and_wrong_credentials_get_one_message) {
    auto admin = admin_of(new_tenant(unique("portal-sign-in")));
    Browser browser;
    Page wrong = sign_in(browser, admin, "not the password");
    BOOST_TEST(wrong.status == 401);
    Admin stranger = admin;
    stranger.email = "nobody-" + admin.email;
    Page unknown = sign_in(browser, stranger, admin.password);
    BOOST_TEST(unknown.status == 401);
    const std::string message = first(wrong.body, R"re(role="alert">([^<]+)<)re");
    BOOST_TEST(!message.empty());
    BOOST_TEST(first(unknown.body, R"re(role="alert">([^<]+)<)re") == message);

    Page done = sign_in(browser, admin, admin.password);
    BOOST_TEST_REQUIRE(done.status == 303, done.body);
    const std::string cookie = done.header("set-cookie");
    BOOST_TEST(cookie.find("__Host-") == 0u);
    for (const char* attribute : {"Secure", "HttpOnly", "SameSite=Strict", "Path=/"}) {
        BOOST_TEST(cookie.find(attribute) != std::string::npos, attribute);
    }
    Page page = browser.get(portal(admin.tenant.org_id, "applications"));
    BOOST_TEST(page.status == 200);
    BOOST_TEST(page.body.find(admin.email) != std::string::npos);
    BOOST_TEST(page.body.find("SCIM Base URL") != std::string::npos);
    BOOST_TEST(page.body.find(admin.tenant.base_url) != std::string::npos);
    BOOST_TEST(page.body.find("Bearer {scim_token}") != std::string::npos);
    BOOST_TEST(page.body.find("userName (email)") != std::string::npos);
    check_secured(page);

    // Signing out ends the session: the page sends to sign-in again.
    Page out = browser.post(portal(admin.tenant.org_id, "logout"), "csrf=" + url_encode(csrf_in(page)));
    BOOST_TEST(out.status == 303);
    BOOST_TEST(browser.get(portal(admin.tenant.org_id, "applications")).status == 303);
}

BOOST_AUTO_TEST_CASE(tokens_and_secrets_made_on_the_page_open_the_api_until_revoked_there) {
    auto admin = admin_of(new_tenant(unique("portal-flow")));
    const std::string org = admin.tenant.org_id;
    Browser browser;
    signed_in(browser, admin);
    Page page = browser.get(portal(org, "applications"));
    const std::string name = "<script>alert(1)</script>";
    Page created = browser.post(portal(org, "applications"), "csrf=" + url_encode(csrf_in(page)) + "&name=" + url_encode(name));
    BOOST_TEST_REQUIRE(created.status == 303, created.body);
    page = browser.get(portal(org, "applications"));
    BOOST_TEST(page.body.find(name) == std::string::npos);  // escaped, never markup
    BOOST_TEST(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    BOOST_TEST(page.body.find("Create application") != std::string::npos);
    // The new application: the one article besides none (the tenant's own app was made by scimctl).
    std::string app_id;
    const std::regex app_ids(R"re(data-app-id="([0-9a-f-]{36})")re");
    for (std::sregex_iterator it(page.body.begin(), page.body.end(), app_ids), end; it != end; ++it) {
        if (article_of(page.body, (*it)[1].str()).find("&lt;script&gt;") != std::string::npos) app_id = (*it)[1].str();
    }
    BOOST_TEST_REQUIRE(!app_id.empty());
    BOOST_TEST(first(article_of(page.body, app_id), R"re(data-testid="client-id">([^<]+)<)re") == app_id);

    // Generate token: shown once, opens the SCIM API.
    Page generated = browser.post(portal(org, "applications/" + app_id + "/tokens"),
                                  "csrf=" + url_encode(csrf_in(page)) + "&expires_in_days=");
    BOOST_TEST_REQUIRE(generated.status == 200, generated.body);
    const std::string token = first(generated.body, R"re(data-testid="new-token">([^<]+)<)re");
    BOOST_TEST_REQUIRE(!token.empty());
    Tenant by_token{org, token, admin.tenant.base_url};
    BOOST_TEST(post(by_token, "/Users", user_body(unique("portal-user") + "@x.com")).status == 201);
    page = browser.get(portal(org, "applications"));
    BOOST_TEST(page.body.find(token) == std::string::npos);  // never shown again
    const std::string token_id = first(article_of(page.body, app_id), R"re(data-token-id="([0-9a-f-]{36})")re");
    BOOST_TEST_REQUIRE(!token_id.empty());
    Page revoked = browser.post(portal(org, "applications/" + app_id + "/tokens/" + token_id + "/revoke"),
                                "csrf=" + url_encode(csrf_in(page)));
    BOOST_TEST(revoked.status == 303);
    check_scim_error(get(by_token, "/Users?count=1"), 401);

    // New client secret: shown once, buys an access token; revoked, the token stops.
    Page secret_page = browser.post(portal(org, "applications/" + app_id + "/secrets"), "csrf=" + url_encode(csrf_in(page)));
    BOOST_TEST_REQUIRE(secret_page.status == 200, secret_page.body);
    const std::string secret = first(secret_page.body, R"re(data-testid="new-client-secret">([^<]+)<)re");
    BOOST_TEST_REQUIRE(!secret.empty());
    auto issued = request("POST", origin() + "/orgs/" + org + "/oauth2/token", "",
                          "grant_type=client_credentials&client_id=" + app_id + "&client_secret=" + url_encode(secret),
                          {"Content-Type: application/x-www-form-urlencoded"});
    BOOST_TEST_REQUIRE(issued.status == 200, issued.body);
    Tenant by_access{org, issued.json["access_token"].asString(), admin.tenant.base_url};
    BOOST_TEST(get(by_access, "/Users?count=1").status == 200);
    page = browser.get(portal(org, "applications"));
    const std::string secret_id = first(article_of(page.body, app_id), R"re(data-secret-id="([0-9a-f-]{36})")re");
    BOOST_TEST_REQUIRE(!secret_id.empty());
    BOOST_TEST(browser.post(portal(org, "applications/" + app_id + "/secrets/" + secret_id + "/revoke"),
                            "csrf=" + url_encode(csrf_in(page)))
                   .status == 303);
    check_scim_error(get(by_access, "/Users?count=1"), 401);

    // The audit trail has each action with the administrator.
    std::string audit = scimctl("audit " + org);
    for (const char* action : {"sign-in\tAdministrator", "create\tApplication", "create\tToken", "revoke\tToken",
                               "create\tClientSecret", "revoke\tClientSecret"}) {
        BOOST_TEST(audit.find(action) != std::string::npos, action);
    }
    BOOST_TEST(audit.find("admin=" + admin.id) != std::string::npos);
    BOOST_TEST(audit.find(token) == std::string::npos);
    BOOST_TEST(audit.find(secret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(state_changes_without_the_csrf_token_are_refused) {
    auto admin = admin_of(new_tenant(unique("portal-csrf")));
    const std::string org = admin.tenant.org_id;
    Browser browser;
    signed_in(browser, admin);
    Page page = browser.get(portal(org, "applications"));
    BOOST_TEST(browser.post(portal(org, "applications"), "name=NoToken").status == 403);
    BOOST_TEST(browser.post(portal(org, "applications"), "csrf=forged&name=Forged").status == 403);
    BOOST_TEST(browser.get(portal(org, "applications")).body.find("NoToken") == std::string::npos);
    // Sign-in too: a form not from the sign-in page is refused.
    Browser other;
    BOOST_TEST(other.post(portal(org, "login"), "email=" + url_encode(admin.email) + "&password=" +
                                                    url_encode(admin.password))
                   .status == 403);
    (void)page;
}

BOOST_AUTO_TEST_CASE(repeated_failures_lock_the_account_out_for_a_while) {
    auto admin = admin_of(new_tenant(unique("portal-lock")));
    Browser browser;
    for (int i = 0; i < 5; ++i) BOOST_TEST(sign_in(browser, admin, "wrong").status == 401);
    Page locked = sign_in(browser, admin, admin.password);
    BOOST_TEST(locked.status == 429);
    BOOST_TEST(browser.get(portal(admin.tenant.org_id, "applications")).status == 303);
}

BOOST_AUTO_TEST_CASE(an_administrator_sees_nothing_of_another_organisation) {
    auto a = admin_of(new_tenant(unique("portal-a")));
    auto b = admin_of(new_tenant(unique("portal-b")));
    std::string b_app = last_line(scimctl("app create " + b.tenant.org_id + " b-app"));
    Browser browser;
    signed_in(browser, a);
    Page page = browser.get(portal(a.tenant.org_id, "applications"));
    // B's pages: no session there.
    BOOST_TEST(browser.get(portal(b.tenant.org_id, "applications")).status == 303);
    // B's application through A's pages: as missing as an application that does not exist.
    Page theirs = browser.post(portal(a.tenant.org_id, "applications/" + b_app + "/tokens"), "csrf=" + url_encode(csrf_in(page)));
    Page none = browser.post(portal(a.tenant.org_id, "applications/00000000-0000-4000-8000-000000000000/tokens"),
                             "csrf=" + url_encode(csrf_in(page)));
    BOOST_TEST(theirs.status == 404);
    BOOST_TEST(none.status == 404);
    BOOST_TEST(theirs.body == none.body);
    BOOST_TEST(page.body.find(b_app) == std::string::npos);
    // A's administrator cannot sign in to B.
    Admin a_at_b = a;
    a_at_b.tenant = b.tenant;
    BOOST_TEST(sign_in(browser, a_at_b, a.password).status == 401);
}

BOOST_AUTO_TEST_CASE(an_idle_session_ends) {
    auto admin = admin_of(new_tenant(unique("portal-idle")));
    Browser browser;
    signed_in(browser, admin);
    BOOST_TEST(browser.get(portal(admin.tenant.org_id, "applications")).status == 200);
    psql_lines("UPDATE portal_sessions SET last_seen = now() - interval '31 minutes' WHERE admin_id = '" + admin.id + "'");
    BOOST_TEST(browser.get(portal(admin.tenant.org_id, "applications")).status == 303);
}

BOOST_AUTO_TEST_SUITE_END()
