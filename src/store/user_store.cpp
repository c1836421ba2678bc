#include "store/user_store.h"

#include "store/resource_record.h"
#include "util/json_text.h"

namespace store {
namespace {

// The product's mapped fields (userName, name, first email and phone, active, externalId)
// are columns so that they can be indexed; they are derived from the attributes here.
struct MappedColumns {
    std::string user_name;
    std::string external_id;
    std::string given_name;
    std::string family_name;
    std::string email;
    std::string phone;
    int active = 1;
    soci::indicator external_id_ind = soci::i_null;
    soci::indicator given_name_ind = soci::i_null;
    soci::indicator family_name_ind = soci::i_null;
    soci::indicator email_ind = soci::i_null;
    soci::indicator phone_ind = soci::i_null;
};

void take(const Json::Value& value, std::string& out, soci::indicator& ind) {
    if (value.isString()) {
        out = value.asString();
        ind = soci::i_ok;
    }
}

// The value of the primary entry of a multi-valued attribute, else of the first one.
const Json::Value& primary_value(const Json::Value& values) {
    static const Json::Value kNull;
    if (!values.isArray() || values.empty()) return kNull;
    for (const auto& entry : values) {
        if (entry.get("primary", false).asBool()) return entry["value"];
    }
    return values[0]["value"];
}

MappedColumns map_columns(const Json::Value& a) {
    MappedColumns c;
    c.user_name = a["userName"].asString();
    take(a["externalId"], c.external_id, c.external_id_ind);
    take(a["name"]["givenName"], c.given_name, c.given_name_ind);
    take(a["name"]["familyName"], c.family_name, c.family_name_ind);
    take(primary_value(a["emails"]), c.email, c.email_ind);
    take(primary_value(a["phoneNumbers"]), c.phone, c.phone_ind);
    c.active = a.get("active", true).asBool() ? 1 : 0;
    return c;
}

const std::string kColumns = record_columns("scim_users");

// Every email value, lower-cased, for the indexed `emails.value eq` (sql/0002).
const std::string kEmailValues =
    "ARRAY(SELECT lower(e ->> 'value') FROM jsonb_array_elements(coalesce(n.attributes -> 'emails', '[]')) e "
    "WHERE e ->> 'value' IS NOT NULL)";
const std::string kInsert =
    "INSERT INTO scim_users (org_id, user_name, external_id, given_name, family_name, email, phone, active, "
    "attributes, email_values, password_hash) SELECT :org, :user_name, :external_id, :given_name, :family_name, "
    ":email, :phone, :active::int::boolean, n.attributes, " + kEmailValues + ", :password_hash "
    "FROM (SELECT :attributes::jsonb AS attributes) n RETURNING " + kColumns;
const std::string kSelect = "SELECT " + kColumns + " FROM scim_users WHERE org_id = :org AND id = :id";
// NO KEY: the id never changes, so a concurrent membership add (FOR KEY SHARE) need not wait.
const std::string kSelectForUpdate = kSelect + " FOR NO KEY UPDATE";
// Comparing the JSONB values keeps version and lastModified still on a no-op replace.
const std::string kUpdate =
    "UPDATE scim_users u SET user_name = :user_name, external_id = :external_id, given_name = :given_name, "
    "family_name = :family_name, email = :email, phone = :phone, active = :active::int::boolean, "
    "password_hash = coalesce(n.password_hash, u.password_hash), "
    "version = u.version + CASE WHEN u.attributes = n.attributes AND n.password_hash IS NULL THEN 0 ELSE 1 END, "
    "last_modified = CASE WHEN u.attributes = n.attributes AND n.password_hash IS NULL "
    "THEN u.last_modified ELSE date_trunc('milliseconds', now()) END, attributes = n.attributes, "
    "email_values = " + kEmailValues + " "
    "FROM (SELECT :attributes::jsonb AS attributes, :password_hash::text AS password_hash) n "
    "WHERE u.org_id = :org AND u.id = :id RETURNING " + record_columns("u");
// delete_by_id then takes the user out of every group.
const std::string kDelete = "DELETE FROM scim_users WHERE org_id = :org AND id = :id RETURNING id::text";

}  // namespace

UserRecord UserStore::create(const Tenant& tenant, const UserWrite& user) {
    MappedColumns c = map_columns(user.attributes);
    std::string attributes = util::to_json_text(user.attributes);
    std::string password_hash = user.password_hash.value_or("");
    soci::indicator password_ind = user.password_hash ? soci::i_ok : soci::i_null;
    return db_.run([&] {
        soci::row row;
        db_.session() << kInsert, soci::use(tenant.org_id, "org"), soci::use(c.user_name, "user_name"),
            soci::use(c.external_id, c.external_id_ind, "external_id"),
            soci::use(c.given_name, c.given_name_ind, "given_name"),
            soci::use(c.family_name, c.family_name_ind, "family_name"), soci::use(c.email, c.email_ind, "email"),
            soci::use(c.phone, c.phone_ind, "phone"), soci::use(c.active, "active"),
            soci::use(attributes, "attributes"), soci::use(password_hash, password_ind, "password_hash"),
            soci::into(row);
        return record_from_row(row);
    });
}

namespace {

// Reads by id are the commonest statements after the token lookup: prepared once per connection.
template <bool kLock>
struct UserById : Db::Prepared {
    std::string org_id;
    std::string id;
    soci::row row;
    soci::statement statement;
    explicit UserById(soci::session& session)
        : statement((session.prepare << (kLock ? kSelectForUpdate : kSelect), soci::use(org_id, "org"),
                     soci::use(id, "id"), soci::into(row))) {}
};

template <bool kLock>
std::optional<UserRecord> fetch_by_id(Db& db, const Tenant& tenant, const std::string& id) {
    auto& query = db.prepared<UserById<kLock>>(kLock ? "user_by_id_for_update" : "user_by_id");
    return db.run([&]() -> std::optional<UserRecord> {
        query.org_id = tenant.org_id;
        query.id = id;
        query.statement.execute(true);
        if (!query.statement.got_data()) return std::nullopt;
        return record_from_row(query.row);
    });
}

}  // namespace

std::optional<UserRecord> UserStore::fetch(const Tenant& tenant, const std::string& id, bool lock) {
    return lock ? fetch_by_id<true>(db_, tenant, id) : fetch_by_id<false>(db_, tenant, id);
}

std::optional<UserRecord> UserStore::get(const Tenant& tenant, const std::string& id) {
    return fetch(tenant, id, false);
}

std::optional<UserRecord> UserStore::get_for_update(const Tenant& tenant, const std::string& id) {
    return fetch(tenant, id, true);
}

UserRecord UserStore::replace(const Tenant& tenant, const std::string& id, const UserWrite& user) {
    MappedColumns c = map_columns(user.attributes);
    std::string attributes = util::to_json_text(user.attributes);
    std::string password_hash = user.password_hash.value_or("");
    soci::indicator password_ind = user.password_hash ? soci::i_ok : soci::i_null;
    return db_.run([&] {
        soci::row row;
        db_.session() << kUpdate, soci::use(c.user_name, "user_name"),
            soci::use(c.external_id, c.external_id_ind, "external_id"),
            soci::use(c.given_name, c.given_name_ind, "given_name"),
            soci::use(c.family_name, c.family_name_ind, "family_name"), soci::use(c.email, c.email_ind, "email"),
            soci::use(c.phone, c.phone_ind, "phone"), soci::use(c.active, "active"),
            soci::use(password_hash, password_ind, "password_hash"), soci::use(attributes, "attributes"),
            soci::use(tenant.org_id, "org"), soci::use(id, "id"), soci::into(row);
        return record_from_row(row);
    });
}

bool UserStore::remove(const Tenant& tenant, const std::string& id) { return delete_by_id(db_, kDelete, tenant, id); }

}  // namespace store
