// The integration-test module: HTTPS through nginx into the workers and PostgreSQL.
#define BOOST_TEST_MODULE scim_integration
#include <boost/test/unit_test.hpp>
