#include "handlers/write_pipeline.h"

#include <optional>

#include "handlers/resource_support.h"
#include "scim/error.h"
#include "store/db.h"

namespace handlers {

http::Response patch_answer(const app::Context& ctx, const http::Request& request, const store::ResourceRecord& record,
                            const RecordAnswer& answer) {
    return asks_for_attributes(ctx, request) ? answer(200, record) : patched_response(record);
}

namespace {

// The answer to a request whose earlier attempt committed: what is stored now.
http::Response replayed(app::Context& ctx, const http::Request& request, const ResourceWrite& write,
                        const std::optional<store::ResourceRecord>& stored, const RecordAnswer& answer) {
    if (write.operation == "delete") return http::Response::no_content();
    if (!stored) throw scim::ScimError::not_found(write.type_name + " '" + write.raw_id + "' not found");
    if (write.operation == "patch") return patch_answer(ctx, request, *stored, answer);
    return answer(200, *stored);
}

bool earlier_attempt_committed(app::Context& ctx) {
    return !ctx.request_id.empty() && store::AuditStore(ctx.db).find_earlier(ctx.tenant, ctx.request_id).has_value();
}

}  // namespace

http::Response versioned_write(app::Context& ctx, const http::Request& request, const ResourceWrite& write,
                               const VersionedStore& store, const RecordAnswer& answer, const VersionedChange& change,
                               const WrittenAnswer& written) {
    const store::WriteClaim claim{ctx.request_id, write.type_name, write.id, write.operation};
    for (int attempt = 1;; ++attempt) {
        const bool locked = attempt > kOptimisticAttempts;
        std::optional<store::Transaction> transaction;
        if (locked) transaction.emplace(ctx.db);
        auto existing = locked ? store.read_for_update() : store.read();
        if (!existing) throw scim::ScimError::not_found(write.type_name + " '" + write.raw_id + "' not found");
        // An earlier attempt that committed moved the version its If-Match named: answered
        // as a replay, not 412.
        if (!request.if_match.empty()) {
            try {
                check_if_match(request, *existing);
            } catch (const scim::ScimError&) {
                if (earlier_attempt_committed(ctx)) return replayed(ctx, request, write, existing, answer);
                throw;
            }
        }
        store::ConditionalWrite result = change(*existing, claim);
        switch (result.outcome) {
            case store::ConditionalWrite::Outcome::Written: {
                http::Response response = written(*result.record);
                if (transaction) transaction->commit();
                return response;
            }
            case store::ConditionalWrite::Outcome::Replayed:
                return replayed(ctx, request, write, store.read(), answer);
            case store::ConditionalWrite::Outcome::Stale:
                // Under the lock the version cannot move; only a concurrent delete is left.
                if (locked) throw scim::ScimError::not_found(write.type_name + " '" + write.raw_id + "' not found");
                break;
        }
    }
}

http::Response locked_write(app::Context& ctx, const http::Request& request, const ResourceWrite& write,
                            const WritableStore& store, const RecordAnswer& answer, const ResourceChange& change) {
    store::Transaction transaction(ctx.db);
    auto existing =
        claimed_record(request, store.claim_for_update({ctx.request_id, write.type_name, write.id, write.operation}),
                       write.type_name, write.raw_id);
    // An earlier attempt of this request committed: answer from what is stored now.
    if (!existing) return replayed(ctx, request, write, write.operation == "delete" ? std::nullopt : store.read(), answer);
    http::Response response = change(*existing);
    transaction.commit();
    return response;
}

}  // namespace handlers
