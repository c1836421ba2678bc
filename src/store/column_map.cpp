#include "store/column_map.h"

#include <stdexcept>

#include "scim/schema/schema.h"

namespace store {

const MappedColumn* ColumnMap::find(std::string_view schema, std::string_view attribute, std::string_view sub) const {
    for (const MappedColumn& column : columns) {
        if (column.schema == schema && column.attribute == attribute && column.sub_attribute == sub) return &column;
    }
    return nullptr;
}

const ColumnMap& ColumnMap::users() {
    static const ColumnMap map = [] {
        using Kind = MappedColumn::Kind;
        ColumnMap m;
        m.table = "scim_users";
        m.alias = "u";
        m.resource_type = "User";
        m.endpoint = "/Users";
        m.core_schema = std::string(scim::schema::urn::kUser);
        m.extension_schemas = {std::string(scim::schema::urn::kEnterpriseUser)};
        m.columns = {
            {"", "id", "", "u.id", Kind::Uuid},
            {"", "externalId", "", "u.external_id", Kind::Text},
            {"", "meta", "created", "u.created", Kind::Timestamp},
            {"", "meta", "lastModified", "u.last_modified", Kind::Timestamp},
            {"", "meta", "version", "('W/\"' || u.version || '\"')", Kind::Text},
            {m.core_schema, "userName", "", "u.user_name", Kind::Text},
            {m.core_schema, "name", "givenName", "u.given_name", Kind::Text},
            {m.core_schema, "name", "familyName", "u.family_name", Kind::Text},
            {m.core_schema, "active", "", "u.active", Kind::Boolean},
        };
        m.email_values = "u.email_values";
        return m;
    }();
    return map;
}

std::string sql_key(std::string_view key) {
    for (char c : key) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == ':' ||
                  c == '.' || c == '-' || c == '_';
        if (!ok) throw std::logic_error("attribute key not from the registry: " + std::string(key));
    }
    return "'" + std::string(key) + "'";
}

}  // namespace store
