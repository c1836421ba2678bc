// Fuzz target: request JSON to a validated resource, as POST and PUT do it: the body parsed
// with scim::json::parse_body (UTF-8, depth and duplicate checks), then decode_resource for a
// User and for a Group (RFC 7643 §2-§4). ScimError is the expected answer to bad input. What
// decode_resource returns must be in normalized form: decoding it again (with its schemas
// listed) succeeds and changes nothing, and rendering it works.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <json/value.h>

#include "scim/error.h"
#include "scim/json.h"
#include "scim/resource_codec.h"
#include "scim/schema/registry.h"

namespace {

[[noreturn]] void finding(const char* what) {
    std::fprintf(stderr, "resource_fuzz: contract violated: %s\n", what);
    std::abort();
}

struct Fixture {
    scim::schema::Registry registry = scim::schema::Registry::standard();
    const scim::schema::ResourceType* user_type = registry.resource_type("User");
    const scim::schema::ResourceType* group_type = registry.resource_type("Group");
};

const Fixture& fixture() {
    static const Fixture instance;
    return instance;
}

void decode(const scim::schema::ResourceType& type, const Json::Value& body) {
    const scim::schema::Registry& registry = fixture().registry;
    scim::DecodedResource decoded;
    try {
        decoded = scim::decode_resource(registry, type, body);
    } catch (const scim::ScimError&) {
        return;  // expected for bad input
    }
    Json::Value again;
    try {
        again = scim::decode_resource(registry, type, scim::with_schemas(type, decoded.attributes)).attributes;
    } catch (const scim::ScimError& error) {
        std::fprintf(stderr, "resource_fuzz: %s\n", error.detail().c_str());
        finding("the decoded attributes do not decode again");
    }
    if (again != decoded.attributes) finding("the decoded attributes are not normalized");
    const Json::Value rendered = scim::render_resource(
        type, decoded.attributes, {"id", "2010-01-23T04:56:22Z", "2011-05-13T04:42:34Z", "W/\"1\"", "https://x/1"});
    if (!rendered.isObject()) finding("render_resource returned no object");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Fixture& f = fixture();
    Json::Value body;
    try {
        body = scim::json::parse_body(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const scim::ScimError&) {
        return 0;  // expected for bad input
    }
    decode(*f.user_type, body);
    decode(*f.group_type, body);
    return 0;
}
