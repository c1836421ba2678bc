// /Users (RFC 7644 §3.3, §3.4.1, §3.4.2, §3.5.1, §3.6): decode → core → store → render.
#pragma once

#include <string>
#include <vector>

#include "app/context.h"
#include "http/request.h"
#include "http/response.h"
#include "scim/projection.h"
#include "store/resource_record.h"
#include "scim/list_query.h"

namespace handlers {

// Stored users rendered and projected, as list and search responses show them.
std::vector<std::string> render_users(app::Context& ctx, const std::vector<store::ResourceRecord>& records,
                                      const scim::Projection& projection);

http::Response create_user(app::Context& ctx, const http::Request& request);
http::Response get_user(app::Context& ctx, const http::Request& request, const std::string& id);
http::Response list_users(app::Context& ctx, const http::Request& request);
// POST /Users/.search (RFC 7644 §3.4.3).
http::Response search_users(app::Context& ctx, const http::Request& request);
// A list request already parsed from query parameters or a SearchRequest body.
http::Response search_users(app::Context& ctx, const scim::ListQuery& query);
http::Response replace_user(app::Context& ctx, const http::Request& request, const std::string& id);
http::Response patch_user(app::Context& ctx, const http::Request& request, const std::string& id);
http::Response delete_user(app::Context& ctx, const http::Request& request, const std::string& id);

}  // namespace handlers
