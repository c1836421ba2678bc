// The "path" of a PATCH operation (RFC 7644 §3.5.2): an attribute or sub-attribute, or the
// values of a multi-valued attribute that a filter selects, optionally one sub-attribute of them.
#pragma once

#include <string>
#include <string_view>

#include "scim/filter/ast.h"
#include "scim/schema/registry.h"

namespace scim::filter {

// PATH = attrPath / valuePath [subAttr] (RFC 7644 §3.5.2, Figure 7 ABNF).
struct PatchPath {
    // The attribute, with its sub-attribute for "name.givenName". Never defaulted to
    // "value": "emails" names the whole attribute. With a filter, never a sub-attribute.
    AttrPath path;
    // attr[filter]: selects elements (see matches_value); its paths name sub-attributes of
    // `path`. Null without "[...]".
    NodePtr value_filter;
    // The canonical sub-attribute after "]" ("emails[type eq "work"].value"), or empty.
    std::string value_sub_attribute;
    const schema::Attribute* value_sub_def = nullptr;
};

// Parses a PATCH path for resources of `type`. The value filter follows parse_filter's
// rules and limits. Throws ScimError::invalid_path (never invalidFilter), naming the
// position: unknown attribute or sub-attribute, bad syntax, a filter on an attribute that
// is not multi-valued complex, a sub-attribute after "]" that the attribute does not have.
// The result holds pointers into `registry`, which must outlive it.
PatchPath parse_patch_path(std::string_view text, const schema::Registry& registry, const schema::ResourceType& type);

}  // namespace scim::filter
