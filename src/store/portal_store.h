// What the applications portal keeps (sql/0020): administrators' sign-in, sessions and
// failed attempts, and its actions in the audit trail. Every statement is bound to the
// organisation of the URL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace store {

struct AdminCredentials {
    std::string id;
    std::string password_hash;
};

struct PortalSession {
    std::string admin_id;
    std::string email;
};

struct ApplicationRow {
    std::string id;
    std::string name;
    std::string created;
    std::string last_used;  // its tokens' and secrets' latest use; empty: never
};

class PortalStore {
public:
    explicit PortalStore(Db& db) : db_(db) {}

    // The active administrator of org_id with that e-mail (any case); nullopt otherwise.
    std::optional<AdminCredentials> admin(const std::string& org_id, const std::string& email);

    // Failed sign-ins of an account within the last window_seconds.
    int recent_failures(const std::string& org_id, const std::string& email, long long window_seconds);
    void record_failure(const std::string& org_id, const std::string& email, long long window_seconds);
    void clear_failures(const std::string& org_id, const std::string& email);

    void create_session(const std::string& org_id, const std::string& admin_id, const std::string& id_hash,
                        long long absolute_seconds);
    // The session with that digest in org_id, if neither expiry has passed (idle: since its last
    // request); marks it seen now.
    std::optional<PortalSession> session(const std::string& org_id, const std::string& id_hash,
                                         long long idle_seconds);
    void end_session(const std::string& id_hash);

    std::vector<ApplicationRow> applications(const std::string& org_id);

    // A portal action in the audit trail, with the administrator who did it.
    void audit(const std::string& org_id, const std::string& admin_id, const std::string& resource_type,
               const std::string& resource_id, const std::string& operation, const std::string& request_id);

private:
    Db& db_;
};

}  // namespace store
