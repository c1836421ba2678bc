#include "app/dispatcher.h"

#include <chrono>

#include "app/auth.h"
#include "app/bulk.h"
#include "app/router.h"
#include "handlers/discovery.h"
#include "handlers/groups.h"
#include "handlers/oauth_token.h"
#include "handlers/portal.h"
#include "handlers/search.h"
#include "handlers/users.h"
#include "scim/error.h"
#include "scim/uuid.h"
#include "store/signing_key_store.h"
#include "store/tenant_store.h"
#include "util/log.h"

namespace app {
namespace {

using scim::ScimError;

// How often a request runs when the database rolls it back for contention (deadlock).
constexpr int kMaxAttempts = 3;

// RFC 7644 §3.1 + §8.1: SCIM bodies are application/scim+json; plain application/json is
// accepted as Okta and many HTTP clients send it. A missing type is tolerated.
void check_content_type(const http::Request& request) {
    if (request.body.empty() && request.content_type.empty()) return;
    std::string type = request.content_type.substr(0, request.content_type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (type.empty() || type == "application/scim+json" || type == "application/json") return;
    throw ScimError::unsupported_media_type("Content-Type must be application/scim+json or application/json");
}

http::Response error_response(const ScimError& error) {
    http::Response response = http::Response::json(error.status(), error.to_json());
    if (error.status() == 401) response.set_header("WWW-Authenticate", "Bearer realm=\"SCIM\"");
    if (error.status() == 503) response.set_header("Retry-After", "5");
    return response;
}

}  // namespace

Dispatcher::Dispatcher(const scim::schema::Registry& registry, const Limits& limits, store::Db& db,
                       util::Metrics* metrics)
    : registry_(registry), limits_(limits), db_(db), metrics_(metrics) {}

// /healthz: the process answers. /readyz: and its database does. /metrics: Prometheus text.
http::Response Dispatcher::operational(const Route& route) {
    Json::Value body(Json::objectValue);
    switch (route.endpoint) {
        case Endpoint::Healthz:
            body["status"] = "ok";
            return http::Response::json(200, body);
        case Endpoint::Readyz:
            db_.ensure_connected();
            db_.execute("SELECT 1", {});
            body["status"] = "ready";
            return http::Response::json(200, body);
        default: {
            http::Response response;
            response.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            response.body = metrics_ != nullptr ? metrics_->prometheus_text() : "";
            return response;
        }
    }
}

http::Response Dispatcher::dispatch(const http::Request& request, Outline& outline) {
    // HEAD is GET without the body (RFC 9110 §9.3.2); nginx drops the body it is sent.
    const bool head = request.method == "HEAD";
    Route route = app::route(head ? std::string_view("GET") : std::string_view(request.method), request.path);
    outline.route_template = route.template_.empty() ? "-" : route.template_;
    outline.query = route.endpoint == Endpoint::UsersSearch || route.endpoint == Endpoint::GroupsSearch ||
                    route.endpoint == Endpoint::RootSearch ||
                    ((route.endpoint == Endpoint::Users || route.endpoint == Endpoint::Groups) &&
                     (request.method == "GET" || head));
    if (route.outcome == Route::Outcome::NotFound) throw ScimError::not_found("No such endpoint");
    if (route.outcome == Route::Outcome::MethodNotAllowed) {
        http::Response response = error_response(
            ScimError::method_not_allowed("Method " + request.method + " is not allowed on " + route.template_));
        response.set_header("Allow", route.allow);
        return response;
    }

    if (route.endpoint == Endpoint::Healthz || route.endpoint == Endpoint::Readyz || route.endpoint == Endpoint::Metrics) {
        return operational(route);
    }

    db_.ensure_connected();
    // Its client authenticates with the request, not with a token.
    if (route.endpoint == Endpoint::OAuthToken) {
        outline.org_id = route.org_id;
        return handlers::issue_access_token(db_, limits_, request, route.org_id);
    }
    // The portal's administrators sign in with a session cookie, not a token.
    if (route.endpoint == Endpoint::Portal) {
        outline.org_id = route.org_id;
        return handlers::portal(db_, limits_, request, route.org_id, route.resource_id);
    }
    store::TenantStore tenants(db_);
    const std::string base_url = request.origin() + "/orgs/" + route.org_id + "/api/v1/scim/v2";
    // A read of one user by id (what IdPs send most) is one round trip: the user is read
    // with the token's lookup. Only a canonical id can name a user (others are 404 below).
    UserReadAhead read_ahead;
    const bool reads_a_user = route.endpoint == Endpoint::User && (head || request.method == "GET") &&
                              scim::is_uuid(route.resource_id) &&
                              scim::canonical_uuid(route.resource_id) == route.resource_id;
    if (reads_a_user) {
        read_ahead.user_id = route.resource_id;
        read_ahead.groups_base = base_url + "/Groups/";
    }
    store::Tenant tenant = authenticate(request.authorization, route.org_id, tenants, reads_a_user ? &read_ahead : nullptr);
    // Held for the whole request: filters and projections point into it.
    const std::shared_ptr<const scim::schema::Registry> registry = org_registries_.for_tenant(tenant, db_);
    Context ctx{*registry,
                limits_,
                db_,
                std::move(tenant),
                base_url,
                request.request_id,
                [this]() -> const std::string& {
                    if (cursor_key_.empty()) cursor_key_ = store::cursor_signing_key(db_);
                    return cursor_key_;
                },
                read_ahead.done ? &read_ahead : nullptr};
    outline.org_id = ctx.tenant.org_id;
    outline.app_id = ctx.tenant.app_id;
    check_content_type(request);

    const std::string& id = route.resource_id;
    const std::string method = head ? "GET" : request.method;
    switch (route.endpoint) {
        case Endpoint::ServiceProviderConfig: return handlers::service_provider_config(ctx);
        case Endpoint::Schemas: return handlers::list_schemas(ctx);
        case Endpoint::Schema: return handlers::get_schema(ctx, id);
        case Endpoint::ResourceTypes: return handlers::list_resource_types(ctx);
        case Endpoint::ResourceType: return handlers::get_resource_type(ctx, id);
        case Endpoint::Bulk:
            return app::bulk(
                ctx, request,
                [this](Context& op_ctx, const http::Request& op) {
                    const Route op_route = app::route(op.method, op.path);
                    const bool resource_endpoint =
                        op_route.endpoint == Endpoint::Users || op_route.endpoint == Endpoint::User ||
                        op_route.endpoint == Endpoint::Groups || op_route.endpoint == Endpoint::Group;
                    if (op_route.outcome != Route::Outcome::Found || !resource_endpoint) {
                        throw ScimError::invalid_value("A bulk operation's path must be /Users, /Groups, /Users/{id} "
                                                       "or /Groups/{id}");
                    }
                    return resource(op_ctx, op_route.endpoint, op.method, op_route.resource_id, op);
                },
                [&](const std::exception_ptr& failure, const http::Request& op) {
                    return failure_response(failure, op, outline);
                });
        case Endpoint::Me:
            // RFC 7644 §3.11: a client authenticates as an application, not as a User resource.
            throw ScimError::not_implemented("/Me is not supported: tokens belong to applications, not to users");
        case Endpoint::Healthz:
        case Endpoint::Readyz:
        case Endpoint::Metrics:
        case Endpoint::OAuthToken:
        case Endpoint::Portal: break;  // answered above, without a tenant
        default: return resource(ctx, route.endpoint, method, id, request);
    }
    throw ScimError::not_found("No such endpoint");
}

http::Response Dispatcher::resource(Context& ctx, Endpoint endpoint, const std::string& method, const std::string& id,
                                    const http::Request& request) {
    switch (endpoint) {
        case Endpoint::Users:
            if (method == "POST") return handlers::create_user(ctx, request);
            return handlers::list_users(ctx, request);
        case Endpoint::User:
            if (method == "GET") return handlers::get_user(ctx, request, id);
            if (method == "PUT") return handlers::replace_user(ctx, request, id);
            if (method == "DELETE") return handlers::delete_user(ctx, request, id);
            return handlers::patch_user(ctx, request, id);
        case Endpoint::UsersSearch: return handlers::search_users(ctx, request);
        case Endpoint::Groups:
            if (method == "POST") return handlers::create_group(ctx, request);
            return handlers::list_groups(ctx, request);
        case Endpoint::Group:
            if (method == "GET") return handlers::get_group(ctx, request, id);
            if (method == "PUT") return handlers::replace_group(ctx, request, id);
            if (method == "DELETE") return handlers::delete_group(ctx, request, id);
            return handlers::patch_group(ctx, request, id);
        case Endpoint::GroupsSearch: return handlers::search_groups(ctx, request);
        case Endpoint::RootSearch: return handlers::search_all(ctx, request);
        default: throw ScimError::not_found("No such endpoint");
    }
}

namespace {

// What a database error's log line carries: its SQLSTATE, never the message text, which can
// quote the statement's values.
std::string_view sqlstate_of(const store::StoreError& error) {
    return error.sqlstate().empty() ? std::string_view("-") : std::string_view(error.sqlstate());
}

}  // namespace

http::Response Dispatcher::failure_response(const std::exception_ptr& failure, const http::Request& request,
                                            const Outline& outline) {
    http::Response response;
    try {
        std::rethrow_exception(failure);
    } catch (const ScimError& error) {
        response = error_response(error);
    } catch (const store::StoreError& error) {
        if (error.kind() == store::StoreError::Kind::TooLarge) {
            // A client's value that no index can hold: its mistake, not the database's.
            response = error_response(ScimError::invalid_value("A value is too long to be stored"));
        } else if (error.kind() == store::StoreError::Kind::Timeout ||
                   error.kind() == store::StoreError::Kind::LockTimeout) {
            if (metrics_ != nullptr) metrics_->record_database_error();
            util::log::error("request timed out", {{"request_id", request.request_id},
                                                   {"route", outline.route_template},
                                                   {"sqlstate", sqlstate_of(error)}});
            // A query that worked past the limit asked for more than the server computes
            // (RFC 7644 §3.12 tooMany); waiting for a lock, or a write, is the server's state.
            const bool query = error.kind() == store::StoreError::Kind::Timeout && outline.query;
            response = error_response(
                query ? ScimError::too_many("The query ran longer than the " +
                                            std::to_string(limits_.statement_timeout_ms) +
                                            " ms the server allows; narrow the filter, or filter and sort on indexed "
                                            "attributes (userName, externalId, emails.value, meta.created, ...)")
                      : ScimError::unavailable("The service is busy; try again"));
        } else if (error.kind() == store::StoreError::Kind::Unavailable ||
                   error.kind() == store::StoreError::Kind::Contention) {
            if (metrics_ != nullptr) metrics_->record_database_error();
            util::log::error("database unavailable",
                             {{"request_id", request.request_id}, {"sqlstate", sqlstate_of(error)}});
            response = error_response(ScimError::unavailable("The service is temporarily unavailable"));
        } else {
            if (metrics_ != nullptr) metrics_->record_database_error();
            util::log::error("database error", {{"request_id", request.request_id}, {"sqlstate", sqlstate_of(error)}});
            response = error_response(ScimError::internal("Internal error; request id " + request.request_id));
        }
    } catch (const std::exception& error) {
        util::log::error("unhandled error", {{"request_id", request.request_id}, {"error", error.what()}});
        response = error_response(ScimError::internal("Internal error; request id " + request.request_id));
    } catch (...) {
        util::log::error("unhandled error", {{"request_id", request.request_id}});
        response = error_response(ScimError::internal("Internal error; request id " + request.request_id));
    }
    return response;
}

http::Response Dispatcher::handle(const http::Request& request) {
    auto started = std::chrono::steady_clock::now();
    db_.set_deadline(started + std::chrono::milliseconds(limits_.request_timeout_ms));
    Outline outline;
    http::Response response;
    try {
        for (int attempt = 1;; ++attempt) {
            try {
                response = dispatch(request, outline);
                break;
            } catch (const store::StoreError& error) {
                // Run the request again only where nothing of it stayed in the database: a
                // connection from before a database restart failed its very first statement,
                // or PostgreSQL rolled a deadlocked transaction back whole.
                bool stale = error.kind() == store::StoreError::Kind::Unavailable && db_.failed_on_first_reuse();
                bool contention = error.kind() == store::StoreError::Kind::Contention;
                if (!(stale || contention) || attempt >= kMaxAttempts) throw;
                if (contention && metrics_ != nullptr) metrics_->record_database_error();
            }
        }
    } catch (...) {
        response = failure_response(std::current_exception(), request, outline);
    }
    auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    if (metrics_ != nullptr) {
        metrics_->record_request(outline.route_template == "-" ? "other" : outline.route_template, request.method,
                                 response.status, static_cast<double>(micros) / 1e6);
    }
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.3f", static_cast<double>(micros) / 1000.0);
    // Never the token, a password or a body: only what identifies the request.
    util::log::info("request", {{"request_id", request.request_id},
                                {"method", request.method},
                                {"route", outline.route_template},
                                {"org", outline.org_id},
                                {"app", outline.app_id},
                                {"status", std::to_string(response.status)},
                                {"duration_ms", duration}});
    return response;
}

}  // namespace app
