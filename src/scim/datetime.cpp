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

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long days_from_civil(int year, int month, int day) {
    const long long y = month <= 2 ? year - 1 : year;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Fields {
    int year, month, day, hour, minute, second;
    long long micros = 0;    // fractional second, truncated to microseconds
    int offset_minutes = 0;  // east of UTC; 0 for "Z" and for no zone
};

std::optional<Fields> parse(std::string_view t) {
    Fields f{};
    if (!digits(t, 0, 4, f.year) || t.size() < 19 || t[4] != '-' || !digits(t, 5, 2, f.month) || t[7] != '-' ||
        !digits(t, 8, 2, f.day) || (t[10] != 'T' && t[10] != 't') || !digits(t, 11, 2, f.hour) || t[13] != ':' ||
        !digits(t, 14, 2, f.minute) || t[16] != ':' || !digits(t, 17, 2, f.second)) {
        return std::nullopt;
    }
    // XML Schema 1.0 §3.2.7 (RFC 7643 §2.3.5's xsd:dateTime) prohibits year 0000, and
    // PostgreSQL cannot hold it: refused here, before any SQL.
    if (f.year < 1 || f.month < 1 || f.month > 12 || f.day < 1 || f.day > days_in_month(f.year, f.month) || f.hour > 23 ||
        f.minute > 59 || f.second > 60) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    if (pos < t.size() && t[pos] == '.') {
        ++pos;
        std::size_t start = pos;
        long long scale = 100000;
        while (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))) {
            f.micros += (t[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start) return std::nullopt;
    }
    if (pos == t.size()) return f;
    if (t[pos] == 'Z' || t[pos] == 'z') {
        if (pos + 1 == t.size()) return f;
        return std::nullopt;
    }
    if (t[pos] != '+' && t[pos] != '-') return std::nullopt;
    int zh, zm;
    if (t.size() != pos + 6 || !digits(t, pos + 1, 2, zh) || t[pos + 3] != ':' || !digits(t, pos + 4, 2, zm) ||
        zh > 14 || zm > 59) {
        return std::nullopt;
    }
    f.offset_minutes = (t[pos] == '-' ? -1 : 1) * (zh * 60 + zm);
    return f;
}

}  // namespace

bool is_valid_datetime(std::string_view t) { return parse(t).has_value(); }

std::optional<long long> datetime_to_epoch_micros(std::string_view text) {
    const std::optional<Fields> f = parse(text);
    if (!f) return std::nullopt;
    const long long seconds = days_from_civil(f->year, f->month, f->day) * 86400 + f->hour * 3600LL + f->minute * 60LL +
                              f->second - f->offset_minutes * 60LL;
    return seconds * 1000000 + f->micros;
}

}  // namespace scim
