// /Groups (RFC 7643 §4.2, RFC 7644 §3): groups whose members live in their own table, so
// that a group of 100,000 members is never rewritten or loaded unless asked for.
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

// Stored groups rendered and projected, as list and search responses show them.
Json::Value render_groups(app::Context& ctx, const std::vector<store::ResourceRecord>& records,
                          const scim::Projection& projection);

http::Response create_group(app::Context& ctx, const http::Request& request);
http::Response get_group(app::Context& ctx, const http::Request& request, const std::string& id);
http::Response list_groups(app::Context& ctx, const http::Request& request);
http::Response search_groups(app::Context& ctx, const http::Request& request);
http::Response search_groups(app::Context& ctx, const scim::ListQuery& query);
http::Response replace_group(app::Context& ctx, const http::Request& request, const std::string& id);
http::Response patch_group(app::Context& ctx, const http::Request& request, const std::string& id);
http::Response delete_group(app::Context& ctx, const http::Request& request, const std::string& id);

}  // namespace handlers
