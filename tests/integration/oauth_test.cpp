// OAuth 2.0 client credentials (RFC 6749 §4.4) at /orgs/{orgId}/oauth2/token: an
// application's client id and secret (scimctl secret create) buy an access token that opens
// the organisation's SCIM API like a bearer token, until it expires or its secret is revoked.
// Errors as RFC 6749 §5.2.
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <openssl/evp.h>

#include "stack.h"

using namespace itest;

namespace {

std::string base64(const std::string& text) {
    std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

struct Client {
    Tenant tenant;
    std::string client_id;
    std::string secret_id;
    std::string secret;
};

// A secret for a new application of the tenant, as scimctl prints it.
Client client_of(const Tenant& tenant) {
    Client client{tenant, last_line(scimctl("app create " + tenant.org_id + " entra")), "", ""};
    std::string out = scimctl("secret create " + client.client_id);
    client.secret = last_line(out);
    const std::string prefix = "secret id ";
    BOOST_REQUIRE(out.rfind(prefix, 0) == 0);
    client.secret_id = out.substr(prefix.size(), 36);
    BOOST_REQUIRE(out.find("client id " + client.client_id) != std::string::npos);
    return client;
}

std::string token_url(const std::string& org_id) { return origin() + "/orgs/" + org_id + "/oauth2/token"; }

HttpResult token_request(const std::string& org_id, const std::string& body, std::vector<std::string> headers = {}) {
    headers.push_back("Content-Type: application/x-www-form-urlencoded");
    return request("POST", token_url(org_id), "", body, headers);
}

std::string basic(const Client& client) {
    return "Authorization: Basic " + base64(url_encode(client.client_id) + ":" + url_encode(client.secret));
}

void check_oauth_error(const HttpResult& result, long status, const std::string& error) {
    BOOST_TEST_CONTEXT(result.body) {
        BOOST_TEST(result.status == status);
        BOOST_TEST(result.json["error"].asString() == error);
        BOOST_TEST(result.header("cache-control") == "no-store");
        if (status == 401) BOOST_TEST(result.header("www-authenticate").rfind("Basic", 0) == 0u);
    }
}

std::string access_token(const Client& client) {
    auto result = token_request(client.tenant.org_id, "grant_type=client_credentials", {basic(client)});
    BOOST_TEST_REQUIRE(result.status == 200, result.body);
    return result.json["access_token"].asString();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(oauth_test)

BOOST_AUTO_TEST_CASE(client_credentials_by_basic_or_form_buy_a_token_that_opens_the_scim_api) {
    auto client = client_of(new_tenant(unique("oauth")));
    auto by_basic = token_request(client.tenant.org_id, "grant_type=client_credentials", {basic(client)});
    BOOST_TEST_REQUIRE(by_basic.status == 200, by_basic.body);
    BOOST_TEST(by_basic.json["token_type"].asString() == "Bearer");
    BOOST_TEST(by_basic.json["expires_in"].asInt() >= 3600);
    BOOST_TEST(by_basic.json["expires_in"].asInt() <= 21600);
    BOOST_TEST(by_basic.header("cache-control") == "no-store");
    BOOST_TEST(by_basic.header("content-type").rfind("application/json", 0) == 0u);
    const std::string token = by_basic.json["access_token"].asString();
    BOOST_TEST(token.size() >= 32u);
    BOOST_TEST(token != client.secret);

    Tenant with_access_token{client.tenant.org_id, token, client.tenant.base_url};
    auto created = post(with_access_token, "/Users", user_body(unique("oauth-user") + "@x.com"));
    BOOST_TEST(created.status == 201, created.body);
    BOOST_TEST(get(with_access_token, "/Users?count=1").status == 200);

    // client_id and client_secret in the body, as Entra ID sends them.
    auto by_form = token_request(client.tenant.org_id, "grant_type=client_credentials&client_id=" +
                                                           client.client_id + "&client_secret=" + url_encode(client.secret) +
                                                           "&scope=");
    BOOST_TEST_REQUIRE(by_form.status == 200, by_form.body);
    BOOST_TEST(by_form.json["access_token"].asString() != token);
    Tenant second{client.tenant.org_id, by_form.json["access_token"].asString(), client.tenant.base_url};
    BOOST_TEST(get(second, "/Users?count=1").status == 200);
}

BOOST_AUTO_TEST_CASE(token_endpoint_errors_follow_rfc6749_section_5_2) {
    auto client = client_of(new_tenant(unique("oauth-errors")));
    const std::string org = client.tenant.org_id;
    Client wrong = client;
    wrong.secret = "not-the-secret";
    check_oauth_error(token_request(org, "grant_type=client_credentials", {basic(wrong)}), 401, "invalid_client");
    Client unknown = client;
    unknown.client_id = "00000000-0000-4000-8000-000000000000";
    check_oauth_error(token_request(org, "grant_type=client_credentials", {basic(unknown)}), 401, "invalid_client");
    check_oauth_error(token_request(org, "grant_type=client_credentials&client_id=" + client.client_id +
                                             "&client_secret=wrong"),
                      401, "invalid_client");
    check_oauth_error(token_request(org, "grant_type=client_credentials"), 401, "invalid_client");
    check_oauth_error(token_request(org, "grant_type=client_credentials", {"Authorization: Basic !!!"}), 401,
                      "invalid_client");
    check_oauth_error(token_request(org, "", {basic(client)}), 400, "invalid_request");
    check_oauth_error(token_request(org, "grant_type=password&username=a&password=b", {basic(client)}), 400,
                      "unsupported_grant_type");
    check_oauth_error(token_request(org, "grant_type=authorization_code&code=x", {basic(client)}), 400,
                      "unsupported_grant_type");
    check_oauth_error(token_request(org, "grant_type=client_credentials&scope=admin", {basic(client)}), 400,
                      "invalid_scope");
    // One way of authenticating (§2.3), each parameter once (§3.2).
    check_oauth_error(token_request(org, "grant_type=client_credentials&client_secret=" + url_encode(client.secret),
                                    {basic(client)}),
                      400, "invalid_request");
    check_oauth_error(token_request(org, "grant_type=client_credentials&grant_type=client_credentials",
                                    {basic(client)}),
                      400, "invalid_request");
    auto json_body = request("POST", token_url(org), "", R"({"grant_type":"client_credentials"})",
                             {"Content-Type: application/json", basic(client)});
    check_oauth_error(json_body, 400, "invalid_request");
    BOOST_TEST(request("GET", token_url(org), "").status == 405);
    // The right credentials still work after all that.
    BOOST_TEST(!access_token(client).empty());
}

BOOST_AUTO_TEST_CASE(a_client_of_one_organisation_gets_nothing_from_another) {
    auto a = client_of(new_tenant(unique("oauth-a")));
    auto b = new_tenant(unique("oauth-b"));
    check_oauth_error(token_request(b.org_id, "grant_type=client_credentials", {basic(a)}), 401, "invalid_client");
    Tenant a_token_on_b{b.org_id, access_token(a), b.base_url};
    check_scim_error(get(a_token_on_b, "/Users"), 401);
}

BOOST_AUTO_TEST_CASE(revoking_a_secret_stops_its_tokens_and_leaves_the_other_secret_working) {
    auto first = client_of(new_tenant(unique("oauth-rotate")));
    Client second = first;
    std::string out = scimctl("secret create " + first.client_id);
    second.secret = last_line(out);
    second.secret_id = out.substr(std::string("secret id ").size(), 36);
    Tenant by_first{first.tenant.org_id, access_token(first), first.tenant.base_url};
    Tenant by_second{first.tenant.org_id, access_token(second), first.tenant.base_url};
    BOOST_TEST(get(by_first, "/Users?count=1").status == 200);
    BOOST_TEST(get(by_second, "/Users?count=1").status == 200);
    auto listed = scimctl("secret list " + first.client_id);
    BOOST_TEST(listed.find(first.secret_id) != std::string::npos);
    BOOST_TEST(listed.find(second.secret_id) != std::string::npos);
    BOOST_TEST(listed.find(first.secret) == std::string::npos);

    scimctl("secret revoke " + first.secret_id);
    check_scim_error(get(by_first, "/Users?count=1"), 401);
    check_oauth_error(token_request(first.tenant.org_id, "grant_type=client_credentials", {basic(first)}), 401,
                      "invalid_client");
    BOOST_TEST(get(by_second, "/Users?count=1").status == 200);
    BOOST_TEST(scimctl_result("secret revoke " + first.secret_id).status != 0);
}

BOOST_AUTO_TEST_CASE(an_expired_access_token_opens_nothing) {
    auto client = client_of(new_tenant(unique("oauth-expiry")));
    Tenant by_token{client.tenant.org_id, access_token(client), client.tenant.base_url};
    BOOST_TEST(get(by_token, "/Users?count=1").status == 200);
    // Its lifetime over (the configured one is an hour at least): moved into the past.
    psql_lines("UPDATE oauth_access_tokens SET expires_at = now() - interval '1 second' WHERE org_id = '" +
               client.tenant.org_id + "'");
    check_scim_error(get(by_token, "/Users?count=1"), 401);
}

BOOST_AUTO_TEST_CASE(service_provider_config_lists_bearer_tokens_and_oauth2) {
    const auto& t = demo_tenant();
    auto config = get(t, "/ServiceProviderConfig").json;
    std::vector<std::string> types;
    for (const auto& scheme : config["authenticationSchemes"]) types.push_back(scheme["type"].asString());
    BOOST_TEST((types == std::vector<std::string>{"oauthbearertoken", "oauth2"}));
}

// Tokens and secrets say when they were last used, written at most once a minute.
BOOST_AUTO_TEST_CASE(bearer_tokens_and_client_secrets_record_when_they_were_last_used) {
    auto client = client_of(new_tenant(unique("oauth-used")));
    const std::string& org = client.tenant.org_id;
    BOOST_TEST(scimctl("token list " + org).find("last_used=never") != std::string::npos);
    BOOST_TEST(scimctl("secret list " + client.client_id).find("last_used=never") != std::string::npos);
    BOOST_TEST(get(client.tenant, "/Users?count=1").status == 200);
    BOOST_TEST(get(client.tenant, "/Users?count=1").status == 200);
    std::string tokens = scimctl("token list " + org);
    BOOST_TEST(tokens.find("last_used=never") == std::string::npos, tokens);
    BOOST_TEST(tokens.find("last_used=20") != std::string::npos, tokens);
    access_token(client);
    std::string secrets = scimctl("secret list " + client.client_id);
    BOOST_TEST(secrets.find("last_used=20") != std::string::npos, secrets);
    // The second request within the minute wrote nothing more: one mark.
    auto marks = psql_lines("SELECT count(*) FROM api_tokens WHERE org_id = '" + org + "' AND last_used_at IS NOT NULL");
    BOOST_TEST_REQUIRE(marks.size() == 1u);
    BOOST_TEST(marks[0] == "1");
}

BOOST_AUTO_TEST_SUITE_END()
