// PATCH through nginx (RFC 7644 §3.5.2) in the shapes Okta and Microsoft Entra ID send.
#include <set>
#include <map>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

const std::string kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

std::string new_user(const Tenant& t, const std::string& extra = "") {
    std::string body = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + unique("p") +
                       R"(@x.com","name":{"givenName":"Pat","familyName":"Doe"},"emails":[{"value":"pat@home.org","type":"home"}])" +
                       extra + "}";
    auto created = post(t, "/Users", body);
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    return created.json["id"].asString();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(patch_test)

BOOST_AUTO_TEST_CASE(okta_deactivation_is_204_with_new_etag) {
    const auto& t = demo_tenant();
    std::string id = new_user(t);
    auto before = get(t, "/Users/" + id);
    auto result = patch(t, "/Users/" + id, R"([{"op":"replace","value":{"active":false}}])");
    BOOST_TEST(result.status == 204);
    BOOST_TEST(result.body.empty());
    auto after = get(t, "/Users/" + id);
    BOOST_TEST(after.json["active"].asBool() == false);
    BOOST_TEST(result.header("etag") == after.header("etag"));
    BOOST_TEST(after.header("etag") != before.header("etag"));
}

BOOST_AUTO_TEST_CASE(attributes_parameter_turns_204_into_200_with_the_resource) {
    const auto& t = demo_tenant();
    std::string id = new_user(t);
    auto result = request("PATCH", t.base_url + "/Users/" + id + "?attributes=name", t.token,
                          R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                              "Operations":[{"op":"replace","path":"name.givenName","value":"Robin"}]})",
                          {"Content-Type: application/scim+json"});
    BOOST_TEST(result.status == 200);
    BOOST_TEST(result.json["name"]["givenName"].asString() == "Robin");
    BOOST_TEST(!result.json.isMember("emails"));
}

BOOST_AUTO_TEST_CASE(entra_shapes_are_accepted) {
    const auto& t = demo_tenant();
    std::string id = new_user(t);
    std::string manager = new_user(t);
    auto result = patch(t, "/Users/" + id, R"([
        {"op":"Replace","path":"active","value":"False"},
        {"op":"Add","value":{"name.givenName":"Alex","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Ops"}},
        {"op":"Replace","path":"emails[type eq \"work\"].value","value":"alex@work.com"},
        {"op":"Add","path":"manager","value":[{"$ref":null,"value":")" + manager + R"("}]}
    ])");
    BOOST_TEST_REQUIRE(result.status == 204, result.body);
    auto user = get(t, "/Users/" + id).json;
    BOOST_TEST(user["active"].asBool() == false);
    BOOST_TEST(user["name"]["givenName"].asString() == "Alex");
    BOOST_TEST(user["name"]["familyName"].asString() == "Doe");
    BOOST_TEST(user[kEnterprise]["department"].asString() == "Ops");
    BOOST_TEST(user[kEnterprise]["manager"]["value"].asString() == manager);
    bool work = false, home = false;
    for (const auto& e : user["emails"]) {
        if (e["type"].asString() == "work") work = e["value"].asString() == "alex@work.com";
        if (e["type"].asString() == "home") home = true;
    }
    BOOST_TEST(work);
    BOOST_TEST(home);

    auto by_urn = patch(t, "/Users/" + id,
                        R"([{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":")" +
                            id + R"("}])");
    BOOST_TEST(by_urn.status == 204);
    BOOST_TEST(get(t, "/Users/" + id).json[kEnterprise]["manager"]["value"].asString() == id);
}

BOOST_AUTO_TEST_CASE(errors_name_the_failing_operation_and_store_nothing) {
    const auto& t = demo_tenant();
    std::string id = new_user(t);
    auto before = get(t, "/Users/" + id).json;
    auto result = patch(t, "/Users/" + id, R"([
        {"op":"replace","path":"name.givenName","value":"Changed"},
        {"op":"replace","path":"title","value":"Boss"},
        {"op":"replace","path":"active","value":"perhaps"}
    ])");
    check_scim_error(result, 400, "invalidValue");
    BOOST_TEST(result.json["detail"].asString().find("Operations[2]") != std::string::npos, result.body);
    BOOST_TEST(get(t, "/Users/" + id).json == before);

    check_scim_error(patch(t, "/Users/" + id, R"([{"op":"remove"}])"), 400, "noTarget");
    check_scim_error(patch(t, "/Users/" + id, R"([{"op":"replace","path":"shoeSize","value":1}])"), 400, "invalidPath");
    check_scim_error(patch(t, "/Users/" + id, R"([{"op":"replace","path":"id","value":"other"}])"), 400, "mutability");
    // RFC 7644 §3.5.2.2: removing a required attribute is a mutability error.
    check_scim_error(patch(t, "/Users/" + id, R"([{"op":"remove","path":"userName"}])"), 400, "mutability");
    check_scim_error(patch(t, "/Users/" + id, R"([{"op":"jump","path":"title","value":"x"}])"), 400, "invalidSyntax");
    check_scim_error(request("PATCH", t.base_url + "/Users/" + id, t.token, R"({"Operations":[]})",
                             {"Content-Type: application/scim+json"}),
                     400, "invalidSyntax");
    check_scim_error(patch(t, "/Users/00000000-0000-4000-8000-000000000000", R"([{"op":"replace","path":"title","value":"x"}])"),
                     404);
    BOOST_TEST(get(t, "/Users/" + id).json == before);
}

BOOST_AUTO_TEST_CASE(renaming_to_a_taken_user_name_is_409) {
    const auto& t = demo_tenant();
    std::string taken = unique("taken") + "@x.com";
    BOOST_TEST_REQUIRE(post(t, "/Users", user_body(taken)).status == 201);
    std::string id = new_user(t);
    check_scim_error(patch(t, "/Users/" + id, R"([{"op":"replace","path":"userName","value":")" + taken + R"("}])"), 409,
                     "uniqueness");
}

BOOST_AUTO_TEST_CASE(no_op_patch_keeps_the_version) {
    const auto& t = demo_tenant();
    std::string id = new_user(t);
    auto before = get(t, "/Users/" + id);
    auto result = patch(t, "/Users/" + id, R"([{"op":"replace","path":"active","value":true}])");
    BOOST_TEST(result.status == 204);
    BOOST_TEST(result.header("etag") == before.header("etag"));
    BOOST_TEST(get(t, "/Users/" + id).json["meta"]["lastModified"] == before.json["meta"]["lastModified"]);
}

BOOST_AUTO_TEST_CASE(group_member_changes_in_okta_and_entra_shapes) {
    auto t = new_tenant(unique("members"));
    std::vector<std::string> users;
    for (int i = 0; i < 4; ++i) users.push_back(new_user(t));
    auto group = post(t, "/Groups", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Team",
        "members":[{"value":")" + users[0] + R"("},{"value":")" + users[1] + R"("}]})");
    BOOST_TEST_REQUIRE(group.status == 201, group.body);
    std::string id = group.json["id"].asString();
    auto members = [&] {
        std::set<std::string> ids;
        auto group = get(t, "/Groups/" + id);
        for (const auto& m : group.json["members"]) ids.insert(m["value"].asString());
        return ids;
    };
    // Several adds and removes in one request.
    auto several = patch(t, "/Groups/" + id, R"([
        {"op":"add","path":"members","value":[{"value":")" + users[2] + R"("},{"value":")" + users[3] + R"("}]},
        {"op":"remove","path":"members[value eq \")" + users[0] + R"(\"]"}])");
    BOOST_TEST_REQUIRE(several.status == 204, several.body);
    BOOST_TEST(members() == (std::set<std::string>{users[1], users[2], users[3]}));
    // Entra: remove with a value list removes only those.
    auto entra = patch(t, "/Groups/" + id, R"([{"op":"Remove","path":"members","value":[{"value":")" + users[2] + R"("}]}])");
    BOOST_TEST(entra.status == 204);
    BOOST_TEST(members() == (std::set<std::string>{users[1], users[3]}));
    // Okta rename with its own id, and "$ref": null in member values.
    auto rename = patch(t, "/Groups/" + id, R"([{"op":"replace","value":{"id":")" + id + R"(","displayName":"Renamed"}},
        {"op":"add","path":"members","value":[{"value":")" + users[0] + R"(","$ref":null}]}])");
    BOOST_TEST_REQUIRE(rename.status == 204, rename.body);
    auto renamed = get(t, "/Groups/" + id).json;
    BOOST_TEST(renamed["displayName"].asString() == "Renamed");
    BOOST_TEST(members() == (std::set<std::string>{users[0], users[1], users[3]}));
    // A member of another organisation, or an unknown one: 400 and nothing changes.
    auto other = new_tenant(unique("other"));
    std::string foreign = new_user(other);
    check_scim_error(patch(t, "/Groups/" + id, R"([{"op":"add","path":"members","value":[{"value":")" + users[2] +
                                                    R"("},{"value":")" + foreign + R"("}]}])"),
                     400, "invalidValue");
    BOOST_TEST(members() == (std::set<std::string>{users[0], users[1], users[3]}));
    // Replace the whole list; remove all.
    BOOST_TEST(patch(t, "/Groups/" + id, R"([{"op":"replace","path":"members","value":[{"value":")" + users[2] + R"("}]}])")
                   .status == 204);
    BOOST_TEST(members() == std::set<std::string>{users[2]});
    BOOST_TEST(patch(t, "/Groups/" + id, R"([{"op":"remove","path":"members"}])").status == 204);
    BOOST_TEST(members().empty());
}

BOOST_AUTO_TEST_CASE(concurrent_patches_lose_no_update) {
    auto t = new_tenant(unique("race"));
    std::vector<std::string> users;
    for (int i = 0; i < 16; ++i) users.push_back(new_user(t));
    auto group = post(t, "/Groups", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Race"})");
    std::string id = group.json["id"].asString();
    std::string user_id = users[0];
    std::vector<std::thread> threads;
    std::vector<long> statuses(16);
    for (int i = 0; i < 16; ++i) {
        threads.emplace_back([&, i] {
            statuses[i] = patch(t, "/Groups/" + id, R"([{"op":"add","path":"members","value":[{"value":")" + users[i] +
                                                          R"("}]}])")
                              .status;
        });
    }
    for (auto& thread : threads) thread.join();
    for (long status : statuses) BOOST_TEST(status == 204);
    BOOST_TEST(get(t, "/Groups/" + id).json["members"].size() == 16u);

    // Two different attributes of one user patched at once: both survive.
    threads.clear();
    threads.emplace_back([&] { patch(t, "/Users/" + user_id, R"([{"op":"replace","path":"title","value":"T"}])"); });
    threads.emplace_back([&] { patch(t, "/Users/" + user_id, R"([{"op":"replace","path":"nickName","value":"N"}])"); });
    for (auto& thread : threads) thread.join();
    auto user = get(t, "/Users/" + user_id).json;
    BOOST_TEST(user["title"].asString() == "T");
    BOOST_TEST(user["nickName"].asString() == "N");
}

BOOST_AUTO_TEST_SUITE_END()
