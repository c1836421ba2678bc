// The extension schemas each organisation registers (sql/0013): stored as given, read back
// by the workers when an organisation's schema_version changes.
#pragma once

#include <string>
#include <vector>

#include "store/db.h"

namespace store {

struct StoredSchema {
    std::string urn;
    std::string resource_type;  // "User" or "Group"
    std::string definition;     // the RFC 7643 §7 schema resource, JSON text
    std::string created;
};

class SchemaStore {
public:
    explicit SchemaStore(Db& db) : db_(db) {}

    // The organisation's schemas, oldest first.
    std::vector<StoredSchema> list(const std::string& org_id);

    enum class Added { Yes, NoSuchOrganisation, UrnTaken };
    // Stores the schema and advances the organisation's schema_version, in one transaction.
    // REQUIRES: definition passed scim::schema::read_schema_definition.
    Added add(const std::string& org_id, const std::string& urn, const std::string& resource_type,
              const std::string& definition);

    // How many of the organisation's users or groups (per resource_type) hold data under urn.
    long long resources_using(const std::string& org_id, const std::string& urn, const std::string& resource_type);

    // Removes the schema (any spelling of its URN); with strip_data, also its data from every
    // resource of the organisation (each such resource gets a new version). Advances
    // schema_version. False when the organisation has no such schema.
    bool remove(const std::string& org_id, const std::string& urn, bool strip_data);

private:
    Db& db_;
};

}  // namespace store
