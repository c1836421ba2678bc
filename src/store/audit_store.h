// The audit trail: one row per write (create, replace, patch, delete) through the SCIM
// API, written in the write's own transaction so that the two never disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/tenant.h"

namespace store {

struct AuditEntry {
    std::string at;
    std::string app_id;
    std::string request_id;
    std::string resource_type;
    std::string resource_id;
    std::string operation;
};

class AuditStore {
public:
    explicit AuditStore(Db& db) : db_(db) {}

    // Records, before it is made, the write of a request (nginx's request id) to one resource,
    // unless an earlier attempt of the same request committed already: then nothing is
    // recorded and the id of the resource that attempt wrote is returned, for the caller to
    // answer from the stored state instead of writing twice. While an earlier attempt is still
    // in flight (its worker died, its transaction not yet ended) this waits for its outcome.
    // An empty request_id (a FastCGI client without nginx) is recorded, never matched.
    // REQUIRES: inside the Transaction of the write, before it writes.
    std::optional<std::string> claim(const Tenant& tenant, const std::string& request_id,
                                     const std::string& resource_type, const std::string& resource_id,
                                     const std::string& operation);
    // Entries of an organisation at or after `since` (an RFC 3339 instant; empty: all), oldest first.
    std::vector<AuditEntry> list(const std::string& org_id, const std::string& since);

private:
    Db& db_;
};

}  // namespace store
