// Projection (RFC 7644 §3.4.2.5, §3.9) of a rendered User: value filters in `attributes`,
// sub-attributes of meta, case-insensitive names, and the "returned" rules.
#include "scim/projection.h"

#include <boost/test/unit_test.hpp>

#include <json/reader.h>

#include "scim/error.h"
#include "scim/schema/registry.h"

namespace {

const scim::schema::Registry& registry() {
    static const auto r = scim::schema::Registry::standard();
    return r;
}

const scim::schema::ResourceType& user_type() { return *registry().resource_type("User"); }

Json::Value parse(const std::string& text) {
    Json::Value value;
    Json::CharReaderBuilder builder;
    std::string errors;
    std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
    BOOST_REQUIRE(reader->parse(text.data(), text.data() + text.size(), &value, &errors));
    return value;
}

// RFC 7643 §8.2's full representation, shortened.
const Json::Value& bjensen() {
    static const Json::Value user = parse(R"({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "userName": "bjensen@example.com",
        "name": {"familyName": "Jensen", "givenName": "Barbara"},
        "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
                   {"value": "babs@jensen.org", "type": "home"}],
        "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z",
                 "lastModified": "2011-05-13T04:42:34Z", "version": "W/\"3694e05e9dff591\""}
    })");
    return user;
}

Json::Value project(const std::string& attributes, const std::string& excluded = "") {
    return scim::Projection::parse(registry(), user_type(), attributes, excluded).apply(bjensen());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(projection_test)

BOOST_AUTO_TEST_CASE(value_filter_in_attributes_returns_the_matching_values) {
    Json::Value work = project(R"(emails[type eq "work"])");
    BOOST_TEST_REQUIRE(work["emails"].size() == 1u);
    BOOST_TEST(work["emails"][0]["value"].asString() == "bjensen@example.com");
    BOOST_TEST(work["id"].asString() == "2819c223-7f76-453a-919d-413861904646");
    BOOST_TEST(!work.isMember("userName"));
    BOOST_TEST(!work.isMember("meta"));

    Json::Value home = project(R"(EMAILS[value eq "BABS@jensen.org"].Type,userName)");
    BOOST_TEST_REQUIRE(home["emails"].size() == 1u);
    BOOST_TEST(home["emails"][0]["type"].asString() == "home");
    BOOST_TEST(!home["emails"][0].isMember("value"));
    BOOST_TEST(home["userName"].asString() == "bjensen@example.com");

    BOOST_TEST(!project(R"(emails[type eq "other"])").isMember("emails"));
    // Named without a filter as well: every value.
    BOOST_TEST(project(R"(emails[type eq "work"],emails)")["emails"].size() == 2u);
    // A comma inside the filter's string does not split the list.
    BOOST_TEST(!project(R"(emails[value eq "a,b"],userName)").isMember("emails"));
}

BOOST_AUTO_TEST_CASE(meta_sub_attributes_are_projected) {
    Json::Value only = project("meta.lastModified");
    BOOST_TEST(only["meta"].size() == 1u);
    BOOST_TEST(only["meta"]["lastModified"].asString() == "2011-05-13T04:42:34Z");
    Json::Value two = project("Meta.Created,meta.version");
    BOOST_TEST(two["meta"].size() == 2u);
    BOOST_TEST(two["meta"].isMember("created"));
    Json::Value without = project("", "meta.created");
    BOOST_TEST(!without["meta"].isMember("created"));
    BOOST_TEST(without["meta"].isMember("lastModified"));
    BOOST_TEST(without.isMember("userName"));
}

BOOST_AUTO_TEST_CASE(malformed_value_filters_are_invalid_value) {
    for (std::string bad : {"emails[type eq]", "emails[type eq \"work\"", "emails[type eq \"work\"]x",
                            "userName[value eq \"x\"]", "name[givenName eq \"x\"]", "emails[nope eq \"x\"]"}) {
        try {
            project(bad);
            BOOST_ERROR("no error for " << bad);
        } catch (const scim::ScimError& e) {
            BOOST_TEST(e.status() == 400, bad);
            BOOST_TEST(e.scim_type() == "invalidValue", bad);
        }
    }
    BOOST_CHECK_THROW(project("", R"(emails[type eq "work"])"), scim::ScimError);
}

BOOST_AUTO_TEST_SUITE_END()
