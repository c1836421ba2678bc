// The storage protocol of multi-valued attributes kept outside a resource's attributes
// (Group.members: one row per member, up to 100,000): PATCH operations on them become
// changes for the caller to apply to the stored elements (what to add, remove or replace),
// without ever reading the whole list.
#pragma once

#include <string>
#include <vector>

#include <json/value.h>

#include "scim/filter/patch_path.h"
#include "scim/patch/patch_request.h"
#include "scim/schema/attribute.h"

namespace scim::patch {

// A change to a multi-valued attribute kept outside the attributes, for the caller to apply.
struct DeferredChange {
    enum class Kind { Add, Remove, RemoveAll, ReplaceAll } kind = Kind::Add;
    std::string attribute;  // canonical name, e.g. "members"
    // Add, ReplaceAll: normalized elements (decode_attribute), without duplicates.
    // Remove: elements identifying what to remove by their "value"; each has one.
    // RemoveAll: empty.
    std::vector<Json::Value> values;
};

// The changes of one PATCH request, in request order.
class DeferredChanges {
public:
    // One operation on such an attribute: add → Add, replace → ReplaceAll, remove →
    // RemoveAll, or Remove with a value list or a filter `value eq "x"` (an "or" of them).
    // Any other filter or a sub-attribute would need the stored elements: invalidPath.
    // `where` is the path as errors name it.
    void apply(Operation::Kind kind, const filter::PatchPath& path, const std::string& where, const Json::Value& value);

    std::vector<DeferredChange>& changes() { return changes_; }

private:
    void drop_already_added(const schema::Attribute& attribute, std::vector<Json::Value>& values) const;
    void record(DeferredChange::Kind kind, const schema::Attribute& attribute, std::vector<Json::Value> values);

    std::vector<DeferredChange> changes_;
};

}  // namespace scim::patch
