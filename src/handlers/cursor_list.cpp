#include "handlers/cursor_list.h"

#include <algorithm>
#include <chrono>

#include "scim/cursor.h"
#include "scim/error.h"
#include "scim/schema/schema.h"
#include "store/resource_query.h"
#include "util/json_text.h"

namespace handlers {
namespace {

using scim::ScimError;

// A row of the page, with where it came from: the cursors name it by its sort key and id.
struct PageRow {
    std::size_t type_index;
    store::ResourceRecord record;
    std::optional<std::string> key;
};

long long now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// RFC 9865 §2: a negative count is 0 (totalResults alone); with a cursor, a count above
// maxPageSize is refused (§2.1 invalidCount), not clamped as index paging does.
long long checked_count(const app::Context& ctx, const scim::ListQuery& query) {
    if (query.start_index_given) {
        throw ScimError::invalid_value("A request pages either by cursor or by startIndex, not both");
    }
    if (!query.count_given) return ctx.limits.max_results;
    const long long count = std::max(0LL, *query.count_given);
    if (count > ctx.limits.max_results) {
        throw ScimError::invalid_count("count must be between 0 and " + std::to_string(ctx.limits.max_results) +
                                       " (maxPageSize)");
    }
    return count;
}

std::string list_text(const std::vector<std::string>& resources, long long total, const std::string& next,
                      const std::string& previous) {
    std::string out = "{\"schemas\":[";
    util::append_json_string(out, scim::schema::urn::kListResponse);
    out += "],\"totalResults\":" + std::to_string(total) + ",\"itemsPerPage\":" + std::to_string(resources.size());
    if (!next.empty()) {
        out += ",\"nextCursor\":";
        util::append_json_string(out, next);
    }
    if (!previous.empty()) {
        out += ",\"previousCursor\":";
        util::append_json_string(out, previous);
    }
    out += ",\"Resources\":[";
    for (std::size_t i = 0; i < resources.size(); ++i) {
        if (i > 0) out += ',';
        out += resources[i];
    }
    out += "]}";
    return out;
}

}  // namespace

store::ResourceQuery resource_query_of(const app::Context& ctx, const ListedType& listed, const scim::ListQuery& query) {
    store::ResourceQuery resource_query;
    resource_query.filter = listed.filter.get();
    resource_query.sort_by = listed.sort_by ? &*listed.sort_by : nullptr;
    resource_query.descending = query.descending();
    resource_query.location_prefix = location(ctx, listed.type, "");
    if (listed.projection.wants(listed.type.schema, "groups")) {
        resource_query.groups_base = location(ctx, *ctx.registry.resource_type("Group"), "");
    }
    return resource_query;
}

http::Response cursor_list(app::Context& ctx, const scim::ListQuery& query, const std::vector<ListedType>& types,
                           const std::string& scope) {
    const long long count = checked_count(ctx, query);
    // The organisation's schema version too: a cursor's key is typed by the schemas it was
    // made under, and an attribute's type may change with them.
    const scim::CursorBinding binding{ctx.tenant.org_id, scim::list_query_fingerprint(query, scope) + "@" +
                                                             std::to_string(ctx.tenant.schema_version)};
    const std::string key = ctx.cursor_key();
    std::optional<scim::CursorPosition> position;
    std::size_t start = 0;
    if (!query.cursor->empty()) {
        position = scim::decode_cursor(*query.cursor, binding, now_seconds(), ctx.limits.cursor_timeout_seconds, key);
        const bool spans = types.size() > 1;
        auto named = std::find_if(types.begin(), types.end(),
                                  [&](const ListedType& t) { return spans ? t.type.name == position->resource_type : true; });
        // Signed by this server for this query, so it names one of its types.
        if (named == types.end()) throw ScimError::invalid_cursor("The cursor names no resource type of this list");
        start = static_cast<std::size_t>(named - types.begin());
        if (position->count != count) {
            throw ScimError::invalid_count("count must stay " + std::to_string(position->count) +
                                           ", as on the first page of this walk (RFC 9865 §2.1)");
        }
    }
    const bool backward = position && position->backward;

    // One row beyond the page says whether there is a page beyond it.
    std::vector<PageRow> rows;
    std::vector<long long> totals(types.size(), -1);
    for (std::size_t step = 0; step < types.size(); ++step) {
        if (static_cast<long long>(rows.size()) > count) break;
        const std::size_t i = backward ? start - step : start + step;
        if (backward ? step > start : i >= types.size()) break;
        store::ResourceQuery resource_query = resource_query_of(ctx, types[i], query);
        store::Keyset keyset;
        keyset.backward = backward;
        if (position && i == start) keyset.boundary = store::Keyset::Boundary{position->key, position->id};
        resource_query.keyset = keyset;
        resource_query.limit = count + 1 - static_cast<long long>(rows.size());
        store::ResourcePage page = store::query_resources(ctx.db, types[i].map, ctx.tenant, resource_query, false);
        totals[i] = page.total;
        for (std::size_t r = 0; r < page.records.size(); ++r) {
            rows.push_back({i, std::move(page.records[r]), std::move(page.keys[r])});
        }
    }
    const bool beyond = static_cast<long long>(rows.size()) > count;
    if (beyond) rows.resize(static_cast<std::size_t>(count));
    if (backward) std::reverse(rows.begin(), rows.end());

    long long total = 0;
    for (std::size_t i = 0; i < types.size(); ++i) {
        if (totals[i] < 0) {
            store::ResourceQuery counted = resource_query_of(ctx, types[i], query);
            counted.limit = 0;
            totals[i] = store::query_resources(ctx.db, types[i].map, ctx.tenant, counted).total;
        }
        total += totals[i];
    }

    const long long issued = now_seconds();
    auto cursor_at = [&](const PageRow& row, bool towards_start) {
        scim::CursorPosition at{row.key, row.record.id, towards_start,
                                types.size() > 1 ? types[row.type_index].type.name : std::string(), count};
        return scim::encode_cursor(at, binding, issued, key);
    };
    std::string next, previous;
    if (!rows.empty()) {
        // Forward, a page beyond means a next page; backward, the rows read from come next.
        if (backward || beyond) next = cursor_at(rows.back(), false);
        // Forward from a cursor, the rows before the page come before it; backward, only if
        // there were more than a page of them.
        if (backward ? beyond : position.has_value()) previous = cursor_at(rows.front(), true);
    }

    std::vector<std::string> resources;
    resources.reserve(rows.size());
    for (std::size_t begin = 0; begin < rows.size();) {
        std::size_t end = begin;
        std::vector<store::ResourceRecord> records;
        while (end < rows.size() && rows[end].type_index == rows[begin].type_index) {
            records.push_back(std::move(rows[end].record));
            ++end;
        }
        const ListedType& listed = types[rows[begin].type_index];
        for (auto& text : listed.render(records, listed.projection)) resources.push_back(std::move(text));
        begin = end;
    }
    return http::Response::json_text(200, list_text(resources, total, next, previous));
}

}  // namespace handlers
