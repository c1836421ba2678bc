// An organisation deleted in PostgreSQL takes all of its data with it: the foreign keys of
// the users and the audit trail gave way to a trigger (sql/0021), which must do what their
// ON DELETE CASCADE did, and touch no other organisation.
#include <string>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

std::string rows_of(const std::string& table, const std::string& org_id) {
    auto lines = psql_lines("SELECT count(*) FROM " + table + " WHERE org_id = '" + org_id + "'");
    BOOST_REQUIRE_EQUAL(lines.size(), 1u);
    return lines[0];
}

std::string new_member_in_group(const Tenant& t, const std::string& name) {
    auto user = post(t, "/Users", user_body(name));
    BOOST_REQUIRE_MESSAGE(user.status == 201, user.body);
    auto group = post(t, "/Groups", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"g-)" + name +
                                        R"(","members":[{"value":")" + user.json["id"].asString() + R"("}]})");
    BOOST_REQUIRE_MESSAGE(group.status == 201, group.body);
    return user.json["id"].asString();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(organisation_deletion_test)

BOOST_AUTO_TEST_CASE(deleting_an_organisation_deletes_its_users_groups_and_audit_trail_only) {
    auto gone = new_tenant(unique("gone"));
    auto kept = new_tenant(unique("kept"));
    new_member_in_group(gone, unique("g") + "@x.com");
    const std::string kept_user = new_member_in_group(kept, unique("k") + "@x.com");
    for (const char* table : {"scim_users", "scim_groups", "scim_group_members", "scim_user_membership_clock", "audit_log"}) {
        BOOST_TEST(rows_of(table, gone.org_id) != "0", table);
    }

    auto deleted = psql_lines("WITH d AS (DELETE FROM organizations WHERE id = '" + gone.org_id +
                              "' RETURNING 1) SELECT count(*) FROM d");
    BOOST_REQUIRE_EQUAL(deleted.size(), 1u);
    BOOST_TEST(deleted[0] == "1");

    for (const char* table : {"scim_users", "scim_groups", "scim_group_members", "scim_user_membership_clock", "audit_log",
                              "applications", "api_tokens"}) {
        BOOST_TEST(rows_of(table, gone.org_id) == "0", table);
        BOOST_TEST(rows_of(table, kept.org_id) != "0", table);
    }
    // The other organisation still serves its user, groups included.
    auto user = get(kept, "/Users/" + kept_user);
    BOOST_TEST(user.status == 200);
    BOOST_TEST(user.json["groups"].size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
