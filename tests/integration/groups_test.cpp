// Groups through nginx: the resource, membership stored by row, nested groups, User.groups,
// deletion without dangling members, large-group projections and tenant isolation.
#include <map>
#include <set>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

std::string group_body(const std::string& name, const std::vector<std::string>& member_ids = {}) {
    std::string members;
    for (const auto& id : member_ids) members += std::string(members.empty() ? "" : ",") + R"({"value":")" + id + "\"}";
    return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":")" + name + R"(","members":[)" +
           members + "]}";
}

std::string new_user(const Tenant& t, const std::string& name) {
    auto created = post(t, "/Users", user_body(name));
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    return created.json["id"].asString();
}

std::set<std::string> member_ids(const Json::Value& group) {
    std::set<std::string> ids;
    for (const auto& m : group["members"]) ids.insert(m["value"].asString());
    return ids;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(groups_test)

BOOST_AUTO_TEST_CASE(create_get_replace_delete_a_group) {
    auto t = new_tenant(unique("groups"));
    std::string alice = new_user(t, "alice@x.com"), bob = new_user(t, "bob@x.com");
    auto created = post(t, "/Groups", group_body("Engineering", {alice, bob}));
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    std::string id = created.json["id"].asString();
    BOOST_TEST(created.json["displayName"].asString() == "Engineering");
    BOOST_TEST(created.json["schemas"][0].asString() == "urn:ietf:params:scim:schemas:core:2.0:Group");
    BOOST_TEST(created.json["meta"]["resourceType"].asString() == "Group");
    BOOST_TEST(created.header("location") == t.base_url + "/Groups/" + id);
    BOOST_TEST(created.header("etag") == created.json["meta"]["version"].asString());
    BOOST_TEST(member_ids(created.json) == (std::set<std::string>{alice, bob}));
    for (const auto& m : created.json["members"]) {
        BOOST_TEST(m["type"].asString() == "User");
        BOOST_TEST(m["$ref"].asString() == t.base_url + "/Users/" + m["value"].asString());
        BOOST_TEST(!m["display"].asString().empty());
    }
    auto fetched = get(t, "/Groups/" + id);
    BOOST_TEST(fetched.status == 200);
    BOOST_TEST(fetched.json == created.json);

    auto replaced = put(t, "/Groups/" + id, group_body("Eng", {bob}));
    BOOST_TEST_REQUIRE(replaced.status == 200, replaced.body);
    BOOST_TEST(replaced.json["displayName"].asString() == "Eng");
    BOOST_TEST(member_ids(replaced.json) == std::set<std::string>{bob});
    BOOST_TEST(replaced.json["meta"]["version"] != created.json["meta"]["version"]);

    BOOST_TEST(del(t, "/Groups/" + id).status == 204);
    check_scim_error(get(t, "/Groups/" + id), 404);
    // The users are still there.
    BOOST_TEST(get(t, "/Users/" + bob).status == 200);
}

BOOST_AUTO_TEST_CASE(missing_display_name_and_foreign_or_unknown_members_are_400) {
    auto a = new_tenant(unique("gA"));
    auto b = new_tenant(unique("gB"));
    std::string in_b = new_user(b, "b@x.com");
    check_scim_error(post(a, "/Groups", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]})"), 400,
                     "invalidValue");
    check_scim_error(post(a, "/Groups", group_body("Cross", {in_b})), 400, "invalidValue");
    check_scim_error(post(a, "/Groups", group_body("Ghost", {"00000000-0000-4000-8000-000000000000"})), 400,
                     "invalidValue");
    check_scim_error(post(a, "/Groups", group_body("Junk", {"not-an-id"})), 400, "invalidValue");
    // Nothing was stored.
    BOOST_TEST(get(a, "/Groups").json["totalResults"].asInt() == 0);
}

BOOST_AUTO_TEST_CASE(duplicate_members_in_one_request_are_stored_once) {
    auto t = new_tenant(unique("dups"));
    std::string alice = new_user(t, "alice@x.com");
    auto created = post(t, "/Groups", group_body("Dup", {alice, alice, alice}));
    BOOST_TEST_REQUIRE(created.status == 201);
    BOOST_TEST(created.json["members"].size() == 1u);
}

BOOST_AUTO_TEST_CASE(nested_groups_give_direct_and_indirect_user_groups) {
    auto t = new_tenant(unique("nest"));
    std::string alice = new_user(t, "alice@x.com");
    auto inner = post(t, "/Groups", group_body("Inner", {alice})).json["id"].asString();
    auto outer = post(t, "/Groups", group_body("Outer", {inner})).json["id"].asString();
    auto outer_group = get(t, "/Groups/" + outer).json;
    BOOST_TEST(outer_group["members"][0]["type"].asString() == "Group");
    BOOST_TEST(outer_group["members"][0]["$ref"].asString() == t.base_url + "/Groups/" + inner);

    auto user = get(t, "/Users/" + alice).json;
    BOOST_TEST_REQUIRE(user["groups"].size() == 2u, user.toStyledString());
    std::map<std::string, std::string> types;
    for (const auto& g : user["groups"]) {
        types[g["value"].asString()] = g["type"].asString();
        BOOST_TEST(g["$ref"].asString() == t.base_url + "/Groups/" + g["value"].asString());
    }
    BOOST_TEST(types[inner] == "direct");
    BOOST_TEST(types[outer] == "indirect");

    // groups.value and members.value filters.
    auto in_outer = get(t, "/Users?filter=groups.value%20eq%20%22" + outer + "%22");
    BOOST_TEST(in_outer.json["totalResults"].asInt() == 1);
    auto with_alice = get(t, "/Groups?filter=members.value%20eq%20%22" + alice + "%22");
    BOOST_TEST(with_alice.json["totalResults"].asInt() == 1);
    BOOST_TEST(with_alice.json["Resources"][0]["id"].asString() == inner);

    // A cycle is refused: Inner may not contain Outer.
    check_scim_error(patch(t, "/Groups/" + inner, R"([{"op":"add","path":"members","value":[{"value":")" + outer + R"("}]}])"),
                     400, "invalidValue");
    check_scim_error(put(t, "/Groups/" + inner, group_body("Inner", {alice, inner})), 400, "invalidValue");
}

BOOST_AUTO_TEST_CASE(deleting_a_user_or_group_removes_its_memberships) {
    auto t = new_tenant(unique("del"));
    std::string alice = new_user(t, "alice@x.com"), bob = new_user(t, "bob@x.com");
    auto inner = post(t, "/Groups", group_body("Inner", {alice, bob})).json["id"].asString();
    auto outer = post(t, "/Groups", group_body("Outer", {inner, bob})).json["id"].asString();
    BOOST_TEST(del(t, "/Users/" + alice).status == 204);
    BOOST_TEST(member_ids(get(t, "/Groups/" + inner).json) == std::set<std::string>{bob});
    BOOST_TEST(del(t, "/Groups/" + inner).status == 204);
    BOOST_TEST(member_ids(get(t, "/Groups/" + outer).json) == std::set<std::string>{bob});
    auto bob_user = get(t, "/Users/" + bob).json;
    BOOST_TEST(bob_user["groups"].size() == 1u);
    BOOST_TEST(bob_user["groups"][0]["value"].asString() == outer);
}

BOOST_AUTO_TEST_CASE(excluded_members_are_not_returned) {
    auto t = new_tenant(unique("excl"));
    std::string alice = new_user(t, "alice@x.com");
    auto id = post(t, "/Groups", group_body("G", {alice})).json["id"].asString();
    auto without = get(t, "/Groups/" + id + "?excludedAttributes=members");
    BOOST_TEST(without.status == 200);
    BOOST_TEST(!without.json.isMember("members"));
    BOOST_TEST(without.json["displayName"].asString() == "G");
    auto list = get(t, "/Groups?excludedAttributes=members");
    BOOST_TEST(!list.json["Resources"][0].isMember("members"));
    auto only_members = get(t, "/Groups/" + id + "?attributes=members");
    BOOST_TEST(only_members.json["members"].size() == 1u);
    BOOST_TEST(!only_members.json.isMember("displayName"));
}

BOOST_AUTO_TEST_CASE(group_filters_sorting_and_search) {
    auto t = new_tenant(unique("gq"));
    post(t, "/Groups", group_body("Sales"));
    post(t, "/Groups", group_body("engineering"));
    post(t, "/Groups", group_body("Support"));
    auto eq = get(t, "/Groups?filter=displayName%20eq%20%22ENGINEERING%22");
    BOOST_TEST(eq.json["totalResults"].asInt() == 1);
    auto sorted = get(t, "/Groups?sortBy=displayName&sortOrder=descending");
    BOOST_TEST(sorted.json["Resources"][0]["displayName"].asString() == "Support");
    BOOST_TEST(sorted.json["Resources"][2]["displayName"].asString() == "engineering");
    auto searched = post(t, "/Groups/.search",
                         R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"displayName sw \"S\""})");
    BOOST_TEST(searched.json["totalResults"].asInt() == 2);
    // A root search spans users and groups.
    new_user(t, "Sam@x.com");
    auto root = post(t, "/.search",
                     R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"meta.created pr"})");
    BOOST_TEST(root.json["totalResults"].asInt() == 4);
}

BOOST_AUTO_TEST_CASE(another_org_cannot_see_or_touch_groups) {
    auto a = new_tenant(unique("isoA"));
    auto b = new_tenant(unique("isoB"));
    std::string alice = new_user(a, "alice@x.com");
    auto group = post(a, "/Groups", group_body("Secret", {alice})).json["id"].asString();
    check_scim_error(get(b, "/Groups/" + group), 404);
    check_scim_error(put(b, "/Groups/" + group, group_body("Mine")), 404);
    check_scim_error(patch(b, "/Groups/" + group, R"([{"op":"replace","path":"displayName","value":"X"}])"), 404);
    check_scim_error(del(b, "/Groups/" + group), 404);
    BOOST_TEST(get(b, "/Groups").json["totalResults"].asInt() == 0);
    BOOST_TEST(get(b, "/Groups?filter=displayName%20eq%20%22Secret%22").json["totalResults"].asInt() == 0);
    // B cannot add A's user to its own group either.
    check_scim_error(post(b, "/Groups", group_body("Steal", {alice})), 400, "invalidValue");
    BOOST_TEST(get(a, "/Groups/" + group).json["displayName"].asString() == "Secret");
}

// Issue: reliability, linear PATCH. Tens of thousands of members in one PATCH (an IdP's group
// push of a large department) are added and removed whole, duplicates stored once, and
// the members' groups follow. Time is bench/member_patch.sh's business, not this test's.
BOOST_AUTO_TEST_CASE(twenty_thousand_members_in_one_patch) {
    const Tenant t = new_tenant(unique("big-group"));
    seed_users(t, 20000);
    const auto ids = psql_lines("SELECT id FROM scim_users WHERE org_id = '" + t.org_id + "' ORDER BY id");
    BOOST_TEST_REQUIRE(ids.size() == 20000u);
    auto created = post(t, "/Groups", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"All staff"})");
    BOOST_TEST_REQUIRE(created.status == 201, created.body);
    const std::string group = "/Groups/" + created.json["id"].asString();
    auto values = [&](bool twice) {
        std::string out;
        for (const auto& id : ids) {
            out += (out.empty() ? "" : ",") + std::string(R"({"value":")") + id + R"("})";
            if (twice) out += std::string(R"(,{"value":")") + id + R"("})";
        }
        return "[" + out + "]";
    };
    auto added = patch(t, group, R"([{"op":"add","path":"members","value":)" + values(true) + "}]");
    BOOST_TEST_REQUIRE(added.status == 204, added.body.substr(0, 300));
    auto read = get(t, group);
    BOOST_TEST(read.json["members"].size() == 20000u);
    auto member = get(t, "/Users/" + ids[12345] + "?attributes=groups");
    BOOST_TEST(member.json["groups"].size() == 1u, member.body);
    auto removed = patch(t, group, R"([{"op":"remove","path":"members","value":)" + values(false) + "}]");
    BOOST_TEST_REQUIRE(removed.status == 204, removed.body.substr(0, 300));
    BOOST_TEST(!get(t, group).json.isMember("members"));
    BOOST_TEST(!get(t, "/Users/" + ids[12345] + "?attributes=groups").json.isMember("groups"));
}

BOOST_AUTO_TEST_SUITE_END()
