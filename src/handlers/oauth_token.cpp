#include "handlers/oauth_token.h"

#include <map>
#include <optional>

#include <json/value.h>

#include "http/uri.h"
#include "scim/uuid.h"
#include "store/oauth_store.h"
#include "util/ascii.h"
#include "util/crypto.h"
#include "util/json_text.h"

namespace handlers {
namespace {

// RFC 6749 §5.1: a token response is never cached.
http::Response token_response(int status, const Json::Value& body) {
    http::Response response;
    response.status = status;
    response.set_header("Content-Type", "application/json; charset=utf-8");
    response.set_header("Cache-Control", "no-store");
    response.set_header("Pragma", "no-cache");
    response.body = util::to_json_text(body);
    return response;
}

// RFC 6749 §5.2.
http::Response token_error(const std::string& error, const std::string& description) {
    Json::Value body(Json::objectValue);
    body["error"] = error;
    body["error_description"] = description;
    if (error != "invalid_client") return token_response(400, body);
    http::Response response = token_response(401, body);
    response.set_header("WWW-Authenticate", "Basic realm=\"oauth2\"");
    return response;
}

struct Credentials {
    std::string client_id;
    std::string client_secret;
};

// RFC 6749 §2.3.1: HTTP Basic with the id and secret form-urlencoded, then base64.
std::optional<Credentials> basic_credentials(const std::string& authorization) {
    if (authorization.size() < 6 || !util::iequals(std::string_view(authorization).substr(0, 6), "basic ")) {
        return std::nullopt;
    }
    std::string_view encoded = std::string_view(authorization).substr(6);
    while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
    auto decoded = util::base64_decode(encoded);
    if (!decoded) return std::nullopt;
    const std::size_t colon = decoded->find(':');
    if (colon == std::string::npos) return std::nullopt;
    auto id = http::percent_decode(std::string_view(*decoded).substr(0, colon), true);
    auto secret = http::percent_decode(std::string_view(*decoded).substr(colon + 1), true);
    if (!id || !secret) return std::nullopt;
    return Credentials{*id, *secret};
}

}  // namespace

http::Response issue_access_token(store::Db& db, const app::Limits& limits, const http::Request& request,
                                  const std::string& org_id) {
    std::string type = request.content_type.substr(0, request.content_type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    if (!util::iequals(type, "application/x-www-form-urlencoded")) {
        return token_error("invalid_request", "The body must be application/x-www-form-urlencoded");
    }
    auto pairs = http::parse_query(request.body);
    if (!pairs) return token_error("invalid_request", "The body is not a well-formed form");
    std::map<std::string, std::string> form;
    for (auto& [name, value] : *pairs) {
        // RFC 6749 §3.2: no parameter more than once.
        if (!form.emplace(name, value).second) return token_error("invalid_request", "'" + name + "' is given twice");
    }
    auto field = [&](const char* name) -> std::optional<std::string> {
        auto it = form.find(name);
        return it == form.end() ? std::nullopt : std::optional(it->second);
    };
    const auto grant_type = field("grant_type");
    if (!grant_type || grant_type->empty()) return token_error("invalid_request", "grant_type is required");
    if (*grant_type != "client_credentials") {
        return token_error("unsupported_grant_type", "Only grant_type=client_credentials is supported");
    }

    std::optional<Credentials> credentials;
    const bool basic = !request.authorization.empty();
    if (basic) {
        credentials = basic_credentials(request.authorization);
        if (!credentials) return token_error("invalid_client", "The Authorization header is not HTTP Basic credentials");
        // §2.3: one way of authenticating only.
        if (field("client_secret")) {
            return token_error("invalid_request", "The client authenticated both with HTTP Basic and in the body");
        }
        if (auto id = field("client_id"); id && *id != credentials->client_id) {
            return token_error("invalid_request", "client_id differs from the HTTP Basic credentials");
        }
    } else if (field("client_id") && field("client_secret")) {
        credentials = Credentials{*field("client_id"), *field("client_secret")};
    } else {
        return token_error("invalid_client", "Client authentication is required (HTTP Basic, or client_id and "
                                             "client_secret in the body)");
    }
    // This server has no scopes: the token opens the organisation's SCIM API, no more.
    if (auto scope = field("scope"); scope && !scope->empty() && *scope != "scim") {
        return token_error("invalid_scope", "The only scope is 'scim' (or none)");
    }

    const auto refused = [] { return token_error("invalid_client", "Unknown client or wrong secret"); };
    if (!scim::is_uuid(credentials->client_id) || credentials->client_secret.empty()) return refused();
    store::OAuthStore store(db);
    auto client = store.authenticate(org_id, scim::canonical_uuid(credentials->client_id),
                                     util::sha256_hex(credentials->client_secret));
    if (!client) return refused();
    const std::string token = util::generate_token(util::kAccessTokenPrefix);
    store.issue_access_token(*client, util::sha256_hex(token), limits.access_token_seconds);
    Json::Value body(Json::objectValue);
    body["access_token"] = token;
    body["token_type"] = "Bearer";
    body["expires_in"] = static_cast<Json::Int64>(limits.access_token_seconds);
    return token_response(200, body);
}

}  // namespace handlers
