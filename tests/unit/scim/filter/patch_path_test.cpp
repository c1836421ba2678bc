// PATCH paths against RFC 7644 §3.5.2 (PATH = attrPath / valuePath [subAttr]) and the
// path examples of §3.5.2.1–§3.5.2.3; every failure is invalidPath.
#include "scim/filter/patch_path.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "scim/error.h"
#include "scim/filter/parser.h"
#include "scim/schema/registry.h"

namespace {

using scim::ScimError;
using scim::filter::parse_patch_path;
using scim::filter::PatchPath;
using scim::schema::Registry;
using scim::schema::ResourceType;
namespace urn = scim::schema::urn;

const Registry& registry() {
    static const Registry instance = Registry::standard();
    return instance;
}

const ResourceType& type(std::string_view name) {
    const ResourceType* found = registry().resource_type(name);
    BOOST_REQUIRE(found != nullptr);
    return *found;
}

struct Valid {
    std::string path;
    std::string_view schema;
    std::string attribute;
    std::string sub_attribute;
    bool has_filter;
    std::string value_sub_attribute;
};

void check_valid(const std::vector<Valid>& cases, std::string_view type_name) {
    for (const Valid& c : cases) {
        try {
            PatchPath parsed = parse_patch_path(c.path, registry(), type(type_name));
            BOOST_TEST(parsed.path.schema == c.schema, c.path);
            BOOST_TEST(parsed.path.attribute == c.attribute, c.path);
            BOOST_TEST(parsed.path.sub_attribute == c.sub_attribute, c.path);
            BOOST_TEST(parsed.path.attribute_def != nullptr, c.path);
            BOOST_TEST((parsed.path.sub_def != nullptr) == !c.sub_attribute.empty(), c.path);
            BOOST_TEST((parsed.value_filter != nullptr) == c.has_filter, c.path);
            BOOST_TEST(parsed.value_sub_attribute == c.value_sub_attribute, c.path);
            BOOST_TEST((parsed.value_sub_def != nullptr) == !c.value_sub_attribute.empty(), c.path);
        } catch (const ScimError& e) {
            BOOST_ERROR(c.path << " -> " << e.detail());
        }
    }
}

struct Invalid {
    std::string path;
    std::string fragment;
};

void check_invalid(const std::vector<Invalid>& cases, std::string_view type_name) {
    for (const Invalid& c : cases) {
        try {
            parse_patch_path(c.path, registry(), type(type_name));
            BOOST_ERROR("no error for: " << c.path);
        } catch (const ScimError& e) {
            BOOST_TEST(e.scim_type() == "invalidPath", c.path << " -> " << e.detail());
            BOOST_TEST(e.status() == 400, c.path);
            BOOST_TEST(e.detail().find(c.fragment) != std::string::npos, c.path << " -> " << e.detail());
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(patch_path_test)

BOOST_AUTO_TEST_CASE(rfc7644_group_paths) {
    check_valid(
        {
            // §3.5.2.1 and §3.5.2.2: "members", members[value eq "..."].
            {"members", urn::kGroup, "members", "", false, ""},
            {R"(members[value eq "2819c223-7f76-453a-919d-413861904646"])", urn::kGroup, "members", "", true, ""},
            {"displayName", urn::kGroup, "displayName", "", false, ""},
            {R"(members[value eq "2819c223-7f76-453a-919d-413861904646"].display)", urn::kGroup, "members", "", true,
             "display"},
        },
        "Group");
}

BOOST_AUTO_TEST_CASE(rfc7644_user_paths) {
    check_valid(
        {
            {"name.givenName", urn::kUser, "name", "givenName", false, ""},
            {"name.familyName", urn::kUser, "name", "familyName", false, ""},
            {"userName", urn::kUser, "userName", "", false, ""},
            // The attribute itself, not its "value": PATCH replaces or removes all of emails.
            {"emails", urn::kUser, "emails", "", false, ""},
            {"name", urn::kUser, "name", "", false, ""},
            {"externalId", "", "externalId", "", false, ""},
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", urn::kEnterpriseUser, "manager", "",
             false, ""},
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", urn::kEnterpriseUser, "manager",
             "value", false, ""},
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", urn::kEnterpriseUser,
             "employeeNumber", "", false, ""},
            {"urn:ietf:params:scim:schemas:core:2.0:User:name.givenName", urn::kUser, "name", "givenName", false, ""},
            {R"(emails[type eq "work"])", urn::kUser, "emails", "", true, ""},
            {R"(emails[type eq "work"].value)", urn::kUser, "emails", "", true, "value"},
            // §3.5.2.2 and §3.5.2.3 examples.
            {R"(emails[type eq "work" and value ew "example.com"])", urn::kUser, "emails", "", true, ""},
            {R"(addresses[type eq "work"])", urn::kUser, "addresses", "", true, ""},
            {R"(addresses[type eq "work"].streetAddress)", urn::kUser, "addresses", "", true, "streetAddress"},
            {R"(urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value)", urn::kUser, "emails", "",
             true, "value"},
            {R"(groups[value eq "g"].$ref)", urn::kUser, "groups", "", true, "$ref"},
            // Names are case-insensitive and come back canonical.
            {R"(EMAILS[TYPE EQ "work"].VALUE)", urn::kUser, "emails", "", true, "value"},
            {"NAME.GIVENNAME", urn::kUser, "name", "givenName", false, ""},
            {R"(  emails[type eq "work"] .value )", urn::kUser, "emails", "", true, "value"},
        },
        "User");
}

BOOST_AUTO_TEST_CASE(value_filter_is_resolved_against_the_attribute) {
    PatchPath parsed = parse_patch_path(R"(emails[type eq "work" and primary eq true].display)", registry(), type("User"));
    BOOST_TEST_REQUIRE(parsed.value_filter != nullptr);
    const auto& both = std::get<scim::filter::And>(parsed.value_filter->expr);
    const auto& left = std::get<scim::filter::Comparison>(both.left->expr);
    BOOST_TEST(left.path.attribute == "emails");
    BOOST_TEST(left.path.sub_attribute == "type");
    BOOST_TEST(left.value.asString() == "work");
    const auto& right = std::get<scim::filter::Comparison>(both.right->expr);
    BOOST_TEST(right.path.sub_attribute == "primary");
    BOOST_TEST(right.value.asBool() == true);
    BOOST_TEST(parsed.value_sub_def->name == "display");
}

BOOST_AUTO_TEST_CASE(invalid_paths_are_invalid_path_naming_the_position) {
    check_invalid(
        {
            {"", "Path is empty"},
            {"  ", "Path is empty"},
            {"nickname2", "Unknown attribute 'nickname2' at position 0 in path"},
            {"name.nickName", "Unknown sub-attribute 'nickName' of 'name' at position 5"},
            {"userName.value", "'userName' has no sub-attributes"},
            {R"(members[value eq "x"])", "Unknown attribute 'members'"},
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "Unknown attribute"},
            {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:nope", "Unknown attribute"},
            // Only a multi-valued (complex) attribute has values to select.
            {R"(name[givenName eq "x"])", "'name' is not a multi-valued complex attribute, so it takes no value filter at position 4"},
            {R"(userName[value eq "x"])", "not a multi-valued complex attribute"},
            {R"(schemas[value eq "x"])", "not a multi-valued complex attribute"},
            {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq "x"])",
             "not a multi-valued complex attribute"},
            {R"(name.givenName[value eq "x"])", "A value filter follows an attribute, not a sub-attribute"},
            {R"(emails[type eq "work"].nope)", "Unknown sub-attribute 'nope' of 'emails' at position 23"},
            {R"(emails[nope eq "work"])", "Unknown sub-attribute 'nope' of 'emails' at position 7"},
            // The value filter follows the filter rules, reported as invalidPath.
            {R"(emails[primary co "x"])", "Operator 'co' is not valid for the boolean attribute 'emails.primary'"},
            {R"(emails[primary eq 5])", "must be compared with true or false"},
            {R"(emails[type eq])", "Expected a value"},
            {R"(emails[type eq "work" and emails[value eq "x"]])", "Value paths cannot be nested"},
            {R"(emails[type eq "work")", "Expected ']' but found the end of the path at position 21 in path"},
            {R"(emails[type eq "work"]])", "Unbalanced ']' at position 22"},
            {R"(emails[type eq "work"][value eq "x"])", "Expected the end of the path but found '['"},
            {R"(emails[type eq "work"].value.display)", "found '.display'"},
            {R"(emails[type eq "work"]value)", "found 'value'"},
            {R"(emails[type eq "work"].)", "Expected a sub-attribute name after '.' at position 23"},
            {R"(emails[])", "found ']' at position 7"},
            {R"(emails[type eq "wo)", "Unterminated string at position 15 in path"},
            {R"(emails.value eq "x")", "Expected the end of the path but found 'eq' at position 13"},
            {"emails.value name", "found 'name'"},
            {"(emails)", "Expected an attribute path but found '('"},
            {"eq", "Expected an attribute path but found 'eq'"},
            {".value", "Expected an attribute path"},
            {"name..givenName", "at position 5"},
            {R"(emails[type eq "work"] or emails[type eq "home"])", "found 'or'"},
            {std::string(scim::filter::kMaxFilterLength + 1, 'a'), "Path is longer than 8192 characters"},
        },
        "User");
}

BOOST_AUTO_TEST_SUITE_END()
