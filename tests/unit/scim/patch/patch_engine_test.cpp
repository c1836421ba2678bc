// The PATCH engine against the examples of RFC 7644 §3.5.2.1–§3.5.2.3 (Group "members" both
// held in the attributes and deferred), every path form, every error, and what Okta and
// Microsoft Entra ID send.
#include "scim/patch/patch_engine.h"

#include <boost/test/unit_test.hpp>
#include <functional>
#include <string>
#include <vector>

#include "scim/error.h"
#include "scim/json.h"
#include "scim/patch/patch_request.h"
#include "scim/schema/registry.h"

namespace {

using scim::ScimError;
using scim::patch::apply_patch;
using scim::patch::DeferredChange;
using scim::patch::PatchResult;
using scim::schema::Registry;
using scim::schema::ResourceType;

const std::string kUserId = "2819c223-7f76-453a-919d-413861904646";
const std::string kGroupId = "e9e30dba-f08f-4109-8486-d5c6a331660a";
const std::string kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const Registry& registry() {
    static const Registry instance = Registry::standard();
    return instance;
}

const ResourceType& type(std::string_view name) {
    const ResourceType* found = registry().resource_type(name);
    BOOST_REQUIRE(found != nullptr);
    return *found;
}

Json::Value json(const std::string& text) { return scim::json::parse_body(text); }

std::vector<scim::patch::Operation> operations(const std::string& operations_json) {
    return scim::patch::parse_patch_request(
        json(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)" + operations_json + "}"));
}

PatchResult patch_user(const Json::Value& attributes, const std::string& operations_json) {
    return apply_patch(registry(), type("User"), kUserId, attributes, operations(operations_json));
}

PatchResult patch_group(const Json::Value& attributes, const std::string& operations_json,
                        const std::vector<std::string>& deferred = {}) {
    return apply_patch(registry(), type("Group"), kGroupId, attributes, operations(operations_json), deferred);
}

// Runs `action`, expecting a ScimError of `scim_type` whose detail starts with `prefix`.
void check_error(const std::function<void()>& action, const std::string& scim_type, const std::string& prefix) {
    try {
        action();
        BOOST_ERROR("no error, expected " << scim_type);
    } catch (const ScimError& e) {
        BOOST_TEST(e.scim_type() == scim_type, e.detail());
        BOOST_TEST(e.status() == 400);
        BOOST_TEST(e.detail().rfind(prefix, 0) == 0u, e.detail());
    }
}

Json::Value user() {
    return json(R"({"userName":"bjensen","active":true,"nickName":"Babs",
        "name":{"givenName":"Barbara","familyName":"Jensen"},
        "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                  {"value":"babs@jensen.org","type":"home"}],
        "addresses":[{"type":"work","streetAddress":"100 Universal City Plaza","locality":"Hollywood"},
                     {"type":"home","streetAddress":"456 Hollywood Blvd","locality":"Hollywood"}],
        "externalId":"ext-1",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Tour"}})");
}

Json::Value group_with_members() {
    return json(R"({"displayName":"Tour Guides","members":[
        {"value":"2819c223-7f76-453a-919d-413861904646","display":"Babs Jensen","type":"User"},
        {"value":"902c246b-6245-4190-8e05-00816be7344a","display":"Mandy Pepperidge","type":"User"}]})");
}

Json::Value group_without_members() { return json(R"({"displayName":"Tour Guides"})"); }

const std::vector<std::string> kDeferred = {"members"};

}  // namespace

BOOST_AUTO_TEST_SUITE(patch_engine_test)

// ---- RFC 7644 §3.5.2.1 add ----

BOOST_AUTO_TEST_CASE(rfc_add_member_to_group) {
    const std::string ops = R"([{"op":"add","path":"members","value":[{"display":"Babs Jensen",
        "$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
        "value":"2819c223-7f76-453a-919d-413861904646"}]}])";
    auto held = patch_group(group_without_members(), ops);
    BOOST_TEST_REQUIRE(held.attributes["members"].size() == 1u);
    BOOST_TEST(held.attributes["members"][0]["display"].asString() == "Babs Jensen");
    BOOST_TEST(held.attributes["members"][0]["$ref"].asString() ==
               "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646");
    BOOST_TEST(held.changed);

    auto deferred = patch_group(group_without_members(), ops, kDeferred);
    BOOST_TEST((deferred.attributes == group_without_members()));
    BOOST_TEST_REQUIRE(deferred.deferred.size() == 1u);
    BOOST_TEST((deferred.deferred[0].kind == DeferredChange::Kind::Add));
    BOOST_TEST(deferred.deferred[0].attribute == "members");
    BOOST_TEST_REQUIRE(deferred.deferred[0].values.size() == 1u);
    BOOST_TEST(deferred.deferred[0].values[0]["value"].asString() == "2819c223-7f76-453a-919d-413861904646");
    BOOST_TEST(deferred.changed);
}

BOOST_AUTO_TEST_CASE(rfc_add_without_path_adds_each_attribute) {
    // The RFC spells "nickname": attribute names are case-insensitive.
    auto r = patch_user(json(R"({"userName":"bjensen","emails":[{"value":"bjensen@example.com","type":"work"}]})"),
                        R"([{"op":"add","value":{"emails":[{"value":"babs@jensen.org","type":"home"}],
                            "nickname":"Babs"}}])");
    BOOST_TEST_REQUIRE(r.attributes["emails"].size() == 2u);
    BOOST_TEST(r.attributes["emails"][0]["value"].asString() == "bjensen@example.com");
    BOOST_TEST(r.attributes["emails"][1]["value"].asString() == "babs@jensen.org");
    BOOST_TEST(r.attributes["nickName"].asString() == "Babs");
    BOOST_TEST(!r.attributes.isMember("nickname"));
}

BOOST_AUTO_TEST_CASE(add_replaces_a_single_value_and_merges_a_complex_one) {
    auto r = patch_user(user(), R"([{"op":"add","path":"displayName","value":"Babs J"},
        {"op":"add","path":"name","value":{"middleName":"Jane","givenName":"Barb"}},
        {"op":"add","path":"nickName","value":"B"}])");
    BOOST_TEST(r.attributes["displayName"].asString() == "Babs J");
    BOOST_TEST(r.attributes["nickName"].asString() == "B");
    BOOST_TEST(r.attributes["name"]["middleName"].asString() == "Jane");
    BOOST_TEST(r.attributes["name"]["givenName"].asString() == "Barb");
    BOOST_TEST(r.attributes["name"]["familyName"].asString() == "Jensen");
}

BOOST_AUTO_TEST_CASE(add_never_duplicates_a_value_and_merges_into_the_present_one) {
    // Same "value" (emails.value is not caseExact) and same "type": present, so merged.
    auto r = patch_user(user(), R"([{"op":"add","path":"emails","value":[
        {"value":"BJENSEN@example.com","type":"work","display":"Work"},
        {"value":"babs@jensen.org","type":"home"},
        {"value":"new@example.com","type":"other"},
        {"value":"new@example.com","type":"other"}]}])");
    const Json::Value& emails = r.attributes["emails"];
    BOOST_TEST_REQUIRE(emails.size() == 3u);
    BOOST_TEST(emails[0]["display"].asString() == "Work");
    BOOST_TEST(emails[0]["primary"].asBool() == true);
    BOOST_TEST(emails[2]["value"].asString() == "new@example.com");

    // A value of another type is another value.
    auto typed = patch_user(user(), R"([{"op":"add","path":"emails","value":{"value":"babs@jensen.org","type":"other"}}])");
    BOOST_TEST(typed.attributes["emails"].size() == 3u);

    // Adding what is there changes nothing (RFC 7644 §3.5.2.1).
    auto same = patch_user(user(), R"([{"op":"add","path":"emails","value":[{"value":"babs@jensen.org","type":"home"}]}])");
    BOOST_TEST(!same.changed);
    BOOST_TEST((same.attributes == user()));
}

// ---- RFC 7644 §3.5.2.2 remove ----

BOOST_AUTO_TEST_CASE(rfc_remove_all_members) {
    const std::string ops = R"([{"op":"remove","path":"members"}])";
    auto held = patch_group(group_with_members(), ops);
    BOOST_TEST(!held.attributes.isMember("members"));
    BOOST_TEST(held.attributes["displayName"].asString() == "Tour Guides");

    auto deferred = patch_group(group_without_members(), ops, kDeferred);
    BOOST_TEST_REQUIRE(deferred.deferred.size() == 1u);
    BOOST_TEST((deferred.deferred[0].kind == DeferredChange::Kind::RemoveAll));
    BOOST_TEST(deferred.deferred[0].values.empty());
    BOOST_TEST(deferred.changed);
}

BOOST_AUTO_TEST_CASE(rfc_remove_a_single_member_by_filter) {
    // Also Okta's shape for removing a member.
    const std::string ops = R"([{"op":"remove","path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"]"}])";
    auto held = patch_group(group_with_members(), ops);
    BOOST_TEST_REQUIRE(held.attributes["members"].size() == 1u);
    BOOST_TEST(held.attributes["members"][0]["value"].asString() == "902c246b-6245-4190-8e05-00816be7344a");

    auto deferred = patch_group(group_without_members(), ops, kDeferred);
    BOOST_TEST_REQUIRE(deferred.deferred.size() == 1u);
    BOOST_TEST((deferred.deferred[0].kind == DeferredChange::Kind::Remove));
    BOOST_TEST_REQUIRE(deferred.deferred[0].values.size() == 1u);
    BOOST_TEST(deferred.deferred[0].values[0]["value"].asString() == "2819c223-7f76-453a-919d-413861904646");
}

BOOST_AUTO_TEST_CASE(deferred_remove_takes_an_or_of_value_equalities) {
    auto r = patch_group(group_without_members(), R"([{"op":"remove","path":"members[value eq \"a\" or value eq \"b\"]"}])",
                         kDeferred);
    BOOST_TEST_REQUIRE(r.deferred.size() == 1u);
    BOOST_TEST_REQUIRE(r.deferred[0].values.size() == 2u);
    BOOST_TEST(r.deferred[0].values[0]["value"].asString() == "a");
    BOOST_TEST(r.deferred[0].values[1]["value"].asString() == "b");
}

BOOST_AUTO_TEST_CASE(rfc_remove_values_of_a_complex_attribute_by_filter) {
    auto r = patch_user(user(), R"([{"op":"remove","path":"emails[type eq \"work\" and value ew \"example.com\"]"}])");
    BOOST_TEST_REQUIRE(r.attributes["emails"].size() == 1u);
    BOOST_TEST(r.attributes["emails"][0]["value"].asString() == "babs@jensen.org");

    // No value matching is not an error, and changes nothing.
    auto none = patch_user(user(), R"([{"op":"remove","path":"emails[type eq \"other\"]"}])");
    BOOST_TEST(!none.changed);

    // The last value removed leaves the attribute unassigned.
    auto all = patch_user(user(), R"([{"op":"remove","path":"emails[value pr]"}])");
    BOOST_TEST(!all.attributes.isMember("emails"));
}

BOOST_AUTO_TEST_CASE(rfc_remove_and_add_a_member) {
    const std::string ops = R"([{"op":"remove","path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"]"},
        {"op":"add","path":"members","value":[{"display":"James Smith",
         "$ref":"https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210",
         "value":"08e1d05d-121c-4561-8b96-473d93df9210"}]}])";
    auto held = patch_group(group_with_members(), ops);
    const Json::Value& members = held.attributes["members"];
    BOOST_TEST_REQUIRE(members.size() == 2u);
    BOOST_TEST(members[0]["value"].asString() == "902c246b-6245-4190-8e05-00816be7344a");
    BOOST_TEST(members[1]["value"].asString() == "08e1d05d-121c-4561-8b96-473d93df9210");

    auto deferred = patch_group(group_without_members(), ops, kDeferred);
    BOOST_TEST_REQUIRE(deferred.deferred.size() == 2u);
    BOOST_TEST((deferred.deferred[0].kind == DeferredChange::Kind::Remove));
    BOOST_TEST((deferred.deferred[1].kind == DeferredChange::Kind::Add));
    BOOST_TEST(deferred.deferred[1].values[0]["display"].asString() == "James Smith");
}

BOOST_AUTO_TEST_CASE(rfc_replace_all_members_by_remove_and_add) {
    const std::string ops = R"([{"op":"remove","path":"members"},
        {"op":"add","path":"members","value":[
          {"display":"James Smith","$ref":"https://example.com/v2/Users/08e1d05d","value":"08e1d05d"},
          {"display":"Mandy Pepperidge","$ref":"https://example.com/v2/Users/902c246b","value":"902c246b"}]}])";
    auto held = patch_group(group_with_members(), ops);
    BOOST_TEST_REQUIRE(held.attributes["members"].size() == 2u);
    BOOST_TEST(held.attributes["members"][0]["value"].asString() == "08e1d05d");
    BOOST_TEST(held.attributes["members"][1]["value"].asString() == "902c246b");
    BOOST_TEST(!held.attributes["members"][1].isMember("type"));

    auto deferred = patch_group(group_without_members(), ops, kDeferred);
    BOOST_TEST_REQUIRE(deferred.deferred.size() == 2u);
    BOOST_TEST((deferred.deferred[0].kind == DeferredChange::Kind::RemoveAll));
    BOOST_TEST((deferred.deferred[1].kind == DeferredChange::Kind::Add));
    BOOST_TEST(deferred.deferred[1].values.size() == 2u);
}

BOOST_AUTO_TEST_CASE(remove_of_a_single_value_or_sub_attribute_unassigns_it) {
    auto r = patch_user(user(), R"([{"op":"remove","path":"nickName"},{"op":"remove","path":"name.givenName"},
        {"op":"remove","path":"addresses[type eq \"home\"].locality"},{"op":"remove","path":"externalId"}])");
    BOOST_TEST(!r.attributes.isMember("nickName"));
    BOOST_TEST(!r.attributes["name"].isMember("givenName"));
    BOOST_TEST(r.attributes["name"]["familyName"].asString() == "Jensen");
    BOOST_TEST(r.attributes["addresses"][0]["locality"].asString() == "Hollywood");
    BOOST_TEST(!r.attributes["addresses"][1].isMember("locality"));
    BOOST_TEST(!r.attributes.isMember("externalId"));
    // Removing what is not there is no error.
    auto again = patch_user(r.attributes, R"([{"op":"remove","path":"nickName"},{"op":"remove","path":"title"}])");
    BOOST_TEST(!again.changed);
}

// ---- RFC 7644 §3.5.2.3 replace ----

BOOST_AUTO_TEST_CASE(rfc_replace_members_in_one_operation) {
    const std::string ops = R"([{"op":"replace","path":"members","value":[
        {"display":"James Smith","$ref":"https://example.com/v2/Users/08e1d05d","value":"08e1d05d"},
        {"display":"Mandy Pepperidge","$ref":"https://example.com/v2/Users/902c246b","value":"902c246b"}]}])";
    auto held = patch_group(group_with_members(), ops);
    BOOST_TEST_REQUIRE(held.attributes["members"].size() == 2u);
    BOOST_TEST(held.attributes["members"][0]["value"].asString() == "08e1d05d");

    auto deferred = patch_group(group_without_members(), ops, kDeferred);
    BOOST_TEST_REQUIRE(deferred.deferred.size() == 1u);
    BOOST_TEST((deferred.deferred[0].kind == DeferredChange::Kind::ReplaceAll));
    BOOST_TEST(deferred.deferred[0].values.size() == 2u);
    BOOST_TEST((deferred.attributes == group_without_members()));
}

BOOST_AUTO_TEST_CASE(rfc_replace_the_work_address) {
    auto r = patch_user(user(), R"([{"op":"replace","path":"addresses[type eq \"work\"]","value":{"type":"work",
        "streetAddress":"911 Universal City Plaza","locality":"Hollywood","region":"CA","postalCode":"91608",
        "country":"US","formatted":"911 Universal City Plaza\nHollywood, CA 91608 US","primary":true}}])");
    const Json::Value& addresses = r.attributes["addresses"];
    BOOST_TEST_REQUIRE(addresses.size() == 2u);
    BOOST_TEST(addresses[0]["streetAddress"].asString() == "911 Universal City Plaza");
    BOOST_TEST(addresses[0]["postalCode"].asString() == "91608");
    BOOST_TEST(addresses[0]["primary"].asBool() == true);
    BOOST_TEST(addresses[1]["streetAddress"].asString() == "456 Hollywood Blvd");
}

BOOST_AUTO_TEST_CASE(rfc_replace_a_sub_attribute_of_the_work_address) {
    auto r = patch_user(user(), R"([{"op":"replace","path":"addresses[type eq \"work\"].streetAddress",
        "value":"1010 Broadway Ave"}])");
    BOOST_TEST(r.attributes["addresses"][0]["streetAddress"].asString() == "1010 Broadway Ave");
    BOOST_TEST(r.attributes["addresses"][0]["locality"].asString() == "Hollywood");
    BOOST_TEST(r.attributes["addresses"][1]["streetAddress"].asString() == "456 Hollywood Blvd");
}

BOOST_AUTO_TEST_CASE(rfc_replace_attributes_without_path) {
    auto r = patch_user(user(), R"([{"op":"replace","value":{"emails":[
        {"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}],
        "nickname":"Babs"}}])");
    BOOST_TEST(r.attributes["emails"].size() == 2u);
    BOOST_TEST(r.attributes["nickName"].asString() == "Babs");
    BOOST_TEST(!r.changed);  // the same values as before

    auto other = patch_user(user(), R"([{"op":"replace","value":{"emails":[{"value":"x@example.com"}]}}])");
    BOOST_TEST_REQUIRE(other.attributes["emails"].size() == 1u);
    BOOST_TEST(other.attributes["emails"][0]["value"].asString() == "x@example.com");
}

BOOST_AUTO_TEST_CASE(replace_of_a_complex_value_keeps_unspecified_sub_attributes) {
    auto r = patch_user(user(), R"([{"op":"replace","path":"name","value":{"givenName":"Barb"}}])");
    BOOST_TEST(r.attributes["name"]["givenName"].asString() == "Barb");
    BOOST_TEST(r.attributes["name"]["familyName"].asString() == "Jensen");
}

BOOST_AUTO_TEST_CASE(replace_with_null_removes) {
    auto r = patch_user(user(), R"([{"op":"replace","path":"nickName","value":null},
        {"op":"replace","value":{"name":null,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":null}}])");
    BOOST_TEST(!r.attributes.isMember("nickName"));
    BOOST_TEST(!r.attributes.isMember("name"));
    BOOST_TEST(!r.attributes.isMember(kEnterprise));
}

BOOST_AUTO_TEST_CASE(replace_with_a_non_matching_equality_filter_adds_a_value) {
    auto r = patch_user(user(), R"([{"op":"replace","path":"phoneNumbers[type eq \"mobile\"]",
        "value":{"value":"tel:+1-201-555-0123"}}])");
    BOOST_TEST_REQUIRE(r.attributes["phoneNumbers"].size() == 1u);
    BOOST_TEST(r.attributes["phoneNumbers"][0]["type"].asString() == "mobile");
    BOOST_TEST(r.attributes["phoneNumbers"][0]["value"].asString() == "tel:+1-201-555-0123");
}

// ---- path forms ----

BOOST_AUTO_TEST_CASE(every_path_form_is_understood) {
    auto r = patch_user(user(), R"([
        {"op":"replace","path":"displayName","value":"Babs"},
        {"op":"replace","path":"name.familyName","value":"Jensen-Smith"},
        {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"42"},
        {"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:title","value":"Tour Guide"},
        {"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value","value":"m-1"},
        {"op":"replace","path":"emails[type eq \"home\"]","value":{"value":"babs@home.org","type":"home"}},
        {"op":"replace","path":"emails[type eq \"work\"].display","value":"Work mail"}])");
    const Json::Value& a = r.attributes;
    BOOST_TEST(a["displayName"].asString() == "Babs");
    BOOST_TEST(a["name"]["familyName"].asString() == "Jensen-Smith");
    BOOST_TEST(a["name"]["givenName"].asString() == "Barbara");
    BOOST_TEST(a[kEnterprise]["employeeNumber"].asString() == "42");
    BOOST_TEST(a[kEnterprise]["department"].asString() == "Tour");
    BOOST_TEST(a[kEnterprise]["manager"]["value"].asString() == "m-1");
    BOOST_TEST(a["title"].asString() == "Tour Guide");
    BOOST_TEST(a["emails"][1]["value"].asString() == "babs@home.org");
    BOOST_TEST(a["emails"][0]["display"].asString() == "Work mail");
    BOOST_TEST(a["emails"][0]["value"].asString() == "bjensen@example.com");
}

BOOST_AUTO_TEST_CASE(a_path_naming_an_extension_takes_its_attributes) {
    auto r = patch_user(user(), R"([{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        "value":{"costCenter":"4130","manager":{"value":"m-1"}}}])");
    BOOST_TEST(r.attributes[kEnterprise]["costCenter"].asString() == "4130");
    BOOST_TEST(r.attributes[kEnterprise]["employeeNumber"].asString() == "701984");
    BOOST_TEST(r.attributes[kEnterprise]["manager"]["value"].asString() == "m-1");

    auto removed = patch_user(user(), R"([{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}])");
    BOOST_TEST(!removed.attributes.isMember(kEnterprise));
}

BOOST_AUTO_TEST_CASE(a_sub_attribute_of_a_multi_valued_attribute_applies_to_every_value) {
    auto r = patch_user(user(), R"([{"op":"replace","path":"addresses.country","value":"US"}])");
    BOOST_TEST(r.attributes["addresses"][0]["country"].asString() == "US");
    BOOST_TEST(r.attributes["addresses"][1]["country"].asString() == "US");
    auto created = patch_user(json(R"({"userName":"u"})"), R"([{"op":"add","path":"emails.value","value":"u@x.org"}])");
    BOOST_TEST(created.attributes["emails"][0]["value"].asString() == "u@x.org");
}

// ---- primary ----

BOOST_AUTO_TEST_CASE(making_a_value_primary_clears_the_others) {
    auto added = patch_user(user(), R"([{"op":"add","path":"emails","value":[
        {"value":"new@example.com","type":"other","primary":true}]}])");
    const Json::Value& emails = added.attributes["emails"];
    BOOST_TEST_REQUIRE(emails.size() == 3u);
    BOOST_TEST(!emails[0].isMember("primary"));
    BOOST_TEST(emails[2]["primary"].asBool() == true);

    auto switched = patch_user(user(), R"([{"op":"replace","path":"emails[type eq \"home\"].primary","value":true}])");
    BOOST_TEST(!switched.attributes["emails"][0].isMember("primary"));
    BOOST_TEST(switched.attributes["emails"][1]["primary"].asBool() == true);

    // Two primaries in one value stay refused (RFC 7643 §2.4).
    check_error([] { patch_user(user(), R"([{"op":"add","path":"emails","value":[
        {"value":"a@x.org","primary":true},{"value":"b@x.org","primary":true}]}])"); },
                "invalidValue", "Operations[0]: ");
}

// ---- read-only, immutable, write-only ----

BOOST_AUTO_TEST_CASE(read_only_attributes_cannot_change) {
    check_error([] { patch_user(user(), R"([{"op":"replace","path":"id","value":"other"}])"); }, "mutability",
                "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"remove","path":"id"}])"); }, "mutability", "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"add","path":"groups","value":[{"value":"g1"}]}])"); }, "mutability",
                "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"replace","path":"meta.created","value":"2020-01-01T00:00:00Z"}])"); },
                "mutability", "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"replace","value":{"id":"other","displayName":"x"}}])"); },
                "mutability", "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"replace",
        "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName","value":"Boss"}])"); },
                "mutability", "Operations[0]: ");
}

BOOST_AUTO_TEST_CASE(schemas_may_be_restated_but_not_changed) {
    auto r = patch_user(user(), R"([{"op":"replace","value":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"nickName":"B"}}])");
    BOOST_TEST(r.attributes["nickName"].asString() == "B");
    BOOST_TEST(!r.attributes.isMember("schemas"));
    check_error([] { patch_user(user(), R"([{"op":"replace","value":{"schemas":["urn:x"]}}])"); }, "mutability",
                "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"add","path":"schemas","value":["urn:x"]}])"); }, "mutability",
                "Operations[0]: ");
}

BOOST_AUTO_TEST_CASE(an_extension_left_without_attributes_disappears) {
    auto r = patch_user(user(), R"([{"op":"remove","path":"department"},
        {"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"}])");
    BOOST_TEST(!r.attributes.isMember(kEnterprise));
    BOOST_TEST(r.attributes["userName"].asString() == "bjensen");
}

BOOST_AUTO_TEST_CASE(okta_group_rename_restating_its_own_id_is_accepted) {
    auto r = patch_group(group_without_members(),
                         R"([{"op":"replace","value":{"id":")" + kGroupId + R"(","displayName":"New name"}}])", kDeferred);
    BOOST_TEST(r.attributes["displayName"].asString() == "New name");
    BOOST_TEST(!r.attributes.isMember("id"));
    BOOST_TEST(r.deferred.empty());
    BOOST_TEST(r.changed);
}

BOOST_AUTO_TEST_CASE(immutable_values_may_be_set_once_but_not_changed) {
    // RFC 7643 §4.2: sub-attributes of members are immutable.
    auto set = patch_group(json(R"({"displayName":"g","members":[{"value":"u1"}]})"),
                           R"([{"op":"add","path":"members[value eq \"u1\"].display","value":"User One"}])");
    BOOST_TEST(set.attributes["members"][0]["display"].asString() == "User One");

    check_error([] { patch_group(group_with_members(), R"([{"op":"replace",
        "path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"].display","value":"Other"}])"); },
                "mutability", "Operations[0]: ");
    check_error([] { patch_group(group_with_members(), R"([{"op":"replace",
        "path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"]","value":{"value":"someone-else"}}])"); },
                "mutability", "Operations[0]: ");
    check_error([] { patch_group(group_with_members(), R"([{"op":"remove",
        "path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"].type"}])"); },
                "mutability", "Operations[0]: ");
    // Restating the same value is no change.
    auto same = patch_group(group_with_members(), R"([{"op":"replace",
        "path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"].display","value":"Babs Jensen"}])");
    BOOST_TEST(!same.changed);
}

BOOST_AUTO_TEST_CASE(password_is_returned_apart_and_never_stored) {
    auto r = patch_user(user(), R"([{"op":"replace","path":"password","value":"t1meMa$heen"}])");
    BOOST_TEST_REQUIRE(r.password.has_value());
    BOOST_TEST(*r.password == "t1meMa$heen");
    BOOST_TEST(!r.attributes.isMember("password"));
    BOOST_TEST(r.changed);

    auto no_path = patch_user(user(), R"([{"op":"add","value":{"password":"p2"}}])");
    BOOST_TEST(no_path.password.value() == "p2");
    BOOST_TEST((no_path.attributes == user()));

    check_error([] { patch_user(user(), R"([{"op":"remove","path":"password"}])"); }, "mutability", "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"replace","path":"password","value":5}])"); }, "invalidValue",
                "Operations[0]: ");
}

// ---- errors ----

BOOST_AUTO_TEST_CASE(remove_without_path_is_no_target) {
    check_error([] { patch_user(user(), R"([{"op":"remove"}])"); }, "noTarget", "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"remove","value":{"nickName":"Babs"}}])"); }, "noTarget",
                "Operations[0]: ");
}

BOOST_AUTO_TEST_CASE(bad_paths_are_invalid_path) {
    check_error([] { patch_user(user(), R"([{"op":"replace","path":"nickname2","value":"x"}])"); }, "invalidPath",
                "Operations[0]: Unknown attribute 'nickname2'");
    check_error([] { patch_user(user(), R"([{"op":"remove","path":"emails[type eq]"}])"); }, "invalidPath",
                "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"replace","value":{"nope":"x"}}])"); }, "invalidPath",
                "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"replace","value":{"emails[type eq \"work\"].value":"x"}}])"); },
                "invalidPath", "Operations[0]: ");
}

BOOST_AUTO_TEST_CASE(deferred_attributes_take_no_other_filter_or_sub_attribute) {
    check_error([] { patch_group(group_without_members(), R"([{"op":"remove","path":"members[display eq \"x\"]"}])",
                                 kDeferred); },
                "invalidPath", "Operations[0]: ");
    check_error([] { patch_group(group_without_members(), R"([{"op":"replace","path":"members[value eq \"x\"]",
        "value":{"value":"y"}}])", kDeferred); },
                "invalidPath", "Operations[0]: ");
    check_error([] { patch_group(group_without_members(), R"([{"op":"replace","path":"members.display","value":"x"}])",
                                 kDeferred); },
                "invalidPath", "Operations[0]: ");
}

BOOST_AUTO_TEST_CASE(wrong_value_types_are_invalid_value) {
    check_error([] { patch_user(user(), R"([{"op":"replace","path":"active","value":3}])"); }, "invalidValue",
                "Operations[0]: Attribute 'active' must be a boolean");
    check_error([] { patch_user(user(), R"([{"op":"add","path":"emails","value":[{"value":5}]}])"); }, "invalidValue",
                "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"replace","path":"name","value":"Babs"}])"); }, "invalidValue",
                "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"replace","value":"Babs"}])"); }, "invalidValue", "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"replace","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":"x"}}])"); },
                "invalidValue", "Operations[0]: ");
}

BOOST_AUTO_TEST_CASE(required_attributes_cannot_be_taken_away) {
    // RFC 7644 §3.5.2.2: removing a required attribute is "mutability".
    check_error([] { patch_user(user(), R"([{"op":"remove","path":"userName"}])"); }, "mutability",
                "Operations[0]: Attribute 'userName' is required");
    check_error([] { patch_user(user(), R"([{"op":"replace","value":{"userName":null}}])"); }, "mutability",
                "Operations[0]: ");
    check_error([] { patch_group(group_without_members(), R"([{"op":"remove","path":"displayName"}])"); },
                "mutability", "Operations[0]: ");
    // An empty value is no value: the whole-resource validation refuses it.
    check_error([] { patch_user(user(), R"([{"op":"replace","path":"userName","value":""}])"); }, "invalidValue",
                "Operations[0]: Attribute 'userName' is required");
}

BOOST_AUTO_TEST_CASE(replace_with_a_non_matching_non_equality_filter_is_no_target) {
    check_error([] { patch_user(user(), R"([{"op":"replace","path":"emails[value co \"nowhere\"].type","value":"other"}])"); },
                "noTarget", "Operations[0]: ");
    check_error([] { patch_user(user(), R"([{"op":"replace","path":"emails[type eq \"other\" or type eq \"x\"]",
        "value":{"value":"a@b.c"}}])"); },
                "noTarget", "Operations[0]: ");
}

BOOST_AUTO_TEST_CASE(operations_are_all_or_nothing) {
    const Json::Value input = user();
    const Json::Value copy = input;
    try {
        apply_patch(registry(), type("User"), kUserId, input,
                    operations(R"([{"op":"replace","path":"nickName","value":"B"},
                        {"op":"remove","path":"emails"},{"op":"replace","path":"active","value":"maybe"}])"));
        BOOST_ERROR("no error");
    } catch (const ScimError& e) {
        BOOST_TEST(e.scim_type() == "invalidValue");
        BOOST_TEST(e.detail().rfind("Operations[2]: ", 0) == 0u, e.detail());
    }
    BOOST_TEST((input == copy));
}

BOOST_AUTO_TEST_CASE(a_patch_that_changes_nothing_says_so) {
    auto r = patch_user(user(), R"([{"op":"replace","path":"active","value":true},
        {"op":"replace","path":"name.givenName","value":"Barbara"}])");
    BOOST_TEST(!r.changed);
    BOOST_TEST((r.attributes == user()));
    BOOST_TEST(!r.password.has_value());
    BOOST_TEST(r.deferred.empty());
}

// ---- Okta ----

BOOST_AUTO_TEST_CASE(okta_deactivates_with_a_path_less_replace) {
    auto r = patch_user(user(), R"([{"op":"replace","value":{"active":false}}])");
    BOOST_TEST(r.attributes["active"].asBool() == false);
    BOOST_TEST(r.attributes["userName"].asString() == "bjensen");
    BOOST_TEST(r.attributes["externalId"].asString() == "ext-1");
    BOOST_TEST(r.changed);
}

BOOST_AUTO_TEST_CASE(okta_adds_members_normalized_and_without_duplicates) {
    auto r = patch_group(group_without_members(), R"([{"op":"add","path":"members","value":[
        {"value":"u1","display":"User One"},{"VALUE":"u2"},{"value":"u1","display":"User One"}]},
        {"op":"add","path":"members","value":[{"value":"u2"},{"value":"u3"}]}])",
                         kDeferred);
    BOOST_TEST_REQUIRE(r.deferred.size() == 2u);
    BOOST_TEST_REQUIRE(r.deferred[0].values.size() == 2u);
    BOOST_TEST(r.deferred[0].values[0]["display"].asString() == "User One");
    BOOST_TEST(r.deferred[0].values[1]["value"].asString() == "u2");  // canonical name
    BOOST_TEST_REQUIRE(r.deferred[1].values.size() == 1u);
    BOOST_TEST(r.deferred[1].values[0]["value"].asString() == "u3");
}

// ---- Microsoft Entra ID ----

BOOST_AUTO_TEST_CASE(entra_capitalized_ops_and_string_booleans) {
    auto r = patch_user(user(), R"([{"op":"Replace","path":"active","value":"False"},
        {"op":"Add","path":"title","value":"Guide"},{"op":"Remove","path":"nickName"}])");
    BOOST_TEST(r.attributes["active"].isBool());
    BOOST_TEST(r.attributes["active"].asBool() == false);
    BOOST_TEST(r.attributes["title"].asString() == "Guide");
    BOOST_TEST(!r.attributes.isMember("nickName"));
}

BOOST_AUTO_TEST_CASE(entra_dotted_and_urn_keys_in_a_path_less_value) {
    auto r = patch_user(user(), R"([{"op":"Replace","value":{"name.givenName":"X",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Y","active":"True"}}])");
    BOOST_TEST(r.attributes["name"]["givenName"].asString() == "X");
    BOOST_TEST(r.attributes["name"]["familyName"].asString() == "Jensen");
    BOOST_TEST(r.attributes[kEnterprise]["department"].asString() == "Y");
    BOOST_TEST(r.attributes[kEnterprise]["employeeNumber"].asString() == "701984");
    BOOST_TEST(r.attributes["active"].asBool() == true);
}

BOOST_AUTO_TEST_CASE(entra_removes_only_the_members_it_lists) {
    const std::string ops = R"([{"op":"Remove","path":"members","value":[
        {"value":"2819c223-7f76-453a-919d-413861904646"}]}])";
    auto held = patch_group(group_with_members(), ops);
    BOOST_TEST_REQUIRE(held.attributes["members"].size() == 1u);
    BOOST_TEST(held.attributes["members"][0]["value"].asString() == "902c246b-6245-4190-8e05-00816be7344a");

    auto deferred = patch_group(group_without_members(), ops, kDeferred);
    BOOST_TEST_REQUIRE(deferred.deferred.size() == 1u);
    BOOST_TEST((deferred.deferred[0].kind == DeferredChange::Kind::Remove));
    BOOST_TEST_REQUIRE(deferred.deferred[0].values.size() == 1u);
    BOOST_TEST(deferred.deferred[0].values[0]["value"].asString() == "2819c223-7f76-453a-919d-413861904646");

    // A value that names nothing never empties the group.
    auto none = patch_group(group_with_members(), R"([{"op":"Remove","path":"members","value":[{"value":"nobody"}]}])");
    BOOST_TEST(none.attributes["members"].size() == 2u);
    BOOST_TEST(!none.changed);
    check_error([] { patch_group(group_with_members(), R"([{"op":"Remove","path":"members","value":[{"display":"x"}]}])"); },
                "invalidValue", "Operations[0]: ");
}

BOOST_AUTO_TEST_CASE(entra_adds_and_replaces_the_manager_in_its_own_shapes) {
    auto added = patch_user(user(), R"([{"op":"Add","path":"manager","value":[{"$ref":null,"value":"boss-1"}]}])");
    BOOST_TEST(added.attributes[kEnterprise]["manager"]["value"].asString() == "boss-1");
    BOOST_TEST(!added.attributes[kEnterprise]["manager"].isMember("$ref"));

    auto replaced = patch_user(added.attributes, R"([{"op":"Replace",
        "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"boss-2"}])");
    BOOST_TEST(replaced.attributes[kEnterprise]["manager"]["value"].asString() == "boss-2");

    auto removed = patch_user(replaced.attributes, R"([{"op":"Remove","path":"manager"}])");
    BOOST_TEST(!removed.attributes[kEnterprise].isMember("manager"));
}

BOOST_AUTO_TEST_CASE(entra_filtered_replace_creates_the_missing_work_email) {
    auto r = patch_user(json(R"({"userName":"u","emails":[{"value":"u@home.org","type":"home","primary":true}]})"),
                        R"([{"op":"Replace","path":"emails[type eq \"work\"].value","value":"a@b.c"}])");
    const Json::Value& emails = r.attributes["emails"];
    BOOST_TEST_REQUIRE(emails.size() == 2u);
    BOOST_TEST(emails[1]["type"].asString() == "work");
    BOOST_TEST(emails[1]["value"].asString() == "a@b.c");

    // Once there, the same operation updates it.
    auto again = patch_user(r.attributes, R"([{"op":"Replace","path":"emails[type eq \"work\"].value","value":"d@e.f"}])");
    BOOST_TEST(again.attributes["emails"].size() == 2u);
    BOOST_TEST(again.attributes["emails"][1]["value"].asString() == "d@e.f");
}

BOOST_AUTO_TEST_CASE(members_in_a_path_less_value_follow_the_same_rules) {
    auto r = patch_group(group_without_members(), R"([{"op":"replace","value":{"displayName":"New",
        "members":[{"value":"u1"}]}},{"op":"add","value":{"members":{"value":"u2"}}}])",
                         kDeferred);
    BOOST_TEST(r.attributes["displayName"].asString() == "New");
    BOOST_TEST(!r.attributes.isMember("members"));
    BOOST_TEST_REQUIRE(r.deferred.size() == 2u);
    BOOST_TEST((r.deferred[0].kind == DeferredChange::Kind::ReplaceAll));
    BOOST_TEST((r.deferred[1].kind == DeferredChange::Kind::Add));
    BOOST_TEST(r.deferred[1].values[0]["value"].asString() == "u2");
}

BOOST_AUTO_TEST_SUITE_END()
