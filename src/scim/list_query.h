// The query parameters of a list request (RFC 7644 §3.4.2): pagination now; filter,
// sorting and projection parameters are recognised so that they are never silently dropped.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <json/value.h>

#include "scim/filter/ast.h"
#include "scim/schema/registry.h"

namespace scim {

struct ListQuery {
    long long start_index = 1;  // 1-based, at least 1
    long long count = 0;        // 0..max_results
    bool start_index_given = false;
    // The count as sent, before index paging clamps it (cursor paging refuses what is out of range).
    std::optional<long long> count_given;
    // RFC 9865 cursor paging: "" asks for the first page by cursor.
    std::optional<std::string> cursor;
    std::optional<std::string> filter;
    std::optional<std::string> sort_by;
    std::optional<std::string> sort_order;
    std::string attributes;           // comma-separated (RFC 7644 §3.4.2.5)
    std::string excluded_attributes;  // comma-separated

    // sortOrder (RFC 7644 §3.4.2.3): "ascending" (the default) or "descending", any case.
    // Throws ScimError::invalid_value for anything else.
    bool descending() const;
};

// RFC 7644 §3.4.2.4: startIndex < 1 is 1; a negative count is 0; count above max_results
// (or absent) is max_results. Non-integer values are ScimError::invalid_value.
ListQuery parse_list_query(const std::vector<std::pair<std::string, std::string>>& params, int max_results);

// The attribute named by sortBy (RFC 7644 §3.4.2.3): a singular attribute or sub-attribute,
// or a multi-valued one (sorted by its primary value). Throws ScimError::invalid_value.
filter::AttrPath resolve_sort_by(const std::string& sort_by, const schema::Registry& registry,
                                 const schema::ResourceType& type);

// The body of a POST .search (RFC 7644 §3.4.3), with the same rules as the query
// parameters; `attributes` may be an array of strings or one comma-separated string.
// Throws ScimError (invalidSyntax for a body that is not a SearchRequest, invalidValue
// for a member of the wrong type).
ListQuery parse_search_request(const Json::Value& body, int max_results);

// What a cursor is bound to besides its organisation (scim/cursor.h CursorBinding::query):
// the endpoint's scope ("User", "Group", "" for the root) and the filter, sort and projection
// parameters exactly as sent. Not the count, which a client may change between pages.
std::string list_query_fingerprint(const ListQuery& query, const std::string& scope);

}  // namespace scim
