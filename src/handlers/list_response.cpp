#include "handlers/list_response.h"

#include <string>

#include "scim/schema/schema.h"
#include "util/json_text.h"

namespace handlers {

Json::Value list_response(Json::Value resources, long long total_results, long long start_index) {
    Json::Value list(Json::objectValue);
    list["schemas"].append(std::string(scim::schema::urn::kListResponse));
    list["totalResults"] = static_cast<Json::Int64>(total_results);
    list["itemsPerPage"] = resources.size();
    list["startIndex"] = static_cast<Json::Int64>(start_index);
    list["Resources"] = std::move(resources);
    return list;
}

std::string list_response_text(const std::vector<std::string>& resources, long long total_results,
                               long long start_index) {
    std::size_t size = 128;
    for (const auto& resource : resources) size += resource.size() + 1;
    std::string out;
    out.reserve(size);
    out += "{\"schemas\":[";
    util::append_json_string(out, scim::schema::urn::kListResponse);
    out += "],\"totalResults\":" + std::to_string(total_results) +
           ",\"itemsPerPage\":" + std::to_string(resources.size()) + ",\"startIndex\":" + std::to_string(start_index) +
           ",\"Resources\":[";
    for (std::size_t i = 0; i < resources.size(); ++i) {
        if (i > 0) out += ',';
        out += resources[i];
    }
    out += "]}";
    return out;
}

}  // namespace handlers
