#include "store/column_map.h"

#include <stdexcept>

#include "scim/schema/schema.h"
#include "store/resource_record.h"

namespace store {

const MappedColumn* ColumnMap::find(std::string_view schema, std::string_view attribute, std::string_view sub) const {
    for (const MappedColumn& column : columns) {
        if (column.schema == schema && column.attribute == attribute && column.sub_attribute == sub) return &column;
    }
    return nullptr;
}

const VirtualAttribute* ColumnMap::find_virtual(std::string_view schema, std::string_view attribute) const {
    for (const VirtualAttribute& candidate : virtual_attributes) {
        if (candidate.schema == schema && candidate.attribute == attribute) return &candidate;
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
        m.columns = {
            {"", "id", "", "u.id", Kind::Uuid, true, true},
            {"", "externalId", "", "u.external_id", Kind::Text},
            {"", "meta", "created", "u.created", Kind::Timestamp, false, true},
            // A user's lastModified and version move with its memberships too (sql/0015).
            {"", "meta", "lastModified", user_last_modified_sql("u"), Kind::Timestamp},
            {"", "meta", "version", "('W/\"' || " + user_version_sql("u") + " || '\"')", Kind::Text},
            // sql/0001: unique on lower(user_name), as userName is caseExact false.
            {m.core_schema, "userName", "", "u.user_name", Kind::Text, true, true},
            {m.core_schema, "name", "givenName", "u.given_name", Kind::Text},
            {m.core_schema, "name", "familyName", "u.family_name", Kind::Text},
            {m.core_schema, "active", "", "u.active", Kind::Boolean},
        };
        // User.groups (RFC 7643 §4.1.2): direct and indirect memberships (sql/0003).
        m.virtual_attributes = {
            {m.core_schema, "groups",
             "(SELECT coalesce(jsonb_agg(jsonb_build_object('value', a.group_id::text, 'display', g.display_name, "
             "'type', CASE WHEN a.direct THEN 'direct' ELSE 'indirect' END)), '[]'::jsonb) "
             "FROM scim_member_groups(u.org_id, u.id) a JOIN scim_groups g ON g.org_id = u.org_id AND g.id = a.group_id)"},
        };
        m.email_values = "u.email_values";
        m.membership_clock = true;
        return m;
    }();
    return map;
}

const ColumnMap& ColumnMap::groups() {
    static const ColumnMap map = [] {
        using Kind = MappedColumn::Kind;
        ColumnMap m;
        m.table = "scim_groups";
        m.alias = "g";
        m.resource_type = "Group";
        m.endpoint = "/Groups";
        m.core_schema = std::string(scim::schema::urn::kGroup);
        m.columns = {
            {"", "id", "", "g.id", Kind::Uuid, true, true},
            {"", "externalId", "", "g.external_id", Kind::Text},
            {"", "meta", "created", "g.created", Kind::Timestamp, false, true},
            {"", "meta", "lastModified", "g.last_modified", Kind::Timestamp},
            {"", "meta", "version", "('W/\"' || g.version || '\"')", Kind::Text},
            {m.core_schema, "displayName", "", "g.display_name", Kind::Text, false, true},
        };
        m.virtual_attributes = {
            {m.core_schema, "members",
             "(SELECT coalesce(jsonb_agg(jsonb_build_object('value', m.member_id::text, 'type', m.member_type, "
             "'display', coalesce(m.display, mu.attributes ->> 'displayName', mu.user_name, mg.display_name))), "
             "'[]'::jsonb) "
             "FROM scim_group_members m "
             "LEFT JOIN scim_users mu ON m.member_type = 'User' AND mu.org_id = m.org_id AND mu.id = m.member_id "
             "LEFT JOIN scim_groups mg ON m.member_type = 'Group' AND mg.org_id = m.org_id AND mg.id = m.member_id "
             "WHERE m.org_id = g.org_id AND m.group_id = g.id)"},
        };
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
