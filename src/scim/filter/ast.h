// The filter AST (RFC 7644 §3.4.2.2): one tree, several consumers — the type checker,
// the in-memory evaluator (PATCH value paths, differential tests) and the SQL translator.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include <json/value.h>

#include "scim/schema/attribute.h"

namespace scim::filter {

enum class CompareOp { Eq, Ne, Co, Sw, Ew, Gt, Ge, Lt, Le };

// A resolved attribute path: [schema URN ":"] attribute ["." sub-attribute].
// After parsing, names are canonical (as the registry spells them) and the definitions set.
struct AttrPath {
    std::string schema;         // URN of the attribute's schema; empty for common attributes (id, meta, ...)
    std::string attribute;      // canonical top-level name, e.g. "emails"
    std::string sub_attribute;  // canonical sub-attribute name, or empty
    const schema::Attribute* attribute_def = nullptr;
    const schema::Attribute* sub_def = nullptr;

    // The definition whose type and case rules apply: the sub-attribute's when there is one.
    const schema::Attribute& target() const { return sub_def != nullptr ? *sub_def : *attribute_def; }
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Presence {
    AttrPath path;
};
struct Comparison {
    AttrPath path;
    CompareOp op;
    Json::Value value;  // string, number, boolean or null
};
struct And {
    NodePtr left, right;
};
struct Or {
    NodePtr left, right;
};
struct Not {
    NodePtr operand;
};
// attr[filter]: a multi-valued complex attribute and a filter on each of its values. Paths
// inside `filter` name sub-attributes of `path` and carry path's schema and attribute.
struct ValuePath {
    AttrPath path;
    NodePtr filter;
};

struct Node {
    std::variant<Presence, Comparison, And, Or, Not, ValuePath> expr;
};

}  // namespace scim::filter
