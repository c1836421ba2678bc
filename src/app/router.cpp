#include "app/router.h"

#include <array>
#include <span>
#include <vector>

#include "http/uri.h"
#include "util/ascii.h"

namespace app {
namespace {

struct EndpointSpec {
    std::string_view collection;  // "Users"
    bool with_id;
    Endpoint endpoint;
    std::string_view allow;  // methods, as the Allow header lists them
    std::string_view template_;
};

// RFC 7644 §3.2 (resources), §3.4.3 (searches) and §4 (discovery).
constexpr std::array kEndpoints = {
    EndpointSpec{"ServiceProviderConfig", false, Endpoint::ServiceProviderConfig, "GET", "/ServiceProviderConfig"},
    EndpointSpec{"Schemas", false, Endpoint::Schemas, "GET", "/Schemas"},
    EndpointSpec{"Schemas", true, Endpoint::Schema, "GET", "/Schemas/{id}"},
    EndpointSpec{"ResourceTypes", false, Endpoint::ResourceTypes, "GET", "/ResourceTypes"},
    EndpointSpec{"ResourceTypes", true, Endpoint::ResourceType, "GET", "/ResourceTypes/{id}"},
    EndpointSpec{"Users", false, Endpoint::Users, "GET, POST", "/Users"},
    EndpointSpec{"Users", true, Endpoint::User, "GET, PUT, PATCH, DELETE", "/Users/{id}"},
    EndpointSpec{"Groups", false, Endpoint::Groups, "GET, POST", "/Groups"},
    EndpointSpec{"Groups", true, Endpoint::Group, "GET, PUT, PATCH, DELETE", "/Groups/{id}"},
    EndpointSpec{".search", false, Endpoint::RootSearch, "POST", "/.search"},
    EndpointSpec{"Bulk", false, Endpoint::Bulk, "POST", "/Bulk"},
    // RFC 7644 §3.11: the authenticated subject's alias; not offered (answered 501).
    EndpointSpec{"Me", false, Endpoint::Me, "GET, POST, PUT, PATCH, DELETE", "/Me"},
    EndpointSpec{"Me", true, Endpoint::Me, "GET, POST, PUT, PATCH, DELETE", "/Me"},
    // The SCIM 1.1 names of the discovery document (draft-scim-api-01 §4 "ServiceProviderConfigs"),
    // which test tools and older clients still request.
    EndpointSpec{"ServiceProviderConfigs", false, Endpoint::ServiceProviderConfig, "GET", "/ServiceProviderConfig"},
    EndpointSpec{"serviceConfiguration", false, Endpoint::ServiceProviderConfig, "GET", "/ServiceProviderConfig"},
};

// POST {collection}/.search (RFC 7644 §3.4.3); ".search" is never a resource id.
constexpr std::array kSearchEndpoints = {
    EndpointSpec{"Users", true, Endpoint::UsersSearch, "POST", "/Users/.search"},
    EndpointSpec{"Groups", true, Endpoint::GroupsSearch, "POST", "/Groups/.search"},
};

bool allows(std::string_view allow, std::string_view method) {
    std::size_t start = 0;
    while (start < allow.size()) {
        std::size_t end = allow.find(", ", start);
        if (end == std::string_view::npos) end = allow.size();
        if (allow.substr(start, end - start) == method) return true;
        start = end + 2;
    }
    return false;
}

}  // namespace

// Operational endpoints: no organisation, no token (nginx serves /metrics to loopback only).
constexpr std::array kOperationalEndpoints = {
    EndpointSpec{"healthz", false, Endpoint::Healthz, "GET", "/healthz"},
    EndpointSpec{"readyz", false, Endpoint::Readyz, "GET", "/readyz"},
    EndpointSpec{"metrics", false, Endpoint::Metrics, "GET", "/metrics"},
};

Route route(std::string_view method, std::string_view path) {
    Route result;
    for (const auto& spec : kOperationalEndpoints) {
        if (path.size() == spec.collection.size() + 1 && path.front() == '/' && path.substr(1) == spec.collection) {
            result.endpoint = spec.endpoint;
            result.template_ = std::string(spec.template_);
            result.outcome = allows(spec.allow, method) ? Route::Outcome::Found : Route::Outcome::MethodNotAllowed;
            if (result.outcome == Route::Outcome::MethodNotAllowed) result.allow = std::string(spec.allow);
            return result;
        }
    }
    auto segments = http::split_path(path);
    // orgs / {org} / api / v1 / scim / v2 / {collection} [/ {id}]
    // A trailing "/" names the same resource ("/Users/", "/Users/?filter=..."), as clients write it.
    if (segments && segments->size() >= 8 && segments->back().empty()) segments->pop_back();
    if (segments && segments->size() >= 3 && segments->size() <= 8 && (*segments)[0] == "orgs" &&
        !(*segments)[1].empty() && (*segments)[2] == "portal") {
        result.endpoint = Endpoint::Portal;
        result.org_id = (*segments)[1];
        for (std::size_t i = 3; i < segments->size(); ++i) {
            result.resource_id += (i > 3 ? "/" : "") + (*segments)[i];
        }
        result.template_ = "/portal";
        result.outcome = method == "GET" || method == "POST" ? Route::Outcome::Found : Route::Outcome::MethodNotAllowed;
        if (result.outcome == Route::Outcome::MethodNotAllowed) result.allow = "GET, POST";
        return result;
    }
    if (segments && segments->size() == 4 && (*segments)[0] == "orgs" && !(*segments)[1].empty() &&
        (*segments)[2] == "oauth2" && (*segments)[3] == "token") {
        result.endpoint = Endpoint::OAuthToken;
        result.org_id = (*segments)[1];
        result.template_ = "/oauth2/token";
        result.outcome = method == "POST" ? Route::Outcome::Found : Route::Outcome::MethodNotAllowed;
        if (result.outcome == Route::Outcome::MethodNotAllowed) result.allow = "POST";
        return result;
    }
    if (!segments || segments->size() < 7 || segments->size() > 8) return result;
    const auto& s = *segments;
    if (s[0] != "orgs" || s[1].empty() || s[2] != "api" || s[3] != "v1" || s[4] != "scim" || s[5] != "v2") {
        return result;
    }
    bool with_id = s.size() == 8;
    if (with_id && s[7].empty()) return result;
    bool search = with_id && util::iequals(s[7], ".search");
    for (const auto& spec : search ? std::span<const EndpointSpec>(kSearchEndpoints) : std::span<const EndpointSpec>(kEndpoints)) {
        // Resource names are matched as RFC 7643 §2.1 matches attribute names: without case
        // ("/users", "/serviceproviderconfig"), which clients and test tools send.
        if (!util::iequals(spec.collection, s[6]) || spec.with_id != with_id) continue;
        result.endpoint = spec.endpoint;
        result.org_id = s[1];
        result.resource_id = with_id && !search ? s[7] : "";
        result.template_ = std::string(spec.template_);
        if (allows(spec.allow, method)) {
            result.outcome = Route::Outcome::Found;
        } else {
            result.outcome = Route::Outcome::MethodNotAllowed;
            result.allow = std::string(spec.allow);
        }
        return result;
    }
    return result;
}

}  // namespace app
