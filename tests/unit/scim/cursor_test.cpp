#include "scim/cursor.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "scim/error.h"

namespace {

using scim::CursorBinding;
using scim::CursorPosition;
using scim::decode_cursor;
using scim::encode_cursor;

const std::string kKey = "cursor-test-signing-key-0123456789abcdef";
const CursorBinding kBinding{"0b6f2c1e-3c1a-4f7e-9a55-2f1d7c9e4a10",
                             "User|filter=userName pr|sortBy=userName|sortOrder=ascending|attributes=userName|excludedAttributes="};
constexpr long long kIssued = 1'760'000'000;
constexpr long long kTimeout = 3600;
const std::string kId = "6f1c9a2e-8b4d-4e0f-a1c3-5d7e9f0b2a46";

// RFC 3986 §2.3 unreserved characters: what RFC 9865 §2 allows in a cursor.
const std::string kUnreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

CursorPosition at_row(std::optional<std::string> key, std::string id, bool backward, std::string resource_type = "") {
    CursorPosition position;
    position.key = std::move(key);
    position.id = std::move(id);
    position.backward = backward;
    position.resource_type = std::move(resource_type);
    return position;
}

std::string encode(const CursorPosition& position) { return encode_cursor(position, kBinding, kIssued, kKey); }

CursorPosition decode(const std::string& cursor) { return decode_cursor(cursor, kBinding, kIssued, kTimeout, kKey); }

// "invalidCursor/400", "expiredCursor/400", "decoded" or "other exception: ...".
std::string outcome(const std::function<void()>& action) {
    try {
        action();
        return "decoded";
    } catch (const scim::ScimError& error) {
        return error.scim_type() + "/" + std::to_string(error.status());
    } catch (const std::exception& error) {
        return std::string("other exception: ") + error.what();
    } catch (...) {
        return "other exception";
    }
}

std::string outcome_of(const std::string& cursor) {
    return outcome([&] { decode(cursor); });
}

const std::vector<CursorPosition>& positions() {
    static const std::vector<CursorPosition> all = {
        at_row("bjensen@example.com", kId, false),
        at_row(std::nullopt, kId, false),
        at_row("", kId, false),  // an empty key is a value, not a missing one
        at_row("bjensen@example.com", kId, true),
        at_row(std::nullopt, kId, true),
        at_row("Zoë Ådám 日本語 🙂 Ünïcødé", kId, false),
        at_row(R"(o'hara "the" \ back\slash \" '')", kId, true),
        at_row("sep|a:b,c=d;e&f?g#h/i+j%20k\n\t", kId, false),
        at_row(R"({"id":"x","key":null})", kId, false),
        at_row(std::string(2000, 'k'), kId, false),
        at_row("2011-05-13T04:42:34.123Z", "00000000-0000-4000-8000-000000000000", false),
        // Rows of the root .search, which spans resource types.
        at_row("bjensen@example.com", kId, false, "User"),
        at_row("bjensen@example.com", kId, false, "Group"),
        at_row(std::nullopt, kId, true, "Group"),
    };
    return all;
}

bool unreserved_only(const std::string& text) {
    return !text.empty() && text.find_first_not_of(kUnreserved) == std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cursor_test)

BOOST_AUTO_TEST_CASE(round_trips_every_position) {
    for (const auto& position : positions()) {
        BOOST_TEST_INFO("key " << (position.key ? "\"" + *position.key + "\"" : "absent") << " backward " << position.backward);
        const auto cursor = encode(position);
        const auto back = decode(cursor);
        BOOST_TEST(back.key.has_value() == position.key.has_value());
        if (back.key && position.key) BOOST_TEST(*back.key == *position.key);
        BOOST_TEST(back.id == position.id);
        BOOST_TEST(back.backward == position.backward);
        BOOST_TEST(back.resource_type == position.resource_type);
        BOOST_TEST((back == position));
    }
}

BOOST_AUTO_TEST_CASE(different_positions_give_different_cursors) {
    std::vector<std::string> cursors;
    for (const auto& position : positions()) cursors.push_back(encode(position));
    std::sort(cursors.begin(), cursors.end());
    BOOST_TEST((std::adjacent_find(cursors.begin(), cursors.end()) == cursors.end()));
}

// RFC 9865 §2: the cursor "may only contain characters from the unreserved characters set
// defined in Section 2.3 of [RFC3986]" — so no base64 "=" padding, "+" or "/".
BOOST_AUTO_TEST_CASE(output_is_unreserved_characters_only) {
    for (const auto& position : positions()) {
        const auto cursor = encode(position);
        BOOST_TEST(unreserved_only(cursor), cursor);
    }
    // Every length of key, so that every base64 remainder (and any padding) shows.
    for (size_t n = 0; n < 40; ++n) {
        for (bool backward : {false, true}) {
            const auto cursor = encode(at_row(std::string(n, static_cast<char>('a' + n % 26)), kId.substr(0, 36 - n % 4), backward));
            BOOST_TEST(unreserved_only(cursor), "key length " << n << ": " << cursor);
        }
    }
}

BOOST_AUTO_TEST_CASE(size_is_a_few_hundred_bytes_beyond_the_key) {
    const std::string key(1000, 'x');
    const auto cursor = encode(at_row(key, kId, false));
    BOOST_TEST(cursor.size() <= key.size() * 4 / 3 + 600, cursor.size());
    BOOST_TEST(encode(at_row(std::nullopt, kId, false)).size() <= 600u);
}

// Every single-character substitution, by every other unreserved character (and the
// characters a lenient base64 decoder might skip or accept), is refused: the signature covers
// every bit, including the unused low bits of the last base64 character.
BOOST_AUTO_TEST_CASE(changing_any_single_character_is_invalid_cursor) {
    const std::string replacements = kUnreserved + "=+/ \n";
    for (const auto& position : {positions()[0], positions()[1], positions()[5]}) {
        const auto cursor = encode(position);
        std::vector<std::string> accepted;
        for (size_t at = 0; at < cursor.size(); ++at) {
            for (char c : replacements) {
                if (c == cursor[at]) continue;
                std::string changed = cursor;
                changed[at] = c;
                const auto result = outcome_of(changed);
                if (result != "invalidCursor/400" && accepted.size() < 10) {
                    accepted.push_back("at " + std::to_string(at) + " '" + c + "': " + result);
                }
            }
        }
        BOOST_TEST(accepted.empty(), "cursor " << cursor << "; first: " << (accepted.empty() ? "" : accepted.front()));
    }
}

BOOST_AUTO_TEST_CASE(removing_inserting_or_appending_characters_is_invalid_cursor) {
    const auto cursor = encode(positions()[0]);
    std::vector<std::string> altered;
    for (size_t at = 0; at < cursor.size(); ++at) {
        altered.push_back(cursor.substr(0, at) + cursor.substr(at + 1));  // one removed
        altered.push_back(cursor.substr(0, at) + "A" + cursor.substr(at));  // one inserted
        altered.push_back(cursor.substr(0, at));                          // truncated
    }
    for (const std::string tail : {"A", "-", "_", "~", ".", "=", "==", "\n", " ", "%3D"}) altered.push_back(cursor + tail);
    altered.push_back(" " + cursor);
    altered.push_back(cursor + cursor);
    for (const auto& text : altered) {
        BOOST_TEST(outcome_of(text) == "invalidCursor/400", "\"" << text << "\" from " << cursor);
    }
}

BOOST_AUTO_TEST_CASE(cursor_of_another_organisation_or_query_is_invalid_cursor) {
    const auto cursor = encode(positions()[0]);
    const std::vector<CursorBinding> others = {
        {"0b6f2c1e-3c1a-4f7e-9a55-2f1d7c9e4a11", kBinding.query},
        {"", kBinding.query},
        {kBinding.org_id, kBinding.query + " "},
        {kBinding.org_id, "Group|filter=userName pr|sortBy=userName|sortOrder=ascending|attributes=userName|excludedAttributes="},
        {kBinding.org_id, "User|filter=userName pr|sortBy=userName|sortOrder=descending|attributes=userName|excludedAttributes="},
        {kBinding.org_id, ""},
        // The organisation and query run together differently.
        {kBinding.org_id + "U", kBinding.query.substr(1)},
    };
    for (const auto& other : others) {
        BOOST_TEST(outcome([&] { decode_cursor(cursor, other, kIssued, kTimeout, kKey); }) == "invalidCursor/400",
                   "org \"" << other.org_id << "\" query \"" << other.query << "\"");
    }
}

BOOST_AUTO_TEST_CASE(cursor_signed_with_another_key_is_invalid_cursor) {
    const auto cursor = encode(positions()[0]);
    for (const std::string& key :
         std::vector<std::string>{kKey + "x", kKey.substr(0, kKey.size() - 1), std::string(kKey.size(), 'k'), "k"}) {
        BOOST_TEST(outcome([&] { decode_cursor(cursor, kBinding, kIssued, kTimeout, key); }) == "invalidCursor/400", key);
    }
    const auto other = encode_cursor(positions()[0], kBinding, kIssued, "another-key");
    BOOST_TEST(other != cursor);
    BOOST_TEST(outcome_of(other) == "invalidCursor/400");
}

// RFC 9865 §4: cursorTimeout is "the minimum number of seconds that a cursor is valid between
// page requests"; older than that is expiredCursor (§2.1 Table 3).
BOOST_AUTO_TEST_CASE(cursor_older_than_the_timeout_is_expired_cursor) {
    const auto cursor = encode(positions()[0]);
    auto at = [&](long long now, long long timeout = kTimeout) {
        return outcome([&] { decode_cursor(cursor, kBinding, now, timeout, kKey); });
    };
    BOOST_TEST(at(kIssued + kTimeout + 1) == "expiredCursor/400");
    BOOST_TEST(at(kIssued + 100 * kTimeout) == "expiredCursor/400");
    BOOST_TEST(at(kIssued + 2, 1) == "expiredCursor/400");
}

BOOST_AUTO_TEST_CASE(cursor_just_within_the_timeout_decodes) {
    const auto position = positions()[3];
    const auto cursor = encode(position);
    BOOST_TEST((decode_cursor(cursor, kBinding, kIssued, kTimeout, kKey) == position));
    BOOST_TEST((decode_cursor(cursor, kBinding, kIssued + kTimeout - 1, kTimeout, kKey) == position));
    BOOST_TEST((decode_cursor(cursor, kBinding, kIssued + kTimeout, kTimeout, kKey) == position));
    BOOST_TEST((decode_cursor(cursor, kBinding, kIssued + 1, 1, kKey) == position));
}

// Authenticity comes first: an old cursor that is also forged, foreign or signed with another
// key is not a cursor of this server at all.
BOOST_AUTO_TEST_CASE(expired_and_otherwise_invalid_is_invalid_cursor) {
    const auto cursor = encode(positions()[0]);
    const long long late = kIssued + 10 * kTimeout;
    std::string changed = cursor;
    changed[changed.size() / 2] = changed[changed.size() / 2] == 'A' ? 'B' : 'A';
    BOOST_TEST(outcome([&] { decode_cursor(changed, kBinding, late, kTimeout, kKey); }) == "invalidCursor/400");
    BOOST_TEST(outcome([&] { decode_cursor(cursor, {"another-org", kBinding.query}, late, kTimeout, kKey); }) ==
               "invalidCursor/400");
    BOOST_TEST(outcome([&] { decode_cursor(cursor, {kBinding.org_id, "another query"}, late, kTimeout, kKey); }) ==
               "invalidCursor/400");
    BOOST_TEST(outcome([&] { decode_cursor(cursor, kBinding, late, kTimeout, "another-key"); }) == "invalidCursor/400");
}

BOOST_AUTO_TEST_CASE(empty_and_garbage_text_is_invalid_cursor) {
    const std::vector<std::string> garbage = {"",
                                              "A",
                                              "AA",
                                              "AAAA",
                                              "====",
                                              "not a cursor",
                                              "!!!!",
                                              "-_.~",
                                              "e30",   // base64url of "{}"
                                              "bnVsbA",  // base64url of "null"
                                              "é",
                                              std::string("ab\0cd", 5),
                                              std::string(5000, 'A'),
                                              std::string(5001, '_'),
                                              "%41%41%41%41",
                                              "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJpZCI6IngifQ."};
    for (const auto& text : garbage) BOOST_TEST(outcome_of(text) == "invalidCursor/400", "\"" << text << "\"");
    // Half of a real cursor, and a real one with its halves swapped.
    const auto cursor = encode(positions()[0]);
    BOOST_TEST(outcome_of(cursor.substr(0, cursor.size() / 2)) == "invalidCursor/400");
    BOOST_TEST(outcome_of(cursor.substr(cursor.size() / 2) + cursor.substr(0, cursor.size() / 2)) == "invalidCursor/400");
}

BOOST_AUTO_TEST_SUITE_END()
