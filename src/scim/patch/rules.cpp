#include "scim/patch/rules.h"

#include <algorithm>

#include "scim/error.h"
#include "util/ascii.h"

namespace scim::patch {

using schema::Attribute;
using schema::Mutability;
using schema::Type;

// Two values of `def` are the same value: strings without case unless it is caseExact
// (RFC 7643 §2.3.1), everything else as normalized JSON.
bool same_value(const Attribute& def, const Json::Value& a, const Json::Value& b) {
    if (!def.case_exact && a.isString() && b.isString()) return util::iequals(a.asString(), b.asString());
    return a == b;
}

// Whether `given` is already one of the values of the multi-valued `attribute` as `existing`:
// equal, or for complex values with a "value" sub-attribute, the same "value" and the same
// "type" where both have one. RFC 7644 §3.5.2.1: "If the target location already contains
// the value specified, no changes SHOULD be made"; a "type" that only one side states does
// not make the two different (Okta adds members without "type").
bool same_element(const Attribute& attribute, const Json::Value& existing, const Json::Value& given) {
    if (existing == given) return true;
    if (attribute.type != Type::Complex) return same_value(attribute, existing, given);
    const Attribute* value_sub = attribute.find_sub("value");
    if (value_sub == nullptr || !existing.isObject() || !given.isObject()) return false;
    const Json::Value& a = existing["value"];
    const Json::Value& b = given["value"];
    if (a.isNull() || b.isNull() || !same_value(*value_sub, a, b)) return false;
    const Attribute* type_sub = attribute.find_sub("type");
    if (type_sub == nullptr || !existing.isMember("type") || !given.isMember("type")) return true;
    return same_value(*type_sub, existing["type"], given["type"]);
}

// Whether `given`, one of the values a remove names (Entra's {"op":"Remove","path":"members",
// "value":[{"value":"<id>"}]}), identifies `existing`: by "value" when the attribute has one.
bool identifies(const Attribute& attribute, const Json::Value& existing, const Json::Value& given) {
    if (attribute.type != Type::Complex) return same_value(attribute, existing, given);
    const Attribute* value_sub = attribute.find_sub("value");
    if (value_sub == nullptr) return existing == given;
    return existing.isObject() && given.isObject() && existing.isMember("value") &&
           same_value(*value_sub, existing["value"], given["value"]);
}

// Sets (or with null, unassigns) one sub-attribute of a complex value. RFC 7644 §3.5.2: "A
// client MUST NOT modify an attribute that has mutability ... "immutable". However, a client
// MAY "add" a value to an "immutable" attribute if the attribute had no previous value."
void set_sub(const std::string& where, Json::Value& element, const Attribute& sub, const Json::Value& value) {
    if (sub.mutability == Mutability::Immutable && element.isMember(sub.name) && element[sub.name] != value) {
        throw ScimError::mutability("Attribute '" + where + "." + sub.name + "' is immutable");
    }
    if (value.isNull()) {
        element.removeMember(sub.name);
    } else {
        element[sub.name] = value;
    }
}

// RFC 7644 §3.5.2.1 and §3.5.2.3: "Sub-attributes that are not specified in the "value"
// parameter are left unchanged."
void merge_into(const Attribute& attribute, const std::string& where, Json::Value& existing,
                const Json::Value& given) {
    if (!existing.isObject() || !given.isObject()) {
        existing = given;
        return;
    }
    for (auto it = given.begin(); it != given.end(); ++it) {
        const Attribute* sub = attribute.find_sub(it.name());
        if (sub != nullptr) set_sub(where, existing, *sub, *it);
    }
}

// A matching element replaced as a whole keeps its assigned immutable sub-attributes (Group
// members' value, $ref, type and display, RFC 7643 §4.2).
void replace_element(const Attribute& attribute, const std::string& where, Json::Value& existing,
                     const Json::Value& replacement) {
    for (const Attribute& sub : attribute.sub_attributes) {
        if (sub.mutability != Mutability::Immutable || !existing.isMember(sub.name)) continue;
        if (replacement[sub.name] != existing[sub.name]) {
            throw ScimError::mutability("Attribute '" + where + "." + sub.name + "' is immutable");
        }
    }
    existing = replacement;
}

// RFC 7643 §2.4: "The primary attribute value "true" MUST appear no more than once." The
// element an operation makes primary wins: "primary" is removed from all the others. Two
// touched elements both primary stay so, for validation to refuse.
void keep_one_primary(Json::Value& list, const Indices& touched) {
    bool made_primary = false;
    for (Json::ArrayIndex i : touched) {
        if (!list[i].isObject()) continue;
        const Json::Value primary = list[i].get("primary", Json::Value());
        made_primary = made_primary || (primary.isBool() && primary.asBool());
    }
    if (!made_primary) return;
    for (Json::ArrayIndex i = 0; i < list.size(); ++i) {
        if (std::find(touched.begin(), touched.end(), i) == touched.end() && list[i].isObject()) {
            list[i].removeMember("primary");
        }
    }
}

// Values that name what to remove must each carry what names them: a remove never
// takes out all values because one given value says nothing.
void check_identifying(const Attribute& attribute, const std::string& where, const Json::Value& given) {
    if (attribute.type != Type::Complex || attribute.find_sub("value") == nullptr) return;
    for (const Json::Value& element : given) {
        if (!element.isMember("value")) {
            throw ScimError::invalid_value("Each value to remove from '" + where + "' must have a 'value'");
        }
    }
}

}  // namespace scim::patch
