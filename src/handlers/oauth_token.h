// POST /orgs/{orgId}/oauth2/token (RFC 6749 §4.4): an application's client id and secret
// exchanged for an access token that opens the organisation's SCIM API for a while.
#pragma once

#include <string>

#include "app/context.h"
#include "http/request.h"
#include "http/response.h"
#include "store/db.h"

namespace handlers {

// Answers as RFC 6749 §5.1 and §5.2 ask: JSON, Cache-Control: no-store; invalid_client is 401
// with WWW-Authenticate. org_id is the {orgId} of the URL as sent.
http::Response issue_access_token(store::Db& db, const app::Limits& limits, const http::Request& request,
                                  const std::string& org_id);

}  // namespace handlers
