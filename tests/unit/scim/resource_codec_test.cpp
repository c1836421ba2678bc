#include "scim/resource_codec.h"

#include <boost/test/unit_test.hpp>

#include "scim/error.h"
#include "util/json_text.h"
#include "scim/json.h"

namespace {

const scim::schema::Registry& registry() {
    static const auto r = scim::schema::Registry::standard();
    return r;
}

scim::DecodedResource decode_user(const std::string& body) {
    return scim::decode_resource(registry(), *registry().resource_type("User"), scim::json::parse_body(body));
}

std::string scim_type_of(const std::string& body) {
    try {
        decode_user(body);
    } catch (const scim::ScimError& e) {
        return e.scim_type();
    }
    return "accepted";
}

const std::string kUser = R"("schemas":["urn:ietf:params:scim:schemas:core:2.0:User"])";

}  // namespace

BOOST_AUTO_TEST_SUITE(resource_codec_test)

BOOST_AUTO_TEST_CASE(rfc7643_minimal_user_decodes) {
    // RFC 7643 §8.1 minimal representation.
    auto d = decode_user(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"2819c223-7f76-453a-919d-413861904646",
        "userName":"bjensen@example.com","meta":{"resourceType":"User","created":"2010-01-23T04:56:22Z"}})");
    BOOST_TEST(d.attributes["userName"].asString() == "bjensen@example.com");
    BOOST_TEST(!d.attributes.isMember("id"));
    BOOST_TEST(!d.attributes.isMember("meta"));
    BOOST_TEST(!d.attributes.isMember("schemas"));
}

BOOST_AUTO_TEST_CASE(attribute_names_are_case_insensitive_and_canonicalized) {
    auto d = decode_user("{" + kUser + R"(,"USERNAME":"a@b.c","Name":{"GIVENNAME":"A"},"EMAILS":[{"VALUE":"a@b.c"}]})");
    BOOST_TEST(d.attributes["userName"].asString() == "a@b.c");
    BOOST_TEST(d.attributes["name"]["givenName"].asString() == "A");
    BOOST_TEST(d.attributes["emails"][0]["value"].asString() == "a@b.c");
}

BOOST_AUTO_TEST_CASE(password_is_taken_out_of_the_attributes) {
    auto d = decode_user("{" + kUser + R"(,"userName":"a","password":"t1meMa$heen"})");
    BOOST_TEST(!d.attributes.isMember("password"));
    BOOST_TEST_REQUIRE(d.password.has_value());
    BOOST_TEST(*d.password == "t1meMa$heen");
}

BOOST_AUTO_TEST_CASE(read_only_and_null_values_are_ignored) {
    auto d = decode_user("{" + kUser + R"(,"userName":"a","groups":[{"value":"g"}],"nickName":null,"emails":[],
        "name":{"givenName":null}})");
    BOOST_TEST(!d.attributes.isMember("groups"));
    BOOST_TEST(!d.attributes.isMember("nickName"));
    BOOST_TEST(!d.attributes.isMember("emails"));
    BOOST_TEST(!d.attributes.isMember("name"));
}

BOOST_AUTO_TEST_CASE(boolean_strings_are_accepted_as_entra_sends_them) {
    BOOST_TEST(decode_user("{" + kUser + R"(,"userName":"a","active":"False"})").attributes["active"].asBool() == false);
    BOOST_TEST(decode_user("{" + kUser + R"(,"userName":"a","active":"true"})").attributes["active"].asBool() == true);
}

BOOST_AUTO_TEST_CASE(enterprise_extension_is_kept_under_its_urn) {
    auto d = decode_user(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984",
        "manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d","displayName":"John Smith"}}})");
    const auto& e = d.attributes["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"];
    BOOST_TEST(e["employeeNumber"].asString() == "701984");
    BOOST_TEST(e["manager"]["value"].asString() == "26118915-6090-4610-87e4-49d8ca9f808d");
    // manager.displayName is readOnly (RFC 7643 §4.3).
    BOOST_TEST(!e["manager"].isMember("displayName"));
}

BOOST_AUTO_TEST_CASE(invalid_values_and_structures) {
    struct Case {
        std::string body, scim_type;
    };
    for (const auto& c : std::vector<Case>{
             {R"({"userName":"a"})", "invalidSyntax"},
             {R"({"schemas":"urn:ietf:params:scim:schemas:core:2.0:User","userName":"a"})", "invalidSyntax"},
             {R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"userName":"a"})", "invalidSyntax"},
             {"[]", "invalidSyntax"},
             {"{" + kUser + "}", "invalidValue"},
             {"{" + kUser + R"(,"userName":""})", "invalidValue"},
             {"{" + kUser + R"(,"userName":null})", "invalidValue"},
             {"{" + kUser + R"(,"userName":["a"]})", "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","active":1})", "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","active":"yes"})", "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","emails":{"value":"x"}})", "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","emails":["x"]})", "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","name":"x"})", "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","externalId":1})", "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","password":123})", "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","emails":[{"value":"x","primary":true},{"value":"y","primary":true}]})",
              "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","unknownThing":1})", "invalidSyntax"},
             {"{" + kUser + R"(,"userName":"a","name":{"unknownSub":"x"}})", "invalidSyntax"},
             {"{" + kUser + R"(,"userName":"a","urn:example:other":{"x":1}})", "invalidSyntax"},
             {"{" + kUser + R"(,"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":"x"})",
              "invalidValue"},
             {"{" + kUser + R"(,"userName":"a\u0000b"})", "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","externalId":"\u0000"})", "invalidValue"},
             {"{" + kUser + R"(,"userName":"a","emails":[{"value":"x\u0000@y"}]})", "invalidValue"},
         }) {
        BOOST_TEST(scim_type_of(c.body) == c.scim_type, c.body);
    }
}

BOOST_AUTO_TEST_CASE(extra_schema_urn_without_data_is_accepted) {
    // Microsoft Entra lists its own URN in "schemas" with nothing under it.
    BOOST_TEST(scim_type_of(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
        "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/User"],"userName":"a"})") == "accepted");
    BOOST_TEST(scim_type_of("{" + kUser + R"(,"userName":"a","urn:example:other":{}})") == "accepted");
}

BOOST_AUTO_TEST_CASE(render_adds_schemas_id_and_meta) {
    auto d = decode_user(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Tour Operations"}})");
    scim::ResourceMeta meta{"id-1", "2010-01-23T04:56:22Z", "2011-05-13T04:42:34Z", "W/\"3\"", "https://x/Users/id-1"};
    auto r = scim::render_resource(*registry().resource_type("User"), d.attributes, meta);
    BOOST_TEST(r["id"].asString() == "id-1");
    BOOST_TEST(r["schemas"].size() == 2u);
    BOOST_TEST(r["schemas"][1].asString() == "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    BOOST_TEST(r["meta"]["resourceType"].asString() == "User");
    BOOST_TEST(r["meta"]["version"].asString() == "W/\"3\"");
    BOOST_TEST(r["meta"]["location"].asString() == "https://x/Users/id-1");
}

// The text rendering is the same resource as the tree rendering, whatever spacing the stored
// text has (PostgreSQL writes jsonb as {"a": 1, "b": [1, 2]}).
BOOST_AUTO_TEST_CASE(text_rendering_matches_tree_rendering) {
    const auto& user = *registry().resource_type("User");
    const std::string enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    scim::ResourceMeta meta{"2819c223-7f76-453a-919d-413861904646", "2010-01-23T04:56:22Z", "2011-05-13T04:42:34Z",
                            "W/\"3\"", "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"};
    for (const std::string& body : std::vector<std::string>{
             // RFC 7643 §8.1, minimal user
             "{" + kUser + R"(,"userName":"bjensen@example.com"})",
             // RFC 7643 §8.3, enterprise user (abridged)
             R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"bjensen@example.com",
                 "name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen","givenName":"Barbara"},
                 "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],"active":true,
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984",
                 "costCenter":"4130","manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d"}}})",
             "{" + kUser + R"(,"userName":"quote\"and\\back","displayName":"Ünïcødé \n line"})",
         }) {
        auto decoded = decode_user(body);
        Json::Value tree = scim::render_resource(user, decoded.attributes, meta);
        std::string extensions = decoded.attributes.isMember(enterprise) ? enterprise : "";
        // Compact text, and text with whitespace between the tokens.
        for (const std::string& stored : {util::to_json_text(decoded.attributes), decoded.attributes.toStyledString()}) {
            Json::Value text;
            BOOST_TEST_REQUIRE(util::from_json_text(scim::render_resource_text(user, stored, extensions, meta), text));
            BOOST_TEST((text == tree), text.toStyledString() << " against " << tree.toStyledString());
        }
    }
}

BOOST_AUTO_TEST_CASE(text_rendering_of_empty_attributes_and_extra_members) {
    const auto& user = *registry().resource_type("User");
    scim::ResourceMeta meta{"id-1", "2010-01-23T04:56:22Z", "2011-05-13T04:42:34Z", "W/\"1\"", "https://x/Users/id-1"};
    Json::Value empty;
    BOOST_TEST_REQUIRE(util::from_json_text(scim::render_resource_text(user, "{}", "", meta), empty));
    BOOST_TEST(empty["id"].asString() == "id-1");
    BOOST_TEST(empty["schemas"].size() == 1u);
    BOOST_TEST(empty.size() == 3u);  // schemas, id, meta
    Json::Value extra;
    BOOST_TEST_REQUIRE(util::from_json_text(
        scim::render_resource_text(user, R"({"userName": "a"})", "", meta, R"("groups":[{"value":"g"}])"), extra));
    BOOST_TEST(extra["userName"].asString() == "a");
    BOOST_TEST(extra["groups"][0]["value"].asString() == "g");
    BOOST_TEST(extra["meta"]["location"].asString() == "https://x/Users/id-1");
}

BOOST_AUTO_TEST_CASE(immutable_values_cannot_change_once_set) {
    const auto& group = *registry().resource_type("Group");
    Json::Value before(Json::objectValue);
    Json::Value after(Json::objectValue);
    before["displayName"] = "a";
    after["displayName"] = "b";
    BOOST_CHECK_NO_THROW(scim::check_immutable(registry(), group, before, after));
}

BOOST_AUTO_TEST_SUITE_END()
