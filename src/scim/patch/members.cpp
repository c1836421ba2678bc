#include "scim/patch/members.h"

#include <algorithm>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <variant>

#include "scim/error.h"
#include "scim/patch/dialect.h"
#include "scim/patch/rules.h"
#include "scim/resource_codec.h"
#include "util/ascii.h"
#include "util/json_text.h"

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

// The elements seen so far, by a key that equal elements share (same_element's "value",
// folded as the attribute's case rule says), so that each new element is compared with the
// few of its bucket only: linear in the number of values, not quadratic.
class ElementIndex {
public:
    explicit ElementIndex(const Attribute& attribute)
        : attribute_(attribute), value_sub_(attribute.type == Type::Complex ? attribute.find_sub("value") : nullptr) {}

    bool contains(const Json::Value& element) const {
        auto bucket = buckets_.find(key(element));
        if (bucket == buckets_.end()) return false;
        return std::any_of(bucket->second.begin(), bucket->second.end(),
                           [&](const Json::Value& seen) { return same_element(attribute_, seen, element); });
    }

    void insert(const Json::Value& element) { buckets_[key(element)].push_back(element); }

private:
    std::string key(const Json::Value& element) const {
        const Json::Value& value = value_sub_ != nullptr && element.isObject() ? element["value"] : element;
        const schema::Attribute& rule = value_sub_ != nullptr ? *value_sub_ : attribute_;
        if (!value.isString()) return util::to_json_text(value);
        std::string text = value.asString();
        if (!rule.case_exact) {
            for (char& c : text) c = util::ascii_lower(c);
        }
        return text;
    }

    const Attribute& attribute_;
    const Attribute* value_sub_;
    std::unordered_map<std::string, std::vector<Json::Value>> buckets_;
};

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
    ElementIndex seen(attribute);
    for (const Json::Value& element : decoded) {
        if (seen.contains(element)) continue;
        seen.insert(element);
        values.push_back(element);
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
        ElementIndex added(attribute);
        for (const Json::Value& value : change->values) added.insert(value);
        std::erase_if(values, [&](const Json::Value& value) { return added.contains(value); });
    }
}

void DeferredChanges::record(DeferredChange::Kind kind, const Attribute& attribute, std::vector<Json::Value> values) {
    changes_.push_back(DeferredChange{kind, attribute.name, std::move(values)});
}

}  // namespace scim::patch
