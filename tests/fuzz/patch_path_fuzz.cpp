// Fuzz target: the PATCH path parser (RFC 7644 §3.5.2, Figure 7: attrPath / valuePath
// [subAttr]). The input is the path text, parsed for Users and for Groups. ScimError
// (invalidPath) is the expected answer to bad input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "scim/error.h"
#include "scim/filter/patch_path.h"
#include "scim/schema/registry.h"

namespace {

struct Fixture {
    scim::schema::Registry registry = scim::schema::Registry::standard();
    const scim::schema::ResourceType* user_type = registry.resource_type("User");
    const scim::schema::ResourceType* group_type = registry.resource_type("Group");
};

const Fixture& fixture() {
    static const Fixture instance;
    return instance;
}

[[noreturn]] void finding(const char* what) {
    std::fprintf(stderr, "patch_path_fuzz: contract violated: %s\n", what);
    std::abort();
}

void parse(std::string_view text, const scim::schema::ResourceType& type) {
    try {
        const scim::filter::PatchPath path = scim::filter::parse_patch_path(text, fixture().registry, type);
        // patch_path.h: a parsed path is resolved; a filter never comes with a sub-attribute
        // before "]", and a sub-attribute after "]" always has its definition.
        if (path.path.attribute_def == nullptr) finding("attribute_def is null");
        if (!path.path.sub_attribute.empty() && path.path.sub_def == nullptr) finding("sub_def is null");
        if (path.value_filter != nullptr && !path.path.sub_attribute.empty()) finding("filter after a sub-attribute");
        if (!path.value_sub_attribute.empty() && path.value_sub_def == nullptr) finding("value_sub_def is null");
        if (path.value_filter == nullptr && !path.value_sub_attribute.empty()) finding("sub-attribute without filter");
    } catch (const scim::ScimError&) {
        // Expected for bad input: invalidPath.
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    parse(text, *fixture().user_type);
    parse(text, *fixture().group_type);
    return 0;
}
