// A list request against one resource table: tenant predicate, typed filter, sort and page,
// with the exact total (counted only when the page does not show it). Shared by every resource type; the ColumnMap says where things live.
#pragma once

#include <string>
#include <vector>

#include "scim/filter/ast.h"
#include "store/column_map.h"
#include "store/db.h"
#include "store/resource_record.h"
#include "store/tenant.h"

namespace store {

struct ResourceQuery {
    const scim::filter::Node* filter = nullptr;       // nullptr: every resource
    const scim::filter::AttrPath* sort_by = nullptr;  // nullptr: creation order
    bool descending = false;
    long long offset = 0;  // 0-based
    long long limit = 0;   // 0: only the total
    std::string location_prefix;  // meta.location before the id, for filters on it
    // Non-empty: read User.groups with each record (groups_json), their $ref this URL (the
    // organisation's /Groups/) followed by the group's id.
    std::string groups_base;
};

struct ResourcePage {
    long long total = 0;
    std::vector<ResourceRecord> records;
};

ResourcePage query_resources(Db& db, const ColumnMap& map, const Tenant& tenant, const ResourceQuery& query);

// The PostgreSQL plans (EXPLAIN ANALYZE, BUFFERS) of the queries query_resources runs, each
// preceded by its SQL text: how benchmarks show index use and rows scanned.
std::vector<std::string> explain_resources(Db& db, const ColumnMap& map, const Tenant& tenant,
                                           const ResourceQuery& query);

}  // namespace store
