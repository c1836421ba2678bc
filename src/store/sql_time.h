// The one SQL rendering of a timestamptz as an RFC 3339 UTC instant with milliseconds.
#pragma once

#include <string>

namespace store {

// REQUIRES: column is a trusted SQL expression from this codebase, never user input.
inline std::string sql_time(const std::string& column) {
    return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

}  // namespace store
