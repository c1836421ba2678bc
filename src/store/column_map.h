// Where each attribute of a resource type lives in SQL: the only source of identifiers
// for generated queries. Mapped attributes use their indexed columns; every other
// attribute is read from the JSONB `attributes` column by registry-spelled keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace store {

struct MappedColumn {
    std::string schema;         // "" for core or common attributes
    std::string attribute;      // canonical name
    std::string sub_attribute;  // canonical name or ""
    std::string sql;            // expression over the table alias
    enum class Kind { Text, Boolean, Timestamp, Uuid } kind = Kind::Text;
};

struct ColumnMap {
    std::string table;          // "scim_users"
    std::string alias;          // "u"
    std::string resource_type;  // "User" (meta.resourceType)
    std::string endpoint;       // "/Users" (meta.location)
    std::string core_schema;    // URN
    std::vector<std::string> extension_schemas;
    std::vector<MappedColumn> columns;
    // Lower-cased email values column for `emails.value eq` (empty when none).
    std::string email_values;

    const MappedColumn* find(std::string_view schema, std::string_view attribute, std::string_view sub) const;

    static const ColumnMap& users();
};

// A registry-spelled JSON key as a SQL string literal.
// REQUIRES: key comes from the schema registry (letters, digits, '$', ':', '.', '-', '_').
std::string sql_key(std::string_view key);

}  // namespace store
