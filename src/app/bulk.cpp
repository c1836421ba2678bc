#include "app/bulk.h"

#include <optional>
#include <set>
#include <vector>

#include "scim/bulk/bulk_request.h"
#include "scim/bulk/bulk_runner.h"
#include "scim/error.h"
#include "scim/json.h"
#include "store/db.h"
#include "util/ascii.h"
#include "util/json_text.h"

namespace app {
namespace {

using scim::ScimError;

// Operations per transaction: long enough to spare most commits, short enough that the row
// locks a batch holds are held for milliseconds.
constexpr std::size_t kBatch = 100;
// How often an operation runs when the database rolls it back for contention (deadlock).
constexpr int kMaxAttempts = 3;

// The sub-request of one operation: its own request id (the audit trail's entry, and what
// makes an attempt of the whole request again find the operations that committed).
http::Request sub_request(const http::Request& request, const scim::bulk::Call& call, const std::string& base_path) {
    http::Request sub;
    sub.method = call.method;
    sub.path = base_path + call.path;
    sub.content_type = "application/scim+json";
    sub.host = request.host;
    sub.scheme = request.scheme;
    sub.request_id = request.request_id + ":" + std::to_string(call.index) + (call.completion ? "c" : "");
    if (call.version) sub.if_match = *call.version;
    if (call.data) sub.body = util::to_json_text(*call.data);
    return sub;
}

scim::bulk::Outcome outcome_of(const http::Response& response, const scim::bulk::Call& call,
                               const std::string& base_url) {
    scim::bulk::Outcome outcome;
    // RFC 7644 §3.7.3's example reports a PATCH done as 200, whether or not a body would come.
    outcome.status = call.method == "PATCH" && response.status == 204 ? 200 : response.status;
    const bool ok = response.status < 400;
    if (const std::string* location = response.header("Location"); location != nullptr && ok) {
        outcome.location = *location;
        outcome.id = location->substr(location->rfind('/') + 1);
    } else if (call.method != "POST") {
        outcome.location = base_url + call.path;
    }
    if (const std::string* etag = response.header("ETag"); etag != nullptr && ok && call.method != "DELETE") {
        outcome.version = *etag;
    }
    if (!ok && !util::from_json_text(response.body, outcome.error)) outcome.error = Json::Value();
    return outcome;
}

}  // namespace

http::Response bulk(Context& ctx, const http::Request& request, const RunOperation& run,
                    const RespondToFailure& respond) {
    // §3.7.4: limits the client can read in ServiceProviderConfig, named in the refusal.
    if (static_cast<long long>(request.body.size()) > ctx.limits.bulk_max_payload_bytes) {
        throw ScimError::payload_too_large("The bulk request is " + std::to_string(request.body.size()) +
                                           " bytes; maxPayloadSize is " +
                                           std::to_string(ctx.limits.bulk_max_payload_bytes));
    }
    const scim::bulk::BulkRequest bulk_request =
        scim::bulk::parse_bulk_request(scim::json::parse_body(request.body), ctx.limits.bulk_max_operations);
    const std::string base_path = ctx.base_url.substr(ctx.base_url.find("/orgs/"));

    std::optional<store::Transaction> batch;
    std::set<std::size_t> batch_operations;  // operations whose writes the open batch holds
    bool lost = false;                       // the database went away: nothing more runs
    std::set<std::size_t> lost_operations;

    auto end_batch = [&] {
        if (!batch) return;
        try {
            batch->commit();
        } catch (const store::StoreError&) {
            lost = true;
            lost_operations.insert(batch_operations.begin(), batch_operations.end());
        }
        batch.reset();
        batch_operations.clear();
    };

    const scim::bulk::Execute execute = [&](const scim::bulk::Call& call) -> scim::bulk::Outcome {
        if (batch && batch_operations.size() >= kBatch) end_batch();
        if (lost) return {503, "", "", "", ScimError::unavailable("The database was lost").to_json()};
        http::Request sub = sub_request(request, call, base_path);
        Context op_ctx = ctx;
        op_ctx.request_id = sub.request_id;
        http::Response response;
        try {
            if (!batch) batch.emplace(ctx.db);
            for (int attempt = 1;; ++attempt) {
                store::Transaction operation(ctx.db);
                try {
                    response = run(op_ctx, sub);
                    if (response.status < 400) operation.commit();
                    break;
                } catch (const store::StoreError& error) {
                    if (error.kind() == store::StoreError::Kind::Contention && attempt < kMaxAttempts) continue;
                    throw;
                }
            }
        } catch (const store::StoreError& error) {
            if (error.kind() == store::StoreError::Kind::Unavailable) {
                lost = true;
                lost_operations.insert(batch_operations.begin(), batch_operations.end());
                lost_operations.insert(call.index);
                batch_operations.clear();
                batch.reset();
            }
            response = respond(std::current_exception(), sub);
        } catch (...) {
            response = respond(std::current_exception(), sub);
        }
        if (!lost) batch_operations.insert(call.index);
        return outcome_of(response, call, ctx.base_url);
    };
    const auto stop = [&] { return lost || ctx.db.past_deadline(); };

    std::vector<scim::bulk::Result> results = scim::bulk::run_bulk(bulk_request, ctx.base_url, execute, stop);
    end_batch();
    // What the lost batch did was rolled back with it: those operations did not happen.
    for (scim::bulk::Result& result : results) {
        if (lost_operations.count(result.index) == 0 || result.outcome.status >= 400) continue;
        scim::bulk::Outcome& outcome = result.outcome;
        const Json::Value& method = bulk_request.operations[result.index].method;
        const bool post = method.isString() && util::iequals(method.asString(), "POST");
        outcome = {503, post ? "" : outcome.location, "", "",
                   ScimError::unavailable("The database was lost before this operation was committed; send it again")
                       .to_json()};
    }
    return http::Response::json(200, scim::bulk::bulk_response(bulk_request, results));
}

}  // namespace app
