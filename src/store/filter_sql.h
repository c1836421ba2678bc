// Translation of a typed filter AST (and a sortBy path) into SQL text with placeholders;
// every user value goes into the parameter list, never into the text. Identifiers come
// only from the ColumnMap and the registry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scim/filter/ast.h"
#include "store/column_map.h"

namespace store {

class FilterSql {
public:
    // location_prefix: what meta.location starts with before the id ("https://host/.../Users/").
    FilterSql(const ColumnMap& map, std::string location_prefix);

    // A predicate that is true exactly for the rows scim::filter::matches accepts (it may be
    // NULL where matches is false, which WHERE treats alike).
    std::string predicate(const scim::filter::Node& filter);

    // The value a list is sorted by (sortBy): its SQL expression, the SQL type a cursor's
    // text of it is cast back to, and whether it can be NULL.
    struct SortKey {
        std::string expr;
        std::string type;  // "text", "timestamptz", "numeric", "boolean", "uuid"
        bool nullable = true;
    };
    SortKey sort_key(const scim::filter::AttrPath& path);

    // ORDER BY terms for sortBy (RFC 7644 §3.4.2.3): missing values last when ascending,
    // first when descending; ties broken by id (descending too, when descending). A multi-valued attribute sorts by its
    // primary (else first) value.
    std::string order_by(const scim::filter::AttrPath& path, bool descending);

    // Adds a value and returns its placeholder (":p1", ":p2", ...).
    std::string bind(std::string value);

    // The values, in placeholder order; the placeholder of params()[i] is ":p{i+1}".
    const std::vector<std::string>& params() const { return params_; }

private:
    struct Context;  // where a path is read from: the row, or one element of an array

    std::string node(const scim::filter::Node& filter, const Context& context);
    std::string comparison(const scim::filter::Comparison& comparison, const Context& context);
    std::string presence(const scim::filter::AttrPath& path, const Context& context);
    std::string compare_text(const std::string& text_expr, const scim::schema::Attribute& target,
                             scim::filter::CompareOp op, const Json::Value& value);
    std::string json_expr(const scim::filter::AttrPath& path, bool include_sub) const;
    std::string elements_of(const std::string& json) const;
    std::string next_alias();

    const ColumnMap& map_;
    std::string location_prefix_;
    std::vector<std::string> params_;
    int aliases_ = 0;
};

// Escapes LIKE metacharacters (%, _ and \) for a pattern with ESCAPE '\'.
std::string escape_like(std::string_view value);

}  // namespace store
