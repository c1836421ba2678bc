// The RFC 7644 §3.4.2 ListResponse envelope.
#pragma once

#include <string>
#include <vector>

#include <json/value.h>

namespace handlers {

Json::Value list_response(Json::Value resources, long long total_results, long long start_index);

// The same envelope as text around resources already written as JSON text, one each.
std::string list_response_text(const std::vector<std::string>& resources, long long total_results,
                               long long start_index);

}  // namespace handlers
