// Fuzz target: the SCIM filter parser (RFC 7644 §3.4.2.2). The input is the filter text; it
// is parsed for Users (the standard registry) and for Groups, and every filter that parses
// is evaluated against the RFC 7643 §8.3 user and §8.4 group, since the parser's output is
// exactly what the evaluator trusts. ScimError is the expected answer to bad input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <json/value.h>

#include "scim/error.h"
#include "scim/filter/evaluate.h"
#include "scim/filter/parser.h"
#include "scim/json.h"
#include "scim/schema/registry.h"

namespace {

// RFC 7643 §8.3 (the §8.2 user with the enterprise extension), as the server renders it.
constexpr std::string_view kUser = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  "id": "2819c223-7f76-453a-919d-413861904646",
  "externalId": "701984",
  "userName": "bjensen@example.com",
  "name": {"formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara",
           "middleName": "Jane", "honorificPrefix": "Ms.", "honorificSuffix": "III"},
  "displayName": "Babs Jensen",
  "nickName": "Babs",
  "profileUrl": "https://login.example.com/bjensen",
  "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
             {"value": "babs@jensen.org", "type": "home"}],
  "addresses": [{"streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "region": "CA",
                 "postalCode": "91608", "country": "USA", "formatted": "100 Universal City Plaza\nHollywood, CA 91608 USA",
                 "type": "work", "primary": true},
                {"streetAddress": "456 Hollywood Blvd", "locality": "Hollywood", "region": "CA",
                 "postalCode": "91608", "country": "USA", "formatted": "456 Hollywood Blvd\nHollywood, CA 91608 USA",
                 "type": "home"}],
  "phoneNumbers": [{"value": "555-555-5555", "type": "work"}, {"value": "555-555-4444", "type": "mobile"}],
  "ims": [{"value": "someaimhandle", "type": "aim"}],
  "photos": [{"value": "https://photos.example.com/profilephoto/72930000000Ccne/F", "type": "photo"},
             {"value": "https://photos.example.com/profilephoto/72930000000Ccne/T", "type": "thumbnail"}],
  "userType": "Employee",
  "title": "Tour Guide",
  "preferredLanguage": "en-US",
  "locale": "en-US",
  "timezone": "America/Los_Angeles",
  "active": true,
  "groups": [{"value": "e9e30dba-f08f-4109-8486-d5c6a331660a",
              "$ref": "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Tour Guides"}],
  "x509Certificates": [{"value": "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"}],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
    "employeeNumber": "701984", "costCenter": "4130", "organization": "Universal Studios",
    "division": "Theme Park", "department": "Tour Operations",
    "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d",
                "$ref": "../Users/26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith"}},
  "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z",
           "version": "W/\"3694e05e9dff591\"",
           "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"}
})";

// RFC 7643 §8.4.
constexpr std::string_view kGroup = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
  "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
  "displayName": "Tour Guides",
  "members": [{"value": "2819c223-7f76-453a-919d-413861904646",
               "$ref": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"},
              {"value": "902c246b-6245-4190-8e05-00816be7344a",
               "$ref": "https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge"}],
  "meta": {"resourceType": "Group", "created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z",
           "version": "W/\"3694e05e9dff592\"",
           "location": "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a"}
})";

struct Fixture {
    scim::schema::Registry registry = scim::schema::Registry::standard();
    const scim::schema::ResourceType* user_type = registry.resource_type("User");
    const scim::schema::ResourceType* group_type = registry.resource_type("Group");
    Json::Value user = scim::json::parse_body(kUser);
    Json::Value group = scim::json::parse_body(kGroup);
};

const Fixture& fixture() {
    static const Fixture instance;
    return instance;
}

void parse_and_evaluate(std::string_view text, const scim::schema::ResourceType& type, const Json::Value& resource) {
    try {
        const scim::filter::NodePtr filter = scim::filter::parse_filter(text, fixture().registry, type);
        (void)scim::filter::matches(*filter, resource);
    } catch (const scim::ScimError&) {
        // Expected for bad input: invalidFilter.
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const Fixture& f = fixture();
    parse_and_evaluate(text, *f.user_type, f.user);
    parse_and_evaluate(text, *f.group_type, f.group);
    return 0;
}
