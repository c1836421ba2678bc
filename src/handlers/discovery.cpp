#include "handlers/discovery.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "handlers/list_response.h"
#include "scim/error.h"
#include "scim/json.h"
#include "scim/schema/schema_json.h"
#include "util/ascii.h"

namespace handlers {
namespace {

namespace schema = scim::schema;

// Resource types whose endpoints this server answers.
constexpr std::array<std::string_view, 2> kServedResourceTypes = {"User", "Group"};

std::vector<const schema::ResourceType*> served_types(const schema::Registry& registry) {
    std::vector<const schema::ResourceType*> types;
    for (auto name : kServedResourceTypes) {
        if (const auto* type = registry.resource_type(name)) types.push_back(type);
    }
    return types;
}

std::vector<const schema::Schema*> served_schemas(const schema::Registry& registry) {
    std::vector<const schema::Schema*> schemas;
    auto add = [&](const std::string& urn) {
        const auto* found = registry.schema(urn);
        if (found != nullptr && std::find(schemas.begin(), schemas.end(), found) == schemas.end()) {
            schemas.push_back(found);
        }
    };
    for (const auto* type : served_types(registry)) {
        add(type->schema);
        for (const auto& extension : type->extensions) add(extension.schema);
    }
    return schemas;
}

Json::Value supported(bool value) {
    Json::Value feature(Json::objectValue);
    feature["supported"] = value;
    return feature;
}

}  // namespace

http::Response service_provider_config(const app::Context& ctx) {
    // RFC 7643 §5: every flag states what works now.
    Json::Value config(Json::objectValue);
    config["schemas"].append(std::string(schema::urn::kServiceProviderConfig));
    config["documentationUri"] = "https://www.rfc-editor.org/rfc/rfc7644";
    config["patch"] = supported(true);
    Json::Value bulk = supported(true);
    bulk["maxOperations"] = ctx.limits.bulk_max_operations;
    bulk["maxPayloadSize"] = static_cast<Json::Int64>(ctx.limits.bulk_max_payload_bytes);
    config["bulk"] = bulk;
    Json::Value filter = supported(true);
    filter["maxResults"] = ctx.limits.max_results;
    config["filter"] = filter;
    // RFC 9865 §4: both paging methods; a request without cursor pages by index, as before.
    Json::Value pagination(Json::objectValue);
    pagination["cursor"] = true;
    pagination["index"] = true;
    pagination["defaultPaginationMethod"] = "index";
    pagination["defaultPageSize"] = ctx.limits.max_results;
    pagination["maxPageSize"] = ctx.limits.max_results;
    pagination["cursorTimeout"] = static_cast<Json::Int64>(ctx.limits.cursor_timeout_seconds);
    config["pagination"] = pagination;
    config["changePassword"] = supported(true);
    config["sort"] = supported(true);
    config["etag"] = supported(true);
    Json::Value scheme(Json::objectValue);
    scheme["type"] = "oauthbearertoken";
    scheme["name"] = "OAuth Bearer Token";
    scheme["description"] = "Authentication with a bearer token issued to an application of the organisation";
    scheme["specUri"] = "https://www.rfc-editor.org/rfc/rfc6750";
    scheme["primary"] = true;
    config["authenticationSchemes"].append(scheme);
    // RFC 6749 §4.4: the bearer token above may also be an access token from the
    // organisation's token endpoint.
    Json::Value oauth(Json::objectValue);
    oauth["type"] = "oauth2";
    oauth["name"] = "OAuth 2.0 client credentials";
    oauth["description"] = "An access token from " + ctx.base_url.substr(0, ctx.base_url.find("/api/v1/scim/v2")) +
                           "/oauth2/token (grant_type=client_credentials, the application's client id and secret), "
                           "sent as a bearer token";
    oauth["specUri"] = "https://www.rfc-editor.org/rfc/rfc6749";
    oauth["primary"] = false;
    config["authenticationSchemes"].append(oauth);
    Json::Value& meta = config["meta"];
    meta["resourceType"] = "ServiceProviderConfig";
    meta["location"] = ctx.base_url + "/ServiceProviderConfig";
    return http::Response::json(200, config);
}

http::Response list_schemas(const app::Context& ctx) {
    Json::Value resources(Json::arrayValue);
    for (const auto* s : served_schemas(ctx.registry)) resources.append(schema::schema_to_json(*s, ctx.base_url));
    const auto total = static_cast<long long>(resources.size());
    return http::Response::json(200, list_response(std::move(resources), total, 1));
}

http::Response get_schema(const app::Context& ctx, const std::string& urn) {
    for (const auto* s : served_schemas(ctx.registry)) {
        if (util::iequals(s->id, urn)) return http::Response::json(200, schema::schema_to_json(*s, ctx.base_url));
    }
    throw scim::ScimError::not_found("Schema '" + urn + "' not found");
}

http::Response list_resource_types(const app::Context& ctx) {
    Json::Value resources(Json::arrayValue);
    for (const auto* type : served_types(ctx.registry)) {
        resources.append(schema::resource_type_to_json(*type, ctx.base_url));
    }
    const auto total = static_cast<long long>(resources.size());
    return http::Response::json(200, list_response(std::move(resources), total, 1));
}

http::Response get_resource_type(const app::Context& ctx, const std::string& name) {
    for (const auto* type : served_types(ctx.registry)) {
        if (util::iequals(type->id, name)) {
            return http::Response::json(200, schema::resource_type_to_json(*type, ctx.base_url));
        }
    }
    throw scim::ScimError::not_found("ResourceType '" + name + "' not found");
}

}  // namespace handlers
