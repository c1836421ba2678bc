#include "store/filter_sql.h"

#include <stdexcept>

#include "scim/uuid.h"

namespace store {
namespace {

using scim::filter::AttrPath;
using scim::filter::CompareOp;
using scim::schema::Type;

std::string value_text(const Json::Value& value) {
    if (value.isString()) return value.asString();
    if (value.isBool()) return value.asBool() ? "true" : "false";
    if (value.isIntegral()) return std::to_string(value.asInt64());
    if (value.isNumeric()) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.17g", value.asDouble());
        return buffer;
    }
    return "";
}

const char* order_operator(CompareOp op) {
    switch (op) {
        case CompareOp::Gt: return ">";
        case CompareOp::Ge: return ">=";
        case CompareOp::Lt: return "<";
        case CompareOp::Le: return "<=";
        default: return "=";
    }
}

bool is_ordering(CompareOp op) {
    return op == CompareOp::Gt || op == CompareOp::Ge || op == CompareOp::Lt || op == CompareOp::Le;
}

// Comparisons stay bare so that PostgreSQL can match them to indexes; a NULL (absent
// value) behaves as false everywhere except under NOT, which is the one place that makes
// it two-valued. In a NOT-free context three-valued AND/OR with NULL read as false at the
// end gives the same answer as two-valued logic with NULL read as false at the leaves.
std::string predicate_of(const std::string& predicate) { return "(" + predicate + ")"; }

std::string negation(const std::string& predicate) { return "(NOT coalesce(" + predicate + ", false))"; }

// The `value eq "..."` among the top-level conjuncts of a value filter, if any: it must hold
// for the element that matches, so its index may narrow the rows first.
const scim::filter::Comparison* value_equality(const scim::filter::Node& filter) {
    if (const auto* both = std::get_if<scim::filter::And>(&filter.expr)) {
        if (const auto* found = value_equality(*both->left)) return found;
        return value_equality(*both->right);
    }
    const auto* comparison = std::get_if<scim::filter::Comparison>(&filter.expr);
    if (comparison != nullptr && comparison->op == CompareOp::Eq && comparison->value.isString() &&
        comparison->path.sub_attribute == "value") {
        return comparison;
    }
    return nullptr;
}

}  // namespace

// In the row context paths are read from the table; in an element context (inside a
// value path or an EXISTS over a multi-valued attribute) sub-attributes are read from
// the JSON element bound to `element`.
struct FilterSql::Context {
    std::string element;  // "" for the row context
};

std::string escape_like(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

FilterSql::FilterSql(const ColumnMap& map, std::string location_prefix)
    : map_(map), location_prefix_(std::move(location_prefix)) {}

std::string FilterSql::bind(std::string value) {
    params_.push_back(std::move(value));
    return ":p" + std::to_string(params_.size());
}

std::string FilterSql::next_alias() { return "e" + std::to_string(++aliases_); }

std::string FilterSql::predicate(const scim::filter::Node& filter) { return node(filter, Context{}); }

std::string FilterSql::node(const scim::filter::Node& filter, const Context& context) {
    return std::visit(
        [&](const auto& expr) -> std::string {
            using T = std::decay_t<decltype(expr)>;
            if constexpr (std::is_same_v<T, scim::filter::And>) {
                return "(" + node(*expr.left, context) + " AND " + node(*expr.right, context) + ")";
            } else if constexpr (std::is_same_v<T, scim::filter::Or>) {
                return "(" + node(*expr.left, context) + " OR " + node(*expr.right, context) + ")";
            } else if constexpr (std::is_same_v<T, scim::filter::Not>) {
                return negation(node(*expr.operand, context));
            } else if constexpr (std::is_same_v<T, scim::filter::Presence>) {
                return presence(expr.path, context);
            } else if constexpr (std::is_same_v<T, scim::filter::Comparison>) {
                return comparison(expr, context);
            } else {
                // ValuePath: some element satisfies the inner filter.
                std::string alias = next_alias();
                Context inner{alias + ".v"};
                std::string exists = "EXISTS (SELECT 1 FROM jsonb_array_elements(" +
                                     elements_of(json_expr(expr.path, false)) + ") " + alias + "(v) WHERE " +
                                     node(*expr.filter, inner) + ")";
                // emails[type eq "work" and value eq "x"] (Entra ID's matching query): the
                // indexed array of lower-cased values finds the rows, the EXISTS checks the element.
                const scim::filter::Comparison* value = value_equality(*expr.filter);
                if (value != nullptr && !map_.email_values.empty() && expr.path.schema == map_.core_schema &&
                    expr.path.attribute == "emails" && !value->path.target().case_exact) {
                    return "(" + map_.email_values + " @> ARRAY[lower(" + bind(value_text(value->value)) + ")] AND " +
                           exists + ")";
                }
                return exists;
            }
        },
        filter.expr);
}

// The JSONB value of a path read from the attributes column (row context).
std::string FilterSql::json_expr(const AttrPath& path, bool include_sub) const {
    if (const VirtualAttribute* computed = map_.find_virtual(path.schema, path.attribute)) return computed->json_sql;
    std::string expr = map_.alias + ".attributes";
    if (!path.schema.empty() && path.schema != map_.core_schema) expr += " -> " + sql_key(path.schema);
    expr += " -> " + sql_key(path.attribute);
    if (include_sub && !path.sub_attribute.empty()) expr += " -> " + sql_key(path.sub_attribute);
    return expr;
}

// An array to iterate over: the value itself when it is an array, a one-element array for
// a single object, nothing otherwise.
std::string FilterSql::elements_of(const std::string& json) const {
    return "CASE jsonb_typeof(" + json + ") WHEN 'array' THEN " + json + " WHEN 'object' THEN jsonb_build_array(" +
           json + ") ELSE '[]'::jsonb END";
}

std::string FilterSql::presence(const AttrPath& path, const Context& context) {
    if (!context.element.empty()) {
        return predicate_of("scim_present(" + context.element + " -> " + sql_key(path.sub_attribute) + ")");
    }
    if (const MappedColumn* column = map_.find(path.schema, path.attribute, path.sub_attribute)) {
        if (column->kind == MappedColumn::Kind::Text) return "(coalesce(" + column->sql + ", '') <> '')";
        return "(" + column->sql + " IS NOT NULL)";
    }
    if (path.schema.empty() && path.attribute == "schemas") return "true";
    if (path.schema.empty() && path.attribute == "meta") return "true";
    if (path.attribute_def->multi_valued && !path.sub_attribute.empty()) {
        std::string alias = next_alias();
        return "EXISTS (SELECT 1 FROM jsonb_array_elements(" + elements_of(json_expr(path, false)) + ") " + alias +
               "(v) WHERE " + predicate_of("scim_present(" + alias + ".v -> " + sql_key(path.sub_attribute) + ")") + ")";
    }
    return predicate_of("scim_present(" + json_expr(path, true) + ")");
}

std::string FilterSql::compare_text(const std::string& text_expr, const scim::schema::Attribute& target, CompareOp op,
                                    const Json::Value& value) {
    switch (target.type) {
        case Type::Boolean:
            return predicate_of("(" + text_expr + ")::boolean = (" + bind(value_text(value)) + ")::boolean");
        case Type::Integer:
        case Type::Decimal:
            return predicate_of("(" + text_expr + ")::numeric " + order_operator(op) + " (" + bind(value_text(value)) +
                              ")::numeric");
        case Type::DateTime:
            return predicate_of("(" + text_expr + ")::timestamptz " + order_operator(op) + " (" +
                              bind(value_text(value)) + ")::timestamptz");
        default:
            break;
    }
    bool fold = !target.case_exact;
    std::string left = fold ? "lower(" + text_expr + ")" : "(" + text_expr + ")";
    std::string raw = value_text(value);
    switch (op) {
        case CompareOp::Co:
            return predicate_of(left + " LIKE '%' || " + (fold ? "lower(" + bind(escape_like(raw)) + ")" : bind(escape_like(raw))) +
                              " || '%' ESCAPE '\\'");
        case CompareOp::Sw:
            return predicate_of(left + " LIKE " + (fold ? "lower(" + bind(escape_like(raw)) + ")" : bind(escape_like(raw))) +
                              " || '%' ESCAPE '\\'");
        case CompareOp::Ew:
            return predicate_of(left + " LIKE '%' || " + (fold ? "lower(" + bind(escape_like(raw)) + ")" : bind(escape_like(raw))) +
                              " ESCAPE '\\'");
        default: {
            std::string right = fold ? "lower(" + bind(raw) + ")" : bind(raw);
            if (is_ordering(op)) return predicate_of("(" + left + " COLLATE \"C\") " + order_operator(op) + " " + right);
            return predicate_of(left + " = " + right);
        }
    }
}

std::string FilterSql::comparison(const scim::filter::Comparison& c, const Context& context) {
    const AttrPath& path = c.path;
    // `eq null` asks for an unassigned attribute, `ne null` for an assigned one; `ne` is `not eq`.
    if (c.value.isNull()) {
        std::string present = presence(path, context);
        return c.op == CompareOp::Ne ? present : negation(present);
    }
    if (c.op == CompareOp::Ne) {
        scim::filter::Comparison eq{path, CompareOp::Eq, c.value};
        return negation(comparison(eq, context));
    }
    const auto& target = path.target();
    if (!context.element.empty()) {
        return compare_text(context.element + " ->> " + sql_key(path.sub_attribute), target, c.op, c.value);
    }
    if (const MappedColumn* column = map_.find(path.schema, path.attribute, path.sub_attribute)) {
        switch (column->kind) {
            case MappedColumn::Kind::Boolean:
                return predicate_of(column->sql + " = (" + bind(value_text(c.value)) + ")::boolean");
            case MappedColumn::Kind::Timestamp:
                return predicate_of(column->sql + " " + order_operator(c.op) + " (" + bind(value_text(c.value)) +
                                  ")::timestamptz");
            case MappedColumn::Kind::Uuid:
                // id is caseExact (RFC 7643 §3.1) and stored in the lower-case form it was issued
                // in: only that spelling matches, through the primary key.
                if (c.op == CompareOp::Eq && scim::is_uuid(value_text(c.value)) &&
                    scim::canonical_uuid(value_text(c.value)) == value_text(c.value)) {
                    return predicate_of(column->sql + " = (" + bind(value_text(c.value)) + ")::uuid");
                }
                return compare_text(column->sql + "::text", target, c.op, c.value);
            case MappedColumn::Kind::Text:
                return compare_text(column->sql, target, c.op, c.value);
        }
    }
    if (path.schema.empty() && path.attribute == "meta") {
        if (path.sub_attribute == "resourceType") return compare_text("'" + map_.resource_type + "'", target, c.op, c.value);
        if (path.sub_attribute == "location") {
            return compare_text(bind(location_prefix_) + " || " + map_.alias + ".id::text", target, c.op, c.value);
        }
    }
    if (path.schema.empty() && path.attribute == "schemas") {
        // The core URN, then each extension the row holds data for (resource_record.h).
        std::string schemas = "(ARRAY[" + sql_key(map_.core_schema) + "]::text[] || ARRAY(SELECT k FROM "
                              "jsonb_object_keys(" + map_.alias + ".attributes) k WHERE k LIKE 'urn:%'))";
        std::string alias = next_alias();
        return "EXISTS (SELECT 1 FROM unnest(" + schemas + ") " + alias + "(v) WHERE " +
               compare_text(alias + ".v", target, c.op, c.value) + ")";
    }
    if (path.sub_attribute == "value" && c.op == CompareOp::Eq && scim::is_uuid(value_text(c.value))) {
        // Membership by id: answered from the membership table's indexes, not by building arrays.
        std::string id = "(" + bind(scim::canonical_uuid(value_text(c.value))) + ")::uuid";
        if (map_.table == "scim_groups" && path.attribute == "members") {
            return "EXISTS (SELECT 1 FROM scim_group_members m WHERE m.org_id = g.org_id AND m.group_id = g.id AND "
                   "m.member_id = " + id + ")";
        }
        if (map_.table == "scim_users" && path.attribute == "groups") {
            return "EXISTS (SELECT 1 FROM scim_member_groups(u.org_id, u.id) a WHERE a.group_id = " + id + ")";
        }
    }
    if (path.attribute_def->multi_valued) {
        // emails.value eq: the indexed array of lower-cased values answers it.
        if (!map_.email_values.empty() && path.schema == map_.core_schema && path.attribute == "emails" &&
            path.sub_attribute == "value" && c.op == CompareOp::Eq && !target.case_exact) {
            return predicate_of(map_.email_values + " @> ARRAY[lower(" + bind(value_text(c.value)) + ")]");
        }
        std::string alias = next_alias();
        std::string element = path.sub_attribute.empty() ? alias + ".v #>> '{}'" : alias + ".v ->> " + sql_key(path.sub_attribute);
        return "EXISTS (SELECT 1 FROM jsonb_array_elements(" + elements_of(json_expr(path, false)) + ") " + alias +
               "(v) WHERE " + compare_text(element, target, c.op, c.value) + ")";
    }
    std::string text = map_.alias + ".attributes";
    if (!path.schema.empty() && path.schema != map_.core_schema) text += " -> " + sql_key(path.schema);
    if (path.sub_attribute.empty()) {
        text += " ->> " + sql_key(path.attribute);
    } else {
        text += " -> " + sql_key(path.attribute) + " ->> " + sql_key(path.sub_attribute);
    }
    return compare_text(text, target, c.op, c.value);
}

FilterSql::SortKey FilterSql::sort_key(const AttrPath& path) {
    const auto& target = path.target();
    if (const MappedColumn* column = map_.find(path.schema, path.attribute, path.sub_attribute)) {
        SortKey key{column->sql, "text", !column->not_null};
        switch (column->kind) {
            case MappedColumn::Kind::Text:
                if (!target.case_exact) key.expr = "lower(" + key.expr + ")";
                key.expr += " COLLATE \"C\"";
                break;
            case MappedColumn::Kind::Boolean: key.type = "boolean"; break;
            case MappedColumn::Kind::Timestamp: key.type = "timestamptz"; break;
            case MappedColumn::Kind::Uuid: key.type = "uuid"; break;
        }
        return key;
    }
    if (path.schema.empty() && path.attribute == "meta") return {"NULL::text", "text", true};
    std::string text;
    if (path.attribute_def->multi_valued) {
        std::string alias = next_alias();
        std::string sub = path.sub_attribute.empty() ? "value" : path.sub_attribute;
        text = "(SELECT " + alias + ".v ->> " + sql_key(sub) + " FROM jsonb_array_elements(" +
               elements_of(json_expr(path, false)) + ") WITH ORDINALITY " + alias + "(v, i) ORDER BY coalesce((" +
               alias + ".v ->> 'primary')::boolean, false) DESC, " + alias + ".i LIMIT 1)";
    } else {
        text = map_.alias + ".attributes";
        if (!path.schema.empty() && path.schema != map_.core_schema) text += " -> " + sql_key(path.schema);
        text += path.sub_attribute.empty() ? " ->> " + sql_key(path.attribute)
                                           : " -> " + sql_key(path.attribute) + " ->> " + sql_key(path.sub_attribute);
    }
    switch (target.type) {
        case Type::Boolean: return {"(" + text + ")::boolean", "boolean", true};
        case Type::Integer:
        case Type::Decimal: return {"(" + text + ")::numeric", "numeric", true};
        case Type::DateTime: return {"(" + text + ")::timestamptz", "timestamptz", true};
        default:
            return {(target.case_exact ? "(" + text + ")" : "lower(" + text + ")") + " COLLATE \"C\"", "text", true};
    }
}

std::string FilterSql::order_by(const AttrPath& path, bool descending) {
    // Descending is ascending reversed, ties included: a keyset on (key, id) reads either way.
    return sort_key(path).expr + (descending ? " DESC NULLS FIRST, " : " ASC NULLS LAST, ") + map_.alias +
           (descending ? ".id DESC" : ".id");
}

}  // namespace store
