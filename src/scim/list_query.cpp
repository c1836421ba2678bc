#include "scim/list_query.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "scim/error.h"
#include "scim/json.h"
#include "util/ascii.h"

namespace scim {
namespace {

long long parse_integer(const std::string& name, const std::string& text) {
    long long value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec == std::errc::result_out_of_range) {
        return text.front() == '-' ? std::numeric_limits<long long>::min() : std::numeric_limits<long long>::max();
    }
    if (ec != std::errc() || ptr != end) {
        throw ScimError::invalid_value("Query parameter '" + name + "' must be an integer");
    }
    return value;
}

}  // namespace

ListQuery parse_list_query(const std::vector<std::pair<std::string, std::string>>& params, int max_results) {
    ListQuery query;
    query.count = max_results;
    for (const auto& [name, value] : params) {
        if (util::iequals(name, "startIndex")) {
            query.start_index = std::max(1LL, parse_integer(name, value));
        } else if (util::iequals(name, "count")) {
            long long count = parse_integer(name, value);
            query.count = std::clamp(count, 0LL, static_cast<long long>(max_results));
        } else if (util::iequals(name, "filter")) {
            query.filter = value;
        } else if (util::iequals(name, "sortBy")) {
            query.sort_by = value;
        } else if (util::iequals(name, "sortOrder")) {
            query.sort_order = value;
        }
    }
    return query;
}

}  // namespace scim
