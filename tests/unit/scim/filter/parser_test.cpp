// The filter parser against RFC 7644 §3.4.2.2: every Figure 2 example with the tree the RFC
// means, precedence and grouping, case-insensitive names, type rules, limits and errors.
#include "scim/filter/parser.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "scim/error.h"
#include "scim/schema/registry.h"
#include "widget_registry.h"

namespace {

using scim::ScimError;
using scim::filter::AttrPath;
using scim::filter::CompareOp;
using scim::filter::Node;
using scim::filter::NodePtr;
using scim::filter::parse_filter;
using scim::schema::Attribute;
using scim::schema::Registry;
using scim::schema::ResourceType;
using scim::schema::Schema;
using scim::schema::Type;
namespace urn = scim::schema::urn;

using filter_test::kWidget;
using filter_test::registry;
using filter_test::simple;
using filter_test::type;

std::string show(const Json::Value& value) {
    switch (value.type()) {
        case Json::stringValue:
            return "\"" + value.asString() + "\"";
        case Json::booleanValue:
            return value.asBool() ? "true" : "false";
        case Json::intValue:
            return std::to_string(value.asInt64());
        case Json::realValue:
            return "real:" + std::to_string(value.asDouble());
        case Json::nullValue:
            return "null";
        default:
            return "?";
    }
}

std::string show(const AttrPath& path) {
    return path.sub_attribute.empty() ? path.attribute : path.attribute + "." + path.sub_attribute;
}

std::string show(CompareOp op) {
    constexpr const char* kNames[] = {"eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"};
    return kNames[static_cast<int>(op)];
}

// The tree as a compact S-expression: and(pr(title),eq(userType,"Employee")).
std::string show(const Node& node) {
    return std::visit(
        [](const auto& e) -> std::string {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, scim::filter::Presence>) {
                return "pr(" + show(e.path) + ")";
            } else if constexpr (std::is_same_v<E, scim::filter::Comparison>) {
                return show(e.op) + "(" + show(e.path) + "," + show(e.value) + ")";
            } else if constexpr (std::is_same_v<E, scim::filter::And>) {
                return "and(" + show(*e.left) + "," + show(*e.right) + ")";
            } else if constexpr (std::is_same_v<E, scim::filter::Or>) {
                return "or(" + show(*e.left) + "," + show(*e.right) + ")";
            } else if constexpr (std::is_same_v<E, scim::filter::Not>) {
                return "not(" + show(*e.operand) + ")";
            } else {
                return show(e.path) + "[" + show(*e.filter) + "]";
            }
        },
        node.expr);
}

// Every path in the tree, in order, value path attributes included.
void paths(const Node& node, std::vector<const AttrPath*>& out) {
    std::visit(
        [&](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, scim::filter::Presence> || std::is_same_v<E, scim::filter::Comparison>) {
                out.push_back(&e.path);
            } else if constexpr (std::is_same_v<E, scim::filter::And> || std::is_same_v<E, scim::filter::Or>) {
                paths(*e.left, out);
                paths(*e.right, out);
            } else if constexpr (std::is_same_v<E, scim::filter::Not>) {
                paths(*e.operand, out);
            } else {
                out.push_back(&e.path);
                paths(*e.filter, out);
            }
        },
        node.expr);
}

struct Valid {
    std::string filter;
    std::string tree;
};

void check_valid(const std::vector<Valid>& cases, std::string_view type_name) {
    for (const Valid& c : cases) {
        try {
            NodePtr node = parse_filter(c.filter, registry(), type(type_name));
            BOOST_TEST(show(*node) == c.tree, c.filter);
        } catch (const ScimError& e) {
            BOOST_ERROR(c.filter << " -> " << e.detail());
        }
    }
}

struct Invalid {
    std::string filter;
    std::string fragment;  // part of the detail, e.g. "at position 9"
};

void check_invalid(const std::vector<Invalid>& cases, std::string_view type_name) {
    for (const Invalid& c : cases) {
        try {
            parse_filter(c.filter, registry(), type(type_name));
            BOOST_ERROR("no error for: " << c.filter);
        } catch (const ScimError& e) {
            BOOST_TEST(e.scim_type() == "invalidFilter", c.filter);
            BOOST_TEST(e.status() == 400, c.filter);
            BOOST_TEST(e.detail().find(c.fragment) != std::string::npos, c.filter << " -> " << e.detail());
        }
    }
}

std::string repeat(std::string_view text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += text;
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(parser_test)

BOOST_AUTO_TEST_CASE(rfc7644_figure2_examples_parse_to_the_meant_tree) {
    check_valid(
        {
            {R"(userName eq "bjensen")", R"(eq(userName,"bjensen"))"},
            {R"(name.familyName co "O'Malley")", R"(co(name.familyName,"O'Malley"))"},
            {R"(userName sw "J")", R"(sw(userName,"J"))"},
            {R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J")", R"(sw(userName,"J"))"},
            {"title pr", "pr(title)"},
            {R"(meta.lastModified gt "2011-05-13T04:42:34Z")", R"(gt(meta.lastModified,"2011-05-13T04:42:34Z"))"},
            {R"(meta.lastModified ge "2011-05-13T04:42:34Z")", R"(ge(meta.lastModified,"2011-05-13T04:42:34Z"))"},
            {R"(meta.lastModified lt "2011-05-13T04:42:34Z")", R"(lt(meta.lastModified,"2011-05-13T04:42:34Z"))"},
            {R"(meta.lastModified le "2011-05-13T04:42:34Z")", R"(le(meta.lastModified,"2011-05-13T04:42:34Z"))"},
            {R"(title pr and userType eq "Employee")", R"(and(pr(title),eq(userType,"Employee")))"},
            {R"(title pr or userType eq "Intern")", R"(or(pr(title),eq(userType,"Intern")))"},
            {R"(schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")",
             R"(eq(schemas,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"))"},
            // "emails co" is emails.value: both sides of the "or" test the same sub-attribute.
            {R"(userType eq "Employee" and (emails co "example.com" or emails.value co "example.org"))",
             R"(and(eq(userType,"Employee"),or(co(emails.value,"example.com"),co(emails.value,"example.org"))))"},
            {R"(userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org"))",
             R"(and(ne(userType,"Employee"),not(or(co(emails.value,"example.com"),co(emails.value,"example.org")))))"},
            {R"(userType eq "Employee" and (emails.type eq "work"))",
             R"(and(eq(userType,"Employee"),eq(emails.type,"work")))"},
            {R"(userType eq "Employee" and emails[type eq "work" and value co "@example.com"])",
             R"(and(eq(userType,"Employee"),emails[and(eq(emails.type,"work"),co(emails.value,"@example.com"))]))"},
            {R"(emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"])",
             R"(or(emails[and(eq(emails.type,"work"),co(emails.value,"@example.com"))],)"
             R"(ims[and(eq(ims.type,"xmpp"),co(ims.value,"@foo.com"))]))"},
            // §3.4.2.2: "the following two expressions will evaluate to the same logical value".
            {R"(userName Eq "john")", R"(eq(userName,"john"))"},
            {R"(Username eq "john")", R"(eq(userName,"john"))"},
            // §3.4.3 (POST .search) example.
            {R"(displayName sw "smith")", R"(sw(displayName,"smith"))"},
        },
        "User");
}

BOOST_AUTO_TEST_CASE(precedence_not_then_and_then_or_left_to_right) {
    check_valid(
        {
            {R"(title pr or userType eq "Intern" and active eq true)",
             R"(or(pr(title),and(eq(userType,"Intern"),eq(active,true))))"},
            {R"(title pr and userType eq "Intern" or active eq true)",
             R"(or(and(pr(title),eq(userType,"Intern")),eq(active,true)))"},
            {"title pr and nickName pr and locale pr", "and(and(pr(title),pr(nickName)),pr(locale))"},
            {"title pr or nickName pr or locale pr", "or(or(pr(title),pr(nickName)),pr(locale))"},
            {"(title pr or nickName pr) and locale pr", "and(or(pr(title),pr(nickName)),pr(locale))"},
            {"not (title pr) and locale pr", "and(not(pr(title)),pr(locale))"},
            {"not (title pr or nickName pr)", "not(or(pr(title),pr(nickName)))"},
            {"not (not (title pr))", "not(not(pr(title)))"},
            {"((title pr))", "pr(title)"},
            {R"(emails[not (type eq "work")])", R"(emails[not(eq(emails.type,"work"))])"},
            {R"(emails[(type eq "work" or type eq "home") and primary eq true])",
             R"(emails[and(or(eq(emails.type,"work"),eq(emails.type,"home")),eq(emails.primary,true))])"},
        },
        "User");
}

BOOST_AUTO_TEST_CASE(names_operators_and_keywords_in_any_case_and_spacing) {
    check_valid(
        {
            {R"(userName EQ "x")", R"(eq(userName,"x"))"},
            {R"(USERNAME eq "x")", R"(eq(userName,"x"))"},
            {R"(NAME.FAMILYNAME co "x")", R"(co(name.familyName,"x"))"},
            {"TITLE PR AND ACTIVE EQ TRUE", "and(pr(title),eq(active,true))"},
            {"NOT (title pr) OR active Eq False", "or(not(pr(title)),eq(active,false))"},
            {R"(EMAILS[TYPE eq "work"])", R"(emails[eq(emails.type,"work")])"},
            {R"(URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:userName eq "x")", R"(eq(userName,"x"))"},
            {"  title   pr  ", "pr(title)"},
            {"\ttitle pr\r\nand\nlocale pr", "and(pr(title),pr(locale))"},
            {R"(not(title pr))", "not(pr(title))"},
            {R"((userName eq"x")or(title pr))", R"(or(eq(userName,"x"),pr(title)))"},
        },
        "User");
}

BOOST_AUTO_TEST_CASE(string_escapes_reach_the_value) {
    NodePtr node = parse_filter(R"(userName eq "a\"b\\c\u00e9")", registry(), type("User"));
    const auto& comparison = std::get<scim::filter::Comparison>(node->expr);
    BOOST_TEST(comparison.value.asString() == "a\"b\\c\xC3\xA9");
}

BOOST_AUTO_TEST_CASE(paths_are_canonical_and_carry_schema_and_definitions) {
    NodePtr node = parse_filter(R"(urn:ietf:params:scim:schemas:core:2.0:User:name.familyName co "O'Malley")",
                                registry(), type("User"));
    BOOST_TEST(show(*node) == R"(co(name.familyName,"O'Malley"))");
    std::vector<const AttrPath*> found;
    paths(*node, found);
    BOOST_TEST_REQUIRE(found.size() == 1u);
    BOOST_TEST(found[0]->schema == urn::kUser);
    BOOST_TEST(found[0]->attribute_def->name == "name");
    BOOST_TEST(found[0]->sub_def->name == "familyName");
    BOOST_TEST(&found[0]->target() == found[0]->sub_def);

    struct Case {
        std::string filter;
        std::string_view schema;
        std::string path;
        Type target;
    };
    const std::vector<Case> cases = {
        {"userName pr", urn::kUser, "userName", Type::String},
        {"id pr", "", "id", Type::String},
        {"externalId pr", "", "externalId", Type::String},
        {R"(meta.created gt "2011-05-13T04:42:34Z")", "", "meta.created", Type::DateTime},
        {"meta.resourceType pr", "", "meta.resourceType", Type::String},
        {"schemas pr", "", "schemas", Type::Reference},
        {"active eq true", urn::kUser, "active", Type::Boolean},
        {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984")",
         urn::kEnterpriseUser, "employeeNumber", Type::String},
        {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915")",
         urn::kEnterpriseUser, "manager.value", Type::String},
        // A complex attribute without a sub-attribute means "value" (Figure 2, "emails co").
        {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager pr", urn::kEnterpriseUser,
         "manager.value", Type::String},
        {"emails pr", urn::kUser, "emails.value", Type::String},
        {R"(photos eq "https://photos.example.com/profilephoto/72930000000Ccne/F")", urn::kUser, "photos.value",
         Type::Reference},
        {"groups.$ref pr", urn::kUser, "groups.$ref", Type::Reference},
        {R"(x509Certificates.value co "MII")", urn::kUser, "x509Certificates.value", Type::Binary},
    };
    for (const Case& c : cases) {
        NodePtr parsed = parse_filter(c.filter, registry(), type("User"));
        std::vector<const AttrPath*> all;
        paths(*parsed, all);
        BOOST_TEST_REQUIRE(all.size() == 1u, c.filter);
        BOOST_TEST(all[0]->schema == c.schema, c.filter);
        BOOST_TEST(show(*all[0]) == c.path, c.filter);
        BOOST_TEST((all[0]->target().type == c.target), c.filter);
    }
}

BOOST_AUTO_TEST_CASE(value_path_inner_paths_are_sub_attributes_of_the_outer_attribute) {
    NodePtr node = parse_filter(R"(emails[type eq "work" and value co "@example.com"])", registry(), type("User"));
    std::vector<const AttrPath*> all;
    paths(*node, all);
    BOOST_TEST_REQUIRE(all.size() == 3u);
    BOOST_TEST(show(*all[0]) == "emails");
    BOOST_TEST(all[0]->sub_def == nullptr);
    for (const AttrPath* inner : {all[1], all[2]}) {
        BOOST_TEST(inner->schema == urn::kUser);
        BOOST_TEST(inner->attribute == "emails");
        BOOST_TEST(inner->attribute_def == all[0]->attribute_def);
        BOOST_TEST(inner->sub_def != nullptr);
    }
    BOOST_TEST(all[1]->sub_attribute == "type");
    BOOST_TEST(all[2]->sub_attribute == "value");
}

BOOST_AUTO_TEST_CASE(single_valued_complex_attributes_take_a_value_filter) {
    // Decision: RFC 7644 §3.4.2.2 calls "[]" "complex attribute filter grouping"; a
    // single-valued complex attribute is a one-value group, so name[givenName eq "x"] is allowed.
    check_valid(
        {
            {R"(name[givenName eq "Barbara"])", R"(name[eq(name.givenName,"Barbara")])"},
            {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq "x" or displayName pr])",
             R"(manager[or(eq(manager.value,"x"),pr(manager.displayName))])"},
        },
        "User");
}

BOOST_AUTO_TEST_CASE(null_is_eq_or_ne_on_any_type) {
    check_valid(
        {
            {"userName eq null", "eq(userName,null)"},
            {"title ne null", "ne(title,null)"},
            {"active eq null", "eq(active,null)"},
            {"meta.created ne NULL", "ne(meta.created,null)"},
            {"emails eq null", "eq(emails.value,null)"},
        },
        "User");
}

BOOST_AUTO_TEST_CASE(group_filters) {
    check_valid(
        {
            {R"(displayName eq "Tour Guides")", R"(eq(displayName,"Tour Guides"))"},
            {R"(members[value eq "2819c223-7f76-453a-919d-413861904646"])",
             R"(members[eq(members.value,"2819c223-7f76-453a-919d-413861904646")])"},
            {R"(members.$ref co "/Users/")", R"(co(members.$ref,"/Users/"))"},
            {R"(members[$ref co "/Groups/" and type eq "Group"])",
             R"(members[and(co(members.$ref,"/Groups/"),eq(members.type,"Group"))])"},
            {R"(members eq "2819c223")", R"(eq(members.value,"2819c223"))"},
        },
        "Group");
}

BOOST_AUTO_TEST_CASE(numbers_dates_binary_by_attribute_type) {
    check_valid(
        {
            {"count gt 5", "gt(count,5)"},
            {"count eq -3", "eq(count,-3)"},
            {"count le 9223372036854775807", "le(count,9223372036854775807)"},
            {"ratio ge 1.5", "ge(ratio,real:1.500000)"},
            {"ratio lt 2", "lt(ratio,2)"},
            {"ratio eq 1e3", "eq(ratio,real:1000.000000)"},
            {"flag ne false", "ne(flag,false)"},
            {R"(when lt "2011-05-13T04:42:34.123+02:00")", R"(lt(when,"2011-05-13T04:42:34.123+02:00"))"},
            {R"(when ge "2011-05-13T04:42:34")", R"(ge(when,"2011-05-13T04:42:34"))"},
            {R"(blob sw "TUlJ")", R"(sw(blob,"TUlJ"))"},
            {R"(blob eq "TUlJ")", R"(eq(blob,"TUlJ"))"},
            {R"(tags co "x")", R"(co(tags,"x"))"},
            {R"(tags gt "x")", R"(gt(tags,"x"))"},
        },
        "Widget");
}

// Microsoft Entra ID's documentation and its SCIM validator send comparison values without
// quotes (`externalId eq jyoung`, `meta.created gt 2015-10-10T14:38:21.8617979-07:00`): a bare
// value takes the compared attribute's type; true, false and null keep their meaning.
BOOST_AUTO_TEST_CASE(unquoted_values_take_the_type_of_the_attribute) {
    check_valid(
        {
            {"externalId eq jyoung", R"(eq(externalId,"jyoung"))"},
            {"userName sw O", R"(sw(userName,"O"))"},
            {"name.familyName eq Employee", R"(eq(name.familyName,"Employee"))"},
            {"userName eq x@acme.com and active eq True", R"(and(eq(userName,"x@acme.com"),eq(active,true)))"},
            {"externalId eq 12345", R"(eq(externalId,"12345"))"},
            {"externalId eq 007", R"(eq(externalId,"007"))"},
            {"externalId eq -1.5e3", R"(eq(externalId,"-1.5e3"))"},
            {"meta.created gt 2015-10-10T14:38:21.8617979-07:00",
             R"(gt(meta.created,"2015-10-10T14:38:21.8617979-07:00"))"},
            {"meta.lastModified ge 2011-05-13T04:42:34Z", R"(ge(meta.lastModified,"2011-05-13T04:42:34Z"))"},
            {"(userName eq bjensen)", R"(eq(userName,"bjensen"))"},
            {"emails[type eq work and value eq x@acme.com]",
             R"(emails[and(eq(emails.type,"work"),eq(emails.value,"x@acme.com"))])"},
            {"externalId eq null", "eq(externalId,null)"},
            {"externalId ne NULL", "ne(externalId,null)"},
            {"userName eq caf\xC3\xA9", "eq(userName,\"caf\xC3\xA9\")"},
        },
        "User");
    check_valid({{"count gt 5", "gt(count,5)"}, {"flag eq FALSE", "eq(flag,false)"}}, "Widget");
    check_invalid(
        {
            {"userName eq true", "must be compared with a string"},
            {"active eq yes", "must be compared with true or false at position 10"},
            {"meta.created gt yesterday", "must be compared with a dateTime"},
            {"meta.created gt 2015-13-10T14:38:21Z", "must be compared with a dateTime"},
            {"meta.created gt 0000-01-01T00:00:00Z", "must be compared with a dateTime"},
            {R"(meta.created gt "0000-01-01T00:00:00Z")", "must be compared with a dateTime"},
            {"userName eq a\"b", "Unexpected character '\"' in an unquoted value; quote the value at position 13"},
            {"userName eq a(b)", "quote the value at position 13"},
            {"userName eq \xFF", "Value is not valid UTF-8 at position 12"},
            {"userName eq )", "Expected a value (a string, number, true, false or null) but found ')'"},
        },
        "User");
    check_invalid({{"count eq five", "must be compared with a whole number"}, {"ratio gt 1.5x", "must be compared with a number"}},
                  "Widget");
}

// Entra ID matches users on their work e-mail with a value path followed by a
// sub-attribute; it means one value meeting both conditions (RFC 7644 §3.4.2.2 valuePath).
BOOST_AUTO_TEST_CASE(value_path_followed_by_a_sub_attribute) {
    check_valid(
        {
            {R"(emails[type eq "work"].value eq "x@acme.com")",
             R"(emails[and(eq(emails.type,"work"),eq(emails.value,"x@acme.com"))])"},
            {R"(emails[type eq "work"].value pr)", R"(emails[and(eq(emails.type,"work"),pr(emails.value))])"},
            {R"(EMAILS[TYPE eq "work"].VALUE co "@acme" and active eq true)",
             R"(and(emails[and(eq(emails.type,"work"),co(emails.value,"@acme"))],eq(active,true)))"},
            {R"(addresses[type eq "work"].postalCode eq "98101")",
             R"(addresses[and(eq(addresses.type,"work"),eq(addresses.postalCode,"98101"))])"},
        },
        "User");
    check_invalid(
        {
            {R"(emails[type eq "work"].nope eq "x")", "Unknown sub-attribute 'nope' of 'emails' at position 23"},
            {R"(emails[type eq "work"].value)", "Expected an operator but found the end of the filter"},
            {R"(emails[type eq "work"].primary eq "x")", "must be compared with true or false"},
        },
        "User");
}

BOOST_AUTO_TEST_CASE(semantic_errors_are_invalid_filter) {
    check_invalid(
        {
            {R"(nickname2 eq "x")", "Unknown attribute 'nickname2' at position 0"},
            {R"(name.nickName eq "x")", "Unknown sub-attribute 'nickName' of 'name' at position 5"},
            {R"(userName.value eq "x")", "'userName' has no sub-attributes at position 9"},
            {R"(urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "x")", "Unknown attribute"},
            {R"(urn:ietf:params:scim:schemas:core:2.0:User:id eq "x")", "Unknown attribute"},
            {R"(urn:example:unknown:userName eq "x")", "Unknown attribute"},
            {R"(members[value eq "x"])", "Unknown attribute 'members'"},
            {R"(password2 pr)", "Unknown attribute"},
            {"active gt true", "Operator 'gt' is not valid for the boolean attribute 'active' at position 7"},
            {"active le false", "Operator 'le' is not valid"},
            {R"(active co "t")", "Operator 'co' is not valid for the boolean attribute 'active'"},
            {R"(meta.created sw "2011")", "Operator 'sw' is not valid for the dateTime attribute"},
            {R"(x509Certificates.value gt "MII")", "Operator 'gt' is not valid for the binary attribute"},
            {"userName eq true", "must be compared with a string"},
            {R"(active eq "true")", "must be compared with true or false at position 10"},
            {"active eq 1", "must be compared with true or false"},
            {R"(meta.created gt "not a date")", "must be compared with a dateTime"},
            {R"(meta.created gt "2011-02-29T00:00:00Z")", "must be compared with a dateTime"},
            {"meta.created gt 5", "must be compared with a dateTime"},
            {"userName gt null", "null can only be compared with 'eq' or 'ne' at position 12"},
            {"userName co null", "null can only be compared"},
            {"meta pr", "'meta' is complex: name one of its sub-attributes at position 0"},
            {R"(name eq "x")", "'name' is complex"},
            {R"(userName[value eq "x"])", "'userName' is not a complex attribute, so it takes no value filter"},
            {R"(emails.value[value eq "x"])", "not the sub-attribute 'emails.value'"},
            {R"(emails[emails.type eq "work"])", "Inside 'emails[...]' name a sub-attribute of 'emails' at position 7"},
            {R"(emails[urn:ietf:params:scim:schemas:core:2.0:User:type eq "work"])", "name a sub-attribute"},
            {R"(emails[nope eq "x"])", "Unknown sub-attribute 'nope' of 'emails' at position 7"},
            {R"(emails[type eq "work" and emails[value eq "x"]])", "Value paths cannot be nested at position 32"},
            {R"(emails[ims[value eq "x"]])", "Value paths cannot be nested"},
            {R"(emails[primary gt true])", "Operator 'gt' is not valid"},
        },
        "User");
    check_invalid(
        {
            {"count eq 1.5", "must be compared with a whole number at position 9"},
            {"count eq 1e2", "must be compared with a whole number"},
            {"count eq 9223372036854775808", "must be compared with a whole number"},
            {R"(count eq "1")", "must be compared with a whole number"},
            {R"(ratio eq "1.5")", "must be compared with a number"},
            {R"(count co "1")", "Operator 'co' is not valid for the integer attribute"},
            {R"(ratio sw 1)", "Operator 'sw' is not valid for the decimal attribute"},
            {R"(blob lt "x")", "Operator 'lt' is not valid for the binary attribute"},
            {R"(when eq "2011-05-13")", "must be compared with a dateTime"},
            {R"(userName eq "x")", "Unknown attribute 'userName'"},
        },
        "Widget");
}

BOOST_AUTO_TEST_CASE(syntax_errors_name_their_position) {
    check_invalid(
        {
            {"", "Filter is empty"},
            {"   ", "Filter is empty"},
            {R"(userName xx "x")", "Expected an operator but found 'xx' at position 9 in filter"},
            {R"(userName "x")", "Expected an operator but found '\"x\"' at position 9"},
            {"userName", "Expected an operator but found the end of the filter at position 8"},
            {"userName eq", "Expected a value (a string, number, true, false or null) but found the end of the filter at position 11"},
            {R"(eq "x")", "Expected an attribute path, '(' or 'not' but found 'eq' at position 0"},
            {R"(userName eq "x" and)", "Expected an attribute path, '(' or 'not' but found the end of the filter at position 19"},
            {R"(and userName eq "x")", "found 'and' at position 0"},
            {R"(userName eq "x" or or title pr)", "found 'or' at position 19"},
            {"()", "found ')' at position 1"},
            {"title pr and ()", "found ')' at position 14"},
            {R"((userName eq "x")", "Expected ')' but found the end of the filter at position 16"},
            {R"(((userName eq "x"))", "Expected ')' but found the end of the filter at position 18"},
            {R"(userName eq "x"))", "Unbalanced ')' at position 15"},
            {R"(userName eq "x"]))", "Unbalanced ']' at position 15"},
            {R"(emails[type eq "work")", "Expected ']' but found the end of the filter at position 21"},
            {R"(emails[type eq "work")])", "Expected ']' but found ')' at position 21"},
            {R"((emails[type eq "work"))", "Expected ']' but found ')' at position 22"},
            {R"(emails type eq "work"])", "Expected an operator but found 'type' at position 7"},
            {R"(emails[])", "found ']' at position 7"},
            {R"(userName eq "x" "y")", "Expected 'and', 'or' or the end of the filter but found '\"y\"' at position 16"},
            {"title pr userName", "Expected 'and', 'or' or the end of the filter but found 'userName' at position 9"},
            {R"(userName pr "x")", "found '\"x\"' at position 12"},
            {R"(emails[type eq "work"][value eq "x"])", "found '[' at position 22"},
            {"not title pr", "Expected '(' after 'not' but found 'title' at position 4"},
            {"title pr and not", "Expected '(' after 'not' but found the end of the filter at position 16"},
            {R"(userName eq "a\x")", "Invalid escape in string at position 14"},
            {R"(userName eq "\u00")", "Invalid \\u escape at position 13"},
            {R"(userName eq "\ud800")", "Unpaired surrogate in \\u escape at position 13"},
            {R"(userName eq "abc)", "Unterminated string at position 12"},
            {R"(userName eq 'abc')", "Unexpected character ''' in an unquoted value; quote the value at position 12"},
            {R"(userName == "abc")", "Unexpected character '=' at position 9"},
            {R"(name..givenName eq "x")", "at position 5"},
        },
        "User");
}

BOOST_AUTO_TEST_CASE(nesting_depth_is_limited_while_descending) {
    using scim::filter::kMaxDepth;
    const std::string deepest = repeat("(", kMaxDepth) + "title pr" + repeat(")", kMaxDepth);
    BOOST_TEST(show(*parse_filter(deepest, registry(), type("User"))) == "pr(title)");
    const std::string deepest_not = repeat("not (", kMaxDepth) + "title pr" + repeat(")", kMaxDepth);
    BOOST_CHECK_NO_THROW(parse_filter(deepest_not, registry(), type("User")));
    const std::string in_value_path =
        repeat("(", kMaxDepth - 1) + R"(emails[type eq "work"])" + repeat(")", kMaxDepth - 1);
    BOOST_CHECK_NO_THROW(parse_filter(in_value_path, registry(), type("User")));

    check_invalid(
        {
            {repeat("(", kMaxDepth + 1) + "title pr" + repeat(")", kMaxDepth + 1),
             "Nesting deeper than 32 levels at position 32"},
            {repeat("not (", kMaxDepth + 1) + "title pr" + repeat(")", kMaxDepth + 1), "Nesting deeper than 32 levels"},
            {repeat("(", kMaxDepth) + R"(emails[type eq "work"])" + repeat(")", kMaxDepth),
             "Nesting deeper than 32 levels at position 38"},
            {repeat("(", 4000), "Nesting deeper than 32 levels"},
            // Ten thousand levels: refused (by the length limit first), never a stack overflow.
            {repeat("(", 10000) + "title pr" + repeat(")", 10000), "Filter is longer than 8192 characters"},
            {repeat("not (", 10000) + "title pr" + repeat(")", 10000), "Filter is longer than 8192 characters"},
        },
        "User");
}

BOOST_AUTO_TEST_CASE(clauses_and_length_are_limited) {
    using scim::filter::kMaxClauses;
    using scim::filter::kMaxFilterLength;
    const std::string most = "title pr" + repeat(" or title pr", kMaxClauses - 1);
    BOOST_CHECK_NO_THROW(parse_filter(most, registry(), type("User")));
    const std::string too_many = most + " and locale pr";
    check_invalid({{too_many, "More than 200 attribute expressions at position " + std::to_string(most.size() + 5)}},
                  "User");
    check_invalid(
        {
            {R"(emails[type pr])" + repeat(R"( or emails[type pr])", kMaxClauses), "More than 200 attribute expressions"},
            {"title pr" + repeat(" or title pr", 10000 - 1), "Filter is longer than 8192 characters"},
        },
        "User");

    const std::string prefix = "userName eq \"";
    const std::string longest = prefix + std::string(kMaxFilterLength - prefix.size() - 1, 'a') + "\"";
    BOOST_TEST(longest.size() == kMaxFilterLength);
    BOOST_CHECK_NO_THROW(parse_filter(longest, registry(), type("User")));
    check_invalid({{prefix + std::string(kMaxFilterLength - prefix.size(), 'a') + "\"",
                    "Filter is longer than 8192 characters at position 8192"}},
                  "User");
}

BOOST_AUTO_TEST_SUITE_END()
