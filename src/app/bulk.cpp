#include "app/bulk.h"

#include <optional>
#include <set>
#include <utility>
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

// User creates per transaction: enough to spare most commits, few enough that the rows a
// batch writes stay locked for milliseconds.
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
    // Without a request id (a FastCGI client other than nginx) none: an id of ":0" would match
    // another such request's operation 0 in the audit trail.
    if (!request.request_id.empty()) {
        sub.request_id = request.request_id + ":" + std::to_string(call.index) + (call.completion ? "c" : "");
    }
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

    // A call is its operation's index, and whether it is that POST's second step.
    using CallKey = std::pair<std::size_t, bool>;
    std::optional<store::Transaction> batch;
    std::set<CallKey> batch_calls;  // the calls whose writes the open batch holds
    bool lost = false;              // the database went away: nothing more runs
    std::set<CallKey> rolled_back;  // lost before their COMMIT was sent
    std::set<CallKey> unknown;      // lost in their COMMIT: committed or not, nobody knows

    auto end_batch = [&] {
        if (!batch) return;
        try {
            batch->commit();
        } catch (const store::StoreError&) {
            lost = true;
            unknown.insert(batch_calls.begin(), batch_calls.end());
        }
        batch.reset();
        batch_calls.clear();
    };

    const scim::bulk::Execute execute = [&](const scim::bulk::Call& call) -> scim::bulk::Outcome {
        // Only user creates share a batch: each takes the row it writes and its session's
        // counter slot, nothing another request waits for in another order. Every other
        // operation runs in a transaction of its own, so that it takes its locks in the
        // order a single request does (store/resource_record.h) and holds them no longer.
        const bool batched = call.method == "POST" && call.path == "/Users" && !call.completion;
        if (batch && (!batched || batch_calls.size() >= kBatch)) end_batch();
        if (lost) return {503, "", "", "", ScimError::unavailable("The database was lost").to_json()};
        http::Request sub = sub_request(request, call, base_path);
        Context op_ctx = ctx;
        op_ctx.request_id = sub.request_id;
        http::Response response;
        try {
            if (!batch) {
                batch.emplace(ctx.db);
                if (batched) batch->plan_statements_once();
            }
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
                rolled_back.insert(batch_calls.begin(), batch_calls.end());
                batch_calls.clear();
                batch.reset();
            }
            response = respond(std::current_exception(), sub);
        } catch (...) {
            response = respond(std::current_exception(), sub);
        }
        if (!lost) batch_calls.insert({call.index, call.completion});
        if (!batched) end_batch();
        return outcome_of(response, call, ctx.base_url);
    };
    const auto stop = [&] { return lost || ctx.db.past_deadline(); };

    std::vector<scim::bulk::Result> results = scim::bulk::run_bulk(bulk_request, ctx.base_url, execute, stop);
    end_batch();
    // What a lost batch held was rolled back with it, or may have been: say so for each of
    // its operations that the runner saw succeed.
    for (scim::bulk::Result& result : results) {
        scim::bulk::Outcome& outcome = result.outcome;
        if (outcome.status >= 400) continue;
        const bool first_lost = rolled_back.count({result.index, false}) > 0;
        const bool first_unknown = unknown.count({result.index, false}) > 0;
        const bool second_lost = rolled_back.count({result.index, true}) > 0 || unknown.count({result.index, true}) > 0;
        if (!first_lost && !first_unknown && !second_lost) continue;
        const Json::Value& method = bulk_request.operations[result.index].method;
        const bool post = method.isString() && util::iequals(method.asString(), "POST");
        // A POST whose own write stands keeps its location: only its second step is in doubt.
        const bool keeps_location = !post || (!first_lost && !first_unknown);
        const std::string detail =
            first_lost ? "The database was lost before this operation was committed; send it again"
            : first_unknown
                ? "The database was lost while this operation was being committed: it may or may not have been; "
                  "read the resource before sending it again"
                : "Created, but the database was lost before the reference it holds was set";
        outcome = {503, keeps_location ? outcome.location : "", "", outcome.id, ScimError::unavailable(detail).to_json()};
    }
    return http::Response::json(200, scim::bulk::bulk_response(bulk_request, results));
}

}  // namespace app
