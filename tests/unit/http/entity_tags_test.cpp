// If-Match / If-None-Match lists (RFC 9110 §13.1.1-2) compared weakly, as RFC 7644 §3.14's
// examples need (they send the server's weak tag back in If-Match).
#include "http/entity_tags.h"

#include <boost/test/unit_test.hpp>

using http::entity_tags_match;

BOOST_AUTO_TEST_SUITE(entity_tags_test)

BOOST_AUTO_TEST_CASE(rfc7644_section_3_14_weak_tag_matches) {
    BOOST_TEST(entity_tags_match(R"(W/"e180ee84f0671b1")", R"("e180ee84f0671b1")"));
    BOOST_TEST(entity_tags_match(R"("e180ee84f0671b1")", R"("e180ee84f0671b1")"));
    BOOST_TEST(!entity_tags_match(R"(W/"e180ee84f0671b2")", R"("e180ee84f0671b1")"));
}

BOOST_AUTO_TEST_CASE(lists_and_star) {
    BOOST_TEST(entity_tags_match("*", R"("3")"));
    BOOST_TEST(entity_tags_match(" * ", R"("3")"));
    BOOST_TEST(entity_tags_match(R"("1", W/"3")", R"("3")"));
    BOOST_TEST(entity_tags_match(R"("1",W/"2" ,  "3")", R"("3")"));
    BOOST_TEST(!entity_tags_match(R"("1", W/"2")", R"("3")"));
    BOOST_TEST(!entity_tags_match(R"("3,4")", R"("3")"));   // one tag holding a comma
    BOOST_TEST(entity_tags_match(R"("3,4")", R"("3,4")"));
    BOOST_TEST(!entity_tags_match("", R"("3")"));
    BOOST_TEST(!entity_tags_match(",,", R"("3")"));
    BOOST_TEST(!entity_tags_match(R"("*")", R"("3")"));
}

BOOST_AUTO_TEST_CASE(unquoted_tags_as_some_clients_send_them) {
    BOOST_TEST(entity_tags_match("3", R"("3")"));
    BOOST_TEST(entity_tags_match("W/3", R"("3")"));
    BOOST_TEST(!entity_tags_match("33", R"("3")"));
}

BOOST_AUTO_TEST_SUITE_END()
