#include "handlers/resource_support.h"

#include <optional>

#include "handlers/cursor_list.h"
#include "handlers/list_response.h"
#include "http/entity_tags.h"
#include "http/uri.h"
#include "scim/error.h"
#include "scim/filter/parser.h"
#include "scim/json.h"
#include "scim/resource_codec.h"
#include "scim/uuid.h"
#include "store/audit_store.h"
#include "store/resource_query.h"
#include "util/json_text.h"

namespace handlers {

using scim::ScimError;

std::string etag(const store::ResourceRecord& record) { return "W/\"" + std::to_string(record.version) + "\""; }

std::string checked_id(const std::string& raw_id, const std::string& type_name) {
    if (!scim::is_uuid(raw_id)) throw ScimError::not_found(type_name + " '" + raw_id + "' not found");
    return scim::canonical_uuid(raw_id);
}

void check_if_match(const http::Request& request, const store::ResourceRecord& record) {
    if (request.if_match.empty()) return;
    if (!http::entity_tags_match(request.if_match, "\"" + std::to_string(record.version) + "\"")) {
        throw ScimError::precondition_failed("The resource has changed: its version is " + etag(record));
    }
}

std::optional<http::Response> not_modified(const http::Request& request, const store::ResourceRecord& record) {
    if (request.if_none_match.empty() ||
        !http::entity_tags_match(request.if_none_match, "\"" + std::to_string(record.version) + "\"")) {
        return std::nullopt;
    }
    http::Response response;
    response.status = 304;
    response.set_header("ETag", etag(record));
    return response;
}

scim::ListQuery search_request_of(const app::Context& ctx, const http::Request& request) {
    return scim::parse_search_request(scim::json::parse_body(request.body), ctx.limits.max_results);
}

scim::ListQuery query_of(const app::Context& ctx, const http::Request& request) {
    auto params = http::parse_query(request.query);
    if (!params) throw ScimError::invalid_syntax("Malformed query string");
    return scim::parse_list_query(*params, ctx.limits.max_results);
}

scim::Projection projection_of(const app::Context& ctx, const http::Request& request,
                               const scim::schema::ResourceType& type) {
    scim::ListQuery query = query_of(ctx, request);
    return scim::Projection::parse(ctx.registry, type, query.attributes, query.excluded_attributes);
}

bool asks_for_attributes(const app::Context& ctx, const http::Request& request) {
    scim::ListQuery query = query_of(ctx, request);
    return !query.attributes.empty() || !query.excluded_attributes.empty();
}

std::string location(const app::Context& ctx, const scim::schema::ResourceType& type, const std::string& id) {
    return ctx.base_url + type.endpoint + "/" + id;
}

scim::ResourceMeta resource_meta(const app::Context& ctx, const scim::schema::ResourceType& type,
                                 const store::ResourceRecord& record) {
    return {record.id, record.created, record.last_modified, etag(record), location(ctx, type, record.id)};
}

Json::Value render_record(const app::Context& ctx, const scim::schema::ResourceType& type,
                          const store::ResourceRecord& record) {
    return scim::render_resource(type, record.attributes(), resource_meta(ctx, type, record));
}

http::Response resource_response(const app::Context& ctx, const scim::schema::ResourceType& type, int status,
                                 const store::ResourceRecord& record, Json::Value body) {
    return resource_response(ctx, type, status, record, util::to_json_text(body));
}

http::Response resource_response(const app::Context& ctx, const scim::schema::ResourceType& type, int status,
                                 const store::ResourceRecord& record, std::string body) {
    http::Response response = http::Response::json_text(status, std::move(body));
    response.set_header("ETag", etag(record));
    if (status == 201) response.set_header("Location", location(ctx, type, record.id));
    return response;
}

std::vector<std::string> texts_of(const Json::Value& array) {
    std::vector<std::string> texts;
    texts.reserve(array.size());
    for (const auto& element : array) texts.push_back(util::to_json_text(element));
    return texts;
}

http::Response patched_response(const store::ResourceRecord& record) {
    http::Response response = http::Response::no_content();
    response.set_header("ETag", etag(record));
    return response;
}

http::Response list_resources(app::Context& ctx, const scim::schema::ResourceType& type, const store::ColumnMap& map,
                              const scim::ListQuery& query, const RecordRenderer& render) {
    // Everything the client sent is typed against the registry before any SQL is made.
    std::vector<ListedType> listed;
    listed.push_back({type, map, render,
                      query.filter ? scim::filter::parse_filter(*query.filter, ctx.registry, type) : nullptr,
                      query.sort_by && !query.sort_by->empty()
                          ? std::optional(scim::resolve_sort_by(*query.sort_by, ctx.registry, type))
                          : std::nullopt,
                      scim::Projection::parse(ctx.registry, type, query.attributes, query.excluded_attributes)});
    if (query.cursor) return cursor_list(ctx, query, listed, type.name);
    store::ResourceQuery resource_query = resource_query_of(ctx, listed.front(), query);
    resource_query.offset = query.start_index - 1;
    resource_query.limit = query.count;
    store::ResourcePage page = store::query_resources(ctx.db, map, ctx.tenant, resource_query);
    return http::Response::json_text(200, list_response_text(render(page.records, listed.front().projection),
                                                             page.total, query.start_index));
}

std::optional<store::ResourceRecord> claimed_record(const http::Request& request, store::LockedRecord locked,
                                                    const std::string& type_name, const std::string& raw_id) {
    if (!locked.claimed) return std::nullopt;
    if (!locked.record) throw ScimError::not_found(type_name + " '" + raw_id + "' not found");
    check_if_match(request, *locked.record);
    return std::move(locked.record);
}

std::optional<std::string> claim_write(app::Context& ctx, const std::string& type_name, const std::string& id,
                                       const std::string& operation) {
    return store::AuditStore(ctx.db).claim(ctx.tenant, {ctx.request_id, type_name, id, operation});
}

}  // namespace handlers
