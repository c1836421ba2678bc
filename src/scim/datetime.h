// xsd:dateTime as RFC 7643 §2.3.5 requires for dateTime attributes.
#pragma once

#include <string_view>

namespace scim {

// True for "2008-01-23T04:56:22Z", "2008-01-23T04:56:22.123+02:00", and the zone-less form.
bool is_valid_datetime(std::string_view text);

}  // namespace scim
