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

    // REQUIRES: inside the Transaction of the write it records.
    void record(const Tenant& tenant, const std::string& request_id, const std::string& resource_type,
                const std::string& resource_id, const std::string& operation);
    // Waits until no other transaction is writing under request_id (an earlier attempt of the
    // same request, by a worker that died), then returns the id of the resource that attempt
    // wrote if it committed. The lock, held to the end of the transaction, makes a later
    // attempt wait for this one in turn.
    // REQUIRES: inside the Transaction of the write, before it writes; request_id not empty.
    std::optional<std::string> earlier_attempt(const Tenant& tenant, const std::string& request_id);
    // Entries of an organisation at or after `since` (an RFC 3339 instant; empty: all), oldest first.
    std::vector<AuditEntry> list(const std::string& org_id, const std::string& since);

private:
    Db& db_;
};

}  // namespace store
