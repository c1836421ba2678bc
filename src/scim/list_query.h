// The query parameters of a list request (RFC 7644 §3.4.2): pagination now; filter,
// sorting and projection parameters are recognised so that they are never silently dropped.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace scim {

struct ListQuery {
    long long start_index = 1;  // 1-based, at least 1
    long long count = 0;        // 0..max_results
    std::optional<std::string> filter;
    std::optional<std::string> sort_by;
    std::optional<std::string> sort_order;
};

// RFC 7644 §3.4.2.4: startIndex < 1 is 1; a negative count is 0; count above max_results
// (or absent) is max_results. Non-integer values are ScimError::invalid_value.
ListQuery parse_list_query(const std::vector<std::pair<std::string, std::string>>& params, int max_results);

}  // namespace scim
