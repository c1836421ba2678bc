// scimctl: the administration CLI. Reads SCIM_DB. Each create command prints the new id
// (or the token, shown only this once) alone on the last line of standard output.
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "app/org_registry.h"
#include "scim/datetime.h"
#include "scim/error.h"
#include "scim/filter/parser.h"
#include "scim/list_query.h"
#include "scim/json.h"
#include "scim/schema/registry.h"
#include "scim/schema/schema_definition.h"
#include "scim/uuid.h"
#include "store/admin_store.h"
#include "store/audit_store.h"
#include "store/oauth_store.h"
#include "store/resource_query.h"
#include "store/schema_store.h"
#include "store/db.h"
#include "store/tenant_store.h"
#include "util/ascii.h"
#include "util/crypto.h"
#include "util/json_text.h"

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
    "  admin create ORG_ID EMAIL            create an administrator; the password is read from\n"
    "                                       standard input, or generated and printed once when it is\n"
    "                                       a terminal or empty\n"
    "  admin list ORG_ID                    list an organisation's administrators\n"
    "  admin disable ADMIN_ID               disable an administrator\n"
    "  secret create APP_ID                 create an OAuth 2.0 client secret; prints the client id\n"
    "                                       and the secret (shown once)\n"
    "  secret list APP_ID                   list an application's client secrets (never their values)\n"
    "  secret revoke SECRET_ID              revoke a secret and the access tokens it bought\n"
    "  audit ORG_ID [--since RFC3339]       list the organisation's writes (oldest first)\n"
    "  schema add ORG_ID FILE.json [--resource-type User|Group]\n"
    "                                       register an extension schema (RFC 7643 §7) for the\n"
    "                                       organisation; the type defaults to the URN's last segment\n"
    "  schema list ORG_ID                   list the organisation's extension schemas\n"
    "  schema remove ORG_ID URN [--force]   remove one; refused while resources hold data under it,\n"
    "                                       unless --force, which removes that data too\n"
    "  explain ORG_ID Users|Groups [FILTER [SORT_BY [COUNT [START_INDEX]]]]\n"
    "                                       show the SQL and PostgreSQL plans of a list request\n"
    "environment: SCIM_DB  PostgreSQL connection string\n";

int usage() {
    std::cerr << kUsage;
    return 2;
}

int fail(const std::string& message) {
    std::cerr << "scimctl: " << message << "\n";
    return 1;
}

const scim::schema::Registry& standard_registry() {
    static const auto registry = scim::schema::Registry::standard();
    return registry;
}

// `schema add|list|remove`: the extension schemas of one organisation.
int schema_command(const std::vector<std::string>& args, store::Db& db) {
    if (args.size() < 3 || !scim::is_uuid(args[2])) return args.size() < 3 ? usage() : fail("no organisation " + args[2]);
    const std::string org = scim::canonical_uuid(args[2]);
    store::SchemaStore schemas(db);
    if (args[1] == "list" && args.size() == 3) {
        const auto stored = schemas.list(org);
        const auto registry = app::build_org_registry(standard_registry(), stored);
        for (const auto& schema : stored) {
            const auto* read = registry.schema(schema.urn);
            std::cout << schema.urn << "\t" << schema.resource_type << "\tattributes="
                      << (read != nullptr ? read->attributes.size() : 0) << "\tcreated=" << schema.created << "\n";
        }
        return 0;
    }
    if (args[1] == "add" && (args.size() == 4 || (args.size() == 6 && args[4] == "--resource-type"))) {
        std::ifstream file(args[3], std::ios::binary);
        if (!file) return fail("cannot read " + args[3]);
        std::stringstream text;
        text << file.rdbuf();
        Json::Value definition;
        try {
            definition = scim::json::parse_body(text.str());
        } catch (const scim::ScimError& e) {
            return fail(args[3] + " is not valid JSON: " + e.detail());
        }
        scim::schema::Schema schema;
        try {
            schema = scim::schema::read_schema_definition(definition, standard_registry());
        } catch (const scim::schema::InvalidSchemaDefinition& e) {
            return fail(args[3] + ": " + e.what());
        }
        std::string type = args.size() == 6 ? args[5] : scim::schema::resource_type_of_urn(schema.id, standard_registry());
        const auto* resource_type = standard_registry().resource_type(type);
        if (type.empty()) return fail("the URN's last segment names no resource type: pass --resource-type User|Group");
        if (resource_type == nullptr) return fail("--resource-type takes User or Group");
        switch (schemas.add(org, schema.id, resource_type->name, util::to_json_text(definition))) {
            case store::SchemaStore::Added::NoSuchOrganisation: return fail("no organisation " + args[2]);
            case store::SchemaStore::Added::UrnTaken: return fail(schema.id + " is already registered for this organisation");
            case store::SchemaStore::Added::Yes: break;
        }
        std::cout << "registered for " << resource_type->name << " resources\n" << schema.id << "\n";
        return 0;
    }
    if (args[1] == "remove" && (args.size() == 4 || (args.size() == 5 && args[4] == "--force"))) {
        const bool force = args.size() == 5;
        std::string type;
        for (const auto& schema : schemas.list(org)) {
            if (util::iequals(schema.urn, args[3])) type = schema.resource_type;
        }
        if (type.empty()) return fail("no schema " + args[3] + " in this organisation");
        const long long using_it = schemas.resources_using(org, args[3], type);
        if (using_it > 0 && !force) {
            return fail(std::to_string(using_it) + " " + (type == "Group" ? "group(s)" : "user(s)") +
                        " hold data under " + args[3] + "; --force removes the schema and that data");
        }
        if (!schemas.remove(org, args[3], force)) return fail("no schema " + args[3] + " in this organisation");
        std::cout << "removed " << args[3] << (force && using_it > 0 ? " and its data from " + std::to_string(using_it) +
                                                                     " resource(s)" : "") << "\n";
        return 0;
    }
    return usage();
}

// The plans of the queries a list request would run, with the same typed filter and sort.
int explain(const std::vector<std::string>& args, store::Db& db) {
    if (!scim::is_uuid(args[1])) return fail("no organisation " + args[1]);
    const auto registry = app::build_org_registry(standard_registry(),
                                                  store::SchemaStore(db).list(scim::canonical_uuid(args[1])));
    bool users = args[2] == "Users";
    if (!users && args[2] != "Groups") return usage();
    const auto& type = *registry.resource_type(users ? "User" : "Group");
    try {
        scim::filter::NodePtr filter;
        if (args.size() > 3 && !args[3].empty()) filter = scim::filter::parse_filter(args[3], registry, type);
        std::optional<scim::filter::AttrPath> sort_by;
        if (args.size() > 4 && !args[4].empty()) sort_by = scim::resolve_sort_by(args[4], registry, type);
        store::ResourceQuery query;
        query.filter = filter.get();
        query.sort_by = sort_by ? &*sort_by : nullptr;
        query.limit = args.size() > 5 ? std::stoll(args[5]) : 100;
        query.offset = args.size() > 6 ? std::stoll(args[6]) - 1 : 0;
        if (users) query.groups_base = "https://host/Groups/";  // as a list with the default attributes reads them
        store::Tenant tenant;
        tenant.org_id = scim::canonical_uuid(args[1]);
        for (const auto& line :
             store::explain_resources(db, users ? store::ColumnMap::users() : store::ColumnMap::groups(), tenant, query)) {
            std::cout << line << "\n";
        }
        return 0;
    } catch (const scim::ScimError& e) {
        return fail(e.detail());
    }
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
                      << "\trevoked=" << (t.revoked_at.empty() ? "no" : t.revoked_at)
                      << "\tlast_used=" << (t.last_used.empty() ? "never" : t.last_used) << "\n";
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
    if (is(4, {"admin", "create"})) {
        if (!scim::is_uuid(args[2])) return fail("no organisation " + args[2]);
        const std::string& email = args[3];
        if (email.find('@') == std::string::npos || email.size() > 254) return fail("not an e-mail address: " + email);
        std::string password;
        if (!isatty(STDIN_FILENO)) std::getline(std::cin, password);
        const bool generated = password.empty();
        // 24 random characters (144 bits) when none is given.
        if (generated) password = util::generate_token().substr(5, 24);
        if (password.size() < 12) return fail("a password needs 12 characters at least");
        try {
            auto id = store::AdminStore(db).create(scim::canonical_uuid(args[2]), email, util::hash_password(password));
            if (!id) return fail("no organisation " + args[2]);
            if (generated) {
                std::cout << "administrator id " << *id << " (the password below is shown only once)\n"
                          << password << "\n";
            } else {
                std::cout << "administrator id " << *id << "\n" << *id << "\n";
            }
        } catch (const store::StoreError& e) {
            if (e.kind() == store::StoreError::Kind::Uniqueness) return fail("the organisation has an administrator " + email);
            throw;
        }
        return 0;
    }
    if (is(3, {"admin", "list"})) {
        if (!scim::is_uuid(args[2])) return fail("no organisation " + args[2]);
        for (const auto& admin : store::AdminStore(db).list(scim::canonical_uuid(args[2]))) {
            std::cout << admin.id << "\t" << admin.email << "\tcreated=" << admin.created
                      << "\tdisabled=" << (admin.disabled_at.empty() ? "no" : admin.disabled_at) << "\n";
        }
        return 0;
    }
    if (is(3, {"admin", "disable"})) {
        if (!scim::is_uuid(args[2]) || !store::AdminStore(db).disable(scim::canonical_uuid(args[2]))) {
            return fail("no active administrator " + args[2]);
        }
        std::cout << "disabled " << args[2] << "\n";
        return 0;
    }
    if (is(3, {"secret", "create"})) {
        if (!scim::is_uuid(args[2])) return fail("no application " + args[2]);
        const std::string app = scim::canonical_uuid(args[2]);
        std::string secret = util::generate_token();
        auto id = store::OAuthStore(db).create_secret(app, util::sha256_hex(secret));
        if (!id) return fail("no application " + args[2]);
        std::cout << "secret id " << *id << " for client id " << app << " (the secret below is shown only once)\n"
                  << secret << "\n";
        return 0;
    }
    if (is(3, {"secret", "list"})) {
        if (!scim::is_uuid(args[2])) return fail("no application " + args[2]);
        for (const auto& secret : store::OAuthStore(db).list_secrets(scim::canonical_uuid(args[2]))) {
            std::cout << secret.id << "\tclient=" << secret.app_id << "\tcreated=" << secret.created
                      << "\trevoked=" << (secret.revoked_at.empty() ? "no" : secret.revoked_at)
                      << "\tlast_used=" << (secret.last_used.empty() ? "never" : secret.last_used) << "\n";
        }
        return 0;
    }
    if (is(3, {"secret", "revoke"})) {
        if (!scim::is_uuid(args[2]) || !store::OAuthStore(db).revoke_secret(scim::canonical_uuid(args[2]))) {
            return fail("no active secret " + args[2]);
        }
        std::cout << "revoked " << args[2] << "\n";
        return 0;
    }
    if (args.size() >= 3 && args.size() <= 7 && args[0] == "explain") return explain(args, db);
    if (args.size() >= 2 && args[0] == "schema") return schema_command(args, db);
    if (is(2, {"audit"}) || is(4, {"audit"})) {
        if (!scim::is_uuid(args[1])) return fail("no organisation " + args[1]);
        std::string since;
        if (args.size() == 4) {
            if (args[2] != "--since") return usage();
            since = args[3];
            if (!scim::is_valid_datetime(since)) return fail("--since takes an RFC 3339 time, e.g. 2026-01-31T00:00:00Z");
        }
        for (const auto& e : store::AuditStore(db).list(scim::canonical_uuid(args[1]), since)) {
            std::cout << e.at << "\t" << e.operation << "\t" << e.resource_type << "\t" << e.resource_id
                      << "\tapp=" << (e.app_id.empty() ? "-" : e.app_id) << "\trequest=" << e.request_id;
            if (!e.admin_id.empty()) std::cout << "\tadmin=" << e.admin_id;
            std::cout << "\n";
        }
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
