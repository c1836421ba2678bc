// Fuzz target: the PATCH engine (RFC 7644 §3.5.2). The input is a request body: parsed with
// scim::json::parse_body, read with parse_patch_request, and applied with apply_patch to three
// fixed resources in normalized form: the RFC 7643 §8.3 user, the §8.4 group with "members"
// deferred (as the server keeps them, in their own table) and the same group with its
// members held in the attributes. ScimError is the expected answer to bad input. A patch
// that succeeds must leave normalized attributes (decoding them again changes nothing), and
// never put a deferred attribute in them.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <json/value.h>

#include "scim/error.h"
#include "scim/json.h"
#include "scim/patch/patch_engine.h"
#include "scim/patch/patch_request.h"
#include "scim/resource_codec.h"
#include "scim/schema/registry.h"

namespace {

constexpr std::string_view kUserId = "2819c223-7f76-453a-919d-413861904646";
constexpr std::string_view kGroupId = "e9e30dba-f08f-4109-8486-d5c6a331660a";

// RFC 7643 §8.3 (the §8.2 user with the enterprise extension), as a client would send it.
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
  "password": "t1meMa$heen",
  "groups": [{"value": "e9e30dba-f08f-4109-8486-d5c6a331660a",
              "$ref": "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Tour Guides"}],
  "x509Certificates": [{"value": "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"}],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
    "employeeNumber": "701984", "costCenter": "4130", "organization": "Universal Studios",
    "division": "Theme Park", "department": "Tour Operations",
    "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d",
                "$ref": "../Users/26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith"}}
})";

// RFC 7643 §8.4.
constexpr std::string_view kGroup = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
  "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
  "displayName": "Tour Guides",
  "members": [{"value": "2819c223-7f76-453a-919d-413861904646",
               "$ref": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"},
              {"value": "902c246b-6245-4190-8e05-00816be7344a",
               "$ref": "https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge"}]
})";

[[noreturn]] void finding(const char* what) {
    std::fprintf(stderr, "patch_fuzz: contract violated: %s\n", what);
    std::abort();
}

struct Target {
    const scim::schema::ResourceType* type;
    std::string id;
    Json::Value attributes;  // normalized
    std::vector<std::string> deferred;
};

struct Fixture {
    scim::schema::Registry registry = scim::schema::Registry::standard();
    std::vector<Target> targets;

    Fixture() {
        const auto* user = registry.resource_type("User");
        const auto* group = registry.resource_type("Group");
        Json::Value group_body = scim::json::parse_body(kGroup);
        const Json::Value held = scim::decode_resource(registry, *group, group_body).attributes;
        group_body.removeMember("members");
        const Json::Value without = scim::decode_resource(registry, *group, group_body).attributes;
        targets.push_back({user, std::string(kUserId),
                           scim::decode_resource(registry, *user, scim::json::parse_body(kUser)).attributes, {}});
        targets.push_back({group, std::string(kGroupId), without, {"members"}});
        targets.push_back({group, std::string(kGroupId), held, {}});
    }
};

const Fixture& fixture() {
    static const Fixture instance;
    return instance;
}

void apply(const scim::schema::Registry& registry, const Target& target,
           const std::vector<scim::patch::Operation>& operations) {
    scim::patch::PatchResult result;
    try {
        result = scim::patch::apply_patch(registry, *target.type, target.id, target.attributes, operations,
                                          target.deferred);
    } catch (const scim::ScimError&) {
        return;  // expected for bad input
    }
    for (const std::string& name : target.deferred) {
        if (scim::json::find_member(result.attributes, name) != nullptr) finding("a deferred attribute is held");
    }
    Json::Value again;
    try {
        again = scim::decode_resource(registry, *target.type, scim::with_schemas(*target.type, result.attributes))
                    .attributes;
    } catch (const scim::ScimError& error) {
        std::fprintf(stderr, "patch_fuzz: %s\n", error.detail().c_str());
        finding("the patched attributes do not decode again");
    }
    if (again != result.attributes) finding("the patched attributes are not normalized");
    if (result.changed != (result.attributes != target.attributes || result.password.has_value() ||
                           !result.deferred.empty())) {
        finding("'changed' disagrees with the result");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Fixture& f = fixture();
    std::vector<scim::patch::Operation> operations;
    try {
        operations = scim::patch::parse_patch_request(
            scim::json::parse_body(std::string_view(reinterpret_cast<const char*>(data), size)));
    } catch (const scim::ScimError&) {
        return 0;  // expected for bad input
    }
    for (const Target& target : f.targets) apply(f.registry, target, operations);
    return 0;
}
