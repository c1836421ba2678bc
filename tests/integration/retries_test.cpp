// A request that nginx sends again with the same request id (fastcgi_next_upstream, when the
// worker serving it died, perhaps after its COMMIT) is written once: the second attempt gets
// the answer the first would have given. Sent straight to the workers' socket, since nginx
// picks request ids itself.
#include <cstdint>
#include <sstream>
#include <string>

#include <boost/test/unit_test.hpp>
#include <json/reader.h>

#include "fastcgi_client.h"
#include "stack.h"

using namespace itest;

namespace {

const std::string kPatchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const std::string kGroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";

struct Attempt {
    FastcgiResult result;
    Json::Value json;
};

// One attempt of a request as nginx passes it, with the request id given.
Attempt attempt(const Tenant& t, const std::string& request_id, const std::string& method, const std::string& path,
                const std::string& body = "", const std::string& if_match = "") {
    std::string prefix = "/orgs/" + t.org_id + "/api/v1/scim/v2";
    std::map<std::string, std::string> params = {
        {"REQUEST_METHOD", method},          {"REQUEST_URI", prefix + path},
        {"QUERY_STRING", ""},                {"CONTENT_TYPE", body.empty() ? "" : "application/scim+json"},
        {"CONTENT_LENGTH", std::to_string(body.size())},
        {"HTTP_AUTHORIZATION", "Bearer " + t.token},
        {"REQUEST_SCHEME", "https"},         {"HTTP_HOST", "127.0.0.1"},
        {"SERVER_PORT", env("SCIM_HTTPS_PORT")},
        {"REQUEST_ID", request_id},
    };
    if (!if_match.empty()) params["HTTP_IF_MATCH"] = if_match;
    Attempt a;
    a.result = fastcgi_request(env("SCIM_VAR_DIR") + "/run/scim.sock", params, body);
    Json::CharReaderBuilder builder;
    std::string errors;
    std::istringstream in(a.result.body);
    if (!a.result.body.empty()) Json::parseFromStream(builder, in, &a.json, &errors);
    return a;
}

// A fresh 32-hex-digit id, like nginx's $request_id: two FNV-1a hashes of a unique string.
std::string request_id(const std::string& label) {
    std::string seed = unique(label);
    std::string hex;
    for (std::uint64_t basis : {14695981039346656037ull, 1099511628211ull}) {
        std::uint64_t h = basis;
        for (unsigned char c : seed) h = (h ^ c) * 1099511628211ull;
        static const char* digits = "0123456789abcdef";
        for (int shift = 60; shift >= 0; shift -= 4) hex += digits[(h >> shift) & 15];
    }
    return hex;
}

// How many audit entries carry the request id.
int audited(const Tenant& t, const std::string& id) {
    std::string text = scimctl("audit " + t.org_id);
    int n = 0;
    for (auto at = text.find(id); at != std::string::npos; at = text.find(id, at + 1)) ++n;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(retries_test)

BOOST_AUTO_TEST_CASE(a_repeated_create_answers_201_with_the_first_attempts_resource) {
    auto t = new_tenant(unique("retry-create"));
    std::string rid = request_id("c1");
    std::string body = user_body("again@x.com");
    auto first = attempt(t, rid, "POST", "/Users", body);
    BOOST_TEST_REQUIRE(first.result.status == 201, first.result.body);
    auto second = attempt(t, rid, "POST", "/Users", body);
    BOOST_TEST(second.result.status == 201, second.result.body);
    BOOST_TEST(second.json["id"].asString() == first.json["id"].asString());
    BOOST_TEST(second.result.headers["location"] == first.result.headers["location"]);
    BOOST_TEST(get(t, "/Users?filter=userName%20eq%20%22again%40x.com%22").json["totalResults"].asInt() == 1);
    BOOST_TEST(audited(t, rid) == 1);
    // A new request for the same userName is a genuine conflict (RFC 7644 §3.3).
    auto other = attempt(t, request_id("c2"), "POST", "/Users", body);
    BOOST_TEST(other.result.status == 409);
}

BOOST_AUTO_TEST_CASE(a_repeated_patch_put_and_delete_are_applied_once) {
    auto t = new_tenant(unique("retry-write"));
    auto user = post(t, "/Users", user_body("member@x.com"));
    BOOST_TEST_REQUIRE(user.status == 201);
    std::string uid = user.json["id"].asString();
    auto group = post(t, "/Groups", R"({"schemas":[")" + kGroupUrn + R"("],"displayName":"Retried"})");
    BOOST_TEST_REQUIRE(group.status == 201);
    std::string gid = group.json["id"].asString();

    // PATCH: the second attempt is 204 with the version the first one made, not a second change.
    std::string add = R"({"schemas":[")" + kPatchUrn + R"("],"Operations":[{"op":"add","path":"members","value":[{"value":")" +
                      uid + R"("}]}]})";
    std::string rid = request_id("p1");
    auto first = attempt(t, rid, "PATCH", "/Groups/" + gid, add);
    BOOST_TEST_REQUIRE(first.result.status == 204, first.result.body);
    auto second = attempt(t, rid, "PATCH", "/Groups/" + gid, add);
    BOOST_TEST(second.result.status == 204, second.result.body);
    BOOST_TEST(second.result.headers["etag"] == first.result.headers["etag"]);
    BOOST_TEST(audited(t, rid) == 1);

    // PUT with If-Match: the first attempt changed the version, yet the second is no 412.
    std::string etag = get(t, "/Users/" + uid).header("etag");
    std::string replacement = user_body("renamed@x.com");
    rid = request_id("u1");
    auto put1 = attempt(t, rid, "PUT", "/Users/" + uid, replacement, etag);
    BOOST_TEST_REQUIRE(put1.result.status == 200, put1.result.body);
    auto put2 = attempt(t, rid, "PUT", "/Users/" + uid, replacement, etag);
    BOOST_TEST(put2.result.status == 200, put2.result.body);
    BOOST_TEST(put2.json["userName"].asString() == "renamed@x.com");
    BOOST_TEST(put2.result.headers["etag"] == put1.result.headers["etag"]);

    // DELETE: the second attempt is 204, not 404.
    rid = request_id("d1");
    BOOST_TEST(attempt(t, rid, "DELETE", "/Groups/" + gid).result.status == 204);
    BOOST_TEST(attempt(t, rid, "DELETE", "/Groups/" + gid).result.status == 204);
    BOOST_TEST(get(t, "/Groups/" + gid).status == 404);
    // A new DELETE of the deleted group is 404 as ever.
    BOOST_TEST(attempt(t, request_id("d2"), "DELETE", "/Groups/" + gid).result.status == 404);
}

// Request ids are matched within the organisation only: another tenant's request that
// happens to carry the same id is a request of its own.
BOOST_AUTO_TEST_CASE(request_ids_of_another_organisation_replay_nothing) {
    auto a = new_tenant(unique("retry-a"));
    auto b = new_tenant(unique("retry-b"));
    std::string rid = request_id("x1");
    auto in_a = attempt(a, rid, "POST", "/Users", user_body("same@x.com"));
    BOOST_TEST_REQUIRE(in_a.result.status == 201);
    auto in_b = attempt(b, rid, "POST", "/Users", user_body("same@x.com"));
    BOOST_TEST(in_b.result.status == 201, in_b.result.body);
    BOOST_TEST(in_b.json["id"].asString() != in_a.json["id"].asString());
    BOOST_TEST(get(b, "/Users/" + in_a.json["id"].asString()).status == 404);
}

// A Bulk request sent again (RFC 7644 §3.7): each operation that committed answers from what
// it stored, with the same ids, so the bulkId references of the second attempt resolve to
// the resources of the first, and nothing is written twice.
BOOST_AUTO_TEST_CASE(a_repeated_bulk_request_writes_each_operation_once) {
    auto t = new_tenant(unique("retry-bulk"));
    const std::string body =
        R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[)"
        R"({"method":"POST","path":"/Users","bulkId":"u","data":)" + user_body("bulk-again@x.com") + R"(},)"
        R"({"method":"POST","path":"/Groups","bulkId":"g","data":{"schemas":[")" + kGroupUrn +
        R"("],"displayName":"Bulk retried","members":[{"value":"bulkId:u"}]}},)"
        R"({"method":"PATCH","path":"/Users/bulkId:u","data":{"schemas":[")" + kPatchUrn +
        R"("],"Operations":[{"op":"replace","path":"displayName","value":"Again"}]}}]})";
    std::string rid = request_id("b1");
    auto first = attempt(t, rid, "POST", "/Bulk", body);
    BOOST_TEST_REQUIRE(first.result.status == 200, first.result.body);
    auto second = attempt(t, rid, "POST", "/Bulk", body);
    BOOST_TEST_REQUIRE(second.result.status == 200, second.result.body);
    const Json::Value& a = first.json["Operations"];
    const Json::Value& b = second.json["Operations"];
    BOOST_TEST_REQUIRE(a.size() == 3u);
    BOOST_TEST_REQUIRE(b.size() == 3u);
    for (Json::ArrayIndex i = 0; i < 3; ++i) {
        BOOST_TEST(b[i]["status"].asString() == a[i]["status"].asString());
        BOOST_TEST(b[i]["location"].asString() == a[i]["location"].asString());
    }
    // A replay answers from the stored state: the user's version has moved since its POST
    // (its membership, then the PATCH), the group's and the PATCH's have not.
    BOOST_TEST(b[0]["version"].asString() == a[2]["version"].asString());
    BOOST_TEST(b[1]["version"].asString() == a[1]["version"].asString());
    BOOST_TEST(b[2]["version"].asString() == a[2]["version"].asString());
    BOOST_TEST(a[0]["status"].asString() == "201");
    BOOST_TEST(a[2]["status"].asString() == "200");
    BOOST_TEST(get(t, "/Users?filter=userName%20eq%20%22bulk-again%40x.com%22").json["totalResults"].asInt() == 1);
    BOOST_TEST(get(t, "/Groups?filter=displayName%20eq%20%22Bulk%20retried%22").json["totalResults"].asInt() == 1);
    // One entry per write operation, each with its own id under the request's.
    BOOST_TEST(audited(t, rid + ":") == 3);
}

BOOST_AUTO_TEST_SUITE_END()
