#include "handlers/search.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "handlers/cursor_list.h"
#include "handlers/groups.h"
#include "handlers/list_response.h"
#include "handlers/resource_support.h"
#include "handlers/users.h"
#include "scim/error.h"
#include "scim/filter/parser.h"
#include "scim/json.h"
#include "store/resource_query.h"

namespace handlers {

http::Response search_all(app::Context& ctx, const http::Request& request) {
    scim::ListQuery query = search_request_of(ctx, request);
    struct Searched {
        const char* type_name;
        const store::ColumnMap& map;
        RecordRenderer render;
    };
    const std::vector<Searched> searched = {
        {"User", store::ColumnMap::users(),
         [&](const std::vector<store::ResourceRecord>& r, const scim::Projection& p) { return render_users(ctx, r, p); }},
        {"Group", store::ColumnMap::groups(),
         [&](const std::vector<store::ResourceRecord>& r, const scim::Projection& p) {
             return texts_of(render_groups(ctx, r, p));
         }},
    };
    bool any_type_understood = false;
    std::optional<scim::ScimError> first_error;
    std::vector<ListedType> listed;
    for (const auto& target : searched) {
        const auto& type = *ctx.registry.resource_type(target.type_name);
        // A filter naming attributes that a type does not have selects nothing of that type.
        scim::filter::NodePtr filter;
        std::optional<scim::filter::AttrPath> sort_by;
        try {
            if (query.filter) filter = scim::filter::parse_filter(*query.filter, ctx.registry, type);
            if (query.sort_by && !query.sort_by->empty()) {
                sort_by = scim::resolve_sort_by(*query.sort_by, ctx.registry, type);
            }
        } catch (const scim::ScimError& error) {
            if (!first_error) first_error = error;
            continue;
        }
        any_type_understood = true;
        listed.push_back({type, target.map, target.render, std::move(filter), std::move(sort_by),
                          scim::Projection::parse(ctx.registry, type, query.attributes, query.excluded_attributes,
                                                  true)});
    }
    if (!any_type_understood && first_error) throw *first_error;
    // The cursor's scope is the root, whichever types the filter selects.
    if (query.cursor) return cursor_list(ctx, query, listed, "");
    long long total = 0;
    long long skip = query.start_index - 1;
    long long wanted = query.count;
    std::vector<std::string> resources;
    for (const auto& target : listed) {
        store::ResourceQuery resource_query = resource_query_of(ctx, target, query);
        resource_query.offset = skip;
        resource_query.limit = wanted;
        store::ResourcePage page = store::query_resources(ctx.db, target.map, ctx.tenant, resource_query);
        total += page.total;
        for (auto& resource : target.render(page.records, target.projection)) resources.push_back(std::move(resource));
        wanted -= static_cast<long long>(page.records.size());
        skip = std::max(0LL, skip - page.total);
    }
    if (!any_type_understood && first_error) throw *first_error;
    return http::Response::json_text(200, list_response_text(resources, total, query.start_index));
}

}  // namespace handlers
