// Extension schema definitions as administrators register them (RFC 7643 §7 schema
// resources): what is read, the RFC's defaults, and each refusal with its reason.
#include "scim/schema/schema_definition.h"

#include <boost/test/unit_test.hpp>

#include <json/reader.h>

namespace {

using scim::schema::InvalidSchemaDefinition;
using scim::schema::read_schema_definition;

const scim::schema::Registry& standard() {
    static const auto r = scim::schema::Registry::standard();
    return r;
}

Json::Value parse(const std::string& text) {
    Json::Value value;
    Json::CharReaderBuilder builder;
    std::string errors;
    std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
    BOOST_REQUIRE_MESSAGE(reader->parse(text.data(), text.data() + text.size(), &value, &errors), text);
    return value;
}

// Shaped as Entra ID's custom extension (urn:ietf:params:scim:schemas:extension:<Name>:2.0:User).
const char* kEntraExtension = R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    "id": "urn:ietf:params:scim:schemas:extension:Contoso:2.0:User",
    "name": "ContosoUser",
    "description": "Contoso's HR attributes",
    "attributes": [
        {"name": "badgeNumber", "type": "string", "caseExact": true},
        {"name": "costCenter", "type": "integer", "required": false, "mutability": "readWrite",
         "returned": "default", "uniqueness": "none"},
        {"name": "hireDate", "type": "dateTime"},
        {"name": "remote", "type": "boolean"},
        {"name": "level", "type": "string", "canonicalValues": ["junior", "senior"]},
        {"name": "skills", "type": "complex", "multiValued": true,
         "subAttributes": [{"name": "value", "type": "string"}, {"name": "years", "type": "decimal"}]},
        {"name": "note", "type": "string", "returned": "never"}
    ]})";

std::string refusal(const std::string& text) {
    try {
        read_schema_definition(parse(text), standard());
    } catch (const InvalidSchemaDefinition& e) {
        return e.what();
    }
    return "";
}

std::string with_attribute(const std::string& attribute) {
    return R"({"id": "urn:example:x:2.0:User", "attributes": [)" + attribute + "]}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(schema_definition_test)

BOOST_AUTO_TEST_CASE(an_rfc7643_section7_definition_is_read_with_its_defaults) {
    const auto schema = read_schema_definition(parse(kEntraExtension), standard());
    BOOST_TEST(schema.id == "urn:ietf:params:scim:schemas:extension:Contoso:2.0:User");
    BOOST_TEST(schema.name == "ContosoUser");
    BOOST_TEST_REQUIRE(schema.attributes.size() == 7u);
    const auto& badge = *schema.find("BADGENUMBER");
    BOOST_TEST(badge.case_exact);
    BOOST_TEST(!badge.multi_valued);
    BOOST_TEST((badge.mutability == scim::schema::Mutability::ReadWrite));  // RFC 7643 §2.2 defaults
    BOOST_TEST((badge.returned == scim::schema::Returned::Default));
    BOOST_TEST((schema.find("costCenter")->type == scim::schema::Type::Integer));
    BOOST_TEST((schema.find("hireDate")->type == scim::schema::Type::DateTime));
    BOOST_TEST(schema.find("level")->canonical_values.size() == 2u);
    const auto& skills = *schema.find("skills");
    BOOST_TEST(skills.multi_valued);
    BOOST_TEST(skills.sub_attributes.size() == 2u);
    BOOST_TEST((skills.find_sub("years")->type == scim::schema::Type::Decimal));
    BOOST_TEST((schema.find("note")->returned == scim::schema::Returned::Never));
}

BOOST_AUTO_TEST_CASE(extensions_join_their_resource_type_in_a_copy) {
    auto schema = read_schema_definition(parse(kEntraExtension), standard());
    const auto extended = standard().with_extensions({{schema, "User"}});
    const auto& user = *extended.resource_type("User");
    BOOST_TEST(user.extensions.size() == 2u);
    BOOST_TEST(user.extensions.back().schema == schema.id);
    BOOST_TEST(!user.extensions.back().required);
    BOOST_TEST(extended.resolve(user, "urn:ietf:params:scim:schemas:extension:contoso:2.0:user", "BadgeNumber").has_value());
    BOOST_TEST(extended.resource_type("Group")->extensions.empty());
    // The standard registry is untouched: another organisation does not see it.
    BOOST_TEST(standard().resource_type("User")->extensions.size() == 1u);
    BOOST_TEST(standard().schema(schema.id) == nullptr);
}

BOOST_AUTO_TEST_CASE(the_resource_type_follows_the_urns_last_segment) {
    BOOST_TEST(scim::schema::resource_type_of_urn("urn:ietf:params:scim:schemas:extension:Contoso:2.0:User", standard()) ==
               "User");
    BOOST_TEST(scim::schema::resource_type_of_urn("urn:example:teams:1.0:group", standard()) == "Group");
    BOOST_TEST(scim::schema::resource_type_of_urn("urn:okta:acme:1.0:custom", standard()).empty());
}

BOOST_AUTO_TEST_CASE(malformed_definitions_are_refused_with_the_reason) {
    struct Case {
        std::string definition, reason;
    };
    for (const Case& c : std::vector<Case>{
             {"[]", "a schema definition is a JSON object"},
             {R"({"attributes": []})", "'id' (the schema's URN) is required"},
             {R"({"id": "contoso", "attributes": [{"name": "a", "type": "string"}]})", "'id' must be a URN"},
             {R"({"id": "urn:x y:User", "attributes": [{"name": "a", "type": "string"}]})", "'id' may hold only"},
             {R"({"id": "urn:x::User", "attributes": [{"name": "a", "type": "string"}]})", "empty segment"},
             {R"({"id": "urn:ietf:params:scim:schemas:core:2.0:User", "attributes": [{"name": "a", "type": "string"}]})",
              "is a built-in schema and cannot be redefined"},
             {R"({"id": "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER", "attributes": [{"name": "a", "type": "string"}]})",
              "built-in schema"},
             {R"({"id": "urn:example:x:2.0:User", "attributes": []})", "'attributes' must be a non-empty array"},
             {R"({"id": "urn:example:x:2.0:User", "attributes": [{"name": "a", "type": "string"}], "extra": 1})",
              "unknown key 'extra'"},
             {with_attribute(R"({"type": "string"})"), "an attribute has no 'name'"},
             {with_attribute(R"({"name": "1st", "type": "string"})"), "'name' must start with a letter"},
             {with_attribute(R"({"name": "a.b", "type": "string"})"), "'name' may hold only letters"},
             {with_attribute(R"({"name": "a"})"), "a: 'type' is required"},
             {with_attribute(R"({"name": "a", "type": "text"})"), "'type' must be one of string, boolean"},
             {with_attribute(R"({"name": "a", "type": "string", "multiValued": "yes"})"), "'multiValued' must be true or false"},
             {with_attribute(R"({"name": "a", "type": "string", "mutability": "sometimes"})"), "'mutability' must be one of"},
             {with_attribute(R"({"name": "a", "type": "string", "uniqueness": "server"})"), "'uniqueness' must be \"none\""},
             {with_attribute(R"({"name": "a", "type": "string", "colour": "red"})"), "a: unknown key 'colour'"},
             {with_attribute(R"({"name": "a", "type": "complex"})"), "a: 'subAttributes' must be a non-empty array"},
             {with_attribute(R"({"name": "a", "type": "string", "subAttributes": [{"name": "b", "type": "string"}]})"),
              "only complex attributes have 'subAttributes'"},
             {with_attribute(R"({"name": "a", "type": "complex", "subAttributes": [{"name": "b", "type": "complex",
                 "subAttributes": [{"name": "c", "type": "string"}]}]})"),
              "a.b: a sub-attribute cannot be complex"},
             {with_attribute(R"({"name": "a", "type": "string"}, {"name": "A", "type": "integer"})"),
              "attribute 'A' is defined twice"},
             {with_attribute(R"({"name": "a", "type": "string", "canonicalValues": [1]})"), "array of strings"},
             {with_attribute(R"({"name": "a", "type": "string", "mutability": "writeOnly", "returned": "never"})"),
              "\"writeOnly\" is not offered for extensions"},
             {with_attribute(R"({"name": "a", "type": "complex", "subAttributes": [{"name": "b", "type": "string",
                 "returned": "request"}]})"),
              "a.b: a sub-attribute is returned with its attribute"},
         }) {
        BOOST_TEST(refusal(c.definition).find(c.reason) != std::string::npos,
                   c.definition << " -> '" << refusal(c.definition) << "'");
    }
}

BOOST_AUTO_TEST_SUITE_END()
