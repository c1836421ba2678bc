#include "scim/error.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(error_test)

BOOST_AUTO_TEST_CASE(error_resource_has_rfc7644_3_12_shape) {
    // RFC 7644 §3.12 example: {"schemas":[...Error],"scimType":"mutability","detail":"...","status":"400"}
    auto json = scim::ScimError::mutability("Attribute 'id' is readOnly").to_json();
    BOOST_TEST(json["schemas"].size() == 1u);
    BOOST_TEST(json["schemas"][0].asString() == "urn:ietf:params:scim:api:messages:2.0:Error");
    BOOST_TEST(json["status"].isString());
    BOOST_TEST(json["status"].asString() == "400");
    BOOST_TEST(json["scimType"].asString() == "mutability");
    BOOST_TEST(json["detail"].asString() == "Attribute 'id' is readOnly");
}

BOOST_AUTO_TEST_CASE(named_constructors_use_rfc_statuses_and_scim_types) {
    BOOST_TEST(scim::ScimError::uniqueness("").status() == 409);
    BOOST_TEST(scim::ScimError::uniqueness("").scim_type() == "uniqueness");
    BOOST_TEST(scim::ScimError::invalid_filter("").scim_type() == "invalidFilter");
    BOOST_TEST(scim::ScimError::invalid_version("").scim_type() == "invalidVers");
    BOOST_TEST(scim::ScimError::too_many("").scim_type() == "tooMany");
    BOOST_TEST(scim::ScimError::no_target("").scim_type() == "noTarget");
    BOOST_TEST(scim::ScimError::sensitive("").status() == 403);
    BOOST_TEST(scim::ScimError::not_found("").status() == 404);
    BOOST_TEST(!scim::ScimError::not_found("").to_json().isMember("scimType"));
    BOOST_TEST(scim::ScimError::precondition_failed("").status() == 412);
    BOOST_TEST(scim::ScimError::payload_too_large("").status() == 413);
    BOOST_TEST(scim::ScimError::not_implemented("").status() == 501);
    BOOST_TEST(scim::ScimError::unavailable("").status() == 503);
}

BOOST_AUTO_TEST_SUITE_END()
