// Cursor paging of a list (RFC 9865): the page after (or before) the row a cursor names, read
// by keyset from each resource type the list spans, with nextCursor and previousCursor.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "handlers/resource_support.h"
#include "http/response.h"
#include "scim/filter/ast.h"
#include "scim/list_query.h"
#include "scim/projection.h"
#include "store/column_map.h"
#include "store/resource_query.h"

namespace handlers {

// One resource type a list reads, with the request's filter, sort and projection typed for it.
struct ListedType {
    const scim::schema::ResourceType& type;
    const store::ColumnMap& map;
    RecordRenderer render;
    scim::filter::NodePtr filter;
    std::optional<scim::filter::AttrPath> sort_by;
    scim::Projection projection;
};

// The store query of a list over one type, without its paging.
store::ResourceQuery resource_query_of(const app::Context& ctx, const ListedType& listed, const scim::ListQuery& query);

// The ListResponse of a cursor-paged list over `types` in that order (the root search: Users
// then Groups). `scope` names the endpoint in the cursor's binding ("User", "Group", "").
// REQUIRES: query.cursor is set. Throws ScimError (invalidCursor, expiredCursor, invalidCount,
// invalidValue with startIndex).
http::Response cursor_list(app::Context& ctx, const scim::ListQuery& query, const std::vector<ListedType>& types,
                           const std::string& scope);

}  // namespace handlers
