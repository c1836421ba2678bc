// RFC 7644 §3.7: the BulkRequest message, the operations it holds, and the BulkResponse
// written from their outcomes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <json/value.h>

namespace scim::bulk {

struct Operation {
    std::size_t index = 0;  // position in the request
    Json::Value method;     // as sent (checked when the operation runs: a bad one fails it alone)
    Json::Value bulk_id;
    Json::Value version;
    Json::Value path;
    Json::Value data;
};

struct BulkRequest {
    std::vector<Operation> operations;
    long long fail_on_errors = 0;  // 0: run every operation (§3.7.3)
};

// Throws ScimError: invalidSyntax for a body that is not a BulkRequest (schemas, Operations
// an array of objects) or that gives one bulkId to two operations; invalidValue for a
// failOnErrors that is not a positive integer; 413 naming maxOperations when it holds more
// operations than max_operations (§3.7.4).
BulkRequest parse_bulk_request(const Json::Value& body, int max_operations);

// How one operation ended, as its BulkResponse entry says it.
struct Outcome {
    int status = 0;
    std::string location;  // "" for none (a failed POST)
    std::string version;   // the new ETag, "" for none
    std::string id;        // the resource a POST created
    Json::Value error;     // the SCIM error (RFC 7644 §3.12) when it failed; null otherwise
};

struct Result {
    std::size_t index = 0;  // of the operation in the request
    Outcome outcome;
};

// The BulkResponse: one entry per operation that ran, in the order they ran.
Json::Value bulk_response(const BulkRequest& request, const std::vector<Result>& results);

}  // namespace scim::bulk
