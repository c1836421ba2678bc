#include "handlers/portal.h"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "handlers/portal_pages.h"
#include "http/uri.h"
#include "scim/uuid.h"
#include "store/oauth_store.h"
#include "store/portal_store.h"
#include "store/tenant_store.h"
#include "util/ascii.h"
#include "util/crypto.h"

namespace handlers {
namespace {

namespace pages = portal_pages;

constexpr const char* kSessionCookie = "__Host-scim_portal";
constexpr const char* kSignInCookie = "__Host-scim_sign_in";
constexpr long long kIdleSeconds = 30 * 60;
constexpr long long kAbsoluteSeconds = 12 * 60 * 60;
// Failed sign-ins of one account before it waits out the window (nginx slows each address).
constexpr int kMaxFailures = 5;
constexpr long long kFailureWindowSeconds = 15 * 60;

// Every portal answer: no caching, no framing, no script or style from anywhere else.
http::Response secured(http::Response response) {
    response.set_header("Content-Security-Policy",
                        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("X-Frame-Options", "DENY");
    response.set_header("Referrer-Policy", "no-referrer");
    response.set_header("Cache-Control", "no-store");
    return response;
}

http::Response html(int status, std::string body) {
    http::Response response;
    response.status = status;
    response.set_header("Content-Type", "text/html; charset=utf-8");
    response.body = std::move(body);
    return secured(std::move(response));
}

http::Response asset(const char* content_type, const char* body) {
    http::Response response;
    response.set_header("Content-Type", content_type);
    response.body = body;
    return secured(std::move(response));
}

http::Response see_other(const std::string& location) {
    http::Response response;
    response.status = 303;
    response.set_header("Location", location);
    return secured(std::move(response));
}

std::string cookie_header(const std::string& name, const std::string& value, long long max_age) {
    return name + "=" + value + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
}

std::string cookie(const http::Request& request, const std::string& name) {
    std::string_view header = request.cookie;
    while (!header.empty()) {
        const std::size_t end = std::min(header.find(';'), header.size());
        std::string_view pair = header.substr(0, end);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=') {
            return std::string(pair.substr(name.size() + 1));
        }
        header.remove_prefix(std::min(end + 1, header.size()));
    }
    return "";
}

// The CSRF token of a session: derived from the session's secret, so nothing more is stored,
// and useless without the cookie (which another site's page cannot read).
std::string csrf_of(const std::string& session_token) {
    return util::base64url_encode(util::hmac_sha256(session_token, "portal csrf"));
}

std::map<std::string, std::string> form_of(const http::Request& request) {
    std::map<std::string, std::string> form;
    if (auto pairs = http::parse_query(request.body)) {
        for (auto& [name, value] : *pairs) form.emplace(name, value);
    }
    return form;
}

struct Signed {
    std::string token;  // the cookie's value
    store::PortalSession session;
};

class Portal {
public:
    Portal(store::Db& db, const http::Request& request, std::string org_id)
        : db_(db), request_(request), org_id_(std::move(org_id)), form_(form_of(request)),
          prefix_("/orgs/" + org_id_ + "/portal") {}

    http::Response serve(const std::string& subpath) {
        const std::string& method = request_.method;
        if (subpath == "style.css" && method == "GET") return asset("text/css; charset=utf-8", pages::kStyle);
        if (subpath == "portal.js" && method == "GET") return asset("text/javascript; charset=utf-8", pages::kScript);
        if (subpath == "login") {
            if (method == "GET") return sign_in_page("", 200);
            if (method == "POST") return sign_in();
            return not_allowed();
        }
        if (subpath.empty() || subpath == "applications" || subpath.rfind("applications/", 0) == 0 ||
            subpath == "logout") {
            auto signed_in = session();
            if (!signed_in) {
                // A state change without a session: refused; a page: the way to sign in.
                return method == "GET" ? see_other(prefix_ + "/login") : refused_csrf();
            }
            return signed_area(*signed_in, subpath);
        }
        return not_found();
    }

private:
    std::optional<Signed> session() {
        const std::string token = cookie(request_, kSessionCookie);
        if (token.empty()) return std::nullopt;
        auto found = store::PortalStore(db_).session(org_id_, util::sha256_hex(token), kIdleSeconds);
        if (!found) return std::nullopt;
        return Signed{token, *found};
    }

    http::Response signed_area(const Signed& signed_in, const std::string& subpath) {
        const std::string& method = request_.method;
        if (method == "GET") {
            if (subpath.empty() || subpath == "applications") return applications_page(signed_in, {}, {}, 200);
            return not_found();
        }
        if (method != "POST") return not_allowed();
        // Every state change carries the session's CSRF token (the forms' hidden field).
        auto sent = form_.find("csrf");
        if (sent == form_.end() || !util::equal_in_constant_time(sent->second, csrf_of(signed_in.token))) {
            return refused_csrf();
        }
        if (subpath == "logout") {
            store::PortalStore(db_).end_session(util::sha256_hex(signed_in.token));
            http::Response response = see_other(prefix_ + "/login");
            response.set_header("Set-Cookie", cookie_header(kSessionCookie, "", 0));
            return response;
        }
        if (subpath == "applications") return create_application(signed_in);
        // applications/{app}/tokens[/{id}/revoke], applications/{app}/secrets[/{id}/revoke]
        std::vector<std::string> parts;
        for (std::size_t start = 0; start <= subpath.size();) {
            std::size_t end = std::min(subpath.find('/', start), subpath.size());
            parts.push_back(subpath.substr(start, end - start));
            start = end + 1;
        }
        if (parts.size() < 3 || parts[0] != "applications" || !scim::is_uuid(parts[1])) return not_found();
        const std::string app_id = scim::canonical_uuid(parts[1]);
        auto app = application(app_id);
        if (!app) return not_found();
        if (parts.size() == 3 && parts[2] == "tokens") return generate_token(signed_in, *app);
        if (parts.size() == 3 && parts[2] == "secrets") return create_secret(signed_in, *app);
        if (parts.size() == 5 && parts[4] == "revoke" && scim::is_uuid(parts[3])) {
            const std::string id = scim::canonical_uuid(parts[3]);
            if (parts[2] == "tokens") return revoke_token(signed_in, *app, id);
            if (parts[2] == "secrets") return revoke_secret(signed_in, *app, id);
        }
        return not_found();
    }

    // The organisation's application with that id; nullopt for any other (another
    // organisation's answers as a missing one does).
    std::optional<store::ApplicationRow> application(const std::string& app_id) {
        for (auto& app : store::PortalStore(db_).applications(org_id_)) {
            if (app.id == app_id) return app;
        }
        return std::nullopt;
    }

    http::Response sign_in_page(const std::string& message, int status) {
        // Sign-in's own CSRF token, double-submitted: a cookie and the form's field.
        std::string token = util::generate_token();
        http::Response response = html(status, pages::sign_in(org_id_, token, message));
        response.set_header("Set-Cookie", cookie_header(kSignInCookie, token, 3600));
        return response;
    }

    http::Response sign_in() {
        auto sent = form_.find("csrf");
        const std::string expected = cookie(request_, kSignInCookie);
        if (sent == form_.end() || expected.empty() || !util::equal_in_constant_time(sent->second, expected)) {
            return refused_csrf();
        }
        const std::string email = form_.count("email") ? form_["email"] : "";
        const std::string password = form_.count("password") ? form_["password"] : "";
        store::PortalStore store(db_);
        if (store.recent_failures(org_id_, email, kFailureWindowSeconds) >= kMaxFailures) {
            return html(429, pages::message(org_id_, "Too many attempts",
                                            "Too many failed sign-ins for this account. Wait 15 minutes and try again."));
        }
        auto admin = email.empty() || email.size() > 254 ? std::nullopt : store.admin(org_id_, email);
        // One message whatever was wrong; the hash is checked even for an unknown account, so
        // that the time taken does not tell which.
        static const std::string kDecoy = util::hash_password("an account that does not exist");
        const bool valid = util::verify_password(password, admin ? admin->password_hash : kDecoy) && admin;
        if (!valid) {
            if (!email.empty() && email.size() <= 254) store.record_failure(org_id_, email, kFailureWindowSeconds);
            return sign_in_page("The e-mail address or the password is wrong.", 401);
        }
        store.clear_failures(org_id_, email);
        const std::string token = util::generate_token();
        store.create_session(org_id_, admin->id, util::sha256_hex(token), kAbsoluteSeconds);
        store.audit(org_id_, admin->id, "Administrator", admin->id, "sign-in", request_.request_id);
        http::Response response = see_other(prefix_ + "/applications");
        response.set_header("Set-Cookie", cookie_header(kSessionCookie, token, kAbsoluteSeconds));
        return response;
    }

    http::Response applications_page(const Signed& signed_in, std::optional<pages::Shown> new_token,
                                     std::optional<pages::Shown> new_secret, int status) {
        pages::ApplicationsPage page;
        page.org_id = org_id_;
        page.email = signed_in.session.email;
        page.csrf = csrf_of(signed_in.token);
        const std::string origin = request_.origin() + "/orgs/" + org_id_;
        page.base_url = origin + "/api/v1/scim/v2";
        page.token_endpoint = origin + "/oauth2/token";
        page.applications = store::PortalStore(db_).applications(org_id_);
        page.tokens = store::TenantStore(db_).list_tokens(org_id_);
        store::OAuthStore oauth(db_);
        for (const auto& app : page.applications) {
            for (auto& secret : oauth.list_secrets(app.id)) page.secrets.push_back(std::move(secret));
        }
        page.new_token = std::move(new_token);
        page.new_secret = std::move(new_secret);
        return html(status, pages::applications(page));
    }

    http::Response create_application(const Signed& signed_in) {
        std::string name = form_.count("name") ? form_["name"] : "";
        while (!name.empty() && name.back() == ' ') name.pop_back();
        while (!name.empty() && name.front() == ' ') name.erase(0, 1);
        if (name.empty() || name.size() > 200) {
            return html(400, pages::message(org_id_, "Not created", "An application needs a name of 1 to 200 characters."));
        }
        auto id = store::TenantStore(db_).create_app(org_id_, name);
        if (!id) return not_found();
        store::PortalStore(db_).audit(org_id_, signed_in.session.admin_id, "Application", *id, "create",
                                      request_.request_id);
        return see_other(prefix_ + "/applications");
    }

    http::Response generate_token(const Signed& signed_in, const store::ApplicationRow& app) {
        std::optional<int> days;
        if (auto it = form_.find("expires_in_days"); it != form_.end() && !it->second.empty()) {
            const std::string& text = it->second;
            const bool digits = text.size() <= 4 && std::all_of(text.begin(), text.end(), [](char c) {
                return c >= '0' && c <= '9';
            });
            const int value = digits ? std::stoi(text) : 0;
            if (value < 1 || value > 3650) {
                return html(400, pages::message(org_id_, "Not generated", "Expiry is a number of days, 1 to 3650."));
            }
            days = value;
        }
        const std::string token = util::generate_token();
        auto id = store::TenantStore(db_).create_token(app.id, util::sha256_hex(token), days);
        if (!id) return not_found();
        store::PortalStore(db_).audit(org_id_, signed_in.session.admin_id, "Token", *id, "create", request_.request_id);
        // Shown in this answer only: not a redirect, whose next page could not hold it.
        return applications_page(signed_in, pages::Shown{app.name, token}, std::nullopt, 200);
    }

    http::Response revoke_token(const Signed& signed_in, const store::ApplicationRow& app, const std::string& id) {
        store::TenantStore tenants(db_);
        const auto tokens = tenants.list_tokens(org_id_);
        const bool owned = std::any_of(tokens.begin(), tokens.end(), [&](const store::TokenRow& token) {
            return token.id == id && token.app_id == app.id;
        });
        if (!owned) return not_found();
        if (tenants.revoke_token(id)) {
            store::PortalStore(db_).audit(org_id_, signed_in.session.admin_id, "Token", id, "revoke",
                                          request_.request_id);
        }
        return see_other(prefix_ + "/applications");
    }

    http::Response create_secret(const Signed& signed_in, const store::ApplicationRow& app) {
        const std::string secret = util::generate_token();
        auto id = store::OAuthStore(db_).create_secret(app.id, util::sha256_hex(secret));
        if (!id) return not_found();
        store::PortalStore(db_).audit(org_id_, signed_in.session.admin_id, "ClientSecret", *id, "create",
                                      request_.request_id);
        return applications_page(signed_in, std::nullopt, pages::Shown{app.name, secret}, 200);
    }

    http::Response revoke_secret(const Signed& signed_in, const store::ApplicationRow& app, const std::string& id) {
        store::OAuthStore oauth(db_);
        const auto secrets = oauth.list_secrets(app.id);
        const bool owned = std::any_of(secrets.begin(), secrets.end(),
                                       [&](const store::ClientSecretRow& secret) { return secret.id == id; });
        if (!owned) return not_found();
        if (oauth.revoke_secret(id)) {
            store::PortalStore(db_).audit(org_id_, signed_in.session.admin_id, "ClientSecret", id, "revoke",
                                          request_.request_id);
        }
        return see_other(prefix_ + "/applications");
    }

    http::Response not_found() {
        return html(404, pages::message(org_id_, "Not found", "There is nothing here."));
    }

    http::Response not_allowed() {
        return html(405, pages::message(org_id_, "Not allowed", "That method is not allowed here."));
    }

    http::Response refused_csrf() {
        return html(403, pages::message(org_id_, "Refused",
                                        "The form was not sent from this page, or the session has ended. "
                                        "Reload the page and try again."));
    }

    store::Db& db_;
    const http::Request& request_;
    std::string org_id_;
    std::map<std::string, std::string> form_;
    std::string prefix_;
};

}  // namespace

http::Response portal(store::Db& db, const app::Limits&, const http::Request& request, const std::string& org_id,
                      const std::string& subpath) {
    // Only the organisation ids the server writes: anything else names no organisation (and
    // would otherwise land in the pages' links).
    if (!scim::is_uuid(org_id) || scim::canonical_uuid(org_id) != org_id) {
        return html(404, pages::message("00000000-0000-0000-0000-000000000000", "Not found", "There is nothing here."));
    }
    return Portal(db, request, org_id).serve(subpath);
}

}  // namespace handlers
