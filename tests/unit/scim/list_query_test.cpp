#include "scim/list_query.h"

#include <boost/test/unit_test.hpp>

#include "scim/error.h"

using scim::parse_list_query;

BOOST_AUTO_TEST_SUITE(list_query_test)

BOOST_AUTO_TEST_CASE(defaults_are_first_page_of_max_results) {
    auto q = parse_list_query({}, 100);
    BOOST_TEST(q.start_index == 1);
    BOOST_TEST(q.count == 100);
}

BOOST_AUTO_TEST_CASE(rfc7644_3_4_2_4_bounds) {
    BOOST_TEST(parse_list_query({{"startIndex", "0"}}, 100).start_index == 1);
    BOOST_TEST(parse_list_query({{"startIndex", "-5"}}, 100).start_index == 1);
    BOOST_TEST(parse_list_query({{"startIndex", "7"}}, 100).start_index == 7);
    BOOST_TEST(parse_list_query({{"count", "-1"}}, 100).count == 0);
    BOOST_TEST(parse_list_query({{"count", "0"}}, 100).count == 0);
    BOOST_TEST(parse_list_query({{"count", "5000"}}, 100).count == 100);
    BOOST_TEST(parse_list_query({{"count", "99999999999999999999999"}}, 100).count == 100);
    BOOST_TEST(parse_list_query({{"COUNT", "3"}}, 100).count == 3);
}

BOOST_AUTO_TEST_CASE(non_integers_are_invalid_value) {
    for (std::string bad : {"abc", "1.5", "", "10abc", " 1"}) {
        try {
            parse_list_query({{"count", bad}}, 100);
            BOOST_FAIL("accepted count=" + bad);
        } catch (const scim::ScimError& e) {
            BOOST_TEST(e.status() == 400);
            BOOST_TEST(e.scim_type() == "invalidValue");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
