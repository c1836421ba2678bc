// An RFC 9865 cursor: where a page of a list ended, bound to the organisation and to the
// query it pages (filter, sort, projection), and signed so that a client can neither forge
// one nor alter it. Pure: the signing key and the clock are passed in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace scim {

// The row a page ends at (nextCursor: the next page starts after it) or starts at
// (previousCursor: the page before it ends before it), in the query's order.
struct CursorPosition {
    std::optional<std::string> key;  // the sort key's value at that row, as text; nullopt: no value
    std::string id;                  // that row's id
    bool backward = false;           // true: previousCursor (the page before the row)
    // The row's resource type where a list spans several (the root .search): "User"; else "".
    std::string resource_type;
    // The page size of the walk: RFC 9865 §2.1 has later pages keep the first one's count.
    long long count = 0;

    bool operator==(const CursorPosition&) const = default;
};

// What a cursor may be used with: only the organisation and the query it was made for.
struct CursorBinding {
    std::string org_id;
    // The query's identity: resource type, filter, sortBy, sortOrder, attributes and
    // excludedAttributes, as list_query_fingerprint() writes them (count is not part of it).
    std::string query;
};

// The cursor text: URL-safe (base64url), opaque to clients, at most a few hundred bytes
// beyond the length of the sort key.
// REQUIRES: key (the signing secret) is not empty.
std::string encode_cursor(const CursorPosition& position, const CursorBinding& binding, long long issued_at_seconds,
                          std::string_view key);

// The position a cursor holds. Throws ScimError::invalid_cursor when the text is not a cursor
// of this server, was altered, or was made for another organisation or query;
// ScimError::expired_cursor when it is valid but older than timeout_seconds.
CursorPosition decode_cursor(std::string_view cursor, const CursorBinding& binding, long long now_seconds,
                             long long timeout_seconds, std::string_view key);

}  // namespace scim
