#include "scim/list_query.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "scim/error.h"
#include "scim/filter/patch_path.h"
#include "scim/json.h"
#include "scim/schema/schema.h"
#include "util/ascii.h"
#include "util/json_text.h"

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
            query.start_index_given = true;
        } else if (util::iequals(name, "count")) {
            long long count = parse_integer(name, value);
            query.count_given = count;
            query.count = std::clamp(count, 0LL, static_cast<long long>(max_results));
        } else if (util::iequals(name, "cursor")) {
            query.cursor = value;
        } else if (util::iequals(name, "filter")) {
            query.filter = value;
        } else if (util::iequals(name, "sortBy")) {
            query.sort_by = value;
        } else if (util::iequals(name, "sortOrder")) {
            query.sort_order = value;
        } else if (util::iequals(name, "attributes")) {
            query.attributes = value;
        } else if (util::iequals(name, "excludedAttributes")) {
            query.excluded_attributes = value;
        }
    }
    return query;
}

filter::AttrPath resolve_sort_by(const std::string& sort_by, const schema::Registry& registry,
                                 const schema::ResourceType& type) {
    filter::PatchPath parsed;
    try {
        parsed = filter::parse_patch_path(sort_by, registry, type);
    } catch (const ScimError& e) {
        throw ScimError::invalid_value("sortBy: " + e.detail());
    }
    const schema::Attribute& target = parsed.path.target();
    if (parsed.value_filter != nullptr || (target.type == schema::Type::Complex && !target.multi_valued)) {
        throw ScimError::invalid_value("sortBy must name a singular attribute or sub-attribute");
    }
    return parsed.path;
}

bool ListQuery::descending() const {
    if (!sort_order || sort_order->empty() || util::iequals(*sort_order, "ascending")) return false;
    if (util::iequals(*sort_order, "descending")) return true;
    throw ScimError::invalid_value("sortOrder must be 'ascending' or 'descending'");
}

ListQuery parse_search_request(const Json::Value& body, int max_results) {
    if (!body.isObject()) throw ScimError::invalid_syntax("A search request must be a JSON object");
    const Json::Value* schemas = json::find_member(body, "schemas");
    bool listed = false;
    if (schemas != nullptr && schemas->isArray()) {
        for (const auto& urn : *schemas) listed = listed || (urn.isString() && util::iequals(urn.asString(), schema::urn::kSearchRequest));
    }
    if (!listed) throw ScimError::invalid_syntax("'schemas' must list " + std::string(schema::urn::kSearchRequest));
    std::vector<std::pair<std::string, std::string>> params;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const std::string name = it.name();
        if (util::iequals(name, "schemas") || it->isNull()) continue;
        if (util::iequals(name, "startIndex") || util::iequals(name, "count")) {
            // Whole numbers beyond int64 are clamped like their query-parameter forms.
            if (!it->isNumeric() || std::floor(it->asDouble()) != it->asDouble()) {
                throw ScimError::invalid_value("'" + name + "' must be an integer");
            }
            double value = it->asDouble();
            std::string text = it->isIntegral() ? std::to_string(it->asInt64())
                               : value > 0     ? std::to_string(std::numeric_limits<long long>::max())
                                               : std::to_string(std::numeric_limits<long long>::min());
            params.emplace_back(name, text);
        } else if (util::iequals(name, "attributes") || util::iequals(name, "excludedAttributes")) {
            std::string list;
            if (it->isString()) {
                list = it->asString();
            } else if (it->isArray()) {
                for (const auto& item : *it) {
                    if (!item.isString()) throw ScimError::invalid_value("'" + name + "' must hold strings");
                    list += (list.empty() ? "" : ",") + item.asString();
                }
            } else {
                throw ScimError::invalid_value("'" + name + "' must be an array of strings");
            }
            params.emplace_back(name, list);
        } else if (util::iequals(name, "filter") || util::iequals(name, "sortBy") || util::iequals(name, "sortOrder") ||
                   util::iequals(name, "cursor")) {
            if (!it->isString()) throw ScimError::invalid_value("'" + name + "' must be a string");
            params.emplace_back(name, it->asString());
        } else {
            throw ScimError::invalid_syntax("Unknown search request member '" + name + "'");
        }
    }
    return parse_list_query(params, max_results);
}

std::string list_query_fingerprint(const ListQuery& query, const std::string& scope) {
    Json::Value parts(Json::arrayValue);
    auto optional = [](const std::optional<std::string>& value) { return value ? Json::Value(*value) : Json::Value(); };
    parts.append(scope);
    parts.append(optional(query.filter));
    parts.append(optional(query.sort_by));
    parts.append(optional(query.sort_order));
    parts.append(query.attributes);
    parts.append(query.excluded_attributes);
    return util::to_json_text(parts);
}

}  // namespace scim
