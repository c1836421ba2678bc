// Compact JSON text for responses: one writer configuration for the whole server.
#pragma once

#include <string>
#include <string_view>

#include <json/value.h>

namespace util {

// Compact UTF-8 JSON (no indentation, non-ASCII kept as UTF-8).
std::string to_json_text(const Json::Value& value);

// Parses JSON text the server wrote itself (stored attributes, what PostgreSQL built): no
// request-body checks. False, with out untouched or partial, when it is not JSON.
bool from_json_text(std::string_view text, Json::Value& out);

// Appends text as a JSON string literal (quoted, escaped), for responses written piecewise.
// REQUIRES: text is valid UTF-8.
void append_json_string(std::string& out, std::string_view text);

}  // namespace util
