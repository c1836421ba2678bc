// The audit trail: one row per write (create, replace, patch, delete) through the SCIM
// API, written in the write's own transaction so that the two never disagree, and one per
// action of an administrator in the portal.
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
    std::string admin_id;  // the portal's administrator who acted; empty for SCIM writes
};

// What a write records of itself before it is made: nginx's request id (the same on every
// attempt of one request; "" for a FastCGI client without nginx, recorded but never matched),
// the application, and the resource and operation it writes.
struct WriteClaim {
    std::string request_id;
    std::string resource_type;  // "User", "Group"
    std::string resource_id;
    std::string operation;      // create, replace, patch, delete
};

// The claim as the first member of a statement's WITH clause: `claim` holds one row when the
// request id was claimed, none when an earlier attempt of the request committed (the
// statement then writes nothing). It binds :org, :app, :request_id, :resource_type,
// :resource_id and :operation (claim_params). A function: other stores build their statement
// constants from it during static initialisation.
const std::string& claim_cte();
// REQUIRES: tenant and claim outlive the statement's execution.
Params claim_params(const Tenant& tenant, const WriteClaim& claim);

class AuditStore {
public:
    explicit AuditStore(Db& db) : db_(db) {}

    // Records, before it is made, the write of a request, unless an earlier attempt of the
    // same request committed already: then nothing is recorded and the id of the resource
    // that attempt wrote is returned, for the caller to answer from the stored state instead
    // of writing twice. While an earlier attempt is still in flight (its worker died, its
    // transaction not yet ended) this waits for its outcome.
    // REQUIRES: inside the Transaction of the write, before it writes.
    std::optional<std::string> claim(const Tenant& tenant, const WriteClaim& claim);
    // The resource an earlier attempt of request_id wrote, after a statement found the claim
    // taken. A new statement: its snapshot sees the commit that the claim waited for.
    std::string earlier(const Tenant& tenant, const std::string& request_id);
    // Entries of an organisation at or after `since` (an RFC 3339 instant; empty: all), oldest first.
    std::vector<AuditEntry> list(const std::string& org_id, const std::string& since);

private:
    Db& db_;
};

}  // namespace store
