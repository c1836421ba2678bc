// Compact JSON text for responses: one writer configuration for the whole server.
#pragma once

#include <string>

#include <json/value.h>

namespace util {

// Compact UTF-8 JSON (no indentation, non-ASCII kept as UTF-8).
std::string to_json_text(const Json::Value& value);

}  // namespace util
