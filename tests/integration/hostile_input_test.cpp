// Hostile and broken input, through nginx into the workers: every request is answered with an
// RFC 7644 §3.12 error (Error schema, status as a string, the scimType §3.12 defines for the
// case), never with a 5xx or a non-JSON page, nothing is stored, and the server keeps serving.
// Expectations come from RFC 7644/7643, RFC 8259 (JSON), RFC 3629 (UTF-8) and RFC 9110 (HTTP).
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

const std::string kUserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const std::string kGroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
const std::string kEnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const std::string kPatchUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const std::string kSearchUrn = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
const std::string kErrorUrn = "urn:ietf:params:scim:api:messages:2.0:Error";
const std::string kMissingId = "00000000-0000-4000-8000-000000000000";
constexpr std::size_t kTenMiB = 10 * 1024 * 1024;

HttpResult send(const Tenant& t, const std::string& method, const std::string& path, const std::string& body) {
    return request(method, t.base_url + path, t.token, body, {"Content-Type: application/scim+json"});
}

std::string user_json(const std::string& members) {
    return R"({"schemas":[")" + kUserUrn + R"(","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],)" + members +
           "}";
}

std::string group_json(const std::string& members) { return R"({"schemas":[")" + kGroupUrn + R"("],)" + members + "}"; }

std::string search_json(const std::string& members) { return R"({"schemas":[")" + kSearchUrn + R"("],)" + members + "}"; }

long long user_count(const Tenant& t) {
    auto result = get(t, "/Users?count=0");
    BOOST_TEST_REQUIRE(result.status == 200, result.body);
    return result.json["totalResults"].asInt64();
}

long long group_count(const Tenant& t) {
    auto result = get(t, "/Groups?count=0");
    BOOST_TEST_REQUIRE(result.status == 200, result.body);
    return result.json["totalResults"].asInt64();
}

// The server still answers ordinary requests after the hostile one.
void check_alive(const Tenant& t) {
    BOOST_TEST(get(t, "/ServiceProviderConfig").status == 200);
    BOOST_TEST(get(t, "/Users?count=1").status == 200);
}

// A SCIM error whose status is one of `statuses` and, when `types` is not empty, whose scimType
// is one of `types`. Used only where the RFCs allow more than one answer; the comment at each use
// says why.
void check_scim_error_in(const HttpResult& r, const std::set<long>& statuses, const std::set<std::string>& types,
                         const std::string& what) {
    BOOST_TEST(statuses.count(r.status) == 1u, what << ": status " << r.status << " body " << r.body.substr(0, 300));
    BOOST_TEST(r.header("content-type").find("application/scim+json") == 0,
               what << ": content-type '" << r.header("content-type") << "' body " << r.body.substr(0, 300));
    BOOST_TEST(r.json["schemas"][0].asString() == kErrorUrn, what << ": body " << r.body.substr(0, 300));
    BOOST_TEST(r.json["status"].asString() == std::to_string(r.status), what);
    if (!types.empty()) {
        BOOST_TEST(types.count(r.json["scimType"].asString()) == 1u, what << ": body " << r.body.substr(0, 300));
    }
}

void check_error(const HttpResult& r, long status, const std::string& scim_type, const std::string& what) {
    BOOST_TEST_CONTEXT(what) { check_scim_error(r, status, scim_type); }
}

std::string new_user(const Tenant& t, const std::string& user_name) {
    auto created = post(t, "/Users", user_body(user_name));
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    return created.json["id"].asString();
}

std::string new_group(const Tenant& t, const std::string& name) {
    auto created = post(t, "/Groups", group_json(R"("displayName":")" + name + "\""));
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    return created.json["id"].asString();
}

// Every endpoint that takes a body, as (method, path) pairs, for one user and one group.
std::vector<std::pair<std::string, std::string>> body_endpoints(const std::string& user, const std::string& group) {
    return {{"POST", "/Users"},         {"PUT", "/Users/" + user},      {"PATCH", "/Users/" + user},
            {"POST", "/Groups"},        {"PUT", "/Groups/" + group},    {"PATCH", "/Groups/" + group},
            {"POST", "/Users/.search"}, {"POST", "/Groups/.search"},    {"POST", "/.search"}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile_input_test)

// RFC 7644 §3.12: a body that is not well-formed JSON, or not a JSON object as every SCIM request
// body is, is invalidSyntax — on every endpoint that reads a body.
BOOST_AUTO_TEST_CASE(malformed_and_truncated_json_is_400_invalid_syntax_everywhere) {
    auto t = new_tenant(unique("hmal"));
    std::string user = new_user(t, "keep@x.com");
    std::string group = new_group(t, "Keep");
    auto user_before = get(t, "/Users/" + user).json;
    auto group_before = get(t, "/Groups/" + group).json;

    const std::vector<std::string> malformed = {
        "", " ", "{", "}", "[", "{\"schemas\":", "{\"a\"}", "{'schemas':['x']}", "{\"a\":1,}", "{\"a\":[1,]}",
        "{\"a\":01}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":.5}",
        "{\"a\":\"unterminated}", "{\"a\":\"bad escape \\x41\"}", "{\"a\":\"bad \\u12G4\"}", "/* c */{}",
        "{} {}", "{\"userName\":\"x\"} trailing", "not json", "null", "true", "42", "\"string\"", "[]", "[{}]"};
    for (const auto& [method, path] : body_endpoints(user, group)) {
        for (const auto& body : malformed) {
            check_error(send(t, method, path, body), 400, "invalidSyntax", method + " " + path + " " + body);
        }
    }

    // Every truncation of a realistic Okta-style create is malformed too.
    const std::string full = user_json(R"("userName":"trunc@x.com","name":{"givenName":"Tru","familyName":"Nc"},
        "emails":[{"value":"trunc@x.com","type":"work","primary":true}],"active":true,"externalId":"00u1",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":")" + user + R"("}})");
    for (std::size_t cut = 1; cut < full.size(); cut += 3) {
        check_error(post(t, "/Users", full.substr(0, cut)), 400, "invalidSyntax", "POST prefix " + std::to_string(cut));
    }
    check_error(post(t, "/Users", full.substr(0, full.size() - 1)), 400, "invalidSyntax", "POST without the last brace");
    // Control: the whole body is a valid create.
    BOOST_TEST(post(t, "/Users", full).status == 201);

    BOOST_TEST(user_count(t) == 2);
    BOOST_TEST(group_count(t) == 1);
    BOOST_TEST(get(t, "/Users/" + user).json == user_before);
    BOOST_TEST(get(t, "/Groups/" + group).json == group_before);
    check_alive(t);
}

// RFC 7644 §3.12 invalidValue: "the value specified was not compatible with the operation or
// attribute type" — for every attribute type of RFC 7643 §2.3 the User and Group schemas use.
BOOST_AUTO_TEST_CASE(wrong_json_types_for_every_attribute_kind_are_400_invalid_value) {
    auto t = new_tenant(unique("htype"));
    std::string user = new_user(t, "typed@x.com");
    std::string group = new_group(t, "Typed");
    auto user_before = get(t, "/Users/" + user).json;
    auto group_before = get(t, "/Groups/" + group).json;
    const std::string name = R"("userName":"wrong@x.com",)";
    const std::vector<std::string> user_members = {
        // string (caseExact=false and caseExact=true), required string
        R"("userName":5)", R"("userName":true)", R"("userName":["a@x.com"])", R"("userName":{"value":"a@x.com"})",
        name + R"("displayName":5)", name + R"("nickName":false)", name + R"("title":["Boss"])",
        name + R"("externalId":{"id":"1"})", name + R"("userType":1.5)", name + R"("locale":[])",
        name + R"("password":12345678)",
        // boolean
        name + R"("active":"maybe")", name + R"("active":1)", name + R"("active":[true])", name + R"("active":{})",
        name + R"("emails":[{"value":"a@x.com","primary":"yes"}])", name + R"("addresses":[{"primary":0}])",
        // complex
        name + R"("name":"Alice Smith")", name + R"("name":["Alice"])", name + R"("name":7)",
        name + R"("name":{"givenName":5})", name + R"("name":{"familyName":{"x":1}})",
        name + R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":"Sales")",
        name + R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":"boss"})",
        name + R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":701984})",
        // multi-valued complex
        name + R"("emails":"a@x.com")", name + R"("emails":{"value":"a@x.com"})", name + R"("emails":["a@x.com"])",
        name + R"("emails":[[{"value":"a@x.com"}]])", name + R"("emails":[{"value":5}])",
        name + R"("emails":[{"value":"a@x.com","type":7}])", name + R"("phoneNumbers":[{"value":5551234}])",
        name + R"("addresses":[{"postalCode":91608}])", name + R"("ims":true)", name + R"("roles":[{"value":{}}])",
        name + R"("entitlements":"all")",
        // reference
        name + R"("profileUrl":5)", name + R"("profileUrl":["https://x"])", name + R"("photos":[{"value":true}])",
        name + R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":")" + user +
            R"(","$ref":5}})",
        name + R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":42}})",
        // binary
        name + R"("x509Certificates":[{"value":5}])", name + R"("x509Certificates":"MIID")"};
    for (const auto& members : user_members) {
        check_error(post(t, "/Users", user_json(members)), 400, "invalidValue", "POST " + members);
        check_error(put(t, "/Users/" + user, user_json(members)), 400, "invalidValue", "PUT " + members);
    }

    const std::vector<std::string> group_members = {
        R"("displayName":5)", R"("displayName":["G"])", R"("displayName":{"v":"G"})", R"("displayName":null)",
        R"("displayName":"G","members":"x")", R"("displayName":"G","members":{"value":")" + user + R"("})",
        R"("displayName":"G","members":[")" + user + R"("])", R"("displayName":"G","members":[{"value":5}])",
        R"("displayName":"G","members":[{"value":")" + user + R"(","type":5}])",
        R"("displayName":"G","members":[[{"value":")" + user + R"("}]])"};
    for (const auto& members : group_members) {
        check_error(post(t, "/Groups", group_json(members)), 400, "invalidValue", "POST group " + members);
        check_error(put(t, "/Groups/" + group, group_json(members)), 400, "invalidValue", "PUT group " + members);
    }

    // PATCH values (RFC 7644 §3.5.2): the value must fit the attribute the path names; without
    // a path it must be an object of attributes.
    const std::vector<std::string> user_operations = {
        R"([{"op":"replace","path":"active","value":{}}])", R"([{"op":"replace","path":"active","value":"perhaps"}])",
        R"([{"op":"replace","path":"userName","value":5}])", R"([{"op":"replace","path":"userName","value":["a"]}])",
        R"([{"op":"replace","path":"name","value":"x"}])", R"([{"op":"replace","path":"name.givenName","value":{"x":1}}])",
        R"([{"op":"add","path":"emails","value":"x@y.z"}])", R"([{"op":"add","path":"emails","value":[5]}])",
        R"([{"op":"add","path":"emails","value":[["a"]]}])", R"([{"op":"add","path":"emails","value":[{"value":true}]}])",
        R"([{"op":"replace","path":"emails[type eq \"work\"].value","value":true}])",
        R"([{"op":"replace","path":"profileUrl","value":5}])", R"([{"op":"replace","path":"title","value":[]}])",
        R"([{"op":"replace","value":"x"}])", R"([{"op":"replace","value":[1]}])", R"([{"op":"add","value":7}])",
        R"([{"op":"replace","value":{"active":"maybe"}}])", R"([{"op":"replace","value":{"name":"x"}}])",
        R"([{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":5}])",
        R"([{"op":"replace","path":"title","value":123456789012345678901234567890}])"};
    for (const auto& operations : user_operations) {
        check_error(patch(t, "/Users/" + user, operations), 400, "invalidValue", "PATCH user " + operations);
    }
    const std::vector<std::string> group_operations = {
        R"([{"op":"replace","path":"displayName","value":5}])", R"([{"op":"add","path":"members","value":"x"}])",
        R"([{"op":"add","path":"members","value":[{"value":5}]}])", R"([{"op":"add","path":"members","value":[7]}])",
        R"([{"op":"replace","value":{"displayName":[]}}])"};
    for (const auto& operations : group_operations) {
        check_error(patch(t, "/Groups/" + group, operations), 400, "invalidValue", "PATCH group " + operations);
    }
    // The PatchOp message itself (RFC 7644 §3.5.2): op must be one of three strings.
    check_error(patch(t, "/Users/" + user, R"([{"op":5,"path":"title","value":"x"}])"), 400, "invalidSyntax", "op 5");
    check_error(patch(t, "/Users/" + user, R"([5])"), 400, "invalidSyntax", "operation 5");
    check_error(patch(t, "/Users/" + user, R"("replace")"), 400, "invalidSyntax", "Operations string");
    // A path that is not a string is both malformed (invalidPath) and off the PatchOp schema
    // (invalidSyntax); §3.12 defines both, so either is right.
    check_scim_error_in(patch(t, "/Users/" + user, R"([{"op":"replace","path":5,"value":"x"}])"), {400},
                        {"invalidPath", "invalidSyntax"}, "path 5");

    // dateTime (RFC 7643 §2.3.5): the User schema's only dateTime attributes are meta's, which
    // clients can only compare against in filters.
    for (std::string filter : std::vector<std::string>{"meta.created gt 5", "meta.lastModified eq true", "meta.created gt \"yesterday\"",
                               "meta.lastModified ge \"2011-13-45T99:99:99Z\"", "meta.created lt null"}) {
        check_error(get(t, "/Users?filter=" + url_encode(filter)), 400, "invalidFilter", filter);
    }

    BOOST_TEST(user_count(t) == 1);
    BOOST_TEST(group_count(t) == 1);
    BOOST_TEST(get(t, "/Users/" + user).json == user_before);
    BOOST_TEST(get(t, "/Groups/" + group).json == group_before);
    check_alive(t);
}

// RFC 3629: the body and every string in it must be UTF-8; RFC 7644 §3.12 invalidSyntax for a
// body that is not, invalidFilter for a filter that is not.
BOOST_AUTO_TEST_CASE(invalid_utf8_is_refused_in_bodies_and_filters) {
    auto t = new_tenant(unique("hutf"));
    std::string user = new_user(t, "utf@x.com");
    std::string group = new_group(t, "Utf");
    const std::vector<std::string> bad = {"\xC3\x28",         "\xC0\xAF",  "\xE0\x80\xAF", "\xED\xA0\x80",
                                          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\x80", "\xE2\x82",
                                          "\xF0\x9F\x98"};
    for (const auto& bytes : bad) {
        const std::string label = "bytes " + url_encode(bytes);
        check_error(post(t, "/Users", user_json(R"("userName":"a)" + bytes + R"(@x.com")")), 400, "invalidSyntax",
                    "POST value " + label);
        check_error(post(t, "/Users", user_json(R"("userName":"k@x.com","ti)" + bytes + R"(tle":"x")")), 400,
                    "invalidSyntax", "POST key " + label);
        check_error(put(t, "/Users/" + user, user_json(R"("userName":"utf@x.com","title":")" + bytes + "\"")), 400,
                    "invalidSyntax", "PUT " + label);
        check_error(patch(t, "/Users/" + user, R"([{"op":"replace","path":"title","value":")" + bytes + R"("}])"), 400,
                    "invalidSyntax", "PATCH " + label);
        check_error(post(t, "/Groups", group_json(R"("displayName":")" + bytes + "\"")), 400, "invalidSyntax",
                    "POST group " + label);
        check_error(post(t, "/Users/.search", search_json(R"("filter":"userName eq \")" + bytes + R"(\"")")), 400,
                    "invalidSyntax", "search " + label);
        check_error(get(t, "/Users?filter=" + url_encode("userName eq \"" + bytes + "\"")), 400, "invalidFilter",
                    "filter value " + label);
        check_error(get(t, "/Users?filter=" + url_encode("user" + bytes + "Name eq \"a\"")), 400, "invalidFilter",
                    "filter attribute " + label);
        check_error(get(t, "/Groups?filter=" + url_encode("displayName co \"" + bytes + "\"")), 400, "invalidFilter",
                    "group filter " + label);
    }

    // JSON escapes that name no Unicode scalar value (RFC 8259 §8.2: lone or mispaired
    // surrogates): RFC 7643 §2.3.1 strings are Unicode characters, so such a value cannot be
    // stored. The grammar of RFC 8259 admits the escape, so invalidValue is as right as
    // invalidSyntax; storing something else than was sent is not.
    for (std::string escape : std::vector<std::string>{"\\udc00", "\\ud800", "\\ud800x", "\\ud800\\u0041", "\\udbff\\udbff", "\\udc00\\ud800"}) {
        check_scim_error_in(post(t, "/Users", user_json(R"("userName":"s)" + escape + R"(@x.com")")), {400},
                            {"invalidSyntax", "invalidValue"}, "POST escape " + escape);
        check_scim_error_in(patch(t, "/Users/" + user, R"([{"op":"replace","path":"title","value":")" + escape + R"("}])"),
                            {400}, {"invalidSyntax", "invalidValue"}, "PATCH escape " + escape);
        check_scim_error_in(post(t, "/Groups", group_json(R"("displayName":")" + escape + "\"")), {400},
                            {"invalidSyntax", "invalidValue"}, "POST group escape " + escape);
        check_scim_error_in(post(t, "/Users/.search", search_json(R"("filter":"userName eq \")" + escape + R"(\"")")),
                            {400}, {"invalidSyntax", "invalidFilter"}, "search escape " + escape);
        check_error(get(t, "/Users?filter=" + url_encode("userName eq \"" + escape + "\"")), 400, "invalidFilter",
                    "filter escape " + escape);
    }

    // Control: real non-ASCII text, in and beyond the BMP, is stored and found as sent.
    auto emoji = post(t, "/Users", user_json("\"userName\":\"\xF0\x9F\x98\x80\\u00e9\\ud83d\\ude00@x.com\""));
    BOOST_TEST_REQUIRE(emoji.status == 201, emoji.body);
    BOOST_TEST(emoji.json["userName"].asString() == "\xF0\x9F\x98\x80\xC3\xA9\xF0\x9F\x98\x80@x.com");
    auto found = get(t, "/Users?filter=" + url_encode("userName eq \"\xF0\x9F\x98\x80\xC3\xA9\xF0\x9F\x98\x80@x.com\""));
    BOOST_TEST(found.json["totalResults"].asInt() == 1);

    BOOST_TEST(user_count(t) == 2);
    BOOST_TEST(group_count(t) == 1);
    BOOST_TEST(get(t, "/Users/" + user).json["title"].isNull());
    check_alive(t);
}

// RFC 8259 §7: U+0000 must be escaped inside strings and is no token outside them, so a raw NUL
// is malformed JSON. An escaped \u0000 is well-formed; a server that cannot keep it refuses the
// value (invalidValue), or it stores and returns it unchanged — it never fails with a 500.
BOOST_AUTO_TEST_CASE(nul_bytes_are_refused_or_kept_never_a_500) {
    auto t = new_tenant(unique("hnul"));
    std::string user = new_user(t, "nul@x.com");
    std::string group = new_group(t, "Nul");
    const std::string nul(1, '\0');

    check_error(post(t, "/Users", user_json(R"("userName":"a)" + nul + R"(b@x.com")")), 400, "invalidSyntax",
                "raw NUL in a string");
    check_error(post(t, "/Users", user_json(R"("userName":"ab@x.com",)" + nul + R"("title":"x")")), 400,
                "invalidSyntax", "raw NUL between tokens");
    check_error(post(t, "/Users", user_json(R"("userName":"ab@x.com")") + nul), 400, "invalidSyntax",
                "raw NUL after the body");
    check_error(patch(t, "/Users/" + user, R"([{"op":"replace","path":"title","value":"a)" + nul + R"("}])"), 400,
                "invalidSyntax", "raw NUL in a PATCH value");
    check_error(post(t, "/Groups", group_json(R"("displayName":"a)" + nul + "\"")), 400, "invalidSyntax",
                "raw NUL in a group");

    // Escaped NUL in every kind of stored string.
    struct Case {
        std::string what;
        std::function<HttpResult()> call;
        std::function<std::string(const Json::Value&)> read_back;
    };
    const std::string with_nul = "a\\u0000b";
    const std::string expected = std::string("a") + nul + "b";
    std::vector<Case> cases = {
        {"userName", [&] { return post(t, "/Users", user_json(R"("userName":")" + with_nul + R"(")")); },
         [](const Json::Value& u) { return u["userName"].asString(); }},
        {"externalId", [&] { return post(t, "/Users", user_json(R"("userName":"n1@x.com","externalId":")" + with_nul + "\"")); },
         [](const Json::Value& u) { return u["externalId"].asString(); }},
        {"name.givenName",
         [&] { return post(t, "/Users", user_json(R"("userName":"n2@x.com","name":{"givenName":")" + with_nul + "\"}")); },
         [](const Json::Value& u) { return u["name"]["givenName"].asString(); }},
        {"emails.value",
         [&] { return post(t, "/Users", user_json(R"("userName":"n3@x.com","emails":[{"value":")" + with_nul + "\"}]")); },
         [](const Json::Value& u) { return u["emails"][0]["value"].asString(); }},
        {"PUT title",
         [&] { return put(t, "/Users/" + user, user_json(R"("userName":"nul@x.com","title":")" + with_nul + "\"")); },
         [](const Json::Value& u) { return u["title"].asString(); }},
        {"PATCH title",
         [&] { return patch(t, "/Users/" + user + "?attributes=title", R"([{"op":"replace","path":"title","value":")" + with_nul + R"("}])"); },
         [](const Json::Value& u) { return u["title"].asString(); }},
        {"group displayName", [&] { return post(t, "/Groups", group_json(R"("displayName":")" + with_nul + "\"")); },
         [](const Json::Value& g) { return g["displayName"].asString(); }},
    };
    for (const auto& c : cases) {
        auto result = c.call();
        if (result.status == 200 || result.status == 201) {
            BOOST_TEST(c.read_back(result.json) == expected, c.what << " was stored altered: " << result.body);
        } else {
            check_error(result, 400, "invalidValue", "escaped NUL in " + c.what);
        }
    }

    // In filters: a raw NUL (sent as %00) is a control character the filter grammar's JSON
    // string cannot hold; the escaped form is refused or matches nothing. Either way the error is
    // about the filter (RFC 7644 §3.4.2.2 invalidFilter), not the request body.
    check_error(get(t, "/Users?filter=userName%20eq%20%22a%00b%22"), 400, "invalidFilter", "%00 in a filter value");
    check_error(get(t, "/Users?filter=user%00Name%20eq%20%22a%22"), 400, "invalidFilter", "%00 in a filter path");
    check_error(post(t, "/Users/.search", search_json(R"("filter":"user\u0000Name eq \"a\"")")), 400, "invalidFilter",
                "escaped NUL in a filter path");
    auto escaped = get(t, "/Users?filter=" + url_encode("userName eq \"a\\u0000b\""));
    if (escaped.status == 200) {
        BOOST_TEST(escaped.json["totalResults"].asInt() <= 1);
    } else {
        check_error(escaped, 400, "invalidFilter", "escaped NUL in a filter value");
    }

    // In a resource id: no such resource (404), or a request nginx refuses (400) — as SCIM JSON.
    for (std::string path : std::vector<std::string>{"/Users/%00", "/Users/" + user + "%00", "/Groups/%00" + group}) {
        check_scim_error_in(get(t, path), {400, 404}, {}, "GET " + path);
    }
    BOOST_TEST(get(t, "/Users/" + user).json["userName"].asString() == "nul@x.com");
    check_alive(t);
}

// RFC 8259 §9 lets a parser limit nesting; DESIGN.md sets 64 levels. 100,000 levels of arrays or
// objects must be refused without exhausting the worker's stack, on every endpoint.
BOOST_AUTO_TEST_CASE(nesting_100000_levels_deep_is_400_invalid_syntax) {
    auto t = new_tenant(unique("hdeep"));
    std::string user = new_user(t, "deep@x.com");
    std::string group = new_group(t, "Deep");
    const int levels = 100000;
    std::string arrays = std::string(levels, '[') + std::string(levels, ']');
    std::string objects;
    objects.reserve(levels * 6 + 2);
    for (int i = 0; i < levels; ++i) objects += "{\"a\":";
    objects += "1" + std::string(levels, '}');
    std::string unclosed = std::string(levels, '[');
    std::string unclosed_objects;
    for (int i = 0; i < levels; ++i) unclosed_objects += "{\"a\":";

    for (const auto& [method, path] : body_endpoints(user, group)) {
        check_error(send(t, method, path, arrays), 400, "invalidSyntax", method + " " + path + " arrays");
        check_error(send(t, method, path, objects), 400, "invalidSyntax", method + " " + path + " objects");
        check_error(send(t, method, path, unclosed), 400, "invalidSyntax", method + " " + path + " unclosed arrays");
    }
    // Deep values inside otherwise valid messages.
    check_error(post(t, "/Users", user_json(R"("userName":"d@x.com","name":)" + objects)), 400, "invalidSyntax",
                "deep name");
    check_error(post(t, "/Users", user_json(R"("userName":"d@x.com","emails":)" + arrays)), 400, "invalidSyntax",
                "deep emails");
    check_error(post(t, "/Users", user_json(R"("userName":"d@x.com","name":)" + unclosed_objects)), 400,
                "invalidSyntax", "deep unclosed name");
    check_error(patch(t, "/Users/" + user, R"([{"op":"add","value":)" + objects + "}]"), 400, "invalidSyntax",
                "deep PATCH value");
    check_error(patch(t, "/Groups/" + group, R"([{"op":"add","path":"members","value":)" + arrays + "}]"), 400,
                "invalidSyntax", "deep PATCH members");
    check_error(post(t, "/.search", search_json(R"("attributes":)" + arrays)), 400, "invalidSyntax", "deep search");

    BOOST_TEST(user_count(t) == 1);
    check_alive(t);
}

// nginx refuses bodies over client_max_body_size (10 MiB) with 413 as SCIM JSON; a body of
// exactly 10 MiB passes nginx and the worker must answer it itself: accepted, or refused with a
// 4xx SCIM error — never a 5xx.
BOOST_AUTO_TEST_CASE(ten_mib_bodies_reach_the_worker_and_larger_ones_are_413_json) {
    auto t = new_tenant(unique("hbig"));
    std::string user = new_user(t, "big@x.com");
    std::string group = new_group(t, "Big");

    auto sized = [](const std::string& head, const std::string& tail, std::size_t total) {
        BOOST_REQUIRE(total > head.size() + tail.size());
        return head + std::string(total - head.size() - tail.size(), 'a') + tail;
    };
    const std::string title_head = user_json(R"("userName":"bigtitle@x.com","title":")");
    const std::string name_head = user_json(R"("userName":")");
    // user_json wraps with "}" at the end; rebuild the heads without it.
    const std::string title_prefix = title_head.substr(0, title_head.size() - 1);
    const std::string name_prefix = name_head.substr(0, name_head.size() - 1);

    auto title = post(t, "/Users", sized(title_prefix, "\"}", kTenMiB));
    if (title.status == 201) {
        BOOST_TEST(title.json["title"].asString().size() == kTenMiB - title_prefix.size() - 2);
    } else {
        check_scim_error_in(title, {400, 413}, {}, "10 MiB title");
        BOOST_TEST(title.body.find("Request body too large") == std::string::npos, "nginx answered, not the worker");
    }
    // userName is indexed and unique: a 10 MiB one is kept or refused (invalidValue), not a 500.
    auto big_name = post(t, "/Users", sized(name_prefix, "\"}", kTenMiB - 64));
    if (big_name.status != 201) check_error(big_name, 400, "invalidValue", "10 MiB userName");

    // One byte over the limit: nginx's own 413, as SCIM JSON, for every body endpoint.
    for (const auto& [method, path] : body_endpoints(user, group)) {
        auto over = send(t, method, path, sized(title_prefix, "\"}", kTenMiB + 1));
        check_error(over, 413, "", method + " " + path + " over 10 MiB");
    }
    check_alive(t);
}

// Long values in attributes the server indexes (userName, externalId, emails.value, a group's
// displayName): RFC 7643 sets no length limit, so they are stored, or refused with invalidValue
// when the server has one. A database index limit must not surface as a 500.
BOOST_AUTO_TEST_CASE(long_values_in_indexed_attributes_are_kept_or_refused_never_a_500) {
    auto t = new_tenant(unique("hlong"));
    std::string user = new_user(t, "long@x.com");
    std::string group = new_group(t, "Long");
    // Incompressible text: a repeated letter would be compressed below any index limit.
    std::string noise;
    unsigned state = 12345;
    for (int i = 0; i < 3000; ++i) {
        state = state * 1103515245u + 12345u;
        noise.push_back(static_cast<char>('a' + (state >> 16) % 26));
    }
    const std::vector<std::pair<std::string, std::function<HttpResult()>>> calls = {
        {"userName", [&] { return post(t, "/Users", user_body(noise)); }},
        {"externalId", [&] { return post(t, "/Users", user_json(R"("userName":"e1@x.com","externalId":")" + noise + "\"")); }},
        {"emails.value", [&] { return post(t, "/Users", user_json(R"("userName":"e2@x.com","emails":[{"value":")" + noise + "\"}]")); }},
        {"PUT userName", [&] { return put(t, "/Users/" + user, user_body(noise + "x")); }},
        {"PATCH userName", [&] { return patch(t, "/Users/" + user, R"([{"op":"replace","path":"userName","value":")" + noise + R"(y"}])"); }},
        {"group displayName", [&] { return post(t, "/Groups", group_json(R"("displayName":")" + noise + "\"")); }},
        {"PATCH group displayName", [&] { return patch(t, "/Groups/" + group, R"([{"op":"replace","path":"displayName","value":")" + noise + R"(z"}])"); }},
    };
    for (const auto& [what, call] : calls) {
        auto result = call();
        if (result.status >= 200 && result.status < 300) continue;
        check_error(result, 400, "invalidValue", "3000-character " + what);
    }
    // Filters and searches with such a value are answered too.
    BOOST_TEST(get(t, "/Users?filter=" + url_encode("userName eq \"" + noise + "\"")).status == 200);
    BOOST_TEST(get(t, "/Users?filter=" + url_encode("externalId eq \"" + noise + "\"")).status == 200);
    check_alive(t);
}

// 100,000 members in one JSON object: unknown attributes are refused (README: invalidSyntax on
// POST/PUT; in PATCH each key of a path-less value is a path, so invalidPath is right there too).
BOOST_AUTO_TEST_CASE(one_hundred_thousand_attributes_in_one_object_are_refused) {
    auto t = new_tenant(unique("hwide"));
    std::string user = new_user(t, "wide@x.com");
    std::string many, many_sub, many_values;
    for (int i = 0; i < 100000; ++i) {
        std::string n = std::to_string(i);
        many += ",\"a" + n + "\":" + n;
        many_sub += std::string(i ? "," : "") + "\"givenName" + n + "\":\"x\"";
        many_values += std::string(i ? "," : "") + "\"x" + n + "\":\"v\"";
    }
    check_error(post(t, "/Users", user_json(R"("userName":"w1@x.com")" + many)), 400, "invalidSyntax", "POST");
    check_error(put(t, "/Users/" + user, user_json(R"("userName":"wide@x.com")" + many)), 400, "invalidSyntax", "PUT");
    check_error(post(t, "/Users", user_json(R"("userName":"w2@x.com","name":{)" + many_sub + "}")), 400,
                "invalidSyntax", "POST name");
    check_scim_error_in(patch(t, "/Users/" + user, R"([{"op":"add","value":{)" + many_values + "}}]"), {400},
                        {"invalidPath", "invalidSyntax"}, "PATCH");
    check_error(post(t, "/Groups", group_json(R"("displayName":"W")" + many)), 400, "invalidSyntax", "POST group");
    // A search body with 100,000 members is refused too (unknown members of a SearchRequest).
    check_scim_error_in(post(t, "/Users/.search", search_json(many.substr(1))), {400}, {"invalidSyntax", "invalidValue"},
                        "search");
    BOOST_TEST(user_count(t) == 1);
    BOOST_TEST(get(t, "/Users/" + user).json["userName"].asString() == "wide@x.com");
    check_alive(t);
}

// RFC 8259 §6 numbers have no range limit in the grammar but §9 lets a parser limit them; a
// number where a string or boolean belongs is invalidValue. count and startIndex (RFC 7644
// §3.4.2.4) are non-negative integers: a huge one is capped, the same for GET and POST .search.
BOOST_AUTO_TEST_CASE(huge_numbers_are_refused_cleanly) {
    auto t = new_tenant(unique("hnum"));
    std::string user = new_user(t, "num@x.com");
    const std::string big = "123456789012345678901234567890";
    for (std::string tail : std::vector<std::string>{"\"title\":" + big, "\"active\":" + big, "\"title\":-" + big, "\"name\":{\"givenName\":" + big + "}",
                             "\"emails\":[{\"value\":\"n@x.com\",\"primary\":" + big + "}]"}) {
        check_error(post(t, "/Users", user_json("\"userName\":\"n2@x.com\"," + tail)), 400, "invalidValue", tail);
    }
    // 1e400 is outside every IEEE double: refused by the parser (invalidSyntax, RFC 8259 §9) or
    // as a wrong type (invalidValue).
    for (std::string tail : std::vector<std::string>{"\"title\":1e400", "\"active\":-1e400", "\"title\":1e-400000", "\"title\":" + std::string(5000, '9')}) {
        check_scim_error_in(post(t, "/Users", user_json("\"userName\":\"n3@x.com\"," + tail)), {400},
                            {"invalidSyntax", "invalidValue"}, tail);
    }
    check_scim_error_in(patch(t, "/Users/" + user, R"([{"op":"replace","path":"title","value":1e400}])"), {400},
                        {"invalidSyntax", "invalidValue"}, "PATCH 1e400");
    check_error(patch(t, "/Users/" + user, R"([{"op":"replace","path":"active","value":)" + big + "}]"), 400,
                "invalidValue", "PATCH big active");

    // Filters: a number outside every double is refused; a long run of digits compared with a
    // string attribute is that text, as an unquoted value (README: unquoted filter values).
    for (std::string filter : std::vector<std::string>{"userName eq 1e400", "title gt -1e400", "active eq " + big}) {
        check_error(get(t, "/Users?filter=" + url_encode(filter)), 400, "invalidFilter", filter);
    }
    auto digits = get(t, "/Users?filter=" + url_encode("userName eq " + big));
    BOOST_TEST(digits.status == 200, digits.body);
    BOOST_TEST(digits.json["totalResults"].asInt() == 0);

    // Paging: count is the desired maximum (the server may return fewer); startIndex past the end
    // is an empty page.
    auto huge_count = get(t, "/Users?count=" + big);
    BOOST_TEST(huge_count.status == 200, huge_count.body);
    BOOST_TEST(huge_count.json["totalResults"].asInt() == 1);
    BOOST_TEST(huge_count.json["Resources"].size() == 1u);
    auto huge_start = get(t, "/Users?startIndex=" + big);
    BOOST_TEST(huge_start.status == 200, huge_start.body);
    BOOST_TEST(huge_start.json["Resources"].size() == 0u);
    auto searched = post(t, "/Users/.search", search_json("\"count\":" + big));
    BOOST_TEST(searched.status == huge_count.status, "POST .search count: " << searched.body);
    BOOST_TEST(searched.json["Resources"].size() == 1u);
    auto searched_start = post(t, "/Users/.search", search_json("\"startIndex\":" + big));
    BOOST_TEST(searched_start.status == huge_start.status, "POST .search startIndex: " << searched_start.body);
    // Not integers at all.
    check_error(get(t, "/Users?count=1e400"), 400, "invalidValue", "count=1e400");
    check_error(get(t, "/Users?startIndex=2.5"), 400, "invalidValue", "startIndex=2.5");
    check_error(post(t, "/Users/.search", search_json(R"("count":2.5)")), 400, "invalidValue", "count 2.5");
    check_error(post(t, "/Users/.search", search_json(R"("count":"10")")), 400, "invalidValue", "count string");
    BOOST_TEST(user_count(t) == 1);
    check_alive(t);
}

// 10,000 clauses or 10,000 nested parentheses: nginx may refuse the request line (414 as SCIM
// JSON); what reaches the worker is an invalidFilter, through GET and every POST .search.
BOOST_AUTO_TEST_CASE(filters_with_ten_thousand_clauses_or_parentheses_are_refused) {
    auto t = new_tenant(unique("hfilt"));
    new_user(t, "f@x.com");
    std::string clauses;
    for (int i = 0; i < 10000; ++i) clauses += std::string(i ? " or " : "") + "userName eq \"u" + std::to_string(i) + "\"";
    const std::string parens = std::string(10000, '(') + "userName pr" + std::string(10000, ')');
    std::string nots;
    for (int i = 0; i < 10000; ++i) nots += "not (";
    nots += "userName pr" + std::string(10000, ')');
    std::string brackets = "emails[" + std::string(10000, '(') + "type eq \"work\"" + std::string(10000, ')') + "]";

    // Over HTTP/1.1 nginx answers an over-long request line with its 414 page. A line just over
    // its 32 KB buffer fits in the loopback socket buffers, so the client always reads that answer.
    RequestOptions http1;
    http1.http1 = true;
    const std::string just_over = "userName eq \"" + std::string(40000, 'a') + "\"";
    check_error(request_with(http1, "GET", t.base_url + "/Users?filter=" + url_encode(just_over), t.token), 414, "",
                "GET over HTTP/1.1, filter of 40 KB");
    // Hundreds of KB: nginx answers 414 and closes after reading its buffer, so the client may
    // still be sending when the connection closes. Either way, no other answer, and the service
    // goes on serving.
    RequestOptions http1_lenient = http1;
    http1_lenient.require_response = false;
    for (const auto& filter : {clauses, parens, nots}) {
        auto result = request_with(http1_lenient, "GET", t.base_url + "/Users?filter=" + url_encode(filter), t.token);
        if (result.status != 0)
            check_error(result, 414, "", "GET over HTTP/1.1, filter of " + std::to_string(filter.size()) + " bytes");
        BOOST_REQUIRE_EQUAL(get(t, "/Users?count=1").status, 200);
    }
    // Over HTTP/2 nginx may instead reset the connection (no HTTP answer at all); if it answers,
    // it is the same 414.
    RequestOptions lenient;
    lenient.require_response = false;
    auto h2 = request_with(lenient, "GET", t.base_url + "/Users?filter=" + url_encode(clauses), t.token);
    if (h2.status != 0) check_error(h2, 414, "", "GET over HTTP/2");

    // Parentheses need no percent-encoding: 20 KB of them fit in nginx's buffers and reach the worker.
    check_error(get(t, "/Users?filter=" + std::string(10000, '(') + "userName%20pr" + std::string(10000, ')')), 400,
                "invalidFilter", "unencoded parentheses");
    // Within the worker's length limit, nesting alone must be refused without recursion trouble.
    check_error(get(t, "/Users?filter=" + std::string(4000, '(') + "userName%20pr" + std::string(4000, ')')), 400,
                "invalidFilter", "4000 parentheses");
    std::string thousand_nots;
    for (int i = 0; i < 1000; ++i) thousand_nots += "not (";
    thousand_nots += "userName pr" + std::string(1000, ')');
    check_error(get(t, "/Users?filter=" + url_encode(thousand_nots)), 400, "invalidFilter", "1000 nots");

    for (std::string path : std::vector<std::string>{"/Users/.search", "/Groups/.search", "/.search"}) {
        for (const auto& filter : {clauses, parens, nots}) {
            Json::Value body;
            body["schemas"].append(kSearchUrn);
            body["filter"] = filter;
            check_error(post(t, path, body.toStyledString()), 400, "invalidFilter",
                        "POST " + path + " filter of " + std::to_string(filter.size()) + " bytes");
        }
    }
    // The same in a PATCH path's value filter (RFC 7644 §3.5.2 "valuePath"): a malformed path.
    Json::Value operation;
    operation["op"] = "replace";
    operation["path"] = brackets + ".value";
    operation["value"] = "x";
    Json::Value operations(Json::arrayValue);
    operations.append(operation);
    check_scim_error_in(patch(t, "/Users/" + new_user(t, "p@x.com"), operations.toStyledString()), {400},
                        {"invalidPath", "invalidFilter"}, "PATCH path with 10,000 parentheses");
    check_alive(t);
}

// Filter values are data, never SQL or JSON path: each injection string, stored as a value,
// is found by an eq filter exactly, and matches nothing else (RFC 7644 §3.4.2.2).
BOOST_AUTO_TEST_CASE(injection_in_filter_values_is_matched_literally) {
    auto t = new_tenant(unique("hinj"));
    const std::vector<std::string> payloads = {
        "x' OR '1'='1",         "x\" OR \"1\"=\"1",      "'); DROP TABLE scim_users; --", "a%",   "_",
        "\\",                   "$.**",                  "$[*] ? (@ like_regex \".*\")",    "@.value", "' || pg_sleep(5) || '",
        "1; SELECT 1",          "*/ OR /*",              "\\u0027 OR 1=1 --",               "{\"a\":1}", "')::jsonb--"};
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        Json::Value body;
        body["schemas"].append(kUserUrn);
        body["userName"] = "inj" + std::to_string(i) + payloads[i];
        body["externalId"] = payloads[i];
        body["title"] = payloads[i];
        body["emails"][0]["value"] = payloads[i];
        auto created = post(t, "/Users", body.toStyledString());
        BOOST_TEST_REQUIRE(created.status == 201, payloads[i] << ": " << created.body);
        ids.push_back(created.json["id"].asString());
    }
    auto quoted = [](const std::string& value) {
        Json::Value v(value);
        std::string s = v.toStyledString();
        while (!s.empty() && s.back() == '\n') s.pop_back();
        return s;
    };
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        const std::string& p = payloads[i];
        for (std::string attr : std::vector<std::string>{"externalId", "title", "emails.value"}) {
            std::string filter = attr + " eq " + quoted(p);
            auto result = get(t, "/Users?attributes=id&filter=" + url_encode(filter));
            BOOST_TEST_REQUIRE(result.status == 200, filter << ": " << result.body);
            BOOST_TEST(result.json["totalResults"].asInt() == 1, filter);
            BOOST_TEST(result.json["Resources"][0]["id"].asString() == ids[i], filter);
        }
        auto bracket = get(t, "/Users?attributes=id&filter=" + url_encode("emails[value eq " + quoted(p) + "]"));
        BOOST_TEST(bracket.json["totalResults"].asInt() == 1, p);
        auto searched = post(t, "/.search", search_json("\"filter\":" + quoted("externalId eq " + quoted(p))));
        BOOST_TEST(searched.json["totalResults"].asInt() == 1, p << ": " << searched.body);
        // A near miss matches nothing.
        auto miss = get(t, "/Users?filter=" + url_encode("externalId eq " + quoted(p + " ")));
        BOOST_TEST(miss.json["totalResults"].asInt() == 0, p);
    }
    // co / sw with metacharacters match literally.
    BOOST_TEST(get(t, "/Users?filter=" + url_encode("externalId co \"%\"")).json["totalResults"].asInt() == 1);
    BOOST_TEST(get(t, "/Users?filter=" + url_encode("externalId sw \"_\"")).json["totalResults"].asInt() == 1);
    BOOST_TEST(get(t, "/Users?filter=" + url_encode("title co \"'\"")).json["totalResults"].asInt() == 4);

    // Injection in the attribute path or the grammar is not a filter at all.
    for (std::string filter : std::vector<std::string>{"name.givenName' eq \"x\"", "name.givenName->>'x' eq \"a\"", "userName eq \"x\" or 1=1",
                               "userName eq \"x\";select 1", "userName eq \"x\" --", "userName) or (1 eq 1",
                               "name.\"familyName\" eq \"x\"", "urn:ietf:params:scim:schemas:core:2.0:User:userName') or true eq \"a\"",
                               "userName eq \"a\" or userName eq 'b'", "emails[value eq \"a\"] or emails.value[0] eq \"b\"",
                               "userName eq \"a\" /* */", "$.userName eq \"a\"", "attributes->>'userName' eq \"a\""}) {
        check_error(get(t, "/Users?filter=" + url_encode(filter)), 400, "invalidFilter", filter);
        check_error(post(t, "/.search", search_json("\"filter\":" + quoted(filter))), 400, "invalidFilter",
                    "search " + filter);
    }
    BOOST_TEST(user_count(t) == static_cast<long long>(payloads.size()));
    check_alive(t);
}

// sortBy, attributes and excludedAttributes name attributes (RFC 7644 §3.4.2.3, §3.9); anything
// else is refused, in the query string and in a SearchRequest body alike.
BOOST_AUTO_TEST_CASE(injection_in_sort_by_and_attribute_lists_is_400_invalid_value) {
    auto t = new_tenant(unique("hsort"));
    new_user(t, "b@x.com");
    new_user(t, "a@x.com");
    const std::vector<std::string> hostile = {"userName,(SELECT 1)", "name.givenName->>'x'", "1", "userName) --",
                                              "meta.created; select pg_sleep(5)", "userName desc", "\"userName\"",
                                              "attributes->'userName'", "userName::text", "*", "urn:x:y:userName",
                                              "name..givenName", "userName'--"};
    for (const auto& value : hostile) {
        check_error(get(t, "/Users?sortBy=" + url_encode(value)), 400, "invalidValue", "sortBy " + value);
        check_error(get(t, "/Users?attributes=" + url_encode(value)), 400, "invalidValue", "attributes " + value);
        check_error(get(t, "/Users?excludedAttributes=" + url_encode(value)), 400, "invalidValue", "excluded " + value);
        Json::Value body;
        body["schemas"].append(kSearchUrn);
        body["sortBy"] = value;
        check_error(post(t, "/Users/.search", body.toStyledString()), 400, "invalidValue", "search sortBy " + value);
        Json::Value attrs;
        attrs["schemas"].append(kSearchUrn);
        attrs["attributes"].append(value);
        check_error(post(t, "/Users/.search", attrs.toStyledString()), 400, "invalidValue", "search attributes " + value);
    }
    check_error(get(t, "/Users?sortBy=userName&sortOrder=" + url_encode("ascending; DROP TABLE x")), 400, "invalidValue",
                "sortOrder");
    // Control: attribute names are case-insensitive (RFC 7643 §2.1) and sorting works.
    auto sorted = get(t, "/Users?sortBy=USERNAME&attributes=USERNAME");
    BOOST_TEST_REQUIRE(sorted.status == 200, sorted.body);
    BOOST_TEST(sorted.json["Resources"][0]["userName"].asString() == "a@x.com");
    BOOST_TEST(user_count(t) == 2);
}

// A resource id is an opaque string (RFC 7643 §3.1): whatever it holds, an id that names no
// resource of the caller is 404 for every method, and nothing else is touched.
BOOST_AUTO_TEST_CASE(injection_in_resource_ids_is_404) {
    auto t = new_tenant(unique("hid"));
    std::string user = new_user(t, "victim@x.com");
    std::string group = new_group(t, "Victims");
    auto user_before = get(t, "/Users/" + user).json;
    auto group_before = get(t, "/Groups/" + group).json;
    const std::vector<std::string> ids = {
        "1%27%20OR%20%271%27=%271", user + "%27%20OR%20%271%27=%271", "1%22%20OR%20%221%22=%221",
        user + ";drop", "%27%29%3B%20DELETE%20FROM%20scim_users%3B--", "%2e%2e", "..%2F..%2FGroups",
        "%24.%2A%2A", user + "%20", std::string(5000, 'a'), "%E2%80%AE" + user, "*", "%25", user.substr(0, 35)};
    const std::string user_put = user_body("victim@x.com");
    const std::string group_put = group_json(R"("displayName":"Victims")");
    const std::string ops = R"([{"op":"replace","path":"displayName","value":"pwned"}])";
    for (const auto& id : ids) {
        for (std::string kind : std::vector<std::string>{"/Users/", "/Groups/"}) {
            check_error(get(t, kind + id), 404, "", "GET " + kind + id);
            check_error(put(t, kind + id, kind == "/Users/" ? user_put : group_put), 404, "", "PUT " + kind + id);
            check_error(patch(t, kind + id, ops), 404, "", "PATCH " + kind + id);
            check_error(del(t, kind + id), 404, "", "DELETE " + kind + id);
        }
    }
    BOOST_TEST(get(t, "/Users/" + user).json == user_before);
    BOOST_TEST(get(t, "/Groups/" + group).json == group_before);
    BOOST_TEST(user_count(t) == 1);
    BOOST_TEST(group_count(t) == 1);
}

// The org id in the URL is matched against the token's organisation; an injection there is
// just another organisation: the same 401 as an unknown token (README: nothing tells whether
// another organisation exists).
BOOST_AUTO_TEST_CASE(injection_in_org_ids_is_401_like_an_unknown_token) {
    auto t = new_tenant(unique("horg"));
    new_user(t, "o@x.com");
    auto unknown = request("GET", t.base_url + "/Users", "scim_unknownTokenUnknownTokenUnknownToken00000");
    check_error(unknown, 401, "", "unknown token");
    for (std::string org : std::vector<std::string>{"1%27%20OR%20%271%27=%271", t.org_id + "%27%20OR%20%271%27=%271", t.org_id + "%20",
                            "%27%29%3B--", "%2A", t.org_id + ";x", std::string(3000, 'f')}) {
        auto result = request("GET", origin() + "/orgs/" + org + "/api/v1/scim/v2/Users", t.token);
        check_error(result, 401, "", "org " + org);
        BOOST_TEST(result.json == unknown.json, org);
        BOOST_TEST(result.header("www-authenticate") == unknown.header("www-authenticate"));
    }
    BOOST_TEST(user_count(t) == 1);
}

// Dot segments and encoded slashes (RFC 3986 §3.3, §5.2.4) never lead outside the caller's
// routes or into another organisation: the answer is a SCIM 400, 401 or 404, never data.
BOOST_AUTO_TEST_CASE(path_traversal_never_reaches_another_route_or_org) {
    auto a = new_tenant(unique("htrA"));
    auto b = new_tenant(unique("htrB"));
    std::string a_user = new_user(a, "secret-a@x.com");
    std::string b_user = new_user(b, "b@x.com");
    const std::string a_root = "/orgs/" + a.org_id + "/api/v1/scim/v2";
    const std::string b_root = "/orgs/" + b.org_id + "/api/v1/scim/v2";
    RequestOptions as_is;
    as_is.path_as_is = true;
    // Paths that, resolved or not, point into A's organisation or outside the API.
    const std::vector<std::string> foreign = {
        b_root + "/../../../../" + a.org_id + "/api/v1/scim/v2/Users",
        b_root + "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/" + a.org_id + "/api/v1/scim/v2/Users",
        b_root + "/..%2f..%2f..%2f..%2f" + a.org_id + "%2fapi%2fv1%2fscim%2fv2%2fUsers",
        b_root + "/Users/..%2F..%2F..%2F..%2F..%2F" + a.org_id + "%2Fapi%2Fv1%2Fscim%2Fv2%2FUsers%2F" + a_user,
        b_root + "/Users/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f" + a.org_id + "%2fapi%2fv1%2fscim%2fv2%2fUsers%2f" + a_user,
        b_root + "/Users/%252e%252e%252f%252e%252e%252f%252e%252e%252f%252e%252e%252f%252e%252e%252f" + a.org_id + "%252fapi%252fv1%252fscim%252fv2%252fUsers%252f" + a_user,
        b_root + "/Users/..;/..;/..;/..;/..;/" + a.org_id + "/api/v1/scim/v2/Users/" + a_user,
        "/orgs/" + b.org_id + "%2F..%2F" + a.org_id + "/api/v1/scim/v2/Users",
        "/orgs/%2e%2e/orgs/" + a.org_id + "/api/v1/scim/v2/Users",
        "/orgs/../orgs/" + a.org_id + "/api/v1/scim/v2/Users/" + a_user,
        "/orgs/./" + a.org_id + "/api/v1/scim/v2/Users",
        "/x/../orgs/" + a.org_id + "/api/v1/scim/v2/Users",
        "/orgs/../../../../etc/passwd",
        "/orgs/%2e%2e/%2e%2e/etc/passwd",
        "/orgs/..%2f..%2fetc%2fpasswd",
        "/orgs/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    };
    for (const auto& path : foreign) {
        for (std::string method : std::vector<std::string>{"GET", "DELETE"}) {
            auto result = request_with(as_is, method, origin() + path, b.token);
            // 405: the router may refuse the method before it looks at the organisation.
            check_scim_error_in(result, {400, 401, 404, 405}, {}, method + " " + path);
            // The detail may echo the requested path; it must hold none of A's data.
            BOOST_TEST(result.body.find("secret-a") == std::string::npos, path);
            BOOST_TEST(!result.json.isMember("Resources"), path);
            BOOST_TEST(!result.json.isMember("userName"), path);
        }
    }
    // Paths that stay inside B's own API: RFC 3986 §5.2.4 lets a server resolve the dot segments
    // (then B gets its own data), or it refuses them; either way never a 5xx and never A's data.
    const std::vector<std::string> own = {
        b_root + "/Users%2F" + b_user, b_root + "/Users/" + b_user + "/..", b_root + "/Users/./" + b_user,
        b_root + "//Users",            b_root + "/Users/%2e%2e/Groups",       b_root + "/./Users",
        b_root + "/Users/%2e/" + b_user};
    for (const auto& path : own) {
        auto result = request_with(as_is, "GET", origin() + path, b.token);
        if (result.status != 200) check_scim_error_in(result, {400, 404}, {}, "GET " + path);
        BOOST_TEST(result.body.find(a_user) == std::string::npos, path);
        BOOST_TEST(result.body.find("secret-a") == std::string::npos, path);
    }
    BOOST_TEST(get(a, "/Users/" + a_user).status == 200);
    BOOST_TEST(get(b, "/Users/" + b_user).status == 200);
}

// Methods SCIM does not use (RFC 7644 §3.2 lists GET, POST, PUT, PATCH, DELETE): 405 with Allow
// on a known path, or 404 — as SCIM JSON, whoever answers (worker or nginx).
BOOST_AUTO_TEST_CASE(unknown_methods_are_405_or_404_scim_json) {
    auto t = new_tenant(unique("hmeth"));
    std::string user = new_user(t, "m@x.com");
    const std::vector<std::string> paths = {"/Users", "/Users/" + user, "/Groups", "/ServiceProviderConfig", "/.search",
                                            "/Nothing"};
    for (std::string method : std::vector<std::string>{"PROPFIND", "TRACE", "MKCOL", "LOCK", "COPY", "MOVE", "FOO", "CONNECT", "OPTIONS", "PURGE"}) {
        for (const auto& path : paths) {
            auto result = request(method, t.base_url + path, t.token);
            check_scim_error_in(result, {404, 405}, {}, method + " " + path);
            // RFC 9110 §15.5.6: a 405 response MUST carry Allow.
            if (result.status == 405) BOOST_TEST(!result.header("allow").empty(), method << " " << path << " 405 without Allow");
        }
    }
    // Outside /orgs/ nginx answers by itself; still SCIM JSON.
    for (std::string method : std::vector<std::string>{"PROPFIND", "TRACE"}) {
        check_scim_error_in(request(method, origin() + "/", t.token), {404, 405}, {}, method + " /");
    }
    // Methods are case-sensitive tokens (RFC 9110 §9.1): "get" is an unknown method; nginx may
    // reject it as a bad request line (400). Never a 5xx, always SCIM JSON.
    RequestOptions http1;
    http1.http1 = true;
    for (std::string method : std::vector<std::string>{"get", "Get", "G\\ET"}) {
        check_scim_error_in(request_with(http1, method, t.base_url + "/Users", t.token), {400, 404, 405}, {},
                            method + " over HTTP/1.1");
    }
    check_alive(t);
}

// RFC 9110 §9.1: "All general-purpose servers MUST support the methods GET and HEAD"; HEAD is
// GET without the body (§9.3.2).
BOOST_AUTO_TEST_CASE(head_is_answered_like_get) {
    auto t = new_tenant(unique("hhead"));
    std::string user = new_user(t, "h@x.com");
    for (std::string path : std::vector<std::string>{"/Users", "/Users/" + user, "/ServiceProviderConfig"}) {
        auto head = request("HEAD", t.base_url + path, t.token);
        auto got = get(t, path);
        BOOST_TEST(head.status == got.status, "HEAD " << path << " " << head.status);
        BOOST_TEST(head.body.empty());
    }
}

// RFC 8259 §4: names within an object SHOULD be unique; the server refuses duplicates
// (README: invalidSyntax). RFC 7643 §2.1: attribute names are case-insensitive, so "userName" and
// "USERNAME" are the same attribute twice — also a duplicate, not a coin toss.
BOOST_AUTO_TEST_CASE(duplicate_json_keys_are_400_invalid_syntax) {
    auto t = new_tenant(unique("hdup"));
    std::string user = new_user(t, "dup@x.com");
    std::string group = new_group(t, "Dup");
    auto user_before = get(t, "/Users/" + user).json;
    auto group_before = get(t, "/Groups/" + group).json;
    const std::vector<std::pair<std::string, std::string>> user_bodies = {
        {"top level", user_json(R"("userName":"d1@x.com","userName":"d2@x.com")")},
        {"schemas", R"({"schemas":[")" + kUserUrn + R"("],"schemas":[")" + kUserUrn + R"("],"userName":"d3@x.com"})"},
        {"nested", user_json(R"("userName":"d4@x.com","name":{"givenName":"A","givenName":"B"})")},
        {"in a multi-valued element", user_json(R"("userName":"d5@x.com","emails":[{"value":"a@x.com","value":"b@x.com"}])")},
        {"extension", user_json(R"("userName":"d6@x.com","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"A"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"B"})")},
        {"case variants", user_json(R"("userName":"d7@x.com","USERNAME":"d8@x.com")")},
        {"nested case variants", user_json(R"("userName":"d9@x.com","name":{"givenName":"A","GIVENNAME":"B"})")},
        {"case variants in an element", user_json(R"("userName":"d10@x.com","emails":[{"value":"a@x.com","Value":"b@x.com"}])")},
        {"urn and short name", user_json(R"("userName":"d11@x.com","urn:ietf:params:scim:schemas:core:2.0:User:userName":"d12@x.com")")},
    };
    for (const auto& [what, body] : user_bodies) {
        check_error(post(t, "/Users", body), 400, "invalidSyntax", "POST " + what);
        check_error(put(t, "/Users/" + user, body), 400, "invalidSyntax", "PUT " + what);
    }
    const std::vector<std::pair<std::string, std::string>> group_bodies = {
        {"displayName", group_json(R"("displayName":"A","displayName":"B")")},
        {"displayName case variants", group_json(R"("displayName":"A","DisplayName":"B")")},
        {"members", group_json(R"("displayName":"A","members":[],"members":[{"value":")" + user + R"("}])")},
    };
    for (const auto& [what, body] : group_bodies) {
        check_error(post(t, "/Groups", body), 400, "invalidSyntax", "POST group " + what);
        check_error(put(t, "/Groups/" + group, body), 400, "invalidSyntax", "PUT group " + what);
    }
    const std::vector<std::pair<std::string, std::string>> patches = {
        {"op twice", R"({"schemas":[")" + kPatchUrn + R"("],"Operations":[{"op":"add","op":"remove","path":"title","value":"x"}]})"},
        {"path twice", R"({"schemas":[")" + kPatchUrn + R"("],"Operations":[{"op":"replace","path":"title","path":"nickName","value":"x"}]})"},
        {"value twice", R"({"schemas":[")" + kPatchUrn + R"("],"Operations":[{"op":"replace","path":"title","value":"x","value":"y"}]})"},
        {"Operations twice", R"({"schemas":[")" + kPatchUrn + R"("],"Operations":[],"Operations":[{"op":"replace","path":"title","value":"x"}]})"},
        {"inside a value", R"({"schemas":[")" + kPatchUrn + R"("],"Operations":[{"op":"replace","value":{"title":"x","title":"y"}}]})"},
        {"case variants inside a value", R"({"schemas":[")" + kPatchUrn + R"("],"Operations":[{"op":"replace","value":{"title":"x","TITLE":"y"}}]})"},
        {"op case variants", R"({"schemas":[")" + kPatchUrn + R"("],"Operations":[{"op":"replace","OP":"remove","path":"title","value":"x"}]})"},
    };
    for (const auto& [what, body] : patches) {
        check_error(send(t, "PATCH", "/Users/" + user, body), 400, "invalidSyntax", "PATCH " + what);
    }
    check_error(post(t, "/Users/.search", search_json(R"("filter":"userName pr","filter":"id pr")")), 400,
                "invalidSyntax", "search filter twice");
    check_error(post(t, "/Users/.search", search_json(R"("count":1,"Count":2)")), 400, "invalidSyntax",
                "search count case variants");

    BOOST_TEST(user_count(t) == 1);
    BOOST_TEST(group_count(t) == 1);
    BOOST_TEST(get(t, "/Users/" + user).json == user_before);
    BOOST_TEST(get(t, "/Groups/" + group).json == group_before);
    check_alive(t);
}

BOOST_AUTO_TEST_SUITE_END()
