// The Users lifecycle through nginx, the workers and PostgreSQL (RFC 7644 §3.3–§3.6).
#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

// The product documentation's provisioning request (issue: foundation).
std::string alice_body(const std::string& user_name) {
    return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + user_name +
           R"(","name":{"givenName":"Alice","familyName":"Smith"},
             "emails":[{"value":")" + user_name + R"(","primary":true}],"active":true,
             "externalId":"okta-user-id-123"})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(users_test)

BOOST_AUTO_TEST_CASE(post_creates_user_with_server_assigned_id_and_meta) {
    const auto& t = demo_tenant();
    std::string name = unique("alice") + "@acme.com";
    auto created = post(t, "/Users", alice_body(name));
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    const auto& u = created.json;
    std::string id = u["id"].asString();
    BOOST_TEST(id.size() == 36u);
    BOOST_TEST(u["userName"].asString() == name);
    BOOST_TEST(u["name"]["givenName"].asString() == "Alice");
    BOOST_TEST(u["name"]["familyName"].asString() == "Smith");
    BOOST_TEST(u["emails"][0]["value"].asString() == name);
    BOOST_TEST(u["emails"][0]["primary"].asBool());
    BOOST_TEST(u["active"].asBool());
    BOOST_TEST(u["externalId"].asString() == "okta-user-id-123");
    BOOST_TEST(u["schemas"][0].asString() == "urn:ietf:params:scim:schemas:core:2.0:User");
    BOOST_TEST(u["meta"]["resourceType"].asString() == "User");
    BOOST_TEST(u["meta"]["location"].asString() == t.base_url + "/Users/" + id);
    BOOST_TEST(created.header("location") == t.base_url + "/Users/" + id);
    BOOST_TEST(!u["meta"]["created"].asString().empty());
    BOOST_TEST(u["meta"]["created"].asString() == u["meta"]["lastModified"].asString());
    BOOST_TEST(!u["meta"]["version"].asString().empty());
    BOOST_TEST(created.header("etag") == u["meta"]["version"].asString());
    BOOST_TEST(created.header("content-type") == "application/scim+json; charset=utf-8");
}

BOOST_AUTO_TEST_CASE(get_returns_what_post_stored) {
    const auto& t = demo_tenant();
    auto created = post(t, "/Users", alice_body(unique("get") + "@acme.com"));
    BOOST_TEST_REQUIRE(created.status == 201);
    auto fetched = get(t, "/Users/" + created.json["id"].asString());
    BOOST_TEST(fetched.status == 200);
    BOOST_TEST(fetched.json == created.json);
    BOOST_TEST(fetched.header("etag") == created.header("etag"));
}

BOOST_AUTO_TEST_CASE(full_rfc7643_user_with_enterprise_extension_round_trips) {
    const auto& t = demo_tenant();
    std::string name = unique("bjensen") + "@example.com";
    // RFC 7643 §8.3 full representation, less the read-only parts.
    std::string body = R"({
      "schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      "externalId":"701984","userName":")" + name + R"(",
      "name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen","givenName":"Barbara",
              "middleName":"Jane","honorificPrefix":"Ms.","honorificSuffix":"III"},
      "displayName":"Babs Jensen","nickName":"Babs","profileUrl":"https://login.example.com/bjensen",
      "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                {"value":"babs@jensen.org","type":"home"}],
      "addresses":[{"type":"work","streetAddress":"100 Universal City Plaza","locality":"Hollywood",
                    "region":"CA","postalCode":"91608","country":"USA",
                    "formatted":"100 Universal City Plaza\nHollywood, CA 91608 USA","primary":true}],
      "phoneNumbers":[{"value":"555-555-5555","type":"work"},{"value":"555-555-4444","type":"mobile"}],
      "ims":[{"value":"someaimhandle","type":"aim"}],
      "photos":[{"value":"https://photos.example.com/profilephoto/72930000000Ccne/F","type":"photo"}],
      "userType":"Employee","title":"Tour Guide","preferredLanguage":"en-US","locale":"en-US",
      "timezone":"America/Los_Angeles","active":true,"password":"t1meMa$heen",
      "x509Certificates":[{"value":"MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"}],
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{
        "employeeNumber":"701984","costCenter":"4130","organization":"Universal Studios",
        "division":"Theme Park","department":"Tour Operations",
        "manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d","$ref":"../Users/26118915-6090-4610-87e4-49d8ca9f808d"}}
    })";
    auto created = post(t, "/Users", body);
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    auto u = get(t, "/Users/" + created.json["id"].asString()).json;
    BOOST_TEST(u["name"]["honorificSuffix"].asString() == "III");
    BOOST_TEST(u["emails"].size() == 2u);
    BOOST_TEST(u["emails"][1]["type"].asString() == "home");
    BOOST_TEST(u["addresses"][0]["postalCode"].asString() == "91608");
    BOOST_TEST(u["phoneNumbers"][1]["value"].asString() == "555-555-4444");
    BOOST_TEST(u["ims"][0]["value"].asString() == "someaimhandle");
    BOOST_TEST(u["timezone"].asString() == "America/Los_Angeles");
    BOOST_TEST(u["x509Certificates"][0]["value"].asString().rfind("MIID", 0) == 0);
    const auto& enterprise = u["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"];
    BOOST_TEST(enterprise["employeeNumber"].asString() == "701984");
    BOOST_TEST(enterprise["manager"]["value"].asString() == "26118915-6090-4610-87e4-49d8ca9f808d");
    bool lists_extension = false;
    for (const auto& urn : u["schemas"]) {
        if (urn.asString() == "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User") lists_extension = true;
    }
    BOOST_TEST(lists_extension);
    // password is write-only (RFC 7643 §4.1.1, returned "never").
    BOOST_TEST(!u.isMember("password"));
    BOOST_TEST(!created.json.isMember("password"));
}

BOOST_AUTO_TEST_CASE(put_replaces_and_advances_version) {
    const auto& t = demo_tenant();
    std::string name = unique("put") + "@acme.com";
    auto created = post(t, "/Users", alice_body(name));
    BOOST_TEST_REQUIRE(created.status == 201);
    std::string id = created.json["id"].asString();
    std::string body = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":")" + id +
                       R"(","userName":")" + name + R"(","name":{"givenName":"Alicia"},"active":false,
                       "meta":{"resourceType":"User"},"groups":[]})";
    auto replaced = put(t, "/Users/" + id, body);
    BOOST_TEST_REQUIRE(replaced.status == 200, replaced.body);
    BOOST_TEST(replaced.json["name"]["givenName"].asString() == "Alicia");
    BOOST_TEST(!replaced.json["name"].isMember("familyName"));
    BOOST_TEST(!replaced.json.isMember("emails"));
    BOOST_TEST(!replaced.json.isMember("externalId"));
    BOOST_TEST(replaced.json["active"].asBool() == false);
    BOOST_TEST(replaced.json["id"].asString() == id);
    BOOST_TEST(replaced.json["meta"]["created"] == created.json["meta"]["created"]);
    BOOST_TEST(replaced.json["meta"]["version"].asString() != created.json["meta"]["version"].asString());
    auto fetched = get(t, "/Users/" + id);
    BOOST_TEST(fetched.json == replaced.json);

    // The same replacement again changes nothing, so the version stays.
    auto again = put(t, "/Users/" + id, body);
    BOOST_TEST(again.status == 200);
    BOOST_TEST(again.json["meta"]["version"] == replaced.json["meta"]["version"]);
    BOOST_TEST(again.json["meta"]["lastModified"] == replaced.json["meta"]["lastModified"]);
}

BOOST_AUTO_TEST_CASE(put_with_stale_if_match_is_412_and_changes_nothing) {
    const auto& t = demo_tenant();
    std::string name = unique("etag") + "@acme.com";
    auto created = post(t, "/Users", alice_body(name));
    std::string id = created.json["id"].asString();
    auto stale = put(t, "/Users/" + id, user_body(name), {"If-Match: W/\"999\""});
    check_scim_error(stale, 412);
    BOOST_TEST(get(t, "/Users/" + id).json == created.json);
    auto fresh = put(t, "/Users/" + id, user_body(name), {"If-Match: " + created.header("etag")});
    BOOST_TEST(fresh.status == 200);
}

BOOST_AUTO_TEST_CASE(get_with_current_if_none_match_is_304) {
    const auto& t = demo_tenant();
    auto created = post(t, "/Users", user_body(unique("inm") + "@acme.com"));
    auto result = get(t, "/Users/" + created.json["id"].asString(), {"If-None-Match: " + created.header("etag")});
    BOOST_TEST(result.status == 304);
    BOOST_TEST(result.body.empty());
}

BOOST_AUTO_TEST_CASE(delete_is_204_then_get_is_404) {
    const auto& t = demo_tenant();
    auto created = post(t, "/Users", user_body(unique("del") + "@acme.com"));
    std::string id = created.json["id"].asString();
    auto deleted = del(t, "/Users/" + id);
    BOOST_TEST(deleted.status == 204);
    BOOST_TEST(deleted.body.empty());
    check_scim_error(get(t, "/Users/" + id), 404);
    check_scim_error(del(t, "/Users/" + id), 404);
    check_scim_error(put(t, "/Users/" + id, user_body(unique("gone") + "@acme.com")), 404);
}

BOOST_AUTO_TEST_CASE(duplicate_user_name_is_409_uniqueness_case_insensitively) {
    const auto& t = demo_tenant();
    std::string name = unique("Dup") + "@Acme.com";
    BOOST_TEST_REQUIRE(post(t, "/Users", user_body(name)).status == 201);
    std::string upper = name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    check_scim_error(post(t, "/Users", user_body(upper)), 409, "uniqueness");
}

BOOST_AUTO_TEST_CASE(put_to_another_users_name_is_409_and_changes_nothing) {
    const auto& t = demo_tenant();
    std::string first = unique("first") + "@acme.com";
    BOOST_TEST_REQUIRE(post(t, "/Users", user_body(first)).status == 201);
    auto second = post(t, "/Users", user_body(unique("second") + "@acme.com"));
    std::string id = second.json["id"].asString();
    check_scim_error(put(t, "/Users/" + id, user_body(first)), 409, "uniqueness");
    BOOST_TEST(get(t, "/Users/" + id).json == second.json);
}

BOOST_AUTO_TEST_CASE(list_paginates_with_exact_total) {
    auto t = new_tenant(unique("pages"));
    for (int i = 0; i < 5; ++i) BOOST_TEST_REQUIRE(post(t, "/Users", user_body("u" + std::to_string(i) + "@x.com")).status == 201);
    auto all = get(t, "/Users");
    BOOST_TEST(all.status == 200);
    BOOST_TEST(all.json["schemas"][0].asString() == "urn:ietf:params:scim:api:messages:2.0:ListResponse");
    BOOST_TEST(all.json["totalResults"].asInt() == 5);
    BOOST_TEST(all.json["Resources"].size() == 5u);
    BOOST_TEST(all.json["startIndex"].asInt() == 1);
    BOOST_TEST(all.json["itemsPerPage"].asInt() == 5);

    auto page = get(t, "/Users?startIndex=2&count=2");
    BOOST_TEST(page.json["totalResults"].asInt() == 5);
    BOOST_TEST(page.json["startIndex"].asInt() == 2);
    BOOST_TEST(page.json["itemsPerPage"].asInt() == 2);
    BOOST_TEST(page.json["Resources"][0]["id"] == all.json["Resources"][1]["id"]);
    BOOST_TEST(page.json["Resources"][1]["id"] == all.json["Resources"][2]["id"]);

    auto zero = get(t, "/Users?count=0");
    BOOST_TEST(zero.json["totalResults"].asInt() == 5);
    BOOST_TEST(zero.json["Resources"].size() == 0u);

    // RFC 7644 §3.4.2.4: startIndex < 1 is 1; a negative count is 0.
    auto low = get(t, "/Users?startIndex=-4&count=1");
    BOOST_TEST(low.json["startIndex"].asInt() == 1);
    BOOST_TEST(low.json["Resources"][0]["id"] == all.json["Resources"][0]["id"]);
    BOOST_TEST(get(t, "/Users?count=-3").json["Resources"].size() == 0u);

    auto past = get(t, "/Users?startIndex=99");
    BOOST_TEST(past.json["totalResults"].asInt() == 5);
    BOOST_TEST(past.json["Resources"].size() == 0u);

    check_scim_error(get(t, "/Users?count=abc"), 400, "invalidValue");
}

BOOST_AUTO_TEST_CASE(idp_liberties_are_accepted) {
    const auto& t = demo_tenant();
    // Okta sends groups: [] and read-only id/meta; Entra sends nulls, boolean strings and an extra schema URN.
    std::string name = unique("liberal") + "@acme.com";
    std::string body = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
        "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/User"],
        "id":"client-chosen","meta":{"created":"2000-01-01T00:00:00Z"},"groups":[],
        "userName":")" + name + R"(","active":"True","addresses":null,"title":null,
        "name":{"givenName":"Lib","familyName":null}})";
    auto created = request("POST", t.base_url + "/Users", t.token, body, {"Content-Type: application/json"});
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    BOOST_TEST(created.json["id"].asString() != "client-chosen");
    BOOST_TEST(created.json["active"].isBool());
    BOOST_TEST(created.json["active"].asBool());
    BOOST_TEST(!created.json.isMember("addresses"));
    BOOST_TEST(!created.json["name"].isMember("familyName"));
    BOOST_TEST(created.json["meta"]["created"].asString() != "2000-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_SUITE_END()
