// A PATCH request body (RFC 7644 §3.5.2): the PatchOp message read into a list of typed
// operations, checked for structure only; what the operations mean is patch_engine's concern.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <json/value.h>

namespace scim::patch {

// Bounds the work one request can cause; RFC 7644 sets no limit on a PATCH's operations.
inline constexpr std::size_t kMaxOperations = 1000;

struct Operation {
    enum class Kind { Add, Remove, Replace } kind = Kind::Add;
    // The "path" as sent, unparsed: it is parsed against the resource type by the engine.
    std::optional<std::string> path;
    // Absent only for remove. Present and null only for replace, which the engine reads as a
    // remove (RFC 7643 §2.5: null is "unassigned").
    std::optional<Json::Value> value;
    int index = 0;  // position in "Operations", for error details ("Operations[2]: ...")
};

// RFC 7644 §3.5.2: an object whose "schemas" lists urn:ietf:params:scim:api:messages:2.0:PatchOp
// and whose "Operations" is a non-empty array (at most kMaxOperations) of objects with "op"
// ("add", "remove" or "replace" in any case: Microsoft Entra ID sends "Add", "Replace",
// "Remove"), an optional string "path" (null = absent) and a "value" that add and replace
// require (null only for replace). Member names are case-insensitive (RFC 7643 §2.1);
// unknown members are ignored. Throws ScimError::invalid_syntax, whose detail names the
// operation ("Operations[2]: ...") when one is at fault.
std::vector<Operation> parse_patch_request(const Json::Value& body);

}  // namespace scim::patch
