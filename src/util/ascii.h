// ASCII case-insensitive comparison: attribute names, URNs and scheme names are
// case-insensitive (RFC 7643 §2.1) and locale must never change that.
#pragma once

#include <string_view>

namespace util {

constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

constexpr bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

}  // namespace util
