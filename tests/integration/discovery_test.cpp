// Discovery (RFC 7644 §4, RFC 7643 §5–§7) describes exactly what the server does.
#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

BOOST_AUTO_TEST_SUITE(discovery_test)

BOOST_AUTO_TEST_CASE(service_provider_config_has_rfc7643_section5_shape) {
    const auto& t = demo_tenant();
    auto result = get(t, "/ServiceProviderConfig");
    BOOST_TEST_REQUIRE(result.status == 200);
    const auto& c = result.json;
    BOOST_TEST(c["schemas"][0].asString() == "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
    for (const char* feature : {"patch", "bulk", "filter", "changePassword", "sort", "etag"}) {
        BOOST_TEST(c[feature]["supported"].isBool(), feature);
    }
    // RFC 7644 §3.7.4 defaults (the server's SCIM_BULK_MAX_* settings).
    BOOST_TEST(c["bulk"]["maxOperations"].asInt() == 1000);
    BOOST_TEST(c["bulk"]["maxPayloadSize"].asInt64() == 1024 * 1024);
    BOOST_TEST(c["filter"]["maxResults"].asInt() > 0);
    BOOST_TEST(c["etag"]["supported"].asBool());
    BOOST_TEST(c["authenticationSchemes"][0]["type"].asString() == "oauthbearertoken");
    BOOST_TEST(c["meta"]["resourceType"].asString() == "ServiceProviderConfig");
    BOOST_TEST(c["meta"]["location"].asString() == t.base_url + "/ServiceProviderConfig");
}

BOOST_AUTO_TEST_CASE(advertised_features_answer_as_advertised) {
    const auto& t = demo_tenant();
    const auto c = get(t, "/ServiceProviderConfig").json;
    // Each "supported": false must really be unsupported, and each true must work.
    long patch_status = request("PATCH", t.base_url + "/Users/00000000-0000-4000-8000-000000000000", t.token,
                                R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]})",
                                {"Content-Type: application/scim+json"})
                            .status;
    BOOST_TEST((patch_status == 501) == !c["patch"]["supported"].asBool());
    long filter_status = get(t, "/Users?filter=userName%20eq%20%22x%22").status;
    BOOST_TEST((filter_status == 400) == !c["filter"]["supported"].asBool());
    long bulk_status = request("POST", t.base_url + "/Bulk", t.token,
                               R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[]})",
                               {"Content-Type: application/scim+json"})
                           .status;
    BOOST_TEST((bulk_status == 200) == c["bulk"]["supported"].asBool());
    long cursor_status = get(t, "/Users?cursor=&count=1").status;
    BOOST_TEST((cursor_status == 200) == c["pagination"]["cursor"].asBool());
}

BOOST_AUTO_TEST_CASE(resource_types_list_user_with_enterprise_extension) {
    const auto& t = demo_tenant();
    auto result = get(t, "/ResourceTypes");
    BOOST_TEST_REQUIRE(result.status == 200);
    BOOST_TEST(result.json["schemas"][0].asString() == "urn:ietf:params:scim:api:messages:2.0:ListResponse");
    BOOST_TEST(result.json["totalResults"].asInt() == static_cast<int>(result.json["Resources"].size()));
    const Json::Value* user = nullptr;
    for (const auto& type : result.json["Resources"]) {
        if (type["id"].asString() == "User") user = &type;
    }
    BOOST_TEST_REQUIRE(user != nullptr);
    BOOST_TEST((*user)["endpoint"].asString() == "/Users");
    BOOST_TEST((*user)["schema"].asString() == "urn:ietf:params:scim:schemas:core:2.0:User");
    BOOST_TEST((*user)["schemaExtensions"][0]["schema"].asString() ==
               "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    BOOST_TEST((*user)["schemaExtensions"][0]["required"].asBool() == false);
    BOOST_TEST((*user)["meta"]["location"].asString() == t.base_url + "/ResourceTypes/User");

    auto single = get(t, "/ResourceTypes/User");
    BOOST_TEST(single.status == 200);
    BOOST_TEST(single.json == *user);
    check_scim_error(get(t, "/ResourceTypes/Printer"), 404);
}

BOOST_AUTO_TEST_CASE(every_listed_resource_type_endpoint_answers) {
    const auto& t = demo_tenant();
    auto types = get(t, "/ResourceTypes");
    BOOST_TEST(types.json["Resources"].size() == 2u);
    for (const auto& type : types.json["Resources"]) {
        BOOST_TEST(get(t, type["endpoint"].asString()).status == 200, type["endpoint"].asString());
    }
}

BOOST_AUTO_TEST_CASE(schemas_describe_user_attributes) {
    const auto& t = demo_tenant();
    auto list = get(t, "/Schemas");
    BOOST_TEST_REQUIRE(list.status == 200);
    BOOST_TEST(list.json["totalResults"].asInt() >= 2);
    auto user = get(t, "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
    BOOST_TEST_REQUIRE(user.status == 200);
    BOOST_TEST(user.json["id"].asString() == "urn:ietf:params:scim:schemas:core:2.0:User");
    BOOST_TEST(user.json["meta"]["resourceType"].asString() == "Schema");
    bool saw_user_name = false, saw_password = false;
    for (const auto& attribute : user.json["attributes"]) {
        if (attribute["name"].asString() == "userName") {
            saw_user_name = true;
            BOOST_TEST(attribute["required"].asBool());
            BOOST_TEST(attribute["uniqueness"].asString() == "server");
            BOOST_TEST(attribute["caseExact"].asBool() == false);
        }
        if (attribute["name"].asString() == "password") {
            saw_password = true;
            BOOST_TEST(attribute["mutability"].asString() == "writeOnly");
            BOOST_TEST(attribute["returned"].asString() == "never");
        }
    }
    BOOST_TEST(saw_user_name);
    BOOST_TEST(saw_password);
    auto enterprise = get(t, "/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    BOOST_TEST(enterprise.status == 200);
    check_scim_error(get(t, "/Schemas/urn:example:nothing"), 404);
}

BOOST_AUTO_TEST_SUITE_END()
