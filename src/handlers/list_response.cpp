#include "handlers/list_response.h"

#include <string>

#include "scim/schema/schema.h"

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

}  // namespace handlers
