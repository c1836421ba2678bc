// Attribute projection (RFC 7644 §3.4.2.5 and §3.9): the `attributes` and
// `excludedAttributes` parameters applied to a rendered resource, under the registry's
// "returned" rules (always: id, schemas; never: password; request: only when asked).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <json/value.h>

#include "scim/filter/ast.h"
#include "scim/schema/registry.h"

namespace scim {

class Projection {
public:
    // Parses the two comma-separated lists (either may be empty; RFC 7644 §3.9 says a
    // request should not carry both, and when it does `attributes` wins). Each entry is an
    // attribute path ([URN ":"] name ["." sub]) or an extension URN. In `attributes` a
    // multi-valued complex attribute may carry a value filter, `emails[type eq "work"]`
    // (optionally followed by ".sub"): only the values it matches are returned.
    // Throws ScimError::invalid_value naming an unknown attribute, unless skip_unknown (a
    // search across resource types, where a name may belong to another type only).
    static Projection parse(const schema::Registry& registry, const schema::ResourceType& type,
                            std::string_view attributes, std::string_view excluded_attributes,
                            bool skip_unknown = false);

    // True when the attributes parameter asks for `attribute` (a top-level canonical name)
    // or the default set applies; lets callers skip loading what will not be returned.
    bool wants(std::string_view schema_urn, std::string_view attribute) const;

    // REQUIRES: resource is a rendered resource of the type given to parse().
    Json::Value apply(const Json::Value& resource) const;

    // True when neither list was given and the registry's default set is what is stored, so
    // apply() may be skipped: no attribute of the type is returned "request" or "never"
    // (the core password is never stored with the attributes).
    bool is_default() const { return include_.empty() && exclude_.empty() && !has_include_ && stored_is_default_; }

private:
    struct Ref {
        std::string container;  // "" for the top level, else the extension URN key
        std::string attribute;  // canonical; empty when the whole extension is named
        std::string sub_attribute;
        std::shared_ptr<const filter::Node> values;  // a ValuePath whose filter selects the values; may be null
    };

    const schema::Registry* registry_ = nullptr;
    const schema::ResourceType* type_ = nullptr;
    std::vector<Ref> include_;
    std::vector<Ref> exclude_;
    bool has_include_ = false;
    bool stored_is_default_ = true;
};

}  // namespace scim
