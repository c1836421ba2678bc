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

// True when the filter matches at most one resource: an equality on a uniquely indexed
// attribute, alone or ANDed with anything. Such a page needs no sort (whose set-up costs
// PostgreSQL more than the lookup itself).
bool selects_at_most_one(const ColumnMap& map, const scim::filter::Node& node) {
    using namespace scim::filter;
    if (const auto* comparison = std::get_if<Comparison>(&node.expr)) {
        const auto& path = comparison->path;
        const MappedColumn* column = map.find(path.schema, path.attribute, path.sub_attribute);
        return comparison->op == CompareOp::Eq && column != nullptr && column->unique;
    }
    if (const auto* both = std::get_if<And>(&node.expr)) {
        return selects_at_most_one(map, *both->left) || selects_at_most_one(map, *both->right);
    }
    return false;
}

// The keyset page's ORDER BY and boundary predicate. The order is (key, id), missing keys
// last, ascending; descending is its exact reverse (FilterSql::order_by), and so is reading
// backward. Past the boundary is then a row comparison, which an index on (org_id, key, id)
// answers as a range; keys that may be NULL add their NULL cases.
struct KeysetSql {
    std::string order;
    std::string predicate;  // "" without a boundary
};

KeysetSql keyset_sql(const FilterSql::SortKey& key, const std::string& id, bool descending, const Keyset& keyset) {
    const bool ascending = descending == keyset.backward;  // the direction rows are read in
    KeysetSql out;
    out.order = key.expr + (ascending ? " ASC NULLS LAST, " : " DESC NULLS FIRST, ") + id + (ascending ? " ASC" : " DESC");
    if (!keyset.boundary) return out;
    const std::string& k = key.expr;
    const std::string cid = "CAST(:cid AS uuid)";
    if (keyset.boundary->key) {
        const std::string row = "(" + k + ", " + id + ") " + (ascending ? ">" : "<") + " (CAST(:ck AS " + key.type +
                                "), " + cid + ")";
        // NULL keys sort after every value: past the boundary when reading ascending.
        out.predicate = key.nullable && ascending ? "(" + row + " OR " + k + " IS NULL)" : row;
    } else {
        out.predicate = "((" + k + " IS NULL AND " + id + (ascending ? " > " : " < ") + cid + ")" +
                        (ascending ? "" : " OR " + k + " IS NOT NULL") + ")";
    }
    return out;
}

BuiltQuery build(const ColumnMap& map, const ResourceQuery& query) {
    FilterSql sql(map, query.location_prefix);
    // Tenant by construction: the organisation predicate is outside whatever the filter says.
    const std::string from = " FROM " + map.table + " " + map.alias;
    std::string condition = " WHERE " + map.alias + ".org_id = :org";
    if (query.filter != nullptr) condition += " AND " + sql.predicate(*query.filter);
    const std::string where = from + condition;
    // The page's rows read the membership clock in a join (users), the count needs no clock.
    const std::string clock = map.membership_clock ? membership_clock_join(map.alias) : "";
    const std::string page_where = from + clock + condition;
    std::string order = query.sort_by != nullptr ? sql.order_by(*query.sort_by, query.descending)
                                                 : map.alias + ".created, " + map.alias + ".id";
    BuiltQuery built;
    // Unfiltered totals come from the counter table (sql/0004) instead of counting rows.
    built.count_sql = query.filter != nullptr
                          ? "SELECT count(*)" + where
                          : "SELECT coalesce(sum(n), 0)::bigint FROM scim_resource_counts WHERE org_id = :org AND "
                            "resource_type = " + sql_key(map.resource_type);
    std::string columns = record_columns(map.alias, map.membership_clock, map.membership_clock);
    const bool groups = !query.groups_base.empty() && map.resource_type == "User";
    const std::string& a = map.alias;
    if (query.keyset) {
        // Every page the same way: the rows beyond the boundary in (key, id) order, and each
        // row's key for the cursors (after the groups column, NULL when not asked for).
        FilterSql::SortKey key = query.sort_by != nullptr ? sql.sort_key(*query.sort_by)
                                                          : FilterSql::SortKey{a + ".created", "timestamptz", false};
        KeysetSql keyset = keyset_sql(key, a + ".id", query.sort_by != nullptr && query.descending, *query.keyset);
        columns += groups ? ", " + memberships_json(a) : ", NULL::text";
        columns += ", (" + key.expr + ")::text";
        built.page_sql = "SELECT " + columns + page_where + (keyset.predicate.empty() ? "" : " AND " + keyset.predicate) +
                         " ORDER BY " + keyset.order + " LIMIT :limit";
    } else if (query.offset == 0) {
        if (groups) columns += ", " + memberships_json(a);
        // The first page (every lookup an IdP makes): one plain statement.
        bool single = query.filter != nullptr && selects_at_most_one(map, *query.filter);
        built.page_sql = "SELECT " + columns + page_where + (single ? "" : " ORDER BY " + order) + " LIMIT :limit";
    } else {
        if (groups) columns += ", " + memberships_json(a);
        // A later page: its keys are chosen in a subquery (an index scan of narrow entries,
        // not a sort of whole rows), and the outer query reads and computes the columns of
        // those rows only, not of the rows OFFSET skips. The rows are read by primary key,
        // one probe each ("OFFSET 0" keeps the planner from turning that into a join that it
        // would size by the unknown LIMIT).
        built.page_sql = "SELECT " + columns + " FROM (SELECT " + a + ".org_id, " + a + ".id" + where + " ORDER BY " +
                         order + " OFFSET :offset LIMIT :limit) page CROSS JOIN LATERAL (SELECT * FROM " + map.table +
                         " r WHERE r.org_id = page.org_id AND r.id = page.id OFFSET 0) " + a + clock + " ORDER BY " + order;
    }
    built.values = sql.params();
    for (std::size_t i = 0; i < built.values.size(); ++i) built.names.push_back("p" + std::to_string(i + 1));
    return built;
}

// The parameters of a built page statement, in the order its text names them.
Params page_params(const BuiltQuery& built, const Tenant& tenant, const ResourceQuery& query, const ColumnMap& map,
                   const std::string& offset, const std::string& limit) {
    Params params = built.params(tenant);
    if (!query.groups_base.empty() && map.resource_type == "User") params.push_back({"groups_base", query.groups_base});
    if (query.keyset && query.keyset->boundary) {
        if (query.keyset->boundary->key) params.push_back({"ck", *query.keyset->boundary->key});
        params.push_back({"cid", query.keyset->boundary->id});
    }
    if (!query.keyset && query.offset != 0) params.push_back({"offset", offset});
    params.push_back({"limit", limit});
    return params;
}

}  // namespace

ResourcePage query_resources(Db& db, const ColumnMap& map, const Tenant& tenant, const ResourceQuery& query,
                             bool with_total) {
    BuiltQuery built = build(map, query);
    ResourcePage page;
    if (query.limit > 0) {
        std::string offset = std::to_string(query.offset), limit = std::to_string(query.limit);
        db.query(built.page_sql, page_params(built, tenant, query, map, offset, limit), [&](const soci::row& row) {
            page.records.push_back(record_from_row(row));
            if (query.keyset) {
                const std::size_t last = row.size() - 1;
                page.keys.push_back(row.get_indicator(last) == soci::i_ok ? std::optional(row.get<std::string>(last))
                                                                          : std::nullopt);
            }
        });
        // A page from the first result that is not full holds every match: it is the total.
        const bool from_start = query.keyset ? !query.keyset->boundary : query.offset == 0;
        if (from_start && static_cast<long long>(page.records.size()) < query.limit) {
            page.total = static_cast<long long>(page.records.size());
            return page;
        }
    }
    if (!with_total) {
        page.total = -1;
        return page;
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
            if (paged && query.offset != 0) prep, soci::use(query.offset, "offset");
            if (paged) prep, soci::use(query.limit, "limit");
            if (paged && !query.groups_base.empty() && map.resource_type == "User") {
                prep, soci::use(query.groups_base, "groups_base");
            }
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
