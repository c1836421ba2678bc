#include "scim/patch/members.h"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "scim/error.h"
#include "scim/patch/dialect.h"
#include "scim/patch/rules.h"
#include "scim/resource_codec.h"

namespace scim::patch {
namespace {

using schema::Attribute;
using schema::Type;

// `value eq "x"` or an "or" of such: the only filters a deferred attribute takes (Okta:
// {"op":"remove","path":"members[value eq \"<id>\"]"}), as elements naming what to remove.
bool collect_value_equalities(const filter::Node& node, std::vector<Json::Value>& out) {
    return std::visit(
        [&](const auto& expr) -> bool {
            using E = std::decay_t<decltype(expr)>;
            if constexpr (std::is_same_v<E, filter::Comparison>) {
                if (expr.op != filter::CompareOp::Eq || expr.path.sub_attribute != "value" || !expr.value.isString()) {
                    return false;
                }
                Json::Value element(Json::objectValue);
                element["value"] = expr.value;
                out.push_back(std::move(element));
                return true;
            } else if constexpr (std::is_same_v<E, filter::Or>) {
                return collect_value_equalities(*expr.left, out) && collect_value_equalities(*expr.right, out);
            } else {
                return false;
            }
        },
        node.expr);
}

}  // namespace

// Attributes kept outside `attributes_` become DeferredChanges: add → Add, replace →
// ReplaceAll, remove → RemoveAll, or Remove with a value list or a filter `value eq "x"`
// (an "or" of them). Any other filter or a sub-attribute would need the stored elements.
void DeferredChanges::apply(Operation::Kind kind, const filter::PatchPath& path, const std::string& where,
                            const Json::Value& value) {
    using Kind = Operation::Kind;
    const Attribute& attribute = *path.path.attribute_def;
    if (path.path.sub_def != nullptr || path.value_sub_def != nullptr) {
        throw ScimError::invalid_path("'" + where + "': the sub-attributes of '" + attribute.name +
                                      "' cannot be patched one by one");
    }
    if (path.value_filter != nullptr) {
        std::vector<Json::Value> named;
        if (kind != Kind::Remove || !collect_value_equalities(*path.value_filter, named)) {
            throw ScimError::invalid_path("'" + where + "': values of '" + attribute.name +
                                          "' are selected only to be removed, by 'value eq \"...\"'");
        }
        record(DeferredChange::Kind::Remove, attribute, std::move(named));
        return;
    }
    if (kind == Kind::Remove && value.isNull()) {
        record(DeferredChange::Kind::RemoveAll, attribute, {});
        return;
    }
    const Json::Value decoded = decode_attribute(attribute, attribute.name, liberal(attribute, value));
    std::vector<Json::Value> values;
    for (const Json::Value& element : decoded) {
        const bool duplicate = std::any_of(values.begin(), values.end(), [&](const Json::Value& seen) {
            return same_element(attribute, seen, element);
        });
        if (!duplicate) values.push_back(element);
    }
    switch (kind) {
        case Kind::Add:
            drop_already_added(attribute, values);
            if (!values.empty()) record(DeferredChange::Kind::Add, attribute, std::move(values));
            return;
        case Kind::Replace:
            record(DeferredChange::Kind::ReplaceAll, attribute, std::move(values));
            return;
        case Kind::Remove:
            if (values.empty()) return;
            check_identifying(attribute, attribute.name, decoded);
            record(DeferredChange::Kind::Remove, attribute, std::move(values));
            return;
    }
}

// Within one request an Add repeats no value an earlier Add of the same attribute has,
// unless a change between them may have taken it away.
void DeferredChanges::drop_already_added(const Attribute& attribute, std::vector<Json::Value>& values) const {
    for (auto change = changes_.rbegin(); change != changes_.rend(); ++change) {
        if (change->attribute != attribute.name) continue;
        if (change->kind != DeferredChange::Kind::Add) return;
        std::erase_if(values, [&](const Json::Value& value) {
            return std::any_of(change->values.begin(), change->values.end(),
                               [&](const Json::Value& added) { return same_element(attribute, added, value); });
        });
    }
}

void DeferredChanges::record(DeferredChange::Kind kind, const Attribute& attribute, std::vector<Json::Value> values) {
    changes_.push_back(DeferredChange{kind, attribute.name, std::move(values)});
}

}  // namespace scim::patch
