#include "store/resource_query.h"

#include "store/filter_sql.h"

namespace store {
namespace {

// The SQL of one list request: the same text serves the query and its EXPLAIN.
struct BuiltQuery {
    std::string count_sql;
    std::string page_sql;
    std::vector<std::string> values;  // bound as :p1..:pN
    std::vector<std::string> names;

    Params params(const Tenant& tenant) const {
        Params out{{"org", tenant.org_id}};
        for (std::size_t i = 0; i < values.size(); ++i) out.push_back({names[i], values[i]});
        return out;
    }
};

BuiltQuery build(const ColumnMap& map, const ResourceQuery& query) {
    FilterSql sql(map, query.location_prefix);
    // Tenant by construction: the organisation predicate is outside whatever the filter says.
    std::string where = " FROM " + map.table + " " + map.alias + " WHERE " + map.alias + ".org_id = :org";
    if (query.filter != nullptr) where += " AND " + sql.predicate(*query.filter);
    std::string order = query.sort_by != nullptr ? sql.order_by(*query.sort_by, query.descending)
                                                 : map.alias + ".created, " + map.alias + ".id";
    BuiltQuery built;
    // Unfiltered totals come from the counter table (sql/0004) instead of counting rows.
    built.count_sql = query.filter != nullptr
                          ? "SELECT count(*)" + where
                          : "SELECT coalesce(sum(n), 0)::bigint FROM scim_resource_counts WHERE org_id = :org AND "
                            "resource_type = " + sql_key(map.resource_type);
    std::string columns = record_columns(map.alias);
    if (query.with_groups && map.resource_type == "User") columns += ", " + memberships_json(map.alias);
    // The page's keys are chosen in a subquery (an index scan of narrow entries, not a sort
    // of whole rows), and the outer query reads and computes the columns of those rows only,
    // not of the rows OFFSET skips. It also keeps the estimate of an unknown OFFSET away
    // from the memberships' cost, so that PostgreSQL keeps one generic plan for the
    // statement instead of planning it anew on every execution.
    // The rows are read by primary key, one probe each ("OFFSET 0" keeps the planner from
    // turning that into a join it would size by the unknown LIMIT).
    const std::string& a = map.alias;
    built.page_sql = "SELECT " + columns + " FROM (SELECT " + a + ".org_id, " + a + ".id" + where + " ORDER BY " + order +
                     " OFFSET :offset LIMIT :limit) page CROSS JOIN LATERAL (SELECT * FROM " + map.table +
                     " r WHERE r.org_id = page.org_id AND r.id = page.id OFFSET 0) " + a + " ORDER BY " + order;
    built.values = sql.params();
    for (std::size_t i = 0; i < built.values.size(); ++i) built.names.push_back("p" + std::to_string(i + 1));
    return built;
}

}  // namespace

ResourcePage query_resources(Db& db, const ColumnMap& map, const Tenant& tenant, const ResourceQuery& query) {
    BuiltQuery built = build(map, query);
    ResourcePage page;
    if (query.limit > 0) {
        Params params = built.params(tenant);
        std::string offset = std::to_string(query.offset), limit = std::to_string(query.limit);
        params.push_back({"offset", offset});
        params.push_back({"limit", limit});
        db.query(built.page_sql, params, [&](const soci::row& row) { page.records.push_back(record_from_row(row)); });
        // A page from the first result that is not full holds every match: it is the total.
        if (query.offset == 0 && static_cast<long long>(page.records.size()) < query.limit) {
            page.total = static_cast<long long>(page.records.size());
            return page;
        }
    }
    db.query(built.count_sql, built.params(tenant), [&](const soci::row& row) { page.total = row.get<long long>(0); });
    return page;
}

std::vector<std::string> explain_resources(Db& db, const ColumnMap& map, const Tenant& tenant,
                                           const ResourceQuery& query) {
    BuiltQuery built = build(map, query);
    return db.run([&] {
        std::vector<std::string> lines;
        auto explain = [&](const std::string& title, const std::string& sql, bool paged) {
            lines.push_back("-- " + title + ": " + sql);
            std::string text = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql;
            auto prep = (db.session().prepare << text, soci::use(tenant.org_id, "org"));
            if (paged) prep, soci::use(query.offset, "offset"), soci::use(query.limit, "limit");
            for (std::size_t i = 0; i < built.values.size(); ++i) prep, soci::use(built.values[i], built.names[i]);
            soci::rowset<std::string> rows(prep);
            for (const auto& row : rows) lines.push_back(row);
        };
        explain("count", built.count_sql, false);
        if (query.limit > 0) explain("page", built.page_sql, true);
        return lines;
    });
}

}  // namespace store
