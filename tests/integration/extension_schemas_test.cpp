// Per-organisation extension schemas (RFC 7643 §3.3, §6, §7): registered with scimctl, then
// served by discovery, validated and stored on writes, PATCHed, filtered, sorted and
// projected in that organisation only. The extension is shaped as Entra ID's custom
// extension attributes are (urn:ietf:params:scim:schemas:extension:<Name>:2.0:User).
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <fstream>

#include "scim/schema/schema.h"
#include "stack.h"

using namespace itest;

namespace {

const std::string kUrn = "urn:ietf:params:scim:schemas:extension:Contoso:2.0:User";
const std::string kCore(scim::schema::urn::kUser);

const std::string kDefinition = R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    "id": "urn:ietf:params:scim:schemas:extension:Contoso:2.0:User",
    "name": "ContosoUser",
    "description": "Contoso HR attributes",
    "attributes": [
        {"name": "badgeNumber", "type": "string", "caseExact": true},
        {"name": "costCenter", "type": "integer"},
        {"name": "hireDate", "type": "dateTime"},
        {"name": "skills", "type": "complex", "multiValued": true,
         "subAttributes": [{"name": "value", "type": "string"}, {"name": "years", "type": "decimal"}]},
        {"name": "clearance", "type": "string", "returned": "request"}
    ]})";

std::string write_file(const std::string& name, const std::string& text) {
    const std::string path = "/tmp/" + unique(name) + ".json";
    std::ofstream(path) << text;
    return path;
}

// A tenant with the Contoso extension registered, made once for the suite.
const Tenant& contoso() {
    static const Tenant tenant = [] {
        Tenant t = new_tenant(unique("contoso"));
        const std::string file = write_file("contoso-schema", kDefinition);
        std::string out = scimctl("schema add " + t.org_id + " " + file);
        std::remove(file.c_str());
        BOOST_TEST(last_line(out) == kUrn);
        return t;
    }();
    return tenant;
}

std::string contoso_user(const std::string& user_name, const std::string& extension) {
    return R"({"schemas":[")" + kCore + R"(",")" + kUrn + R"("],"userName":")" + user_name + R"(",")" + kUrn +
           R"(":)" + extension + "}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(extension_schemas_test)

BOOST_AUTO_TEST_CASE(discovery_shows_the_extension_in_its_organisation_only) {
    const Tenant& t = contoso();
    auto schema = get(t, "/Schemas/" + kUrn);
    BOOST_TEST_REQUIRE(schema.status == 200, schema.body);
    BOOST_TEST(schema.json["id"].asString() == kUrn);
    BOOST_TEST(schema.json["name"].asString() == "ContosoUser");
    BOOST_TEST(schema.json["attributes"].size() == 5u);
    BOOST_TEST(schema.json["attributes"][1]["type"].asString() == "integer");
    BOOST_TEST(schema.json["attributes"][4]["returned"].asString() == "request");
    auto type = get(t, "/ResourceTypes/User");
    BOOST_TEST_REQUIRE(type.status == 200);
    bool listed = false;
    for (const auto& extension : type.json["schemaExtensions"]) {
        if (extension["schema"].asString() == kUrn) listed = !extension["required"].asBool();
    }
    BOOST_TEST(listed, type.body);
    auto all = get(t, "/Schemas");
    BOOST_TEST(all.json["totalResults"].asInt() == 4);

    // Another organisation has never heard of it.
    const Tenant other = new_tenant(unique("fabrikam"));
    BOOST_TEST(get(other, "/Schemas/" + kUrn).status == 404);
    BOOST_TEST(get(other, "/Schemas").json["totalResults"].asInt() == 3);
    auto refused = post(other, "/Users", contoso_user(unique("f") + "@fabrikam.com", R"({"badgeNumber":"F-1"})"));
    check_scim_error(refused, 400, "invalidSyntax");
    BOOST_TEST(refused.json["detail"].asString().find(kUrn) != std::string::npos, refused.body);
    BOOST_TEST(refused.json["detail"].asString().find("scimctl schema add") != std::string::npos, refused.body);
}

BOOST_AUTO_TEST_CASE(writes_validate_store_and_return_the_extension) {
    const Tenant& t = contoso();
    auto created = post(t, "/Users", contoso_user(unique("ann") + "@contoso.com",
        R"({"badgeNumber":"B-100","costCenter":42,"hireDate":"2020-02-03T04:05:06Z",
            "skills":[{"value":"sql","years":2.5}],"clearance":"secret"})"));
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    const auto& ext = created.json[kUrn];
    BOOST_TEST(ext["badgeNumber"].asString() == "B-100");
    BOOST_TEST(ext["costCenter"].asInt() == 42);
    BOOST_TEST(ext["skills"][0]["years"].asDouble() == 2.5);
    BOOST_TEST(!ext.isMember("clearance"));  // returned "request"
    bool listed = false;
    for (const auto& urn : created.json["schemas"]) listed = listed || urn.asString() == kUrn;
    BOOST_TEST(listed);
    const std::string id = created.json["id"].asString();
    auto asked = get(t, "/Users/" + id + "?attributes=" + url_encode(kUrn + ":clearance"));
    BOOST_TEST(asked.json[kUrn]["clearance"].asString() == "secret", asked.body);
    BOOST_TEST(!asked.json[kUrn].isMember("badgeNumber"));

    // Types are the schema's; unknown attributes inside it are refused and name themselves.
    check_scim_error(post(t, "/Users", contoso_user(unique("bad") + "@contoso.com", R"({"costCenter":"forty"})")), 400,
                     "invalidValue");
    auto unknown = post(t, "/Users", contoso_user(unique("bad") + "@contoso.com", R"({"shoeSize":44})"));
    check_scim_error(unknown, 400, "invalidSyntax");
    BOOST_TEST(unknown.json["detail"].asString().find("shoeSize") != std::string::npos, unknown.body);

    // PUT replaces the extension like any attribute.
    auto replaced = put(t, "/Users/" + id, contoso_user(created.json["userName"].asString(), R"({"costCenter":7})"));
    BOOST_TEST_REQUIRE(replaced.status == 200, replaced.body);
    BOOST_TEST(replaced.json[kUrn]["costCenter"].asInt() == 7);
    BOOST_TEST(!replaced.json[kUrn].isMember("badgeNumber"));
}

BOOST_AUTO_TEST_CASE(patch_reaches_the_extension_in_every_form) {
    const Tenant& t = contoso();
    auto created = post(t, "/Users", contoso_user(unique("bob") + "@contoso.com",
                                                  R"({"badgeNumber":"B-1","skills":[{"value":"go","years":1}]})"));
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    const std::string id = created.json["id"].asString();
    // URN-qualified path (Entra ID), path-less value object with the URN-qualified name, and a value path.
    auto patched = patch(t, "/Users/" + id, R"([
        {"op":"Replace","path":")" + kUrn + R"(:costCenter","value":12},
        {"op":"Add","value":{")" + kUrn + R"(:badgeNumber":"B-2"}},
        {"op":"replace","path":")" + kUrn + R"(:skills[value eq \"go\"].years","value":3},
        {"op":"add","path":")" + kUrn + R"(:skills","value":[{"value":"c++","years":0.5}]}])");
    BOOST_TEST_REQUIRE((patched.status == 204 || patched.status == 200), patched.body);
    auto read = get(t, "/Users/" + id);
    const auto& ext = read.json[kUrn];
    BOOST_TEST(ext["costCenter"].asInt() == 12, read.body);
    BOOST_TEST(ext["badgeNumber"].asString() == "B-2");
    BOOST_TEST_REQUIRE(ext["skills"].size() == 2u);
    BOOST_TEST(ext["skills"][0]["years"].asDouble() == 3.0);
    auto removed = patch(t, "/Users/" + id, R"([{"op":"remove","path":")" + kUrn + R"(:badgeNumber"}])");
    BOOST_TEST((removed.status == 204 || removed.status == 200), removed.body);
    BOOST_TEST(!get(t, "/Users/" + id).json[kUrn].isMember("badgeNumber"));
    check_scim_error(patch(t, "/Users/" + id, R"([{"op":"replace","path":")" + kUrn + R"(:costCenter","value":"x"}])"),
                     400, "invalidValue");
}

BOOST_AUTO_TEST_CASE(filters_and_sorting_on_extension_attributes) {
    const Tenant t = new_tenant(unique("contoso-q"));
    const std::string file = write_file("contoso-q", kDefinition);
    scimctl("schema add " + t.org_id + " " + file);
    std::remove(file.c_str());
    for (auto [name, extension] : std::vector<std::pair<std::string, std::string>>{
             {"c1", R"({"badgeNumber":"X-1","costCenter":30,"hireDate":"2019-01-01T00:00:00Z"})"},
             {"c2", R"({"badgeNumber":"x-2","costCenter":10,"hireDate":"2021-06-01T00:00:00Z"})"},
             {"c3", R"({"badgeNumber":"X-3","costCenter":20,"skills":[{"value":"rust","years":4}]})"}}) {
        BOOST_TEST_REQUIRE(post(t, "/Users", contoso_user(name + "@contoso.com", extension)).status == 201);
    }
    auto names = [&](const std::string& query) {
        auto result = get(t, "/Users?" + query);
        BOOST_TEST(result.status == 200, query << " -> " << result.body);
        std::vector<std::string> out;
        for (const auto& r : result.json["Resources"]) out.push_back(r["userName"].asString());
        return out;
    };
    using V = std::vector<std::string>;
    BOOST_TEST(names("filter=" + url_encode(kUrn + ":costCenter gt 15") + "&sortBy=userName") ==
               (V{"c1@contoso.com", "c3@contoso.com"}));
    // caseExact: "x-2" only as written.
    BOOST_TEST(names("filter=" + url_encode(kUrn + ":badgeNumber sw \"X\"") + "&sortBy=userName") ==
               (V{"c1@contoso.com", "c3@contoso.com"}));
    BOOST_TEST(names("filter=" + url_encode(kUrn + ":hireDate ge \"2020-01-01T00:00:00Z\"")) == (V{"c2@contoso.com"}));
    BOOST_TEST(names("filter=" + url_encode(kUrn + ":skills[value eq \"rust\" and years gt 3]")) == (V{"c3@contoso.com"}));
    // Qualified: the enterprise extension has a costCenter too, and unqualified names go to it first.
    BOOST_TEST(names("filter=" + url_encode(kUrn + ":costCenter pr") + "&sortBy=" + url_encode(kUrn + ":costCenter")) ==
               (V{"c2@contoso.com", "c3@contoso.com", "c1@contoso.com"}));
    BOOST_TEST(names("sortBy=" + url_encode(kUrn + ":CostCenter") + "&sortOrder=descending") ==
               (V{"c1@contoso.com", "c3@contoso.com", "c2@contoso.com"}));
    check_scim_error(get(t, "/Users?filter=" + url_encode(kUrn + ":costCenter co \"1\"")), 400, "invalidFilter");
    check_scim_error(get(t, "/Users?filter=" + url_encode(kUrn + ":nope eq \"1\"")), 400, "invalidFilter");
    // The plan uses the same bound parameters as any filter: the injection stays a value.
    BOOST_TEST(names("filter=" + url_encode(kUrn + ":badgeNumber eq \"x' OR '1'='1\"")).empty());
}

BOOST_AUTO_TEST_CASE(scimctl_checks_definitions_and_guards_removal) {
    const Tenant t = new_tenant(unique("contoso-admin"));
    auto bad = write_file("bad-schema", R"({"id":"urn:ietf:params:scim:schemas:core:2.0:User","attributes":[{"name":"a","type":"string"}]})");
    auto builtin = scimctl_result("schema add " + t.org_id + " " + bad);
    BOOST_TEST(builtin.status != 0);
    BOOST_TEST(builtin.output.find("built-in schema") != std::string::npos, builtin.output);
    std::ofstream(bad) << R"({"id":"urn:example:x:2.0:User","attributes":[{"name":"a","type":"complex"}]})";
    auto malformed = scimctl_result("schema add " + t.org_id + " " + bad);
    BOOST_TEST(malformed.status != 0);
    BOOST_TEST(malformed.output.find("subAttributes") != std::string::npos, malformed.output);
    std::ofstream(bad) << "{not json";
    BOOST_TEST(scimctl_result("schema add " + t.org_id + " " + bad).status != 0);
    std::ofstream(bad) << R"({"id":"urn:example:teams:1.0:Team","attributes":[{"name":"a","type":"string"}]})";
    auto no_type = scimctl_result("schema add " + t.org_id + " " + bad);
    BOOST_TEST(no_type.output.find("--resource-type") != std::string::npos, no_type.output);
    auto as_group = scimctl_result("schema add " + t.org_id + " " + bad + " --resource-type Group");
    BOOST_TEST(as_group.status == 0, as_group.output);
    std::remove(bad.c_str());

    // A Group extension works on groups.
    auto group = post(t, "/Groups", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","urn:example:teams:1.0:Team"],
        "displayName":"Team A","urn:example:teams:1.0:Team":{"a":"x"}})");
    BOOST_TEST_REQUIRE(group.status == 201, group.body);
    BOOST_TEST(group.json["urn:example:teams:1.0:Team"]["a"].asString() == "x");

    // Removal is refused while a group holds data under it, then forced; the data goes too.
    auto refused = scimctl_result("schema remove " + t.org_id + " urn:example:teams:1.0:Team");
    BOOST_TEST(refused.status != 0);
    BOOST_TEST(refused.output.find("1 group(s)") != std::string::npos, refused.output);
    BOOST_TEST(scimctl_result("schema list " + t.org_id).output.find("urn:example:teams:1.0:Team") != std::string::npos);
    scimctl("schema remove " + t.org_id + " URN:EXAMPLE:TEAMS:1.0:TEAM --force");
    BOOST_TEST(scimctl_result("schema list " + t.org_id).output.find("urn:example:teams") == std::string::npos);
    auto after = get(t, "/Groups/" + group.json["id"].asString());
    BOOST_TEST(after.status == 200);
    BOOST_TEST(!after.json.isMember("urn:example:teams:1.0:Team"), after.body);
    BOOST_TEST(after.json["meta"]["version"].asString() != group.json["meta"]["version"].asString());
    BOOST_TEST(get(t, "/Schemas/urn:example:teams:1.0:Team").status == 404);
    check_scim_error(post(t, "/Groups", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","urn:example:teams:1.0:Team"],
        "displayName":"Team B","urn:example:teams:1.0:Team":{"a":"x"}})"), 400, "invalidSyntax");
}

BOOST_AUTO_TEST_SUITE_END()
