#include "util/crypto.h"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(crypto_test)

BOOST_AUTO_TEST_CASE(sha256_matches_fips180_test_vectors) {
    BOOST_TEST(util::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(util::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

BOOST_AUTO_TEST_CASE(tokens_carry_256_random_bits_in_base64url) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        std::string token = util::generate_token();
        BOOST_TEST(token.rfind("scim_", 0) == 0u);
        BOOST_TEST(token.size() == 5u + 43u);
        BOOST_TEST(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 5) ==
                   std::string::npos);
        seen.insert(token);
    }
    BOOST_TEST(seen.size() == 100u);
}

BOOST_AUTO_TEST_CASE(password_hash_is_argon2id_salted_and_verifies) {
    std::string first = util::hash_password("t1meMa$heen");
    std::string second = util::hash_password("t1meMa$heen");
    BOOST_TEST(first.rfind("$argon2id$", 0) == 0u);
    BOOST_TEST(first != second);
    BOOST_TEST(first.find("t1meMa$heen") == std::string::npos);
    BOOST_TEST(util::verify_password("t1meMa$heen", first));
    BOOST_TEST(!util::verify_password("t1meMa$heeN", first));
}

namespace {

std::string hex(const std::string& bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0x0F]);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(base64url_matches_rfc4648_10_test_vectors_without_padding) {
    // RFC 4648 §10 ("" "Zg==" "Zm8=" "Zm9v" "Zm9vYg==" "Zm9vYmE=" "Zm9vYmFy"), unpadded.
    const std::vector<std::pair<std::string, std::string>> vectors = {
        {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},        {"foo", "Zm9v"},
        {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [bytes, text] : vectors) {
        BOOST_TEST(util::base64url_encode(bytes) == text);
        std::optional<std::string> decoded = util::base64url_decode(text);
        BOOST_TEST_REQUIRE(decoded.has_value(), text);
        BOOST_TEST(*decoded == bytes);
    }
}

BOOST_AUTO_TEST_CASE(base64url_uses_the_url_safe_alphabet) {
    // RFC 4648 §5: 62 is '-' and 63 is '_' (standard base64 has '+' and '/').
    BOOST_TEST(util::base64url_encode("\xfb\xff\xbf") == "-_-_");
    BOOST_TEST(util::base64url_encode("\xfb\xff") == "-_8");
    BOOST_TEST(util::base64url_encode("\xff\xff\xff") == "____");
    BOOST_TEST(util::base64url_encode(std::string("\0\0\0", 3)) == "AAAA");
    BOOST_TEST(util::base64url_decode("-_-_").value_or("") == "\xfb\xff\xbf");
    BOOST_TEST(util::base64url_decode("-_8").value_or("") == "\xfb\xff");
    BOOST_TEST(util::base64url_decode("AAAA").value_or("") == std::string("\0\0\0", 3));
}

BOOST_AUTO_TEST_CASE(base64url_round_trips_every_byte_at_every_length_mod_3) {
    std::string all;
    for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
    for (std::size_t length : {all.size(), all.size() - 1, all.size() - 2}) {
        const std::string bytes = all.substr(0, length);
        const std::string text = util::base64url_encode(bytes);
        BOOST_TEST(text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
                   std::string::npos);
        BOOST_TEST(util::base64url_decode(text).value_or("") == bytes);
    }
}

BOOST_AUTO_TEST_CASE(base64url_decode_rejects_anything_but_canonical_unpadded_base64url) {
    for (const std::string text : {
             "Zg==", "Zm8=", "Zg=", "Zm9vYg==", "=",   // padding
             "+/8", "Zm+v", "Zm/v", "-_+_",           // the standard alphabet's 62 and 63
             " Zm9", "Zm9\n", "Zm 9", "Zm9v\r\nYmFy", "Zm9v\tYg", "\tZm9vYmF", "Zm9v YmFy",  // whitespace
             "Zh", "Zm9", "Zm9vYh", "Zm9vYmF",        // non-zero trailing bits: not canonical
             "A", "Zm9vY", "Zm9vYmFyZ",               // a length no encoding has
             "Zm9*", "Zm9.", "Zm9v!mFy", "Zm9v\xc3\xa9"}) {  // not in the alphabet
        BOOST_TEST(!util::base64url_decode(text).has_value(), "accepted \"" << text << "\"");
    }
    BOOST_TEST(!util::base64url_decode(std::string("Zm9\0", 4)).has_value());
    BOOST_TEST(util::base64url_decode("").has_value());
    BOOST_TEST(util::base64url_decode("").value_or("x").empty());
}

BOOST_AUTO_TEST_CASE(hmac_sha256_matches_rfc4231_test_cases_1_and_2) {
    // RFC 4231 §4.2: key 0x0b x 20, data "Hi There".
    const std::string mac1 = util::hmac_sha256(std::string(20, '\x0b'), "Hi There");
    BOOST_TEST(mac1.size() == 32u);
    BOOST_TEST(hex(mac1) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
    const std::string mac2 = util::hmac_sha256("Jefe", "what do ya want for nothing?");
    BOOST_TEST(mac2.size() == 32u);
    BOOST_TEST(hex(mac2) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(hmac_sha256_depends_on_key_and_data) {
    const std::string mac = util::hmac_sha256("Jefe", "what do ya want for nothing?");
    BOOST_TEST(util::hmac_sha256("Jefe", "what do ya want for nothing?") == mac);
    BOOST_TEST(util::hmac_sha256("jefe", "what do ya want for nothing?") != mac);
    BOOST_TEST(util::hmac_sha256("Jefe", "what do ya want for nothing!") != mac);
    BOOST_TEST(util::hmac_sha256("", "").size() == 32u);
}

BOOST_AUTO_TEST_CASE(equal_in_constant_time_compares_every_byte_and_the_length) {
    const std::string mac = util::hmac_sha256("Jefe", "what do ya want for nothing?");
    BOOST_TEST(util::equal_in_constant_time(mac, mac));
    BOOST_TEST(util::equal_in_constant_time(mac, util::hmac_sha256("Jefe", "what do ya want for nothing?")));
    std::string first_differs = mac;
    first_differs.front() = static_cast<char>(first_differs.front() ^ 0x01);
    std::string last_differs = mac;
    last_differs.back() = static_cast<char>(last_differs.back() ^ 0x80);
    BOOST_TEST(!util::equal_in_constant_time(mac, first_differs));
    BOOST_TEST(!util::equal_in_constant_time(mac, last_differs));
    BOOST_TEST(!util::equal_in_constant_time(mac, mac.substr(0, 31)));
    BOOST_TEST(!util::equal_in_constant_time(mac.substr(0, 31), mac));
    BOOST_TEST(!util::equal_in_constant_time(mac, mac + '\0'));
    BOOST_TEST(!util::equal_in_constant_time("", mac));
    BOOST_TEST(util::equal_in_constant_time("", ""));
    BOOST_TEST(!util::equal_in_constant_time(std::string("a\0b", 3), std::string("a\0c", 3)));
    BOOST_TEST(util::equal_in_constant_time(std::string("a\0b", 3), std::string("a\0b", 3)));
}

BOOST_AUTO_TEST_SUITE_END()
