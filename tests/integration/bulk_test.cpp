// /Bulk (RFC 7644 §3.7) through nginx into PostgreSQL: the RFC's own examples adapted to fresh
// tenants, "bulkId:" references (§3.7.2) in data, in PATCH paths and in operation paths, circular
// references (§3.7.1), per-operation and whole-request errors and failOnErrors (§3.7.3), the limits
// of §3.7.4 read from ServiceProviderConfig, tenant isolation and the audit trail. Written from the
// RFC and the Bulk contract, not from the server's code; every effect is read back with GET.
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <json/json.h>

#include "stack.h"

using namespace itest;

namespace {

const std::string kUserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const std::string kGroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
const std::string kEnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const std::string kPatchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const std::string kBulkRequestUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const std::string kBulkResponseUrn = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
const std::string kErrorUrn = "urn:ietf:params:scim:api:messages:2.0:Error";
const std::string kNoSuchId = "00000000-0000-4000-8000-000000000000";
// nginx's client_max_body_size (10m): an advertised maxPayloadSize above it could never be reached.
constexpr long long kNginxBodyLimit = 10LL * 1024 * 1024;

// JSON written by the test itself; a parse failure is a bug in the test.
Json::Value json(const std::string& text) {
    Json::CharReaderBuilder builder;
    std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
    Json::Value value;
    std::string errors;
    bool ok = reader->parse(text.data(), text.data() + text.size(), &value, &errors);
    BOOST_REQUIRE_MESSAGE(ok, "test JSON does not parse: " + errors + " in " + text);
    return value;
}

std::string to_json(const Json::Value& value) {
    Json::StreamWriterBuilder builder;
    builder["indentation"] = "";
    return Json::writeString(builder, value);
}

std::string fresh_name(const std::string& prefix) { return unique(prefix) + "@x.com"; }

// A User's data; `more` holds further members, each preceded by a comma.
Json::Value user_data(const std::string& user_name, const std::string& more = "") {
    return json(R"({"schemas":[")" + kUserUrn + R"("],"userName":")" + user_name + "\"" + more + "}");
}

// A User without the required userName: a POST of it fails.
Json::Value nameless_user_data() { return json(R"({"schemas":[")" + kUserUrn + R"("],"displayName":"No Name"})"); }

// A Group's data; `members` is the JSON array of its members.
Json::Value group_data(const std::string& display_name, const std::string& members = "[]") {
    return json(R"({"schemas":[")" + kGroupUrn + R"("],"displayName":")" + display_name + R"(","members":)" + members +
                "}");
}

// PATCH data: a PatchOp message (RFC 7644 §3.5.2) with these operations (a JSON array).
Json::Value patch_data(const std::string& operations) {
    return json(R"({"schemas":[")" + kPatchOpUrn + R"("],"Operations":)" + operations + "}");
}

// One operation of a BulkRequest (RFC 7644 §3.7); empty strings and null data are left out.
Json::Value op(const std::string& method, const std::string& path, const Json::Value& data = Json::Value(),
               const std::string& bulk_id = "", const std::string& version = "") {
    Json::Value o(Json::objectValue);
    o["method"] = method;
    o["path"] = path;
    if (!bulk_id.empty()) o["bulkId"] = bulk_id;
    if (!version.empty()) o["version"] = version;
    if (!data.isNull()) o["data"] = data;
    return o;
}

std::string bulk_body(const std::vector<Json::Value>& operations, std::optional<int> fail_on_errors = std::nullopt) {
    Json::Value body(Json::objectValue);
    body["schemas"].append(kBulkRequestUrn);
    if (fail_on_errors) body["failOnErrors"] = *fail_on_errors;
    body["Operations"] = Json::Value(Json::arrayValue);
    for (const auto& o : operations) body["Operations"].append(o);
    return to_json(body);
}

HttpResult bulk(const Tenant& t, const std::vector<Json::Value>& operations,
                std::optional<int> fail_on_errors = std::nullopt) {
    return post(t, "/Bulk", bulk_body(operations, fail_on_errors));
}

// The results of a bulk request that ran: 200 with a BulkResponse (RFC 7644 §3.7.3).
Json::Value results_of(const HttpResult& r) {
    BOOST_TEST_REQUIRE(r.status == 200, r.body.substr(0, 2000));
    BOOST_TEST(r.header("content-type").find("application/scim+json") == 0);
    BOOST_TEST_REQUIRE(r.json["schemas"].isArray(), r.body.substr(0, 2000));
    BOOST_TEST(r.json["schemas"].size() == 1u);
    BOOST_TEST(r.json["schemas"][0].asString() == kBulkResponseUrn);
    BOOST_TEST_REQUIRE(r.json["Operations"].isArray(), r.body.substr(0, 2000));
    return r.json["Operations"];
}

// The result of the operation that carried `bulk_id` (results follow the order the operations
// ran, which a bulkId dependency may change).
Json::Value by_bulk_id(const Json::Value& results, const std::string& bulk_id) {
    for (const auto& r : results) {
        if (r["bulkId"].asString() == bulk_id) return r;
    }
    BOOST_TEST_REQUIRE(false, "no result with bulkId " + bulk_id + " in " + to_json(results));
    return Json::Value();
}

// A successful result: status a string holding the HTTP status (as in the RFC's examples), the
// method as sent, a location, a version exactly when the operation returns one, no "response".
void check_success(const Json::Value& r, const std::string& method, const std::string& status, bool with_version) {
    BOOST_TEST_CONTEXT(to_json(r)) {
        BOOST_TEST(r["method"].asString() == method);
        BOOST_TEST(r["status"].isString());
        BOOST_TEST(r["status"].asString() == status);
        BOOST_TEST(r["location"].isString());
        BOOST_TEST(!r.isMember("response"));
        if (with_version) {
            BOOST_TEST(r["version"].asString().rfind("W/\"", 0) == 0u);
        } else {
            BOOST_TEST(!r.isMember("version"));
        }
    }
}

// A failed result: status as a string, and the SCIM error of §3.12 in "response" with the same
// status and, when given, that scimType. No version.
void check_failure(const Json::Value& r, const std::string& status, const std::string& scim_type = "") {
    BOOST_TEST_CONTEXT(to_json(r)) {
        BOOST_TEST(r["status"].isString());
        BOOST_TEST(r["status"].asString() == status);
        const auto& e = r["response"];
        BOOST_TEST(e["schemas"][0].asString() == kErrorUrn);
        BOOST_TEST(e["status"].asString() == status);
        if (!scim_type.empty()) BOOST_TEST(e["scimType"].asString() == scim_type);
        BOOST_TEST(!r.isMember("version"));
    }
}

// RFC 7644 §3.7.3: failed POST operations "have no location".
void check_failed_post(const Json::Value& r, const std::string& status, const std::string& scim_type = "") {
    BOOST_TEST(r["method"].asString() == "POST");
    check_failure(r, status, scim_type);
    BOOST_TEST(!r.isMember("location"), to_json(r));
}

std::string id_of(const Json::Value& result) {
    std::string location = result["location"].asString();
    return location.substr(location.rfind('/') + 1);
}

void check_location(const Json::Value& result, const Tenant& t, const std::string& type, const std::string& id) {
    BOOST_TEST(result["location"].asString() == t.base_url + "/" + type + "/" + id, to_json(result));
}

Json::Value create_user(const Tenant& t, const std::string& user_name, const std::string& more = "") {
    auto created = post(t, "/Users", to_json(user_data(user_name, more)));
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    return created.json;
}

Json::Value read(const Tenant& t, const std::string& path) {
    auto r = get(t, path);
    BOOST_REQUIRE_MESSAGE(r.status == 200, path + ": " + r.body);
    return r.json;
}

int count(const Tenant& t, const std::string& endpoint, const std::string& filter) {
    auto r = get(t, endpoint + "?filter=" + url_encode(filter));
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json["totalResults"].asInt();
}

int users_named(const Tenant& t, const std::string& user_name) {
    return count(t, "/Users", "userName eq \"" + user_name + "\"");
}

int groups_named(const Tenant& t, const std::string& display_name) {
    return count(t, "/Groups", "displayName eq \"" + display_name + "\"");
}

std::set<std::string> member_ids(const Json::Value& group) {
    std::set<std::string> ids;
    for (const auto& m : group["members"]) ids.insert(m["value"].asString());
    return ids;
}

Json::Value bulk_config(const Tenant& t) { return read(t, "/ServiceProviderConfig")["bulk"]; }

struct AuditEntry {
    std::string operation, resource_type, resource_id, request_id;
};

// `scimctl audit ORG`: at, operation, type, id, app=..., request=... separated by tabs.
std::vector<AuditEntry> audit(const Tenant& t) {
    std::istringstream lines(scimctl("audit " + t.org_id));
    std::vector<AuditEntry> entries;
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        std::vector<std::string> fields;
        std::istringstream split(line);
        for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
        BOOST_TEST_REQUIRE(fields.size() >= 6u, line);
        std::string request = fields[5].rfind("request=", 0) == 0 ? fields[5].substr(8) : fields[5];
        entries.push_back({fields[1], fields[2], fields[3], request});
    }
    return entries;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bulk_test)

// RFC 7643 §5 "bulk": supported, maxOperations, maxPayloadSize; RFC 7644 §3.7.4: the limits "MAY
// be retrieved from the service provider configuration".
BOOST_AUTO_TEST_CASE(service_provider_config_advertises_bulk_and_its_limits) {
    auto t = new_tenant(unique("bulk-spc"));
    auto c = bulk_config(t);
    BOOST_TEST(c["supported"].isBool());
    BOOST_TEST(c["supported"].asBool());
    BOOST_TEST(c["maxOperations"].isIntegral());
    BOOST_TEST(c["maxOperations"].asInt64() > 0);
    BOOST_TEST(c["maxPayloadSize"].isIntegral());
    BOOST_TEST(c["maxPayloadSize"].asInt64() > 0);
    BOOST_TEST(c["maxPayloadSize"].asInt64() <= kNginxBodyLimit);
    BOOST_TEST(bulk_config(demo_tenant()) == c);
}

// The §3.7.3 example: failOnErrors 1, a POST with bulkId "qwerty", a PUT, a PATCH and a DELETE,
// each with the version it was read at; the response has one result per operation, in order.
BOOST_AUTO_TEST_CASE(rfc7644_example_post_put_patch_delete_in_one_request) {
    auto t = new_tenant(unique("bulk-rfc"));
    const std::string alice = fresh_name("alice"), bob = fresh_name("bob"), bob_renamed = fresh_name("bobby"),
                      dave = fresh_name("dave");
    auto bob_user = create_user(t, bob, R"(,"title":"Tour Guide")");
    auto nick_user = create_user(t, fresh_name("nick"), R"(,"nickName":"Nicky")");
    auto doomed = create_user(t, fresh_name("doomed"));
    const std::string bob_id = bob_user["id"].asString(), nick_id = nick_user["id"].asString(),
                      doomed_id = doomed["id"].asString();

    auto r = bulk(t,
                  {op("POST", "/Users", user_data(alice), "qwerty"),
                   op("PUT", "/Users/" + bob_id,
                      json(R"({"schemas":[")" + kUserUrn + R"("],"id":")" + bob_id + R"(","userName":")" + bob_renamed +
                           R"("})"),
                      "", bob_user["meta"]["version"].asString()),
                   op("PATCH", "/Users/" + nick_id,
                      patch_data(R"([{"op":"remove","path":"nickName"},{"op":"add","path":"userName","value":")" + dave +
                                 R"("}])"),
                      "", nick_user["meta"]["version"].asString()),
                   op("DELETE", "/Users/" + doomed_id, Json::Value(), "", doomed["meta"]["version"].asString())},
                  1);
    auto results = results_of(r);
    BOOST_TEST_REQUIRE(results.size() == 4u, r.body);

    const auto& posted = results[0];
    check_success(posted, "POST", "201", true);
    BOOST_TEST(posted["bulkId"].asString() == "qwerty");
    const std::string alice_id = id_of(posted);
    check_location(posted, t, "Users", alice_id);
    auto alice_read = read(t, "/Users/" + alice_id);
    BOOST_TEST(alice_read["userName"].asString() == alice);
    BOOST_TEST(alice_read["meta"]["version"].asString() == posted["version"].asString());
    BOOST_TEST(alice_read["meta"]["location"].asString() == posted["location"].asString());

    const auto& replaced = results[1];
    check_success(replaced, "PUT", "200", true);
    BOOST_TEST(!replaced.isMember("bulkId"));
    check_location(replaced, t, "Users", bob_id);
    auto bob_read = read(t, "/Users/" + bob_id);
    BOOST_TEST(bob_read["userName"].asString() == bob_renamed);
    BOOST_TEST(!bob_read.isMember("title"));  // PUT replaces the whole resource
    BOOST_TEST(bob_read["meta"]["version"].asString() == replaced["version"].asString());
    BOOST_TEST(replaced["version"].asString() != bob_user["meta"]["version"].asString());

    const auto& patched = results[2];
    check_success(patched, "PATCH", "200", true);
    check_location(patched, t, "Users", nick_id);
    auto nick_read = read(t, "/Users/" + nick_id);
    BOOST_TEST(!nick_read.isMember("nickName"));
    BOOST_TEST(nick_read["userName"].asString() == dave);
    BOOST_TEST(nick_read["meta"]["version"].asString() == patched["version"].asString());

    const auto& deleted = results[3];
    check_success(deleted, "DELETE", "204", false);
    check_location(deleted, t, "Users", doomed_id);
    check_scim_error(get(t, "/Users/" + doomed_id), 404);

    BOOST_TEST(users_named(t, alice) == 1);
    BOOST_TEST(read(t, "/Users")["totalResults"].asInt() == 3);
}

// The §3.7.2 example: a User "Alice" with bulkId qwerty, and a Group "Tour Guides" whose member
// is "bulkId:qwerty"; a later GET of the group shows Alice's id.
BOOST_AUTO_TEST_CASE(rfc7644_example_group_with_a_member_created_in_the_same_request) {
    auto t = new_tenant(unique("bulk-tour"));
    const std::string alice = fresh_name("alice");
    auto results = results_of(bulk(t, {op("POST", "/Users", user_data(alice), "qwerty"),
                                       op("POST", "/Groups", group_data("Tour Guides", R"([{"type":"User","value":"bulkId:qwerty"}])"),
                                          "ytrewq")}));
    BOOST_TEST_REQUIRE(results.size() == 2u);
    auto user = by_bulk_id(results, "qwerty");
    auto group = by_bulk_id(results, "ytrewq");
    check_success(user, "POST", "201", true);
    check_success(group, "POST", "201", true);
    const std::string alice_id = id_of(user), group_id = id_of(group);
    check_location(user, t, "Users", alice_id);
    check_location(group, t, "Groups", group_id);

    auto g = read(t, "/Groups/" + group_id);
    BOOST_TEST(g["displayName"].asString() == "Tour Guides");
    BOOST_TEST_REQUIRE(g["members"].size() == 1u, g.toStyledString());
    BOOST_TEST(g["members"][0]["value"].asString() == alice_id);
    BOOST_TEST(g["members"][0]["$ref"].asString() == t.base_url + "/Users/" + alice_id);
    BOOST_TEST(g["meta"]["version"].asString() == group["version"].asString());
    auto u = read(t, "/Users/" + alice_id);
    BOOST_TEST_REQUIRE(u["groups"].size() == 1u, u.toStyledString());
    BOOST_TEST(u["groups"][0]["value"].asString() == group_id);
}

// A POST another operation depends on runs first, wherever it stands in the request.
BOOST_AUTO_TEST_CASE(a_group_posted_before_the_user_it_names_still_gets_that_member) {
    auto t = new_tenant(unique("bulk-fwd"));
    const std::string name = fresh_name("later"), group_name = unique("Early");
    auto results = results_of(bulk(
        t, {op("POST", "/Groups", group_data(group_name, R"([{"value":"bulkId:later"}])"), "early"),
            op("POST", "/Users", user_data(name), "later")}));
    BOOST_TEST_REQUIRE(results.size() == 2u);
    auto group = by_bulk_id(results, "early");
    auto user = by_bulk_id(results, "later");
    check_success(group, "POST", "201", true);
    check_success(user, "POST", "201", true);
    const std::string user_id = id_of(user);
    BOOST_TEST(read(t, "/Users/" + user_id)["userName"].asString() == name);
    auto g = read(t, "/Groups/" + id_of(group));
    BOOST_TEST(member_ids(g) == std::set<std::string>{user_id});
    BOOST_TEST(g["members"][0]["type"].asString() == "User");
    BOOST_TEST(count(t, "/Groups", "members.value eq \"" + user_id + "\"") == 1);
}

// §3.7.2: "Extensions that include references to other resources MUST be handled in the same
// way" — the example's enterprise manager.value "bulkId:qwerty".
BOOST_AUTO_TEST_CASE(enterprise_manager_value_bulk_id_becomes_the_managers_id) {
    auto t = new_tenant(unique("bulk-mgr"));
    const std::string alice = fresh_name("alice"), bob = fresh_name("bob");
    auto bob_data = json(R"({"schemas":[")" + kUserUrn + R"(",")" + kEnterpriseUrn + R"("],"userName":")" + bob + R"(",
        ")" + kEnterpriseUrn + R"(":{"employeeNumber":"11250","manager":{"value":"bulkId:qwerty"}}})");
    auto results = results_of(bulk(t, {op("POST", "/Users", user_data(alice), "qwerty"),
                                       op("POST", "/Users", bob_data, "ytrewq")}));
    BOOST_TEST_REQUIRE(results.size() == 2u);
    auto manager = by_bulk_id(results, "qwerty");
    auto report = by_bulk_id(results, "ytrewq");
    check_success(manager, "POST", "201", true);
    check_success(report, "POST", "201", true);
    const std::string alice_id = id_of(manager), bob_id = id_of(report);
    auto b = read(t, "/Users/" + bob_id);
    BOOST_TEST(b[kEnterpriseUrn]["employeeNumber"].asString() == "11250");
    BOOST_TEST(b[kEnterpriseUrn]["manager"]["value"].asString() == alice_id);
    BOOST_TEST(count(t, "/Users", kEnterpriseUrn + ":manager.value eq \"" + alice_id + "\"") == 1);
    BOOST_TEST(count(t, "/Users", kEnterpriseUrn + ":manager.value eq \"bulkId:qwerty\"") == 0);
}

// "bulkId:X" in a PATCH value, in a PATCH path filter and in the operation's own path.
BOOST_AUTO_TEST_CASE(patch_resolves_bulk_ids_in_values_paths_and_operation_paths) {
    auto t = new_tenant(unique("bulk-patch"));
    auto existing = post(t, "/Groups", to_json(group_data("Existing")));
    BOOST_TEST_REQUIRE(existing.status == 201, existing.body);
    const std::string group_id = existing.json["id"].asString();
    const std::string fresh_group = unique("Fresh");

    auto r = bulk(
        t, {op("POST", "/Users", user_data(fresh_name("u1")), "u1"), op("POST", "/Users", user_data(fresh_name("u2")), "u2"),
            op("PATCH", "/Groups/" + group_id,
               patch_data(R"([{"op":"add","path":"members","value":[{"value":"bulkId:u1"},{"value":"bulkId:u2"}]}])")),
            op("PATCH", "/Groups/" + group_id, patch_data(R"([{"op":"remove","path":"members[value eq \"bulkId:u1\"]"}])")),
            op("PATCH", "/Users/bulkId:u2", patch_data(R"([{"op":"replace","path":"title","value":"Lead"}])")),
            op("POST", "/Groups", group_data(fresh_group), "g"),
            op("PATCH", "/Groups/bulkId:g", patch_data(R"([{"op":"add","path":"members","value":[{"value":"bulkId:u1"}]}])"))});
    auto results = results_of(r);
    BOOST_TEST_REQUIRE(results.size() == 7u, r.body);
    const std::string u1 = id_of(by_bulk_id(results, "u1")), u2 = id_of(by_bulk_id(results, "u2"));
    const std::string fresh_id = id_of(by_bulk_id(results, "g"));
    // No POST had to move, so the results keep the request's order.
    check_success(results[2], "PATCH", "200", true);
    check_location(results[2], t, "Groups", group_id);
    check_success(results[3], "PATCH", "200", true);
    check_location(results[3], t, "Groups", group_id);
    check_success(results[4], "PATCH", "200", true);
    check_location(results[4], t, "Users", u2);
    check_success(results[6], "PATCH", "200", true);
    check_location(results[6], t, "Groups", fresh_id);

    auto g = read(t, "/Groups/" + group_id);
    BOOST_TEST(member_ids(g) == std::set<std::string>{u2});
    BOOST_TEST(g["meta"]["version"].asString() == results[3]["version"].asString());
    auto user2 = read(t, "/Users/" + u2);
    BOOST_TEST(user2["title"].asString() == "Lead");
    BOOST_TEST(user2["meta"]["version"].asString() == results[4]["version"].asString());
    BOOST_TEST(member_ids(read(t, "/Groups/" + fresh_id)) == std::set<std::string>{u1});
}

// §3.7.1: "The service provider MUST try to resolve circular cross-references between resources
// in a single bulk job"; the example's two groups, each a member of the other, are resolved.
// RFC 7644 §3.7.1's circle: two groups, each a member of the other. The service provider
// "MUST try to resolve circular cross-references ... but MAY stop after a failed attempt and
// instead return HTTP status code 409". Resolved, it would be a membership cycle, which this
// server refuses to single requests too; so both operations are 409 and neither group exists.
BOOST_AUTO_TEST_CASE(rfc7644_circular_example_two_groups_members_of_each_other_is_409) {
    auto t = new_tenant(unique("bulk-circle"));
    const std::string prefix = unique("Group");
    auto r = bulk(t, {op("POST", "/Groups", group_data(prefix + " A", R"([{"type":"Group","value":"bulkId:ytrewq"}])"), "qwerty"),
                      op("POST", "/Groups", group_data(prefix + " B", R"([{"type":"Group","value":"bulkId:qwerty"}])"), "ytrewq")});
    auto results = results_of(r);
    BOOST_TEST_REQUIRE(results.size() == 2u, r.body);
    check_failed_post(by_bulk_id(results, "qwerty"), "409");
    check_failed_post(by_bulk_id(results, "ytrewq"), "409");
    auto listed = get(t, "/Groups?filter=" + url_encode("displayName sw \"" + prefix + "\""));
    BOOST_TEST_REQUIRE(listed.status == 200, listed.body);
    BOOST_TEST(listed.json["totalResults"].asInt() == 0);

    // The same groups in two steps, as a single request would do it: the second step is the
    // membership cycle, refused as such.
    auto steps = results_of(bulk(t, {op("POST", "/Groups", group_data(prefix + " C"), "c"),
                                     op("POST", "/Groups", group_data(prefix + " D", R"([{"type":"Group","value":"bulkId:c"}])"), "d"),
                                     op("PATCH", "/Groups/bulkId:c",
                                        patch_data(R"([{"op":"add","path":"members","value":[{"value":"bulkId:d"}]}])"))}));
    BOOST_TEST_REQUIRE(steps.size() == 3u);
    check_success(by_bulk_id(steps, "c"), "POST", "201", true);
    check_success(by_bulk_id(steps, "d"), "POST", "201", true);
    check_failure(steps[2], "400", "invalidValue");
}

// The contract's other resolved circle: two users, each the other's manager.
BOOST_AUTO_TEST_CASE(two_users_each_the_others_manager_are_resolved) {
    auto t = new_tenant(unique("bulk-mgr-circle"));
    auto managed_by = [](const std::string& name, const std::string& bulk_id) {
        return json(R"({"schemas":[")" + kUserUrn + R"(",")" + kEnterpriseUrn + R"("],"userName":")" + name + R"(",")" +
                    kEnterpriseUrn + R"(":{"manager":{"value":"bulkId:)" + bulk_id + R"("}}})");
    };
    auto results = results_of(bulk(t, {op("POST", "/Users", managed_by(fresh_name("m1"), "m2"), "m1"),
                                       op("POST", "/Users", managed_by(fresh_name("m2"), "m1"), "m2")}));
    BOOST_TEST_REQUIRE(results.size() == 2u);
    auto first = by_bulk_id(results, "m1");
    auto second = by_bulk_id(results, "m2");
    check_success(first, "POST", "201", true);
    check_success(second, "POST", "201", true);
    const std::string first_id = id_of(first), second_id = id_of(second);
    BOOST_TEST(read(t, "/Users/" + first_id)[kEnterpriseUrn]["manager"]["value"].asString() == second_id);
    BOOST_TEST(read(t, "/Users/" + second_id)[kEnterpriseUrn]["manager"]["value"].asString() == first_id);
}

// A reference to a bulkId that no POST of the request carries fails that operation ("400"
// invalidValue); the other operations run.
BOOST_AUTO_TEST_CASE(a_reference_to_an_unknown_bulk_id_fails_that_operation_with_400) {
    auto t = new_tenant(unique("bulk-unknown"));
    const std::string ghost_group = unique("Ghosts"), name = fresh_name("real");
    auto target = create_user(t, fresh_name("target"), R"(,"title":"Unchanged")");
    const std::string target_id = target["id"].asString();
    auto results = results_of(bulk(
        t, {op("POST", "/Groups", group_data(ghost_group, R"([{"value":"bulkId:nobody"}])"), "g"),
            op("PATCH", "/Users/bulkId:nobody", patch_data(R"([{"op":"replace","path":"title","value":"X"}])")),
            op("PATCH", "/Users/" + target_id,
               patch_data(R"([{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"bulkId:nobody"}}])")),
            op("POST", "/Users", user_data(name), "real")}));
    BOOST_TEST_REQUIRE(results.size() == 4u);
    check_failed_post(results[0], "400", "invalidValue");
    BOOST_TEST(results[0]["bulkId"].asString() == "g");
    check_failure(results[1], "400", "invalidValue");
    check_failure(results[2], "400", "invalidValue");
    check_success(results[3], "POST", "201", true);
    BOOST_TEST(groups_named(t, ghost_group) == 0);
    BOOST_TEST(users_named(t, name) == 1);
    BOOST_TEST(read(t, "/Users/" + target_id)["meta"]["version"].asString() == target["meta"]["version"].asString());
}

// A reference to a POST of the request that failed: "409", the detail naming the bulkId.
BOOST_AUTO_TEST_CASE(a_reference_to_a_failed_post_fails_with_409_naming_the_bulk_id) {
    auto t = new_tenant(unique("bulk-failed-ref"));
    const std::string group = unique("Orphans");
    auto target = create_user(t, fresh_name("target"));
    const std::string target_id = target["id"].asString();
    auto results = results_of(bulk(
        t, {op("POST", "/Users", nameless_user_data(), "brokenAlice"),
            op("POST", "/Groups", group_data(group, R"([{"value":"bulkId:brokenAlice"}])"), "g"),
            op("PATCH", "/Users/bulkId:brokenAlice", patch_data(R"([{"op":"replace","path":"title","value":"X"}])")),
            op("PATCH", "/Users/" + target_id,
               patch_data(R"([{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"bulkId:brokenAlice"}}])"))}));
    BOOST_TEST_REQUIRE(results.size() == 4u);
    auto broken = by_bulk_id(results, "brokenAlice");
    check_failed_post(broken, "400");
    auto grouped = by_bulk_id(results, "g");
    check_failed_post(grouped, "409");
    for (const auto& r : results) {
        if (r["bulkId"].asString() == "brokenAlice") continue;
        BOOST_TEST_CONTEXT(to_json(r)) {
            check_failure(r, "409");
            BOOST_TEST(!r["response"].isMember("scimType"));
            BOOST_TEST(r["response"]["detail"].asString().find("brokenAlice") != std::string::npos);
        }
    }
    BOOST_TEST(groups_named(t, group) == 0);
    BOOST_TEST(read(t, "/Users")["totalResults"].asInt() == 1);
    BOOST_TEST(read(t, "/Users/" + target_id)["meta"]["version"].asString() == target["meta"]["version"].asString());
}

// RFC 7644 §3.7: bulkId is "REQUIRED when "method" is "POST"".
BOOST_AUTO_TEST_CASE(a_post_without_bulk_id_fails_with_400_invalid_syntax) {
    auto t = new_tenant(unique("bulk-nobulkid"));
    const std::string anonymous = fresh_name("anon"), named = fresh_name("named");
    auto results = results_of(bulk(t, {op("POST", "/Users", user_data(anonymous)), op("POST", "/Users", user_data(named), "n")}));
    BOOST_TEST_REQUIRE(results.size() == 2u);
    check_failed_post(results[0], "400", "invalidSyntax");
    BOOST_TEST(!results[0].isMember("bulkId"));
    check_success(results[1], "POST", "201", true);
    BOOST_TEST(users_named(t, anonymous) == 0);
    BOOST_TEST(users_named(t, named) == 1);
}

// Malformed operations fail alone: an unknown method, a path that is not one of the endpoint or
// resource shapes, a PUT without data.
BOOST_AUTO_TEST_CASE(malformed_operations_fail_alone) {
    auto t = new_tenant(unique("bulk-badop"));
    auto existing = create_user(t, fresh_name("existing"));
    const std::string id = existing["id"].asString(), good = fresh_name("good");
    auto results = results_of(bulk(t, {op("GET", "/Users/" + id), op("POST", "/Widgets", user_data(fresh_name("w")), "w"),
                                       op("PUT", "/Users", user_data(fresh_name("nopath"))), op("PUT", "/Users/" + id),
                                       op("POST", "/Users", user_data(good), "good")}));
    BOOST_TEST_REQUIRE(results.size() == 5u);
    check_failure(results[0], "400", "invalidValue");
    BOOST_TEST(results[0]["method"].asString() == "GET");
    check_failed_post(results[1], "400", "invalidValue");
    check_failure(results[2], "400");  // PUT to an endpoint, not to a resource
    check_failure(results[3], "400", "invalidSyntax");
    check_success(results[4], "POST", "201", true);
    BOOST_TEST(read(t, "/Users")["totalResults"].asInt() == 2);
    BOOST_TEST(read(t, "/Users/" + id)["meta"]["version"].asString() == existing["meta"]["version"].asString());
}

// bulkId is "unique within a bulk request": a duplicate refuses the whole request.
BOOST_AUTO_TEST_CASE(a_duplicate_bulk_id_refuses_the_whole_request_with_400) {
    auto t = new_tenant(unique("bulk-dup"));
    const std::string first = fresh_name("first"), second = fresh_name("second");
    auto r = bulk(t, {op("POST", "/Users", user_data(first), "same"), op("POST", "/Users", user_data(second), "same")});
    check_scim_error(r, 400, "invalidSyntax");
    BOOST_TEST(read(t, "/Users")["totalResults"].asInt() == 0);
}

// §3.7.3: failOnErrors N stops the request after N errors; the response holds only the
// operations that ran, and the later ones were not applied.
BOOST_AUTO_TEST_CASE(fail_on_errors_stops_after_that_many_errors) {
    auto t = new_tenant(unique("bulk-foe"));
    auto keep = create_user(t, fresh_name("keep"));
    const std::string keep_id = keep["id"].asString();
    const std::string a = fresh_name("a"), c = fresh_name("c");
    auto r = bulk(t,
                  {op("POST", "/Users", user_data(a), "a"), op("POST", "/Users", nameless_user_data(), "b"),
                   op("POST", "/Users", user_data(c), "c"), op("DELETE", "/Users/" + keep_id)},
                  1);
    auto results = results_of(r);
    BOOST_TEST_REQUIRE(results.size() == 2u, r.body);
    check_success(results[0], "POST", "201", true);
    BOOST_TEST(results[0]["bulkId"].asString() == "a");
    check_failed_post(results[1], "400");
    BOOST_TEST(results[1]["bulkId"].asString() == "b");
    BOOST_TEST(users_named(t, a) == 1);
    BOOST_TEST(users_named(t, c) == 0);
    BOOST_TEST(get(t, "/Users/" + keep_id).status == 200);

    // failOnErrors 2: the first error is accepted, the second stops.
    const std::string e = fresh_name("e"), f = fresh_name("f");
    auto r2 = bulk(t,
                   {op("POST", "/Users", nameless_user_data(), "d"), op("POST", "/Users", user_data(e), "e"),
                    op("PATCH", "/Users/" + kNoSuchId, patch_data(R"([{"op":"replace","path":"title","value":"X"}])")),
                    op("POST", "/Users", user_data(f), "f"), op("DELETE", "/Users/" + keep_id)},
                   2);
    auto results2 = results_of(r2);
    BOOST_TEST_REQUIRE(results2.size() == 3u, r2.body);
    check_failed_post(results2[0], "400");
    check_success(results2[1], "POST", "201", true);
    check_failure(results2[2], "404");
    BOOST_TEST(users_named(t, e) == 1);
    BOOST_TEST(users_named(t, f) == 0);
    BOOST_TEST(get(t, "/Users/" + keep_id).status == 200);
}

// §3.7: "The service provider MUST continue performing as many changes as possible and disregard
// partial failures" — the §3.7.3 example where every operation fails (400, 412, 412, 404), then
// a success after them.
BOOST_AUTO_TEST_CASE(without_fail_on_errors_every_operation_runs) {
    auto t = new_tenant(unique("bulk-all"));
    auto stale = create_user(t, fresh_name("stale"), R"(,"title":"v0")");
    const std::string stale_id = stale["id"].asString(), old_version = stale["meta"]["version"].asString();
    auto touched = patch(t, "/Users/" + stale_id, R"([{"op":"replace","path":"title","value":"v1"}])");
    BOOST_TEST_REQUIRE(touched.status == 204, touched.body);
    auto current = read(t, "/Users/" + stale_id);
    const std::string last = fresh_name("last");

    auto results = results_of(bulk(
        t, {op("POST", "/Users", nameless_user_data(), "qwerty"),
            op("PUT", "/Users/" + stale_id, user_data(current["userName"].asString(), R"(,"title":"put")"), "", old_version),
            op("PATCH", "/Users/" + stale_id, patch_data(R"([{"op":"replace","path":"title","value":"patch"}])"), "", old_version),
            op("DELETE", "/Users/" + kNoSuchId), op("POST", "/Users", user_data(last), "last")}));
    BOOST_TEST_REQUIRE(results.size() == 5u);
    check_failed_post(results[0], "400");
    check_failure(results[1], "412");
    check_location(results[1], t, "Users", stale_id);
    check_failure(results[2], "412");
    check_location(results[2], t, "Users", stale_id);
    check_failure(results[3], "404");
    BOOST_TEST(results[3]["method"].asString() == "DELETE");
    check_location(results[3], t, "Users", kNoSuchId);
    check_success(results[4], "POST", "201", true);
    BOOST_TEST(read(t, "/Users/" + stale_id) == current);
    BOOST_TEST(users_named(t, last) == 1);
}

// An operation's "version" is its If-Match (RFC 7644 §3.14): stale is "412" and changes nothing;
// current goes through and hands out the new version.
BOOST_AUTO_TEST_CASE(a_stale_version_fails_that_operation_with_412) {
    auto t = new_tenant(unique("bulk-412"));
    auto created = create_user(t, fresh_name("versioned"), R"(,"title":"v0")");
    const std::string id = created["id"].asString(), v0 = created["meta"]["version"].asString();
    auto touched = patch(t, "/Users/" + id, R"([{"op":"replace","path":"title","value":"v1"}])");
    BOOST_TEST_REQUIRE(touched.status == 204, touched.body);
    const std::string v1 = read(t, "/Users/" + id)["meta"]["version"].asString();
    BOOST_TEST_REQUIRE(v1 != v0);

    auto results = results_of(bulk(
        t, {op("PUT", "/Users/" + id, user_data(created["userName"].asString(), R"(,"title":"stale put")"), "", v0),
            op("PATCH", "/Users/" + id, patch_data(R"([{"op":"replace","path":"title","value":"stale"}])"), "", v0),
            op("DELETE", "/Users/" + id, Json::Value(), "", v0),
            op("PATCH", "/Users/" + id, patch_data(R"([{"op":"replace","path":"title","value":"v2"}])"), "", v1)}));
    BOOST_TEST_REQUIRE(results.size() == 4u);
    for (int i = 0; i < 3; ++i) {
        check_failure(results[i], "412");
        check_location(results[i], t, "Users", id);
    }
    check_success(results[3], "PATCH", "200", true);
    auto now = read(t, "/Users/" + id);
    BOOST_TEST(now["title"].asString() == "v2");
    BOOST_TEST(now["meta"]["version"].asString() == results[3]["version"].asString());
    BOOST_TEST(results[3]["version"].asString() != v1);
}

// RFC 7644 §3.3: a taken userName is 409 uniqueness, also when the request itself took it.
BOOST_AUTO_TEST_CASE(uniqueness_conflicts_are_409_uniqueness) {
    auto t = new_tenant(unique("bulk-409"));
    const std::string taken = fresh_name("taken"), fresh = fresh_name("fresh");
    create_user(t, taken);
    auto other = create_user(t, fresh_name("other"));
    const std::string other_id = other["id"].asString();
    auto results = results_of(bulk(t, {op("POST", "/Users", user_data(taken), "t"), op("POST", "/Users", user_data(fresh), "f1"),
                                       op("POST", "/Users", user_data(fresh), "f2"),
                                       op("PUT", "/Users/" + other_id, user_data(taken))}));
    BOOST_TEST_REQUIRE(results.size() == 4u);
    check_failed_post(results[0], "409", "uniqueness");
    check_success(results[1], "POST", "201", true);
    check_failed_post(results[2], "409", "uniqueness");
    check_failure(results[3], "409", "uniqueness");
    check_location(results[3], t, "Users", other_id);
    BOOST_TEST(users_named(t, taken) == 1);
    BOOST_TEST(users_named(t, fresh) == 1);
    BOOST_TEST(read(t, "/Users/" + other_id)["meta"]["version"].asString() == other["meta"]["version"].asString());
}

// Another organisation's ids are "404" inside a bulk request, as outside, and its resources are
// untouched; /Bulk takes the same tokens as every endpoint.
BOOST_AUTO_TEST_CASE(another_orgs_resources_are_404_and_untouched) {
    auto a = new_tenant(unique("bulk-isoA"));
    auto b = new_tenant(unique("bulk-isoB"));
    auto b_user = create_user(b, fresh_name("theirs"), R"(,"title":"B's")");
    const std::string b_user_id = b_user["id"].asString();
    auto b_group_created = post(b, "/Groups", to_json(group_data("B team", R"([{"value":")" + b_user_id + R"("}])")));
    BOOST_TEST_REQUIRE(b_group_created.status == 201, b_group_created.body);
    const std::string b_group_id = b_group_created.json["id"].asString();
    auto b_user_before = read(b, "/Users/" + b_user_id);
    auto b_group_before = read(b, "/Groups/" + b_group_id);
    const std::string mine = fresh_name("mine"), stolen = unique("Stolen");

    auto results = results_of(bulk(
        a, {op("PUT", "/Users/" + b_user_id, user_data(b_user["userName"].asString(), R"(,"title":"A's")")),
            op("PATCH", "/Users/" + b_user_id, patch_data(R"([{"op":"replace","path":"title","value":"A's"}])")),
            op("DELETE", "/Users/" + b_user_id), op("DELETE", "/Groups/" + b_group_id),
            op("PATCH", "/Groups/" + b_group_id, patch_data(R"([{"op":"replace","path":"displayName","value":"A team"}])")),
            op("POST", "/Groups", group_data(stolen, R"([{"value":")" + b_user_id + R"("}])"), "steal"),
            op("POST", "/Users", user_data(mine), "mine")}));
    BOOST_TEST_REQUIRE(results.size() == 7u);
    for (int i = 0; i < 5; ++i) check_failure(results[i], "404");
    check_location(results[0], a, "Users", b_user_id);
    check_failed_post(results[5], "400", "invalidValue");
    check_success(results[6], "POST", "201", true);
    BOOST_TEST(read(b, "/Users/" + b_user_id) == b_user_before);
    BOOST_TEST(read(b, "/Groups/" + b_group_id) == b_group_before);
    BOOST_TEST(groups_named(a, stolen) == 0);
    BOOST_TEST(users_named(a, mine) == 1);
    BOOST_TEST(users_named(b, mine) == 0);

    // No token, and B's token on A's URL: what every endpoint answers, and nothing runs.
    const std::string intruder = fresh_name("intruder");
    const std::string body = bulk_body({op("POST", "/Users", user_data(intruder), "x")});
    auto anonymous = request("POST", a.base_url + "/Bulk", "", body, {"Content-Type: application/scim+json"});
    check_scim_error(anonymous, 401);
    Tenant b_on_a{a.org_id, b.token, a.base_url};
    auto cross = post(b_on_a, "/Bulk", body);
    check_scim_error(cross, 401);
    BOOST_TEST(cross.status == get(b_on_a, "/Users").status);
    BOOST_TEST(users_named(a, intruder) == 0);
    BOOST_TEST(users_named(b, intruder) == 0);
}

// Each operation is atomic: a PUT or a PATCH that fails part way leaves its resource exactly as
// it was, while the operations around it are applied.
BOOST_AUTO_TEST_CASE(a_failed_operation_leaves_nothing_half_applied) {
    auto t = new_tenant(unique("bulk-atomic"));
    auto kept = create_user(t, fresh_name("kept"), R"(,"title":"Before","displayName":"Kept")");
    auto other = create_user(t, fresh_name("other"));
    const std::string kept_id = kept["id"].asString(), other_id = other["id"].asString();
    auto kept_before = read(t, "/Users/" + kept_id);
    const std::string newcomer = fresh_name("new");

    auto results = results_of(bulk(
        t, {op("POST", "/Users", user_data(newcomer), "n"),
            op("PUT", "/Users/" + kept_id, user_data(kept["userName"].asString(), R"(,"title":"After","active":"maybe")")),
            op("PATCH", "/Users/" + kept_id,
               patch_data(R"([{"op":"replace","path":"title","value":"Half"},{"op":"replace","path":"active","value":"maybe"}])")),
            op("PATCH", "/Users/" + other_id, patch_data(R"([{"op":"replace","path":"title","value":"Done"}])"))}));
    BOOST_TEST_REQUIRE(results.size() == 4u);
    check_success(results[0], "POST", "201", true);
    check_failure(results[1], "400", "invalidValue");
    check_failure(results[2], "400", "invalidValue");
    check_success(results[3], "PATCH", "200", true);
    BOOST_TEST(read(t, "/Users/" + kept_id) == kept_before);
    BOOST_TEST(read(t, "/Users/" + other_id)["title"].asString() == "Done");
    BOOST_TEST(users_named(t, newcomer) == 1);
}

// §3.7.3 example of failOnErrors: an error as the first operation stops everything after it.
BOOST_AUTO_TEST_CASE(rfc7644_example_error_on_the_first_post_with_fail_on_errors_1) {
    auto t = new_tenant(unique("bulk-first-error"));
    auto bob = create_user(t, fresh_name("bob"));
    const std::string bob_id = bob["id"].asString();
    auto r = bulk(t,
                  {op("POST", "/Users", nameless_user_data(), "qwerty"),
                   op("PUT", "/Users/" + bob_id, user_data(bob["userName"].asString(), R"(,"title":"changed")"), "",
                      bob["meta"]["version"].asString()),
                   op("DELETE", "/Users/" + bob_id)},
                  1);
    auto results = results_of(r);
    BOOST_TEST_REQUIRE(results.size() == 1u, r.body);
    check_failed_post(results[0], "400");
    BOOST_TEST(results[0]["bulkId"].asString() == "qwerty");
    auto now = read(t, "/Users/" + bob_id);
    BOOST_TEST(!now.isMember("title"));
    BOOST_TEST(now["meta"]["version"].asString() == bob["meta"]["version"].asString());
}

// §3.7.4: more than maxOperations is 413 and "MUST specify the limit exceeded in the body";
// nothing runs. Exactly maxOperations is accepted.
BOOST_AUTO_TEST_CASE(more_than_max_operations_is_413_naming_max_operations) {
    auto t = new_tenant(unique("bulk-maxops"));
    auto c = bulk_config(t);
    const int max_operations = c["maxOperations"].asInt();
    const long long max_payload = c["maxPayloadSize"].asInt64();
    BOOST_TEST_REQUIRE(max_operations > 0);
    const std::string prefix = unique("many");
    std::vector<Json::Value> operations;
    for (int i = 0; i <= max_operations; ++i) {
        operations.push_back(op("POST", "/Users", user_data(prefix + "-" + std::to_string(i) + "@x.com"), "b" + std::to_string(i)));
    }
    const std::string body = bulk_body(operations);
    BOOST_TEST_REQUIRE(static_cast<long long>(body.size()) < max_payload, "the test's body must be within maxPayloadSize");
    auto r = post(t, "/Bulk", body);
    check_scim_error(r, 413);
    const std::string detail = r.json["detail"].asString();
    BOOST_TEST(detail.find("maxOperations") != std::string::npos, detail);
    BOOST_TEST(detail.find(std::to_string(max_operations)) != std::string::npos, detail);
    BOOST_TEST(count(t, "/Users", "userName sw \"" + prefix + "\"") == 0);

    std::vector<Json::Value> at_limit(static_cast<std::size_t>(max_operations), op("DELETE", "/Users/" + kNoSuchId));
    const std::string at_limit_body = bulk_body(at_limit);
    BOOST_TEST_REQUIRE(static_cast<long long>(at_limit_body.size()) < max_payload);
    auto ran = post(t, "/Bulk", at_limit_body);
    auto results = results_of(ran);
    BOOST_TEST_REQUIRE(results.size() == static_cast<unsigned>(max_operations));
    for (const auto& result : results) BOOST_TEST(result["status"].asString() == "404");
}

// §3.7.4: a body larger than maxPayloadSize is 413 naming maxPayloadSize and nothing runs; a body
// of exactly maxPayloadSize bytes runs. The padding is JSON whitespace between two members.
BOOST_AUTO_TEST_CASE(a_body_over_max_payload_size_is_413_naming_max_payload_size) {
    auto t = new_tenant(unique("bulk-maxsize"));
    const long long limit = bulk_config(t)["maxPayloadSize"].asInt64();
    BOOST_TEST_REQUIRE(limit + 1 <= kNginxBodyLimit, "maxPayloadSize + 1 must pass nginx's body limit");
    const std::string name = fresh_name("big");
    const std::string head = R"({"schemas":[")" + kBulkRequestUrn + R"("],)";
    const std::string tail = R"("Operations":[)" + to_json(op("POST", "/Users", user_data(name), "big")) + "]}";
    auto padded = [&](long long total) {
        const long long pad = total - static_cast<long long>(head.size() + tail.size());
        BOOST_TEST_REQUIRE(pad > 0);
        return head + std::string(static_cast<std::size_t>(pad), ' ') + tail;
    };

    const std::string over_body = padded(limit + 1);
    BOOST_TEST_REQUIRE(static_cast<long long>(over_body.size()) == limit + 1);
    auto over = post(t, "/Bulk", over_body);
    check_scim_error(over, 413);
    const std::string detail = over.json["detail"].asString();
    BOOST_TEST(detail.find("maxPayloadSize") != std::string::npos, detail);
    BOOST_TEST(detail.find(std::to_string(limit)) != std::string::npos, detail);
    BOOST_TEST(users_named(t, name) == 0);

    const std::string at_body = padded(limit);
    BOOST_TEST_REQUIRE(static_cast<long long>(at_body.size()) == limit);
    auto results = results_of(post(t, "/Bulk", at_body));
    BOOST_TEST_REQUIRE(results.size() == 1u);
    check_success(results[0], "POST", "201", true);
    BOOST_TEST(users_named(t, name) == 1);
}

// Bodies that are not a BulkRequest are refused whole: 400 invalidSyntax; a failOnErrors that is
// not an integer >= 1 is 400 invalidValue. The operations inside would have created a user.
BOOST_AUTO_TEST_CASE(malformed_bulk_requests_are_refused_whole) {
    auto t = new_tenant(unique("bulk-malformed"));
    const std::string name = fresh_name("never");
    const std::string operations = "[" + to_json(op("POST", "/Users", user_data(name), "n")) + "]";
    const std::string schemas = R"("schemas":[")" + kBulkRequestUrn + R"("])";
    const std::vector<std::string> malformed = {
        "", "not json", "{", "[]", "null", "\"" + kBulkRequestUrn + "\"",
        "{" + schemas + R"(,"Operations":)" + operations + "} trailing",
        R"({"Operations":)" + operations + "}",
        R"({"schemas":[")" + kPatchOpUrn + R"("],"Operations":)" + operations + "}",
        R"({"schemas":[")" + kBulkResponseUrn + R"("],"Operations":)" + operations + "}",
        R"({"schemas":")" + kBulkRequestUrn + R"(","Operations":)" + operations + "}",
        "{" + schemas + "}",
        "{" + schemas + R"(,"Operations":)" + to_json(op("POST", "/Users", user_data(name), "n")) + "}",
        "{" + schemas + R"(,"Operations":"POST /Users"})",
        "{" + schemas + R"(,"Operations":null})"};
    for (const auto& body : malformed) {
        BOOST_TEST_CONTEXT(body) { check_scim_error(post(t, "/Bulk", body), 400, "invalidSyntax"); }
    }
    // (null is left out: RFC 7643 §2.5 makes a null attribute the same as an absent one.)
    for (const std::string fail_on_errors : {"0", "-1", "\"1\"", "1.5", "true"}) {
        const std::string body = "{" + schemas + R"(,"failOnErrors":)" + fail_on_errors + R"(,"Operations":)" + operations + "}";
        BOOST_TEST_CONTEXT(body) { check_scim_error(post(t, "/Bulk", body), 400, "invalidValue"); }
    }
    BOOST_TEST(users_named(t, name) == 0);
    BOOST_TEST(read(t, "/Users")["totalResults"].asInt() == 0);
}

// The audit trail has one entry per successful write operation, none for the failed ones; each
// carries the bulk request's id and the operation's number.
BOOST_AUTO_TEST_CASE(audit_has_one_entry_per_successful_write_operation) {
    auto t = new_tenant(unique("bulk-audit"));
    const std::string replaced = create_user(t, fresh_name("replaced"))["id"].asString();
    const std::string patched = create_user(t, fresh_name("patched"))["id"].asString();
    const std::string deleted = create_user(t, fresh_name("deleted"))["id"].asString();
    const auto before = audit(t);
    BOOST_TEST_REQUIRE(before.size() == 3u);

    auto r = bulk(t, {op("POST", "/Users", user_data(fresh_name("created")), "c"),
                      op("PUT", "/Users/" + replaced, user_data(fresh_name("renamed"))),
                      op("POST", "/Users", nameless_user_data(), "broken"),
                      op("PATCH", "/Users/" + patched, patch_data(R"([{"op":"replace","path":"title","value":"T"}])")),
                      op("PATCH", "/Users/" + kNoSuchId, patch_data(R"([{"op":"replace","path":"title","value":"T"}])")),
                      op("DELETE", "/Users/" + deleted)});
    auto results = results_of(r);
    BOOST_TEST_REQUIRE(results.size() == 6u);
    const std::string created = id_of(by_bulk_id(results, "c"));
    const std::string request_id = r.header("x-request-id");
    BOOST_TEST_REQUIRE(!request_id.empty());

    const auto after = audit(t);
    BOOST_TEST_REQUIRE(after.size() == before.size() + 4u, scimctl("audit " + t.org_id));
    std::set<std::string> written;
    std::set<std::string> request_ids;
    for (std::size_t i = before.size(); i < after.size(); ++i) {
        const auto& e = after[i];
        BOOST_TEST_CONTEXT(e.operation << " " << e.resource_id << " " << e.request_id) {
            BOOST_TEST(e.resource_type == "User");
            BOOST_TEST(e.request_id.rfind(request_id + ":", 0) == 0u);
        }
        written.insert(e.operation + " " + e.resource_id);
        request_ids.insert(e.request_id);
    }
    BOOST_TEST(written == (std::set<std::string>{"create " + created, "replace " + replaced, "patch " + patched,
                                                  "delete " + deleted}));
    BOOST_TEST(request_ids.size() == 4u);
}

// nginx counts requests, not operations: a bulk request passes the organisation's own Bulk
// zone too (nginx/snippets/scim-rate-limits.conf: 1 a second, bursts of 50), and what is
// over it is 429 with Retry-After and a SCIM error, while single requests go on.
BOOST_AUTO_TEST_CASE(bulk_requests_are_limited_by_their_own_zone_per_organisation) {
    auto t = new_tenant(unique("bulk-rate"));
    int ok = 0, limited = 0;
    HttpResult refused;
    for (int i = 0; i < 70; ++i) {
        auto r = bulk(t, {});
        if (r.status == 200) ++ok;
        if (r.status == 429) {
            ++limited;
            refused = r;
        }
    }
    BOOST_TEST(ok >= 50);
    BOOST_TEST(ok < 70);
    BOOST_TEST(ok + limited == 70);
    BOOST_TEST_REQUIRE(limited > 0);
    BOOST_TEST(refused.json["schemas"][0].asString() == kErrorUrn);
    BOOST_TEST(refused.json["status"].asString() == "429");
    BOOST_TEST(!refused.header("retry-after").empty());
    BOOST_TEST(get(t, "/Users?count=1").status == 200);
    // Another organisation's bucket is its own.
    auto other = new_tenant(unique("bulk-rate-other"));
    BOOST_TEST(bulk(other, {}).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
