#include "handlers/write_pipeline.h"

#include "handlers/resource_support.h"
#include "scim/error.h"
#include "store/db.h"

namespace handlers {

http::Response patch_answer(const app::Context& ctx, const http::Request& request, const store::ResourceRecord& record,
                            const RecordAnswer& answer) {
    return asks_for_attributes(ctx, request) ? answer(200, record) : patched_response(record);
}

http::Response locked_write(app::Context& ctx, const http::Request& request, const ResourceWrite& write,
                            const WritableStore& store, const RecordAnswer& answer, const ResourceChange& change) {
    store::Transaction transaction(ctx.db);
    auto existing =
        claimed_record(request, store.claim_for_update({ctx.request_id, write.type_name, write.id, write.operation}),
                       write.type_name, write.raw_id);
    if (!existing) {
        // An earlier attempt of this request committed: answer from what is stored now.
        if (write.operation == "delete") return http::Response::no_content();
        auto stored = store.read();
        if (!stored) throw scim::ScimError::not_found(write.type_name + " '" + write.raw_id + "' not found");
        if (write.operation == "patch") return patch_answer(ctx, request, *stored, answer);
        return answer(200, *stored);
    }
    http::Response response = change(*existing);
    transaction.commit();
    return response;
}

}  // namespace handlers
