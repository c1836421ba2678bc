// The order a Bulk request's operations run in and what each one is given (RFC 7644 §3.7):
// "bulkId:<id>" references replaced by the ids their POSTs created, a POST run before the
// operations that refer to it, circles of POSTs broken where §3.7.1 allows it, and
// failOnErrors. Pure: running one operation is the caller's.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <json/value.h>

#include "scim/bulk/bulk_request.h"

namespace scim::bulk {

// One operation as it is to run, its references replaced.
struct Call {
    std::size_t index = 0;    // of the operation in the request
    bool completion = false;  // the second half of a POST whose circular references were left out
    std::string method;       // POST, PUT, PATCH or DELETE
    std::string path;         // "/Users", "/Groups", "/Users/{id}" or "/Groups/{id}"
    std::optional<std::string> version;  // If-Match
    std::optional<Json::Value> data;     // the body
};

// Runs one call: its outcome, the SCIM error of a failure included. Never throws.
using Execute = std::function<Outcome(const Call&)>;

// Runs the operations of request through execute, in request order except that a POST
// others refer to runs first; stop() is asked before each call (true: nothing more runs).
// An operation fails without running (400 invalidSyntax or invalidValue) when its method,
// path, data or bulkId is not what §3.7 asks, or it refers to a bulkId no POST of the request
// has; with 409 when a POST it refers to failed, or it is in a circle of references that
// cannot be broken. base_url: the tenant's SCIM base, for the locations of those failures.
std::vector<Result> run_bulk(const BulkRequest& request, const std::string& base_url, const Execute& execute,
                             const std::function<bool()>& stop);

}  // namespace scim::bulk
