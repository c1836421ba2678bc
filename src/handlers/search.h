// POST /.search at the service root (RFC 7644 §3.4.3): one search across every resource
// type served, Users then Groups, paginated over the combined result.
#pragma once

#include "app/context.h"
#include "http/request.h"
#include "http/response.h"

namespace handlers {

http::Response search_all(app::Context& ctx, const http::Request& request);

}  // namespace handlers
