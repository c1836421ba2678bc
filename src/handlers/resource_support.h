// What every resource handler shares: ids, ETags, If-Match, projection parameters,
// rendering of a stored record, and the list flow (typed filter → store query → page).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <json/value.h>

#include "app/context.h"
#include "http/request.h"
#include "http/response.h"
#include "scim/list_query.h"
#include "scim/projection.h"
#include "scim/resource_codec.h"
#include "scim/schema/schema.h"
#include "store/column_map.h"
#include "store/resource_record.h"

namespace handlers {

// The weak ETag of a stored version (RFC 7644 §3.14), also meta.version.
std::string etag(const store::ResourceRecord& record);

// Server-assigned UUIDs only: anything else names nothing, so it is 404 like a missing id.
std::string checked_id(const std::string& raw_id, const std::string& type_name);

// If-Match (RFC 7644 §3.14) that is neither "*" nor a list naming the current version → 412
// (compared weakly: http/entity_tags.h).
void check_if_match(const http::Request& request, const store::ResourceRecord& record);

// If-None-Match naming the current ETag: the 304 to answer instead of the resource.
std::optional<http::Response> not_modified(const http::Request& request, const store::ResourceRecord& record);

// The request's query parameters as a ListQuery (malformed query → invalidSyntax).
scim::ListQuery query_of(const app::Context& ctx, const http::Request& request);

// The SearchRequest body of a POST .search as a ListQuery (RFC 7644 §3.4.3).
scim::ListQuery search_request_of(const app::Context& ctx, const http::Request& request);

// RFC 7644 §3.9: attributes/excludedAttributes of the request, for any response with a resource.
scim::Projection projection_of(const app::Context& ctx, const http::Request& request,
                               const scim::schema::ResourceType& type);

// True when the request names attributes or excludedAttributes (PATCH then answers 200 with
// the resource, RFC 7644 §3.5.2; otherwise 204).
bool asks_for_attributes(const app::Context& ctx, const http::Request& request);

// The absolute URL of a resource of `type`.
std::string location(const app::Context& ctx, const scim::schema::ResourceType& type, const std::string& id);

// meta of a stored record (RFC 7643 §3.1).
scim::ResourceMeta resource_meta(const app::Context& ctx, const scim::schema::ResourceType& type,
                                 const store::ResourceRecord& record);

// schemas, id, attributes, meta.
Json::Value render_record(const app::Context& ctx, const scim::schema::ResourceType& type,
                          const store::ResourceRecord& record);

// A JSON response of a rendered resource with its ETag (and Location when created).
http::Response resource_response(const app::Context& ctx, const scim::schema::ResourceType& type, int status,
                                 const store::ResourceRecord& record, Json::Value body);
// The same with the resource already written as JSON text.
http::Response resource_response(const app::Context& ctx, const scim::schema::ResourceType& type, int status,
                                 const store::ResourceRecord& record, std::string body);

// Each element of a JSON array as text: the shape list renderers return.
std::vector<std::string> texts_of(const Json::Value& array);

// 204 with the new ETag: what PATCH answers unless attributes were asked for.
http::Response patched_response(const store::ResourceRecord& record);

// The record a PUT, PATCH or DELETE changes, from its claim and lock (the stores'
// claim_for_update): nullopt when an earlier attempt of the request committed, for the caller
// to answer from the stored state; 404 when the resource is missing; 412 when If-Match names
// another version (RFC 7644 §3.14).
std::optional<store::ResourceRecord> claimed_record(const http::Request& request, store::LockedRecord locked,
                                                    const std::string& type_name, const std::string& raw_id);

// nginx sends a request again, with the same request id, to another worker when the one
// serving it died (fastcgi_next_upstream). Records the write of `operation` to the resource
// `id` of `type_name` in the audit trail (store::AuditStore::claim), or returns the id of the
// resource an earlier attempt of this request wrote, if it committed: the write handler then
// answers from the stored state instead of writing twice. Called first in every write's
// transaction; the audit row goes with the write, or with its rollback.
std::optional<std::string> claim_write(app::Context& ctx, const std::string& type_name, const std::string& id,
                                       const std::string& operation);

// The list flow of RFC 7644 §3.4.2/§3.4.3 for one resource type: typed filter, sort and
// page from the store; `render` turns the page's records into their (projected) JSON text,
// one each.
using RecordRenderer =
    std::function<std::vector<std::string>(const std::vector<store::ResourceRecord>&, const scim::Projection&)>;
http::Response list_resources(app::Context& ctx, const scim::schema::ResourceType& type, const store::ColumnMap& map,
                              const scim::ListQuery& query, const RecordRenderer& render);

}  // namespace handlers
