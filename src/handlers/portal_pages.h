// The applications portal's pages as HTML (mustache templates, kainjow): every value an
// administrator or a client typed is escaped by the template engine.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/oauth_store.h"
#include "store/portal_store.h"
#include "store/tenant_store.h"

namespace handlers::portal_pages {

struct Shown {  // a token or secret shown this once
    std::string app_name;
    std::string value;
};

struct ApplicationsPage {
    std::string org_id;
    std::string email;  // the administrator signed in
    std::string csrf;
    std::string base_url;        // https://host/orgs/{org}/api/v1/scim/v2
    std::string token_endpoint;  // https://host/orgs/{org}/oauth2/token
    std::vector<store::ApplicationRow> applications;
    std::vector<store::TokenRow> tokens;  // of every application
    std::vector<store::ClientSecretRow> secrets;
    std::optional<Shown> new_token;
    std::optional<Shown> new_secret;
};

std::string sign_in(const std::string& org_id, const std::string& csrf, const std::string& message);
std::string applications(const ApplicationsPage& page);
// A page with a heading and a message (not found, too many attempts, refused).
std::string message(const std::string& org_id, const std::string& title, const std::string& text);

extern const char* const kStyle;   // style.css
extern const char* const kScript;  // portal.js: the copy buttons

}  // namespace handlers::portal_pages
