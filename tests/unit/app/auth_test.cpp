#include "app/auth.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(auth_test)

BOOST_AUTO_TEST_CASE(bearer_scheme_is_case_insensitive_rfc6750) {
    BOOST_TEST(app::bearer_token("Bearer abc.DEF-123_~+/=") == "abc.DEF-123_~+/=");
    BOOST_TEST(app::bearer_token("bearer tok") == "tok");
    BOOST_TEST(app::bearer_token("BEARER tok") == "tok");
}

BOOST_AUTO_TEST_CASE(other_schemes_and_malformed_tokens_yield_nothing) {
    for (std::string header : {"", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "Bearer a b",
                               "Bearer ' OR 1=1 --", "Bearer tok\"en", "Bearerabc"}) {
        BOOST_TEST(app::bearer_token(header).empty(), header);
    }
    BOOST_TEST(app::bearer_token("Bearer " + std::string(600, 'a')).empty());
}

BOOST_AUTO_TEST_SUITE_END()
