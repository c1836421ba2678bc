#include "store/user_store.h"

#include "store/audit_store.h"

#include "store/column_map.h"
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

const std::string kColumns = record_columns("scim_users", true);

// Every email value, lower-cased, for the indexed `emails.value eq` (sql/0002).
const std::string kEmailValues =
    "ARRAY(SELECT lower(e ->> 'value') FROM jsonb_array_elements(coalesce(n.attributes -> 'emails', '[]')) e "
    "WHERE e ->> 'value' IS NOT NULL)";
// A create in one statement (no transaction around it): the request's claim, the row, the
// organisation's count; nothing is written when the claim finds an earlier attempt.
const std::string kInsert =
    "WITH " + claim_cte() + ", u AS (INSERT INTO scim_users (org_id, id, user_name, external_id, given_name, "
    "family_name, email, phone, active, attributes, email_values, password_hash) SELECT :org, (:resource_id)::uuid, "
    ":user_name, :external_id, :given_name, :family_name, :email, :phone, :active::int::boolean, n.attributes, " +
    kEmailValues + ", :password_hash FROM (SELECT :attributes::jsonb AS attributes) n WHERE EXISTS (SELECT 1 FROM claim) "
    "RETURNING *), " + count_cte("u", "User", 1) + " SELECT " + record_columns("u") +
    " FROM u";  // a new user has no membership clock yet: its row's version is the user's
const std::string kSelect = "SELECT " + record_columns("u", true, true) + " FROM scim_users u" +
                            membership_clock_join("u") + " WHERE u.org_id = :org AND u.id = :id";
// The user and its groups in one statement: a read is one round trip after the token's.
const std::string kSelectWithGroups = "SELECT " + record_columns("u", true, true) + ", " + memberships_json("u") +
                                      " FROM scim_users u" + membership_clock_join("u") +
                                      " WHERE u.org_id = :org AND u.id = :id";
const std::string kClaimForUpdate = claim_for_update_sql("scim_users", kColumns);
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
    "WHERE u.org_id = :org AND u.id = :id RETURNING " + record_columns("u", true);
const std::string kUpdateWithGroups = kUpdate + ", " + memberships_json("u");
// delete_by_id then takes the user out of every group.
const std::string kDelete =
    "WITH d AS (DELETE FROM scim_users WHERE org_id = :org AND id = :id RETURNING org_id), "
    "clock AS (DELETE FROM scim_user_membership_clock WHERE org_id = :org AND user_id = :id), " +
    count_cte("d", "User", -1) + " SELECT count(*) FROM d";

}  // namespace

namespace {

std::optional<std::string_view> text_or_null(const std::string& value, soci::indicator ind) {
    if (ind != soci::i_ok) return std::nullopt;
    return value;
}

// The parameters that the insert and the update share, in their statements' order.
Params mapped_params(const MappedColumns& c) {
    return {{"user_name", c.user_name},
            {"external_id", text_or_null(c.external_id, c.external_id_ind)},
            {"given_name", text_or_null(c.given_name, c.given_name_ind)},
            {"family_name", text_or_null(c.family_name, c.family_name_ind)},
            {"email", text_or_null(c.email, c.email_ind)},
            {"phone", text_or_null(c.phone, c.phone_ind)},
            {"active", c.active ? "1" : "0"}};
}

std::optional<std::string_view> password_param(const UserWrite& user) {
    if (!user.password_hash) return std::nullopt;
    return *user.password_hash;
}

}  // namespace

std::optional<UserRecord> UserStore::create(const Tenant& tenant, const WriteClaim& claim, const UserWrite& user) {
    MappedColumns c = map_columns(user.attributes);
    std::string attributes = util::to_json_text(user.attributes);
    Params params = claim_params(tenant, claim);
    for (const auto& param : mapped_params(c)) params.push_back(param);
    params.push_back({"attributes", attributes});
    params.push_back({"password_hash", password_param(user)});
    std::optional<UserRecord> record;
    db_.query(kInsert, params, [&](const soci::row& row) { record = record_from_row(row); });
    return record;
}

std::string UserStore::read_columns() { return record_columns("u", true, true) + ", " + memberships_json("u"); }

// Built from functions only: TenantStore makes its statement constants from these during
// static initialisation, when this file's constants may not exist yet.
std::string UserStore::lateral_read(const std::string& org_expr) {
    return " LEFT JOIN LATERAL (SELECT * FROM scim_users r WHERE r.org_id = " + org_expr +
           " AND r.id = (:id)::uuid OFFSET 0) u ON true" + membership_clock_join("u");
}

std::optional<UserRecord> UserStore::get(const Tenant& tenant, const std::string& id, bool with_groups) {
    std::optional<UserRecord> found;
    auto take = [&](const soci::row& row) { found = record_from_row(row); };
    if (with_groups && !groups_base_.empty()) {
        db_.query(kSelectWithGroups, {{"org", tenant.org_id}, {"id", id}, {"groups_base", groups_base_}}, take);
    } else {
        db_.query(kSelect, {{"org", tenant.org_id}, {"id", id}}, take);
    }
    return found;
}

LockedRecord UserStore::claim_for_update(const Tenant& tenant, const WriteClaim& claim) {
    return store::claim_for_update(db_, kClaimForUpdate, tenant, claim);
}

UserRecord UserStore::replace(const Tenant& tenant, const std::string& id, const UserWrite& user, bool with_groups) {
    with_groups = with_groups && !groups_base_.empty();
    MappedColumns c = map_columns(user.attributes);
    std::string attributes = util::to_json_text(user.attributes);
    Params params = mapped_params(c);
    params.push_back({"password_hash", password_param(user)});
    params.push_back({"attributes", attributes});
    params.push_back({"org", tenant.org_id});
    params.push_back({"id", id});
    if (with_groups) params.push_back({"groups_base", groups_base_});
    UserRecord record;
    db_.query(with_groups ? kUpdateWithGroups : kUpdate, params,
              [&](const soci::row& row) { record = record_from_row(row); });
    return record;
}

bool UserStore::remove(const Tenant& tenant, const std::string& id) { return delete_by_id(db_, kDelete, tenant, id); }

}  // namespace store
