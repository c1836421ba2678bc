// Splitting a raw request target: path segments and query parameters, percent-decoded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

// Percent-decodes one path segment or query component. '+' becomes a space only when
// plus_is_space (query strings). nullopt on a malformed escape, or on a NUL byte unless
// allow_nul (query values: what consumes them refuses a NUL with its own error).
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space, bool allow_nul = false);

// Splits "/a/b/c" into {"a","b","c"}, each decoded; nullopt when a segment is malformed.
// Empty segments (from "//" or a trailing "/") are kept so the router can reject them.
std::optional<std::vector<std::string>> split_path(std::string_view path);

// Parses "a=1&b=2" into decoded pairs in order; nullopt when a component is malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view query);

}  // namespace http
