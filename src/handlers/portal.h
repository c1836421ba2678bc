// The applications portal (/orgs/{orgId}/portal/...): an organisation's administrators sign
// in, create machine-to-machine applications, generate and revoke their bearer tokens and
// OAuth 2.0 client secrets. HTML forms, a session cookie, a CSRF token in every form.
#pragma once

#include <string>

#include "app/context.h"
#include "http/request.h"
#include "http/response.h"
#include "store/db.h"

namespace handlers {

// subpath: what follows /portal/ ("login", "applications", "applications/{id}/tokens", ...).
// Answers every error itself, as a page; throws only StoreError.
http::Response portal(store::Db& db, const app::Limits& limits, const http::Request& request,
                      const std::string& org_id, const std::string& subpath);

}  // namespace handlers
