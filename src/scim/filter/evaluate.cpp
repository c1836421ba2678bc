#include "scim/filter/evaluate.h"

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "scim/datetime.h"
#include "scim/json.h"
#include "util/ascii.h"

namespace scim::filter {
namespace {

using schema::Type;
using Values = std::vector<const Json::Value*>;

// Where a path is looked up: in a whole resource, or in one element of a value path's
// attribute (whose paths then name the element's members).
enum class Scope { Resource, Element };

// A value, or each element of an array value; nulls are no values (RFC 7643 §2.5:
// unassigned and null are equivalent).
void add_values(const Json::Value& value, Values& out) {
    if (value.isArray()) {
        for (const Json::Value& element : value) {
            if (!element.isNull()) out.push_back(&element);
        }
    } else if (!value.isNull()) {
        out.push_back(&value);
    }
}

// The top-level attribute a path names. An extension's attributes live in an object under
// its URN (RFC 7643 §3.3); a core or common attribute at the top level. A rendered
// resource never has its core schema URN as a member, so "the URN is a member" tells an
// extension apart without the registry. An extension whose object is absent falls back to
// the top level, where no attribute of that name exists as long as no extension reuses a
// core attribute's name (true of RFC 7643's schemas).
const Json::Value* attribute_of(const AttrPath& path, const Json::Value& resource) {
    const Json::Value* container = &resource;
    if (!path.schema.empty()) {
        const Json::Value* extension = json::find_member(resource, path.schema);
        if (extension != nullptr && extension->isObject()) container = extension;
    }
    return json::find_member(*container, path.attribute);
}

Values values_of(const AttrPath& path, const Json::Value& root, Scope scope) {
    Values out;
    const Json::Value* attribute = scope == Scope::Resource ? attribute_of(path, root) : &root;
    if (attribute == nullptr) return out;
    if (path.sub_attribute.empty()) {
        add_values(*attribute, out);
        return out;
    }
    Values parents;
    add_values(*attribute, parents);
    for (const Json::Value* parent : parents) {
        const Json::Value* member = json::find_member(*parent, path.sub_attribute);
        if (member != nullptr) add_values(*member, out);
    }
    return out;
}

std::string_view text_of(const Json::Value& value) {
    const char* begin = nullptr;
    const char* end = nullptr;
    if (!value.getString(&begin, &end)) return {};
    return {begin, static_cast<std::size_t>(end - begin)};
}

bool is_number(const Json::Value& value) {
    return value.type() == Json::intValue || value.type() == Json::uintValue || value.type() == Json::realValue;
}

// RFC 7644 §3.4.2.2 "pr": "If the attribute has a non-empty value, or if it contains a
// non-empty node for complex attributes, there is a match."
bool is_non_empty(const Json::Value& value) {
    switch (value.type()) {
        case Json::nullValue:
            return false;
        case Json::stringValue:
            return !text_of(value).empty();
        case Json::intValue:
        case Json::uintValue:
        case Json::realValue:
        case Json::booleanValue:
            return true;
        case Json::arrayValue:
        case Json::objectValue:
            for (const Json::Value& member : value) {
                if (is_non_empty(member)) return true;
            }
            return false;
    }
    return false;  // unreachable: every enumerator is handled above
}

std::string folded(std::string_view text, bool case_exact) {
    std::string out(text);
    if (!case_exact) {
        for (char& c : out) c = util::ascii_lower(c);
    }
    return out;
}

template <typename T>
bool ordered(const T& a, const T& b, CompareOp op) {
    switch (op) {
        case CompareOp::Eq:
            return a == b;
        case CompareOp::Gt:
            return a > b;
        case CompareOp::Ge:
            return a >= b;
        case CompareOp::Lt:
            return a < b;
        case CompareOp::Le:
            return a <= b;
        case CompareOp::Ne:
        case CompareOp::Co:
        case CompareOp::Sw:
        case CompareOp::Ew:
            return false;
    }
    return false;
}

// One comparison's literal, prepared once for all the values it meets. `op` is never Ne
// (evaluated as "not eq") and the literal is never null (evaluated through "pr").
class Matcher {
public:
    Matcher(const schema::Attribute& target, CompareOp op, const Json::Value& literal)
        : target_(target), op_(op), literal_(literal) {
        if (literal.isString()) {
            text_ = folded(text_of(literal), target.case_exact);
            if (target.type == Type::DateTime) instant_ = datetime_to_epoch_micros(text_of(literal));
        }
    }

    bool operator()(const Json::Value& value) const {
        switch (target_.type) {
            case Type::String:
            case Type::Reference:
            case Type::Binary:
                return value.isString() && literal_.isString() &&
                       compare_text(folded(text_of(value), target_.case_exact));
            case Type::Boolean:
                return op_ == CompareOp::Eq && value.isBool() && literal_.isBool() &&
                       value.asBool() == literal_.asBool();
            case Type::Integer:
            case Type::Decimal:
                return is_number(value) && is_number(literal_) && ordered(value.asDouble(), literal_.asDouble(), op_);
            case Type::DateTime: {
                if (!value.isString() || !instant_) return false;
                const std::optional<long long> instant = datetime_to_epoch_micros(text_of(value));
                return instant && ordered(*instant, *instant_, op_);
            }
            case Type::Complex:
                return false;
        }
        return false;  // unreachable: every enumerator is handled above
    }

private:
    // std::string compares as unsigned bytes (char_traits<char>::lt), i.e. byte-wise.
    bool compare_text(const std::string& value) const {
        switch (op_) {
            case CompareOp::Co:
                return value.find(text_) != std::string::npos;
            case CompareOp::Sw:
                return value.starts_with(text_);
            case CompareOp::Ew:
                return value.ends_with(text_);
            default:
                return ordered(value, text_, op_);
        }
    }

    const schema::Attribute& target_;
    CompareOp op_;
    const Json::Value& literal_;
    std::string text_;
    std::optional<long long> instant_;
};

bool evaluate(const Node& node, const Json::Value& root, Scope scope);

bool evaluate_comparison(const Comparison& comparison, const Json::Value& root, Scope scope) {
    const Values values = values_of(comparison.path, root, scope);
    if (comparison.value.isNull()) {
        bool present = false;
        for (const Json::Value* value : values) present = present || is_non_empty(*value);
        if (comparison.op == CompareOp::Eq) return !present;
        if (comparison.op == CompareOp::Ne) return present;
        return false;  // the parser allows null with eq and ne only
    }
    const bool negate = comparison.op == CompareOp::Ne;
    const Matcher matcher(comparison.path.target(), negate ? CompareOp::Eq : comparison.op, comparison.value);
    bool any = false;
    for (const Json::Value* value : values) {
        if (matcher(*value)) {
            any = true;
            break;
        }
    }
    return negate ? !any : any;
}

bool evaluate_value_path(const ValuePath& value_path, const Json::Value& root, Scope scope) {
    // The parser never nests value paths (RFC 7644's valFilter has no valuePath).
    if (scope == Scope::Element) return false;
    const Json::Value* attribute = attribute_of(value_path.path, root);
    if (attribute == nullptr) return false;
    Values elements;
    add_values(*attribute, elements);
    for (const Json::Value* element : elements) {
        if (evaluate(*value_path.filter, *element, Scope::Element)) return true;
    }
    return false;
}

bool evaluate(const Node& node, const Json::Value& root, Scope scope) {
    return std::visit(
        [&](const auto& expr) -> bool {
            using E = std::decay_t<decltype(expr)>;
            if constexpr (std::is_same_v<E, Presence>) {
                for (const Json::Value* value : values_of(expr.path, root, scope)) {
                    if (is_non_empty(*value)) return true;
                }
                return false;
            } else if constexpr (std::is_same_v<E, Comparison>) {
                return evaluate_comparison(expr, root, scope);
            } else if constexpr (std::is_same_v<E, And>) {
                return evaluate(*expr.left, root, scope) && evaluate(*expr.right, root, scope);
            } else if constexpr (std::is_same_v<E, Or>) {
                return evaluate(*expr.left, root, scope) || evaluate(*expr.right, root, scope);
            } else if constexpr (std::is_same_v<E, Not>) {
                return !evaluate(*expr.operand, root, scope);
            } else {
                static_assert(std::is_same_v<E, ValuePath>);
                return evaluate_value_path(expr, root, scope);
            }
        },
        node.expr);
}

}  // namespace

bool matches(const Node& filter, const Json::Value& resource) { return evaluate(filter, resource, Scope::Resource); }

bool matches_value(const Node& filter, const Json::Value& element) { return evaluate(filter, element, Scope::Element); }

}  // namespace scim::filter
