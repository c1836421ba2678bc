// Compact JSON text for responses: one writer configuration for the whole server.
#pragma once

#include <string>
#include <string_view>

#include <json/value.h>

namespace util {

// Compact UTF-8 JSON (no indentation, non-ASCII kept as UTF-8).
std::string to_json_text(const Json::Value& value);

// Appends text as a JSON string literal (quoted, escaped), for responses written piecewise.
// REQUIRES: text is valid UTF-8.
void append_json_string(std::string& out, std::string_view text);

}  // namespace util
