#include "store/tenant_store.h"

#include "store/sql_time.h"

namespace store {
namespace {

const std::string kInsertOrg = "INSERT INTO organizations (name) VALUES (:name) RETURNING id::text";
const std::string kListOrgs = "SELECT id::text, name, " + sql_time("created") +
                              " FROM organizations ORDER BY created, id";
const std::string kInsertApp =
    "INSERT INTO applications (org_id, name) SELECT id, :name FROM organizations WHERE id::text = :org "
    "RETURNING id::text";
const std::string kInsertToken =
    "INSERT INTO api_tokens (app_id, org_id, token_hash, expires_at) "
    "SELECT id, org_id, :hash, CASE WHEN :days_set = 1 THEN now() + make_interval(days => :days) END "
    "FROM applications WHERE id::text = :app RETURNING id::text";
const std::string kListTokens = "SELECT t.id::text, t.app_id::text, a.name, " + sql_time("t.created") +
                                ", coalesce(" + sql_time("t.expires_at") + ", ''), coalesce(" +
                                sql_time("t.revoked_at") +
                                ", '') FROM api_tokens t JOIN applications a ON a.id = t.app_id "
                                "WHERE t.org_id::text = :org ORDER BY t.created, t.id";
const std::string kRevokeToken =
    "UPDATE api_tokens SET revoked_at = now() WHERE id::text = :id AND revoked_at IS NULL RETURNING id::text";
const std::string kFindToken =
    "SELECT org_id::text, app_id::text FROM api_tokens WHERE token_hash = :hash AND revoked_at IS NULL "
    "AND (expires_at IS NULL OR expires_at > now())";

}  // namespace

std::string TenantStore::create_org(const std::string& name) {
    return db_.run([&] {
        std::string id;
        db_.session() << kInsertOrg, soci::use(name, "name"), soci::into(id);
        return id;
    });
}

std::vector<OrgRow> TenantStore::list_orgs() {
    return db_.run([&] {
        std::vector<OrgRow> orgs;
        soci::rowset<soci::row> rows = (db_.session().prepare << kListOrgs);
        for (const auto& row : rows) {
            orgs.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2)});
        }
        return orgs;
    });
}

std::optional<std::string> TenantStore::create_app(const std::string& org_id, const std::string& name) {
    return db_.run([&]() -> std::optional<std::string> {
        std::string id;
        soci::indicator ind = soci::i_null;
        db_.session() << kInsertApp, soci::use(name, "name"), soci::use(org_id, "org"), soci::into(id, ind);
        if (!db_.session().got_data()) return std::nullopt;
        return id;
    });
}

std::optional<std::string> TenantStore::create_token(const std::string& app_id, const std::string& token_hash,
                                                     std::optional<int> expires_in_days) {
    return db_.run([&]() -> std::optional<std::string> {
        std::string id;
        int days_set = expires_in_days ? 1 : 0;
        int days = expires_in_days.value_or(0);
        db_.session() << kInsertToken, soci::use(token_hash, "hash"), soci::use(days_set, "days_set"),
            soci::use(days, "days"), soci::use(app_id, "app"), soci::into(id);
        if (!db_.session().got_data()) return std::nullopt;
        return id;
    });
}

std::vector<TokenRow> TenantStore::list_tokens(const std::string& org_id) {
    return db_.run([&] {
        std::vector<TokenRow> tokens;
        soci::rowset<soci::row> rows = (db_.session().prepare << kListTokens, soci::use(org_id, "org"));
        for (const auto& row : rows) {
            tokens.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                              row.get<std::string>(3), row.get<std::string>(4), row.get<std::string>(5)});
        }
        return tokens;
    });
}

bool TenantStore::revoke_token(const std::string& token_id) {
    return db_.run([&] {
        std::string id;
        db_.session() << kRevokeToken, soci::use(token_id, "id"), soci::into(id);
        return db_.session().got_data();
    });
}

namespace {

// Every request looks its token up: prepared once per connection.
struct TokenLookup : Db::Prepared {
    std::string hash;
    Tenant tenant;
    soci::statement statement;
    explicit TokenLookup(soci::session& session)
        : statement((session.prepare << kFindToken, soci::use(hash, "hash"), soci::into(tenant.org_id),
                     soci::into(tenant.app_id))) {}
};

}  // namespace

std::optional<Tenant> TenantStore::find_tenant_by_token_hash(const std::string& token_hash) {
    auto& lookup = db_.prepared<TokenLookup>("find_tenant_by_token_hash");
    return db_.run([&]() -> std::optional<Tenant> {
        lookup.hash = token_hash;
        lookup.statement.execute(true);
        if (!lookup.statement.got_data()) return std::nullopt;
        return lookup.tenant;
    });
}

}  // namespace store
