// An organisation's administrators (sql/0018): e-mail and argon2id password hash.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace store {

struct AdminRow {
    std::string id;
    std::string email;
    std::string created;
    std::string disabled_at;  // empty while active
};

class AdminStore {
public:
    explicit AdminStore(Db& db) : db_(db) {}

    // nullopt when org_id names no organisation. Throws StoreError(Uniqueness) when the
    // organisation has an administrator with that e-mail (compared without case).
    std::optional<std::string> create(const std::string& org_id, const std::string& email,
                                      const std::string& password_hash);
    std::vector<AdminRow> list(const std::string& org_id);
    // False when no active administrator has that id.
    bool disable(const std::string& admin_id);

private:
    Db& db_;
};

}  // namespace store
