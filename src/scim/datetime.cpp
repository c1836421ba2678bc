#include "scim/datetime.h"

#include <cctype>

namespace scim {
namespace {

bool digits(std::string_view text, std::size_t pos, std::size_t count, int& value) {
    if (pos + count > text.size()) return false;
    value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

bool is_valid_datetime(std::string_view t) {
    int year, month, day, hour, minute, second;
    if (!digits(t, 0, 4, year) || t.size() < 19 || t[4] != '-' || !digits(t, 5, 2, month) || t[7] != '-' ||
        !digits(t, 8, 2, day) || (t[10] != 'T' && t[10] != 't') || !digits(t, 11, 2, hour) || t[13] != ':' ||
        !digits(t, 14, 2, minute) || t[16] != ':' || !digits(t, 17, 2, second)) {
        return false;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return false;
    std::size_t pos = 19;
    if (pos < t.size() && t[pos] == '.') {
        ++pos;
        std::size_t start = pos;
        while (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))) ++pos;
        if (pos == start) return false;
    }
    if (pos == t.size()) return true;
    if (t[pos] == 'Z' || t[pos] == 'z') return pos + 1 == t.size();
    if (t[pos] != '+' && t[pos] != '-') return false;
    int zh, zm;
    return t.size() == pos + 6 && digits(t, pos + 1, 2, zh) && t[pos + 3] == ':' && digits(t, pos + 4, 2, zm) &&
           zh <= 14 && zm <= 59;
}

}  // namespace scim
