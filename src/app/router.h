// Pure routing of a method and raw path to an endpoint of the SCIM API:
// /orgs/{orgId}/api/v1/scim/v2/{resource}[/{id}], and the organisation's OAuth 2.0 token
// endpoint /orgs/{orgId}/oauth2/token.
#pragma once

#include <string>
#include <string_view>

namespace app {

enum class Endpoint {
    ServiceProviderConfig,
    Schemas,
    Schema,
    ResourceTypes,
    ResourceType,
    Users,
    User,
    UsersSearch,
    Groups,
    Group,
    GroupsSearch,
    RootSearch,
    Bulk,     // RFC 7644 §3.7
    Me,       // RFC 7644 §3.11, answered 501
    OAuthToken,  // /orgs/{orgId}/oauth2/token (RFC 6749 §4.4), outside the SCIM API
    Portal,      // /orgs/{orgId}/portal/..., the administrators' web pages (resource_id: the rest)
    Healthz,  // outside the SCIM API and its authentication
    Readyz,
    Metrics,
};

struct Route {
    enum class Outcome { Found, NotFound, MethodNotAllowed };
    Outcome outcome = Outcome::NotFound;
    Endpoint endpoint = Endpoint::Users;
    std::string org_id;       // as given in the URL (decoded)
    std::string resource_id;  // the {id} segment, decoded; empty for collections
    std::string allow;        // the Allow header value for MethodNotAllowed
    std::string template_;    // route template for logs and metrics, e.g. "/Users/{id}"
};

// REQUIRES: path is the raw path of the request target, without the query string.
Route route(std::string_view method, std::string_view path);

}  // namespace app
