// xsd:dateTime as RFC 7643 §2.3.5 requires for dateTime attributes.
#pragma once

#include <optional>
#include <string_view>

namespace scim {

// True for "2008-01-23T04:56:22Z", "2008-01-23T04:56:22.123+02:00", and the zone-less form.
// The day must exist in its month ("2011-02-29" does not).
bool is_valid_datetime(std::string_view text);

// The instant `text` names, in microseconds since 1970-01-01T00:00:00Z, so that values with
// different offsets compare as instants (RFC 7644 §3.4.2.2: "for DateTime types, it is a
// chronological comparison"). A zone-less value is taken as UTC; fractional digits beyond
// the sixth are dropped (truncated, not rounded); a leap second (":60") is the next minute's
// first instant. nullopt exactly when !is_valid_datetime(text).
std::optional<long long> datetime_to_epoch_micros(std::string_view text);

}  // namespace scim
