// scimctl: the administration CLI. Reads SCIM_DB. Each create command prints the new id
// (or the token, shown only this once) alone on the last line of standard output.
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "scim/uuid.h"
#include "store/db.h"
#include "store/tenant_store.h"
#include "util/crypto.h"

namespace {

constexpr const char* kUsage =
    "usage: scimctl COMMAND\n"
    "  migrate DIR                          apply DIR/*.sql migrations not yet applied\n"
    "  org create NAME                      create an organisation; prints its id\n"
    "  org list                             list organisations\n"
    "  app create ORG_ID NAME               create an application; prints its id\n"
    "  token create APP_ID [--expires-in DAYS]  create a bearer token; prints it (shown once)\n"
    "  token list ORG_ID                    list an organisation's tokens (never their values)\n"
    "  token revoke TOKEN_ID                revoke a token\n"
    "environment: SCIM_DB  PostgreSQL connection string\n";

int usage() {
    std::cerr << kUsage;
    return 2;
}

int fail(const std::string& message) {
    std::cerr << "scimctl: " << message << "\n";
    return 1;
}

int run(const std::vector<std::string>& args, store::Db& db) {
    auto is = [&](std::size_t n, std::initializer_list<const char*> words) {
        if (args.size() < words.size()) return false;
        std::size_t i = 0;
        for (const char* w : words) {
            if (args[i++] != w) return false;
        }
        return args.size() == n;
    };
    store::TenantStore tenants(db);
    if (is(2, {"migrate"})) {
        int applied = db.apply_migrations(args[1]);
        std::cout << "applied " << applied << " migration(s)\n";
        return 0;
    }
    if (is(3, {"org", "create"})) {
        std::cout << tenants.create_org(args[2]) << "\n";
        return 0;
    }
    if (is(2, {"org", "list"})) {
        for (const auto& org : tenants.list_orgs()) std::cout << org.id << "\t" << org.name << "\t" << org.created << "\n";
        return 0;
    }
    if (is(4, {"app", "create"})) {
        if (!scim::is_uuid(args[2])) return fail("no organisation " + args[2]);
        auto id = tenants.create_app(scim::canonical_uuid(args[2]), args[3]);
        if (!id) return fail("no organisation " + args[2]);
        std::cout << *id << "\n";
        return 0;
    }
    if ((is(3, {"token", "create"}) || is(5, {"token", "create"}))) {
        std::optional<int> days;
        if (args.size() == 5) {
            if (args[3] != "--expires-in") return usage();
            try {
                days = std::stoi(args[4]);
            } catch (const std::exception&) {
                return fail("--expires-in takes a number of days");
            }
            if (*days <= 0) return fail("--expires-in takes a positive number of days");
        }
        if (!scim::is_uuid(args[2])) return fail("no application " + args[2]);
        std::string token = util::generate_token();
        auto id = tenants.create_token(scim::canonical_uuid(args[2]), util::sha256_hex(token), days);
        if (!id) return fail("no application " + args[2]);
        std::cout << "token id " << *id << " (the token below is shown only once)\n" << token << "\n";
        return 0;
    }
    if (is(3, {"token", "list"})) {
        if (!scim::is_uuid(args[2])) return fail("no organisation " + args[2]);
        for (const auto& t : tenants.list_tokens(scim::canonical_uuid(args[2]))) {
            std::cout << t.id << "\tapp=" << t.app_id << " (" << t.app_name << ")\tcreated=" << t.created
                      << "\texpires=" << (t.expires_at.empty() ? "never" : t.expires_at)
                      << "\trevoked=" << (t.revoked_at.empty() ? "no" : t.revoked_at) << "\n";
        }
        return 0;
    }
    if (is(3, {"token", "revoke"})) {
        if (!scim::is_uuid(args[2]) || !tenants.revoke_token(scim::canonical_uuid(args[2]))) {
            return fail("no active token " + args[2]);
        }
        std::cout << "revoked " << args[2] << "\n";
        return 0;
    }
    return usage();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") return usage();
    const char* database = std::getenv("SCIM_DB");
    if (database == nullptr || *database == '\0') return fail("SCIM_DB is not set");
    try {
        store::Db db(database);
        db.ensure_connected();
        return run(args, db);
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}
