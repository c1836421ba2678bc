// Tenants and tokens: a token opens its own organisation only, and every refusal looks
// the same (401, WWW-Authenticate: Bearer, a SCIM error body).
#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

void check_unauthorized(const HttpResult& result) {
    check_scim_error(result, 401);
    BOOST_TEST(result.header("www-authenticate").rfind("Bearer", 0) == 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tenancy_test)

BOOST_AUTO_TEST_CASE(missing_malformed_and_unknown_tokens_are_401) {
    const auto& t = demo_tenant();
    check_unauthorized(request("GET", t.base_url + "/Users", ""));
    check_unauthorized(request("GET", t.base_url + "/Users", "", "", {"Authorization: Basic dXNlcjpwYXNz"}));
    check_unauthorized(request("GET", t.base_url + "/Users", "", "", {"Authorization: Bearer"}));
    check_unauthorized(request("GET", t.base_url + "/Users", "scim_thisTokenDoesNotExist0000000000000000000"));
    check_unauthorized(request("GET", t.base_url + "/Users", "' OR '1'='1"));
    check_unauthorized(request("GET", t.base_url + "/ServiceProviderConfig", ""));
}

BOOST_AUTO_TEST_CASE(two_orgs_with_the_same_user_names_see_only_their_own) {
    auto a = new_tenant(unique("orgA"));
    auto b = new_tenant(unique("orgB"));
    auto in_a = post(a, "/Users", user_body("same@acme.com"));
    auto in_b = post(b, "/Users", user_body("same@acme.com"));
    BOOST_TEST_REQUIRE(in_a.status == 201);
    BOOST_TEST_REQUIRE(in_b.status == 201);
    BOOST_TEST(in_a.json["id"] != in_b.json["id"]);

    auto list_a = get(a, "/Users");
    BOOST_TEST(list_a.json["totalResults"].asInt() == 1);
    BOOST_TEST(list_a.json["Resources"][0]["id"] == in_a.json["id"]);

    // B's token on B's URL cannot reach A's user by id: the same 404 as a missing id.
    std::string a_id = in_a.json["id"].asString();
    auto cross = get(b, "/Users/" + a_id);
    auto missing = get(b, "/Users/00000000-0000-4000-8000-000000000000");
    check_scim_error(cross, 404);
    BOOST_TEST(cross.json["detail"].asString().find(a_id) != std::string::npos);
    BOOST_TEST(missing.status == cross.status);
    check_scim_error(put(b, "/Users/" + a_id, user_body("taken@acme.com")), 404);
    check_scim_error(del(b, "/Users/" + a_id), 404);
    BOOST_TEST(get(a, "/Users/" + a_id).status == 200);
}

BOOST_AUTO_TEST_CASE(a_token_on_another_orgs_url_is_401_like_any_bad_token) {
    auto a = new_tenant(unique("orgA"));
    auto b = new_tenant(unique("orgB"));
    Tenant b_on_a{a.org_id, b.token, a.base_url};
    auto cross = get(b_on_a, "/Users");
    check_unauthorized(cross);
    auto unknown = request("GET", a.base_url + "/Users", "scim_unknownTokenUnknownTokenUnknownToken00000");
    BOOST_TEST(cross.json == unknown.json);
    // An org id that does not exist or is not a UUID looks the same.
    check_unauthorized(request("GET", origin() + "/orgs/00000000-0000-4000-8000-000000000000/api/v1/scim/v2/Users", b.token));
    check_unauthorized(request("GET", origin() + "/orgs/not-an-org/api/v1/scim/v2/Users", b.token));
}

BOOST_AUTO_TEST_CASE(revoked_token_stops_working_at_once) {
    auto t = new_tenant(unique("revoke"));
    BOOST_TEST_REQUIRE(get(t, "/Users").status == 200);
    std::string listing = scimctl("token list " + t.org_id);
    std::string token_id = listing.substr(0, listing.find('\t'));
    BOOST_TEST(listing.find(t.token) == std::string::npos);  // token values are never shown again
    scimctl("token revoke " + token_id);
    check_unauthorized(get(t, "/Users"));
}

BOOST_AUTO_TEST_CASE(expiring_token_works_until_it_expires) {
    auto t = new_tenant(unique("expiry"));
    std::string app_id = last_line(scimctl("app create " + t.org_id + " second-app"));
    std::string token = last_line(scimctl("token create " + app_id + " --expires-in 30"));
    Tenant with_expiry{t.org_id, token, t.base_url};
    BOOST_TEST(get(with_expiry, "/Users").status == 200);
    std::string listing = scimctl("token list " + t.org_id);
    BOOST_TEST(listing.find("expires=never") != std::string::npos);
    BOOST_TEST(listing.find("expires=20") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(tokens_are_stored_only_as_hashes) {
    auto t = new_tenant(unique("hash"));
    std::string dump = scimctl("token list " + t.org_id);
    BOOST_TEST(dump.find(t.token) == std::string::npos);
    BOOST_TEST(t.token.rfind("scim_", 0) == 0);
    BOOST_TEST(t.token.size() >= 5u + 43u);  // 256 bits in base64url
}

BOOST_AUTO_TEST_SUITE_END()
