// The unit-test module: every tests/unit/**/*_test.cpp file adds its suites to it.
#define BOOST_TEST_MODULE scim_unit
#include <boost/test/unit_test.hpp>
