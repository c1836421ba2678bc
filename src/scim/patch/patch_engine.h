// The PATCH engine (RFC 7644 §3.5.2): applies parsed operations to a resource's normalized
// attributes and reports the new attributes, a new password and the changes to attributes
// kept outside them (Group.members), all or nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <json/value.h>

#include "scim/patch/members.h"
#include "scim/patch/patch_request.h"
#include "scim/schema/registry.h"

namespace scim::patch {

struct PatchResult {
    Json::Value attributes;                // the new normalized attributes
    std::optional<std::string> password;   // set when an operation set the write-only password
    std::vector<DeferredChange> deferred;  // in request order
    bool changed = false;  // attributes differ from the input, a password was set, or deferred is non-empty
};

// Applies `operations` in order to a copy of `attributes`; all or nothing: the first failing
// operation throws a ScimError whose detail starts with "Operations[i]: " (i = Operation::index).
//
// REQUIRES: `attributes` is in normalized form (DecodedResource::attributes of decode_resource:
// canonical names, extensions under their URN, no id/meta/schemas, no nulls) and holds none
// of `deferred_attributes`, which name multi-valued core attributes of `type` (canonical
// names, e.g. {"members"}). `resource_id` is the resource's id, so that restating it is a no-op.
//
// Semantics: RFC 7644 §3.5.2.1–§3.5.2.3, plus what Okta and Microsoft Entra ID send, as the
// comments in patch_engine.cpp state rule by rule. After each operation the attributes are
// validated and normalized as a whole with decode_resource, and immutable attributes are
// checked with check_immutable, so an error always names the operation that caused it.
PatchResult apply_patch(const schema::Registry& registry, const schema::ResourceType& type,
                        const std::string& resource_id, const Json::Value& attributes,
                        const std::vector<Operation>& operations,
                        const std::vector<std::string>& deferred_attributes = {});

}  // namespace scim::patch
