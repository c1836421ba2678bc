#include "store/resource_record.h"

#include <memory>

#include <json/reader.h>

#include "store/db.h"
#include "store/sql_time.h"
#include "store/tenant.h"
#include "store/store_error.h"

namespace store {

std::string record_columns(const std::string& alias) {
    return alias + ".id::text, " + alias + ".attributes::text, " + sql_time(alias + ".created") + ", " +
           sql_time(alias + ".last_modified") + ", " + alias + ".version";
}

ResourceRecord record_from_row(const soci::row& row) {
    ResourceRecord record;
    record.id = row.get<std::string>(0);
    const std::string text = row.get<std::string>(1);
    // One reader per worker: building one per row costs more than parsing a small object.
    static const std::unique_ptr<Json::CharReader> reader(Json::CharReaderBuilder().newCharReader());
    std::string errors;
    if (!reader->parse(text.data(), text.data() + text.size(), &record.attributes, &errors)) {
        throw StoreError(StoreError::Kind::Other, "stored attributes are not JSON: " + errors);
    }
    record.created = row.get<std::string>(2);
    record.last_modified = row.get<std::string>(3);
    record.version = row.get<long long>(4);
    return record;
}

bool delete_by_id(Db& db, const std::string& sql, const Tenant& tenant, const std::string& id) {
    // After the DELETE, wait for the member additions in progress (GroupStore::lock_member_adds)
    // and only then, in a statement that sees what they committed, unlink the resource.
    static const std::string kLockMemberAdds =
        "SELECT pg_advisory_xact_lock(" + std::string(kMemberAddsLockSpace) + ", hashtext(:org))";
    static const std::string kUnlink = "DELETE FROM scim_group_members WHERE org_id = :org AND member_id = :id";
    return db.run([&] {
        std::string deleted;
        db.session() << sql, soci::use(tenant.org_id, "org"), soci::use(id, "id"), soci::into(deleted);
        if (!db.session().got_data()) return false;
        db.session() << kLockMemberAdds, soci::use(tenant.org_id, "org");
        db.session() << kUnlink, soci::use(tenant.org_id, "org"), soci::use(id, "id");
        return true;
    });
}

}  // namespace store
