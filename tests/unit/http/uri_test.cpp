#include "http/uri.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(uri_test)

BOOST_AUTO_TEST_CASE(percent_decoding) {
    BOOST_TEST(*http::percent_decode("a%20b", false) == "a b");
    BOOST_TEST(*http::percent_decode("a+b", false) == "a+b");
    BOOST_TEST(*http::percent_decode("a+b", true) == "a b");
    BOOST_TEST(*http::percent_decode("%E2%82%AC", false) == "\xE2\x82\xAC");
    BOOST_TEST(!http::percent_decode("%", false));
    BOOST_TEST(!http::percent_decode("%4", false));
    BOOST_TEST(!http::percent_decode("%zz", false));
    BOOST_TEST(!http::percent_decode("%00", false));
}

BOOST_AUTO_TEST_CASE(query_parameters_in_order) {
    auto params = http::parse_query("filter=userName%20eq%20%22bjensen%22&startIndex=1&count=10&flag");
    BOOST_TEST_REQUIRE(params.has_value());
    BOOST_TEST(params->size() == 4u);
    BOOST_TEST((*params)[0].first == "filter");
    BOOST_TEST((*params)[0].second == "userName eq \"bjensen\"");
    BOOST_TEST((*params)[2].second == "10");
    BOOST_TEST((*params)[3].first == "flag");
    BOOST_TEST((*params)[3].second == "");
    BOOST_TEST(!http::parse_query("a=%ZZ"));
}

BOOST_AUTO_TEST_SUITE_END()
