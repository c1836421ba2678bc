// Every client mistake named by the foundation issue is a SCIM error with the right
// status and scimType (RFC 7644 §3.12), and nothing is stored.
#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

long long user_count(const Tenant& t) { return get(t, "/Users?count=0").json["totalResults"].asInt64(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(errors_test)

BOOST_AUTO_TEST_CASE(malformed_json_is_400_invalid_syntax) {
    auto t = new_tenant(unique("errs"));
    for (std::string body : {"{", "{\"schemas\":", "not json", "[1,2", "{\"a\":1,}", "{\"userName\":\"x\"} trailing"}) {
        check_scim_error(post(t, "/Users", body), 400, "invalidSyntax");
    }
    BOOST_TEST(user_count(t) == 0);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_and_duplicate_keys_are_400_invalid_syntax) {
    auto t = new_tenant(unique("errs"));
    std::string bad_utf8 = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"\xC3\x28\"}";
    check_scim_error(post(t, "/Users", bad_utf8), 400, "invalidSyntax");
    std::string dup = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@x","userName":"b@x"})";
    check_scim_error(post(t, "/Users", dup), 400, "invalidSyntax");
    BOOST_TEST(user_count(t) == 0);
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_400_not_a_crash) {
    auto t = new_tenant(unique("errs"));
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    check_scim_error(post(t, "/Users", deep), 400, "invalidSyntax");
    // The worker is still there.
    BOOST_TEST(get(t, "/Users").status == 200);
}

BOOST_AUTO_TEST_CASE(missing_user_name_is_400_invalid_value) {
    auto t = new_tenant(unique("errs"));
    check_scim_error(post(t, "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"active":true})"),
                     400, "invalidValue");
    check_scim_error(post(t, "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":""})"),
                     400, "invalidValue");
    BOOST_TEST(user_count(t) == 0);
}

BOOST_AUTO_TEST_CASE(wrong_types_are_400_invalid_value) {
    auto t = new_tenant(unique("errs"));
    const std::string prefix = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"typed@x.com",)";
    for (std::string tail : {R"("active":"maybe"})", R"("active":3})", R"("name":"Alice"})", R"("emails":"a@b.c"})",
                             R"("emails":[{"value":5}]})", R"("displayName":["x"]})", R"("name":{"givenName":true}})",
                             R"("externalId":42})"}) {
        check_scim_error(post(t, "/Users", prefix + tail), 400, "invalidValue");
    }
    check_scim_error(post(t, "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":7})"), 400,
                     "invalidValue");
    BOOST_TEST(user_count(t) == 0);
}

BOOST_AUTO_TEST_CASE(two_primary_emails_are_400_invalid_value) {
    auto t = new_tenant(unique("errs"));
    check_scim_error(post(t, "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"p@x.com",
        "emails":[{"value":"a@x.com","primary":true},{"value":"b@x.com","primary":true}]})"),
                     400, "invalidValue");
}

BOOST_AUTO_TEST_CASE(unknown_attributes_and_schemas_are_refused_not_dropped) {
    auto t = new_tenant(unique("errs"));
    check_scim_error(post(t, "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u@x.com","shoeSize":42})"),
                     400, "invalidSyntax");
    check_scim_error(post(t, "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:example:custom"],
        "userName":"u@x.com","urn:example:custom":{"badge":"7"}})"),
                     400, "invalidSyntax");
    check_scim_error(post(t, "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u@x.com",
        "name":{"nickname":"x"}})"),
                     400, "invalidSyntax");
    BOOST_TEST(user_count(t) == 0);
}

BOOST_AUTO_TEST_CASE(missing_or_wrong_schemas_is_400_invalid_syntax) {
    auto t = new_tenant(unique("errs"));
    check_scim_error(post(t, "/Users", R"({"userName":"u@x.com"})"), 400, "invalidSyntax");
    check_scim_error(post(t, "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"userName":"u@x.com"})"),
                     400, "invalidSyntax");
    check_scim_error(post(t, "/Users", R"(["urn:ietf:params:scim:schemas:core:2.0:User"])"), 400, "invalidSyntax");
}

BOOST_AUTO_TEST_CASE(unknown_paths_are_404_scim_errors) {
    const auto& t = demo_tenant();
    check_scim_error(get(t, "/Nothing"), 404);
    check_scim_error(get(t, "/Users/not-a-uuid"), 404);
    check_scim_error(get(t, "/Users/00000000-0000-4000-8000-000000000000"), 404);
    check_scim_error(request("GET", origin() + "/", ""), 404);
    check_scim_error(request("GET", origin() + "/orgs/" + t.org_id + "/api/v2/scim/v2/Users", t.token), 404);
    check_scim_error(request("GET", t.base_url + "/../../../etc/passwd", t.token), 404);
}

BOOST_AUTO_TEST_CASE(wrong_method_is_405_with_allow) {
    const auto& t = demo_tenant();
    auto result = request("DELETE", t.base_url + "/Users", t.token);
    check_scim_error(result, 405);
    BOOST_TEST(result.header("allow") == "GET, POST");
    auto on_config = request("POST", t.base_url + "/ServiceProviderConfig", t.token, "{}",
                             {"Content-Type: application/scim+json"});
    check_scim_error(on_config, 405);
    BOOST_TEST(on_config.header("allow") == "GET");
}

BOOST_AUTO_TEST_CASE(unsupported_media_type_is_415) {
    const auto& t = demo_tenant();
    auto result = request("POST", t.base_url + "/Users", t.token, user_body(unique("m") + "@x.com"),
                          {"Content-Type: text/plain"});
    check_scim_error(result, 415);
}

BOOST_AUTO_TEST_CASE(body_over_the_limit_is_413_with_a_scim_body) {
    const auto& t = demo_tenant();
    std::string huge = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" +
                       std::string(11 * 1024 * 1024, 'a') + "\"}";
    check_scim_error(post(t, "/Users", huge), 413);
}

BOOST_AUTO_TEST_SUITE_END()
