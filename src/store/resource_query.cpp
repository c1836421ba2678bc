#include "store/resource_query.h"

#include "store/filter_sql.h"

namespace store {
namespace {

// The SQL of one list request: the same text serves the query and its EXPLAIN.
struct BuiltQuery {
    std::string count_sql;
    std::string page_sql;
    std::vector<std::string> params;  // bound as :p1..:pN
    std::vector<std::string> names;
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
                          : "SELECT coalesce((SELECT n FROM scim_resource_counts WHERE org_id = :org AND "
                            "resource_type = " + sql_key(map.resource_type) + "), 0)";
    built.page_sql = "SELECT " + record_columns(map.alias) + where + " ORDER BY " + order + " OFFSET :offset LIMIT :limit";
    built.params = sql.params();
    for (std::size_t i = 0; i < built.params.size(); ++i) built.names.push_back("p" + std::to_string(i + 1));
    return built;
}

}  // namespace

ResourcePage query_resources(Db& db, const ColumnMap& map, const Tenant& tenant, const ResourceQuery& query) {
    BuiltQuery built = build(map, query);
    return db.run([&] {
        ResourcePage page;
        {
            auto prep = (db.session().prepare << built.count_sql, soci::into(page.total), soci::use(tenant.org_id, "org"));
            for (std::size_t i = 0; i < built.params.size(); ++i) prep, soci::use(built.params[i], built.names[i]);
            soci::statement count(prep);
            count.execute(true);
        }
        if (query.limit <= 0) return page;
        auto prep = (db.session().prepare << built.page_sql, soci::use(tenant.org_id, "org"),
                     soci::use(query.offset, "offset"), soci::use(query.limit, "limit"));
        for (std::size_t i = 0; i < built.params.size(); ++i) prep, soci::use(built.params[i], built.names[i]);
        soci::rowset<soci::row> rows(prep);
        for (const auto& row : rows) page.records.push_back(record_from_row(row));
        return page;
    });
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
            for (std::size_t i = 0; i < built.params.size(); ++i) prep, soci::use(built.params[i], built.names[i]);
            soci::rowset<std::string> rows(prep);
            for (const auto& row : rows) lines.push_back(row);
        };
        explain("count", built.count_sql, false);
        if (query.limit > 0) explain("page", built.page_sql, true);
        return lines;
    });
}

}  // namespace store
