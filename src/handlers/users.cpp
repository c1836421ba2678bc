#include "handlers/users.h"

#include "handlers/list_response.h"
#include "http/uri.h"
#include "scim/error.h"
#include "scim/json.h"
#include "scim/filter/parser.h"
#include "scim/list_query.h"
#include "scim/projection.h"
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

// RFC 7644 §3.9: attributes/excludedAttributes apply to every response that returns a resource.
scim::Projection projection_of(const app::Context& ctx, const http::Request& request) {
    auto params = http::parse_query(request.query);
    if (!params) throw ScimError::invalid_syntax("Malformed query string");
    scim::ListQuery query = scim::parse_list_query(*params, ctx.limits.max_results);
    return scim::Projection::parse(ctx.registry, user_type(ctx), query.attributes, query.excluded_attributes);
}

http::Response resource_response(const app::Context& ctx, const http::Request& request, int status,
                                 const store::UserRecord& record) {
    http::Response response = http::Response::json(status, projection_of(ctx, request).apply(render(ctx, record)));
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
        return resource_response(ctx, request, 201, users.create(ctx.tenant, write));
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
    return resource_response(ctx, request, 200, *record);
}

http::Response list_users(app::Context& ctx, const http::Request& request) {
    auto params = http::parse_query(request.query);
    if (!params) throw ScimError::invalid_syntax("Malformed query string");
    return search_users(ctx, scim::parse_list_query(*params, ctx.limits.max_results));
}

http::Response search_users(app::Context& ctx, const http::Request& request) {
    return search_users(ctx, scim::parse_search_request(scim::json::parse_body(request.body), ctx.limits.max_results));
}

http::Response search_users(app::Context& ctx, const scim::ListQuery& query) {
    const auto& type = user_type(ctx);
    // Everything the client sent is typed against the registry before any SQL is made.
    scim::filter::NodePtr filter;
    if (query.filter) filter = scim::filter::parse_filter(*query.filter, ctx.registry, type);
    std::optional<scim::filter::AttrPath> sort_by;
    if (query.sort_by && !query.sort_by->empty()) sort_by = scim::resolve_sort_by(*query.sort_by, ctx.registry, type);
    scim::Projection projection =
        scim::Projection::parse(ctx.registry, type, query.attributes, query.excluded_attributes);

    store::UserQuery user_query;
    user_query.filter = filter.get();
    user_query.sort_by = sort_by ? &*sort_by : nullptr;
    user_query.descending = query.descending();
    user_query.offset = query.start_index - 1;
    user_query.limit = query.count;
    user_query.location_prefix = location(ctx, "");
    store::UserPage page = store::UserStore(ctx.db).list(ctx.tenant, user_query);
    Json::Value resources(Json::arrayValue);
    for (const auto& record : page.users) resources.append(projection.apply(render(ctx, record)));
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
        return resource_response(ctx, request, 200, record);
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
