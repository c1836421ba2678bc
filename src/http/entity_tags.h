// The entity-tag lists of If-Match and If-None-Match (RFC 9110 §13.1.1, §13.1.2), compared
// the weak way: the opaque tags alone, a "W/" prefix on either side ignored.
#pragma once

#include <string_view>

namespace http {

// True when `header` is "*" or lists an entity tag whose opaque part equals `opaque`
// (`"3"`, quotes included). Entries are separated by commas, with optional whitespace; a
// tag written without quotes (`3`, `W/3`) is read as if quoted, as some clients send it.
// RFC 7644 §3.14's examples send the server's weak tag in If-Match, which the strong
// comparison RFC 9110 prescribes there could never match; so both headers compare weakly.
bool entity_tags_match(std::string_view header, std::string_view opaque);

}  // namespace http
