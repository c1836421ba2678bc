// The RFC 7644 §3.4.2 ListResponse envelope.
#pragma once

#include <json/value.h>

namespace handlers {

Json::Value list_response(Json::Value resources, long long total_results, long long start_index);

}  // namespace handlers
