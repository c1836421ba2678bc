// How the filter and PATCH path readers report a failure: one message shape, "<what> at
// position N in filter" (or "in path"), thrown with the scimType of the grammar being read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "scim/error.h"

namespace scim::filter {

// Which text is being read. A PATCH path's value filter uses the filter grammar, but its
// failures are invalidPath (RFC 7644 §3.5.2: "If the target location path specifies an
// attribute that does not exist ... or is invalid, ... invalidPath").
enum class Grammar { Filter, PatchPath };

// Throws ScimError::invalid_filter or ScimError::invalid_path. `position` is the 0-based
// byte offset in the text where the problem starts.
[[noreturn]] inline void fail_at(Grammar grammar, std::string_view what, std::size_t position) {
    std::string detail(what);
    detail += " at position " + std::to_string(position);
    if (grammar == Grammar::Filter) throw ScimError::invalid_filter(detail + " in filter");
    throw ScimError::invalid_path(detail + " in path");
}

}  // namespace scim::filter
