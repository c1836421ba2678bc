#include "scim/datetime.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(datetime_test)

BOOST_AUTO_TEST_CASE(xsd_datetime_forms_from_rfc7643_examples) {
    for (std::string ok : {"2008-01-23T04:56:22Z", "2011-05-13T04:42:34Z", "2010-01-23T04:56:22.123Z",
                           "2010-01-23T04:56:22+02:00", "2010-01-23T04:56:22"}) {
        BOOST_TEST(scim::is_valid_datetime(ok), ok);
    }
}

BOOST_AUTO_TEST_CASE(malformed_datetimes_are_refused) {
    for (std::string bad : {"", "2008-01-23", "2008-13-23T04:56:22Z", "2008-01-23 04:56:22Z", "2008-01-23T24:00:00Z",
                            "2008-01-23T04:56:22.Z", "2008-01-23T04:56:22+2:00", "yesterday", "2008-01-23T04:56:22Zjunk",
                            // XML Schema 1.0 has no year 0000 (and PostgreSQL cannot store it).
                            "0000-01-01T00:00:00Z"}) {
        BOOST_TEST(!scim::is_valid_datetime(bad), bad);
    }
}

BOOST_AUTO_TEST_SUITE_END()
