// Strict parsing of request bodies: valid UTF-8, bounded nesting, no duplicate keys,
// nothing after the value. Every failure is a SCIM invalidSyntax error.
#pragma once

#include <string_view>

#include <json/value.h>

namespace scim::json {

// Deepest array/object nesting a request may have; deeper bodies are refused before parsing.
inline constexpr int kMaxDepth = 64;

// REQUIRES: body is the whole request body. Throws ScimError::invalid_syntax.
Json::Value parse_body(std::string_view body);

// True when text is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Case-insensitive member lookup (attribute names are case-insensitive, RFC 7643 §2.1).
// Returns nullptr when absent or when object is not an object.
const Json::Value* find_member(const Json::Value& object, std::string_view name);

}  // namespace scim::json
