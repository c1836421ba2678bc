#include "scim/patch/dialect.h"

#include <type_traits>
#include <variant>

namespace scim::patch {

using schema::Attribute;
using schema::Type;

// The liberal forms identity providers send, turned into the RFC's (registry-driven, never
// guessed from the shape alone):
// - a single-valued complex attribute with a "value" sub-attribute given a bare value means
//   {"value": v} (Entra: {"op":"Replace","path":"urn:...:enterprise:2.0:User:manager","value":"<id>"}),
//   and given a one-element array means its element (Entra: {"op":"Add","path":"manager",
//   "value":[{"$ref":null,"value":"<id>"}]});
// - a multi-valued attribute given one value (not an array) means a one-element array.
Json::Value liberal(const Attribute& attribute, const Json::Value& value) {
    if (attribute.multi_valued) {
        if (value.isNull() || value.isArray()) return value;
        Json::Value array(Json::arrayValue);
        array.append(value);
        return array;
    }
    if (attribute.type != Type::Complex || attribute.find_sub("value") == nullptr) return value;
    const Json::Value& single = value.isArray() && value.size() == 1 ? value[0] : value;
    if (single.isString() || single.isNumeric() || single.isBool()) {
        Json::Value object(Json::objectValue);
        object["value"] = single;
        return object;
    }
    return single;
}

// `subattr eq <value>` or an "and" of such: the element a filtered replace may create when no
// element matches (Entra: {"op":"Replace","path":"emails[type eq \"work\"].value","value":"a@b.c"}
// on a user with no work email). False for any other filter, or one naming a sub-attribute twice.
bool collect_equalities(const filter::Node& node, Json::Value& element) {
    return std::visit(
        [&](const auto& expr) -> bool {
            using E = std::decay_t<decltype(expr)>;
            if constexpr (std::is_same_v<E, filter::Comparison>) {
                if (expr.op != filter::CompareOp::Eq || expr.value.isNull() || expr.path.sub_def == nullptr) return false;
                if (element.isMember(expr.path.sub_attribute)) return false;
                element[expr.path.sub_attribute] = expr.value;
                return true;
            } else if constexpr (std::is_same_v<E, filter::And>) {
                return collect_equalities(*expr.left, element) && collect_equalities(*expr.right, element);
            } else {
                return false;
            }
        },
        node.expr);
}

}  // namespace scim::patch
