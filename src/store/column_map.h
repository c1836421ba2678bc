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
    // A unique index holds it within the organisation (under its case rule): an equality on
    // it selects at most one resource.
    bool unique = false;
    // NOT NULL in its table: a cursor's boundary on it needs no NULL cases (and so the range
    // it starts from can come from an index).
    bool not_null = false;
};

// A multi-valued attribute computed from other tables (User.groups, Group.members): the SQL
// yields a JSONB array of its values, so filters treat it like a stored array.
struct VirtualAttribute {
    std::string schema;
    std::string attribute;
    std::string json_sql;
};

struct ColumnMap {
    std::string table;          // "scim_users"
    std::string alias;          // "u"
    std::string resource_type;  // "User" (meta.resourceType)
    std::string endpoint;       // "/Users" (meta.location)
    std::string core_schema;    // URN
    std::vector<MappedColumn> columns;
    std::vector<VirtualAttribute> virtual_attributes;
    // Lower-cased email values column for `emails.value eq` (empty when none).
    std::string email_values;
    // Version and lastModified include the membership clock (users: resource_record.h).
    bool membership_clock = false;

    const MappedColumn* find(std::string_view schema, std::string_view attribute, std::string_view sub) const;
    const VirtualAttribute* find_virtual(std::string_view schema, std::string_view attribute) const;

    static const ColumnMap& users();
    static const ColumnMap& groups();
};

// A registry-spelled JSON key as a SQL string literal.
// REQUIRES: key comes from the schema registry (letters, digits, '$', ':', '.', '-', '_').
std::string sql_key(std::string_view key);

}  // namespace store
