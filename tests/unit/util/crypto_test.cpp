#include "util/crypto.h"

#include <set>

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

BOOST_AUTO_TEST_SUITE_END()
