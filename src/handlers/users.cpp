#include "handlers/users.h"

#include "handlers/list_response.h"
#include "http/uri.h"
#include "scim/error.h"
#include "scim/json.h"
#include "scim/list_query.h"
#include "scim/resource_codec.h"
#include "scim/uuid.h"
#include "store/user_store.h"
#include "util/crypto.h"

namespace handlers {
namespace {

using scim::ScimError;

const scim::schema::ResourceType& user_type(const app::Context& ctx) {
    return *ctx.registry.resource_type("User");
}

std::string etag(const store::UserRecord& record) { return "W/\"" + std::to_string(record.version) + "\""; }

std::string location(const app::Context& ctx, const std::string& id) { return ctx.base_url + "/Users/" + id; }

Json::Value render(const app::Context& ctx, const store::UserRecord& record) {
    scim::ResourceMeta meta{record.id, record.created, record.last_modified, etag(record), location(ctx, record.id)};
    return scim::render_resource(user_type(ctx), record.attributes, meta);
}

http::Response resource_response(const app::Context& ctx, int status, const store::UserRecord& record) {
    http::Response response = http::Response::json(status, render(ctx, record));
    response.set_header("ETag", etag(record));
    if (status == 201) response.set_header("Location", location(ctx, record.id));
    return response;
}

// Ids are server-assigned UUIDs: anything else cannot name a user, so it is simply not found.
std::string checked_id(const std::string& id) {
    if (!scim::is_uuid(id)) throw ScimError::not_found("User '" + id + "' not found");
    return scim::canonical_uuid(id);
}

[[noreturn]] void not_found(const std::string& id) { throw ScimError::not_found("User '" + id + "' not found"); }

// RFC 7644 §3.14: If-Match with a version other than the current one fails the request.
void check_if_match(const http::Request& request, const store::UserRecord& record) {
    if (request.if_match.empty() || request.if_match == "*") return;
    if (request.if_match != etag(record)) {
        throw ScimError::precondition_failed("The resource has changed: its version is " + etag(record));
    }
}

store::UserWrite decoded_user(const app::Context& ctx, const http::Request& request) {
    scim::DecodedResource decoded =
        scim::decode_resource(ctx.registry, user_type(ctx), scim::json::parse_body(request.body));
    // A user is active unless the client says otherwise: the product treats a missing value as active.
    if (!decoded.attributes.isMember("active")) decoded.attributes["active"] = true;
    store::UserWrite write{std::move(decoded.attributes), std::nullopt};
    if (decoded.password) write.password_hash = util::hash_password(*decoded.password);
    return write;
}

[[noreturn]] void user_name_taken(const store::UserWrite& write) {
    throw ScimError::uniqueness("userName '" + write.attributes["userName"].asString() + "' is already taken");
}

}  // namespace

http::Response create_user(app::Context& ctx, const http::Request& request) {
    store::UserWrite write = decoded_user(ctx, request);
    store::UserStore users(ctx.db);
    try {
        return resource_response(ctx, 201, users.create(ctx.tenant, write));
    } catch (const store::StoreError& e) {
        if (e.kind() == store::StoreError::Kind::Uniqueness) user_name_taken(write);
        throw;
    }
}

http::Response get_user(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id);
    auto record = store::UserStore(ctx.db).get(ctx.tenant, id);
    if (!record) not_found(raw_id);
    if (!request.if_none_match.empty() && request.if_none_match == etag(*record)) {
        http::Response response;
        response.status = 304;
        response.set_header("ETag", etag(*record));
        return response;
    }
    return resource_response(ctx, 200, *record);
}

http::Response list_users(app::Context& ctx, const http::Request& request) {
    auto params = http::parse_query(request.query);
    if (!params) throw ScimError::invalid_syntax("Malformed query string");
    scim::ListQuery query = scim::parse_list_query(*params, ctx.limits.max_results);
    if (query.filter) throw ScimError::invalid_filter("Filtering is not supported yet");
    store::UserPage page = store::UserStore(ctx.db).list(ctx.tenant, query.start_index - 1, query.count);
    Json::Value resources(Json::arrayValue);
    for (const auto& record : page.users) resources.append(render(ctx, record));
    return http::Response::json(200, list_response(std::move(resources), page.total, query.start_index));
}

http::Response replace_user(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id);
    store::UserWrite write = decoded_user(ctx, request);
    store::UserStore users(ctx.db);
    try {
        store::Transaction transaction(ctx.db);
        auto existing = users.get_for_update(ctx.tenant, id);
        if (!existing) not_found(raw_id);
        check_if_match(request, *existing);
        scim::check_immutable(ctx.registry, user_type(ctx), existing->attributes, write.attributes);
        store::UserRecord record = users.replace(ctx.tenant, id, write);
        transaction.commit();
        return resource_response(ctx, 200, record);
    } catch (const store::StoreError& e) {
        if (e.kind() == store::StoreError::Kind::Uniqueness) user_name_taken(write);
        throw;
    }
}

http::Response delete_user(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id);
    store::UserStore users(ctx.db);
    store::Transaction transaction(ctx.db);
    auto existing = users.get_for_update(ctx.tenant, id);
    if (!existing) not_found(raw_id);
    check_if_match(request, *existing);
    users.remove(ctx.tenant, id);
    transaction.commit();
    return http::Response::no_content();
}

}  // namespace handlers
