#include "store/admin_store.h"

#include "store/sql_time.h"

namespace store {
namespace {

const std::string kInsert =
    "INSERT INTO administrators (org_id, email, password_hash) SELECT id, :email, :hash FROM organizations "
    "WHERE id::text = :org RETURNING id::text";
const std::string kList = "SELECT id::text, email, " + sql_time("created") + ", coalesce(" + sql_time("disabled_at") +
                          ", '') FROM administrators WHERE org_id::text = :org ORDER BY created, id";
const std::string kDisable =
    "UPDATE administrators SET disabled_at = now() WHERE id::text = :id AND disabled_at IS NULL";

}  // namespace

std::optional<std::string> AdminStore::create(const std::string& org_id, const std::string& email,
                                              const std::string& password_hash) {
    std::optional<std::string> id;
    db_.query(kInsert, {{"email", email}, {"hash", password_hash}, {"org", org_id}},
              [&](const soci::row& row) { id = row.get<std::string>(0); });
    return id;
}

std::vector<AdminRow> AdminStore::list(const std::string& org_id) {
    std::vector<AdminRow> admins;
    db_.query(kList, {{"org", org_id}}, [&](const soci::row& row) {
        admins.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                          row.get<std::string>(3)});
    });
    return admins;
}

bool AdminStore::disable(const std::string& admin_id) { return db_.execute(kDisable, {{"id", admin_id}}) > 0; }

}  // namespace store
