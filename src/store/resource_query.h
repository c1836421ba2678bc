// A list request against one resource table: tenant predicate, typed filter, sort and page,
// with the exact total (counted only when the page does not show it). Shared by every resource type; the ColumnMap says where things live.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scim/filter/ast.h"
#include "store/column_map.h"
#include "store/db.h"
#include "store/resource_record.h"
#include "store/tenant.h"

namespace store {

// Cursor paging (RFC 9865): rows after, or before, a boundary row in the query's order,
// found from the sort key and id the cursor holds (no OFFSET).
struct Keyset {
    struct Boundary {
        std::optional<std::string> key;  // the boundary row's sort key as text; nullopt: NULL
        std::string id;
    };
    std::optional<Boundary> boundary;  // nullopt: from the start (forward) or the end (backward)
    // Rows before the boundary, nearest first (the page before it, reversed).
    bool backward = false;
};

struct ResourceQuery {
    const scim::filter::Node* filter = nullptr;       // nullptr: every resource
    const scim::filter::AttrPath* sort_by = nullptr;  // nullptr: creation order
    bool descending = false;
    long long offset = 0;  // 0-based; ignored with a keyset
    std::optional<Keyset> keyset;
    long long limit = 0;   // 0: only the total
    std::string location_prefix;  // meta.location before the id, for filters on it
    // Non-empty: read User.groups with each record (groups_json), their $ref this URL (the
    // organisation's /Groups/) followed by the group's id.
    std::string groups_base;
};

struct ResourcePage {
    long long total = 0;  // -1 when not counted (with_total false)
    std::vector<ResourceRecord> records;
    // With a keyset: each record's sort key as text (nullopt: NULL), for the cursors.
    std::vector<std::optional<std::string>> keys;
};

// with_total false: no count statement (the caller knows the total, or needs none).
ResourcePage query_resources(Db& db, const ColumnMap& map, const Tenant& tenant, const ResourceQuery& query,
                             bool with_total = true);

// The PostgreSQL plans (EXPLAIN ANALYZE, BUFFERS) of the queries query_resources runs, each
// preceded by its SQL text: how benchmarks show index use and rows scanned.
std::vector<std::string> explain_resources(Db& db, const ColumnMap& map, const Tenant& tenant,
                                           const ResourceQuery& query);

}  // namespace store
