// The one skeleton of every PUT, PATCH and DELETE of a user or a group, so that the two
// resource types cannot drift apart: in one transaction, the request's claim and the row
// lock (one statement: claim_for_update), the answer to a request whose earlier attempt
// committed, If-Match, then the resource's own change, committed with its audit row.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/context.h"
#include "http/request.h"
#include "http/response.h"
#include "store/audit_store.h"
#include "store/resource_record.h"

namespace handlers {

// The write a request makes of one stored resource.
struct ResourceWrite {
    std::string type_name;  // "User", "Group"
    std::string id;         // canonical (checked_id)
    std::string raw_id;     // as the client spelled it, for its 404
    std::string operation;  // replace, patch, delete
};

// The resource's store: the claim and the row lock in one statement, and a plain read.
struct WritableStore {
    std::function<store::LockedRecord(const store::WriteClaim&)> claim_for_update;
    std::function<std::optional<store::ResourceRecord>()> read;
};

// The resource as the client sees it, with `status`: the type's own renderer.
using RecordAnswer = std::function<http::Response(int status, const store::ResourceRecord&)>;
// The change itself, given the locked record; returns the answer, sent once committed.
using ResourceChange = std::function<http::Response(const store::ResourceRecord& existing)>;

// Runs `change` under the claim and the lock. A request whose earlier attempt committed is
// answered from the stored state instead (PUT: 200 with the resource; PATCH: 204, or 200
// when attributes were asked for; DELETE: 204), without writing twice. A missing resource
// is 404, an If-Match naming another version 412 (RFC 7644 §3.14).
http::Response locked_write(app::Context& ctx, const http::Request& request, const ResourceWrite& write,
                            const WritableStore& store, const RecordAnswer& answer, const ResourceChange& change);

// What a PATCH answers after its change: 204 with the new ETag, or 200 with the resource
// when the request names attributes or excludedAttributes (RFC 7644 §3.5.2).
http::Response patch_answer(const app::Context& ctx, const http::Request& request, const store::ResourceRecord& record,
                            const RecordAnswer& answer);

}  // namespace handlers
