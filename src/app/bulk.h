// POST /Bulk (RFC 7644 §3.7): the request checked against its limits, its operations run
// one by one through the same handlers as single requests (scim/bulk/bulk_runner.h decides
// their order and references), each atomic on its own, and the BulkResponse.
#pragma once

#include <exception>
#include <functional>

#include "app/context.h"
#include "http/request.h"
#include "http/response.h"

namespace app {

// Runs one operation as a request of its own would run (route, handler); may throw.
using RunOperation = std::function<http::Response(Context&, const http::Request&)>;
// The response for what an operation threw: the dispatcher's one mapping of errors.
using RespondToFailure = std::function<http::Response(const std::exception_ptr&, const http::Request&)>;

// Each operation runs in a savepoint; consecutive user creates share a transaction (up to a
// batch of them), so that a thousand creates do not wait for a thousand commits; every other
// operation commits on its own. An operation that fails is rolled back to its savepoint
// alone. When the database is lost mid-request, the operations it took with it are reported
// 503 and nothing more runs; when the request's deadline passes, nothing more runs (the
// response lists the operations that ran, as failOnErrors does).
http::Response bulk(Context& ctx, const http::Request& request, const RunOperation& run,
                    const RespondToFailure& respond);

}  // namespace app
