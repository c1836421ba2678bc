// The BulkRequest message of RFC 7644 §3.7 read into operations (RFC example first, then every
// rejected body), and the BulkResponse written from the results of the operations that ran.
#include "scim/bulk/bulk_request.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "scim/error.h"
#include "scim/json.h"

namespace {

using scim::ScimError;
using scim::bulk::BulkRequest;
using scim::bulk::Outcome;
using scim::bulk::parse_bulk_request;
using scim::bulk::Result;

const std::string kSchemas = R"("schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"])";
const std::string kBase = "https://example.com/scim/v2";

BulkRequest parse(const std::string& body, int max_operations = 1000) {
    return parse_bulk_request(scim::json::parse_body(body), max_operations);
}

// A body with the BulkRequest schema, the given Operations and more members (each with a leading comma).
std::string body(const std::string& operations, const std::string& more = "") {
    return "{" + kSchemas + more + R"(,"Operations":)" + operations + "}";
}

void check_rejected(const std::vector<std::string>& bodies, int status, const std::string& scim_type) {
    for (const std::string& text : bodies) {
        try {
            parse(text);
            BOOST_ERROR("accepted: " << text);
        } catch (const ScimError& e) {
            BOOST_TEST(e.status() == status, text << " -> " << e.detail());
            BOOST_TEST(e.scim_type() == scim_type, text << " -> " << e.detail());
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bulk_request_test)

BOOST_AUTO_TEST_CASE(rfc7644_3_7_3_example_is_read) {
    auto request = parse(R"j({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
        "failOnErrors":1,
        "Operations":[
          {"method":"POST","path":"/Users","bulkId":"qwerty",
           "data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:User"],"userName":"Alice"}},
          {"method":"PUT","path":"/Users/b7c14771-226c-4d05-8860-134711653041","version":"W/\"3694e05e9dff591\"",
           "data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                   "id":"b7c14771-226c-4d05-8860-134711653041","userName":"Bob"}},
          {"method":"PATCH","path":"/Users/5d8d29d3-342c-4b5f-8683-a3cb6763ffcc","version":"W/\"edac3253e2c0ef2\"",
           "data":[{"op":"remove","path":"nickName"},{"op":"replace","path":"userName","value":"Dave"}]},
          {"method":"DELETE","path":"/Users/e9025315-6bea-44e1-899c-1e07454e468b","version":"W/\"0ee8add0a938e1a\""}
        ]})j");
    BOOST_TEST(request.fail_on_errors == 1);
    BOOST_TEST_REQUIRE(request.operations.size() == 4u);
    for (std::size_t i = 0; i < 4; ++i) BOOST_TEST(request.operations[i].index == i);

    const auto& post = request.operations[0];
    BOOST_TEST(post.method.asString() == "POST");
    BOOST_TEST(post.path.asString() == "/Users");
    BOOST_TEST(post.bulk_id.asString() == "qwerty");
    BOOST_TEST(post.version.isNull());
    BOOST_TEST(post.data["userName"].asString() == "Alice");

    const auto& put = request.operations[1];
    BOOST_TEST(put.method.asString() == "PUT");
    BOOST_TEST(put.bulk_id.isNull());
    BOOST_TEST(put.version.asString() == "W/\"3694e05e9dff591\"");
    BOOST_TEST(put.data["userName"].asString() == "Bob");

    const auto& patch = request.operations[2];
    BOOST_TEST(patch.data.isArray());
    BOOST_TEST(patch.data.size() == 2u);

    const auto& del = request.operations[3];
    BOOST_TEST(del.method.asString() == "DELETE");
    BOOST_TEST(del.path.asString() == "/Users/e9025315-6bea-44e1-899c-1e07454e468b");
    BOOST_TEST(del.data.isNull());
}

BOOST_AUTO_TEST_CASE(fail_on_errors_defaults_to_running_every_operation) {
    BOOST_TEST(parse(body("[]")).fail_on_errors == 0);
    BOOST_TEST(parse(body("[]", R"(,"failOnErrors":null)")).fail_on_errors == 0);
    BOOST_TEST(parse(body("[]", R"(,"failOnErrors":2)")).fail_on_errors == 2);
    BOOST_TEST(parse(body("[]", R"(,"failOnErrors":1000000)")).fail_on_errors == 1000000);
}

BOOST_AUTO_TEST_CASE(member_names_are_case_insensitive) {
    // RFC 7643 §2.1: attribute names are case-insensitive.
    auto request = parse(R"j({"Schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"FAILONERRORS":3,
        "operations":[{"Method":"DELETE","PATH":"/Users/u1","Version":"W/\"1\""},
                      {"method":"POST","path":"/Users","BULKID":"a","Data":{"userName":"a"}}]})j");
    BOOST_TEST(request.fail_on_errors == 3);
    BOOST_TEST_REQUIRE(request.operations.size() == 2u);
    BOOST_TEST(request.operations[0].method.asString() == "DELETE");
    BOOST_TEST(request.operations[0].path.asString() == "/Users/u1");
    BOOST_TEST(request.operations[0].version.asString() == "W/\"1\"");
    BOOST_TEST(request.operations[1].bulk_id.asString() == "a");
    BOOST_TEST(request.operations[1].data["userName"].asString() == "a");
}

BOOST_AUTO_TEST_CASE(operations_that_are_wrong_only_inside_are_left_to_fail_alone) {
    // A bad method, path or data fails its own operation when it runs, not the request.
    auto request = parse(body(R"j([{"method":"GET","path":"/Users/u1"},{"method":"POST"},{},
        {"method":"DELETE","path":7,"bulkId":7}])j"));
    BOOST_TEST_REQUIRE(request.operations.size() == 4u);
    BOOST_TEST(request.operations[0].method.asString() == "GET");
    BOOST_TEST(request.operations[1].path.isNull());
    BOOST_TEST(request.operations[2].method.isNull());
    BOOST_TEST(request.operations[3].path.isInt());
}

BOOST_AUTO_TEST_CASE(bodies_that_are_not_a_bulk_request_are_invalid_syntax) {
    check_rejected(
        {
            "[]",
            R"("BulkRequest")",
            R"({"Operations":[]})",
            R"({"schemas":[],"Operations":[]})",
            R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]})",
            R"({"schemas":"urn:ietf:params:scim:api:messages:2.0:BulkRequest","Operations":[]})",
            R"({"schemas":null,"Operations":[]})",
            "{" + kSchemas + "}",
            body("null"),
            body("{}"),
            body(R"("POST")"),
            body("7"),
            body(R"j({"method":"DELETE","path":"/Users/u1"})j"),
        },
        400, "invalidSyntax");
}

BOOST_AUTO_TEST_CASE(an_operation_that_is_not_an_object_is_invalid_syntax) {
    check_rejected(
        {
            body("[null]"),
            body("[7]"),
            body(R"(["DELETE /Users/u1"])"),
            body(R"j([{"method":"DELETE","path":"/Users/u1"},[]])j"),
        },
        400, "invalidSyntax");
}

BOOST_AUTO_TEST_CASE(a_bulk_id_given_twice_is_invalid_syntax) {
    // RFC 7644 §3.7: bulkId is "unique within a bulk request".
    check_rejected(
        {
            body(R"j([{"method":"POST","path":"/Users","bulkId":"qwerty","data":{"userName":"a"}},
                      {"method":"POST","path":"/Users","bulkId":"qwerty","data":{"userName":"b"}}])j"),
            body(R"j([{"method":"POST","path":"/Users","bulkId":"x","data":{"userName":"a"}},
                      {"method":"DELETE","path":"/Users/u1"},
                      {"method":"POST","path":"/Groups","bulkId":"x","data":{"displayName":"G"}}])j"),
        },
        400, "invalidSyntax");
    auto distinct = parse(body(R"j([{"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"a"}},
                                    {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"b"}}])j"));
    BOOST_TEST(distinct.operations.size() == 2u);
}

BOOST_AUTO_TEST_CASE(fail_on_errors_that_is_not_a_positive_integer_is_invalid_value) {
    std::vector<std::string> bodies;
    for (const std::string value : {"0", "-1", "1.5", "\"x\"", "\"1\"", "true", "[1]", "{}"}) {
        bodies.push_back(body("[]", R"(,"failOnErrors":)" + value));
    }
    check_rejected(bodies, 400, "invalidValue");
}

BOOST_AUTO_TEST_CASE(more_operations_than_max_operations_is_413_naming_max_operations) {
    // RFC 7644 §3.7.4: over the limit, HTTP 413 (Payload Too Large).
    const std::string three = body(R"j([{"method":"DELETE","path":"/Users/u1"},
        {"method":"DELETE","path":"/Users/u2"},{"method":"DELETE","path":"/Users/u3"}])j");
    BOOST_TEST(parse(three, 3).operations.size() == 3u);
    try {
        parse(three, 2);
        BOOST_ERROR("three operations accepted with maxOperations 2");
    } catch (const ScimError& e) {
        BOOST_TEST(e.status() == 413);
        BOOST_TEST(e.detail().find("maxOperations") != std::string::npos, e.detail());
        BOOST_TEST(e.to_json()["status"].asString() == "413");
    }
}

BOOST_AUTO_TEST_CASE(bulk_response_has_the_bulk_response_schema) {
    auto request = parse(body("[]"));
    Json::Value response = scim::bulk::bulk_response(request, {});
    BOOST_TEST_REQUIRE(response["schemas"].isArray());
    BOOST_TEST(response["schemas"].size() == 1u);
    BOOST_TEST(response["schemas"][0].asString() == "urn:ietf:params:scim:api:messages:2.0:BulkResponse");
    BOOST_TEST(response["Operations"].isArray());
    BOOST_TEST(response["Operations"].size() == 0u);
}

BOOST_AUTO_TEST_CASE(bulk_response_entries_say_what_each_operation_did) {
    // RFC 7644 §3.7.3: status as a string; bulkId of a POST; version and location of a success;
    // no location for a failed POST; the SCIM error as "response" of a failure.
    auto request = parse(body(R"j([
        {"method":"POST","path":"/Users","bulkId":"qwerty","data":{"userName":"Alice"}},
        {"method":"POST","path":"/Users","bulkId":"ytrewq","data":{"userName":"Alice"}},
        {"method":"PUT","path":"/Users/b7c14771","version":"W/\"1\"","data":{"userName":"Bob"}},
        {"method":"DELETE","path":"/Users/e9025315"},
        {"method":"PATCH","path":"/Users/missing","data":[{"op":"remove","path":"nickName"}]}
    ])j"));
    const Json::Value taken = ScimError::uniqueness("userName 'Alice' is taken").to_json();
    const Json::Value gone = ScimError::not_found("Resource missing not found").to_json();
    std::vector<Result> results = {
        {0, Outcome{201, kBase + "/Users/92b725cd", "W/\"oY4m4wn58tkVjJxK\"", "92b725cd", Json::Value()}},
        {1, Outcome{409, "", "", "", taken}},
        {2, Outcome{200, kBase + "/Users/b7c14771", "W/\"2\"", "", Json::Value()}},
        {3, Outcome{204, kBase + "/Users/e9025315", "", "", Json::Value()}},
        {4, Outcome{404, kBase + "/Users/missing", "", "", gone}},
    };
    Json::Value response = scim::bulk::bulk_response(request, results);
    const Json::Value& entries = response["Operations"];
    BOOST_TEST_REQUIRE(entries.size() == 5u);

    const Json::Value& created = entries[0];
    BOOST_TEST(created["method"].asString() == "POST");
    BOOST_TEST(created["bulkId"].asString() == "qwerty");
    BOOST_TEST(created["location"].asString() == kBase + "/Users/92b725cd");
    BOOST_TEST(created["version"].asString() == "W/\"oY4m4wn58tkVjJxK\"");
    BOOST_TEST(created["status"].isString());
    BOOST_TEST(created["status"].asString() == "201");
    BOOST_TEST(!created.isMember("response"));

    const Json::Value& refused = entries[1];
    BOOST_TEST(refused["bulkId"].asString() == "ytrewq");
    BOOST_TEST(!refused.isMember("location"));
    BOOST_TEST(!refused.isMember("version"));
    BOOST_TEST(refused["status"].asString() == "409");
    BOOST_TEST((refused["response"] == taken));

    const Json::Value& replaced = entries[2];
    BOOST_TEST(replaced["method"].asString() == "PUT");
    BOOST_TEST(!replaced.isMember("bulkId"));
    BOOST_TEST(replaced["version"].asString() == "W/\"2\"");
    BOOST_TEST(replaced["location"].asString() == kBase + "/Users/b7c14771");
    BOOST_TEST(replaced["status"].asString() == "200");
    BOOST_TEST(!replaced.isMember("response"));

    const Json::Value& deleted = entries[3];
    BOOST_TEST(deleted["method"].asString() == "DELETE");
    BOOST_TEST(!deleted.isMember("bulkId"));
    BOOST_TEST(!deleted.isMember("version"));
    BOOST_TEST(deleted["location"].asString() == kBase + "/Users/e9025315");
    BOOST_TEST(deleted["status"].asString() == "204");
    BOOST_TEST(!deleted.isMember("response"));

    const Json::Value& missing = entries[4];
    BOOST_TEST(missing["method"].asString() == "PATCH");
    BOOST_TEST(missing["location"].asString() == kBase + "/Users/missing");
    BOOST_TEST(missing["status"].asString() == "404");
    BOOST_TEST(missing["response"]["status"].asString() == "404");
    BOOST_TEST(!missing["response"]["detail"].asString().empty());
}

BOOST_AUTO_TEST_CASE(bulk_response_lists_only_the_operations_that_ran_in_the_order_they_ran) {
    auto request = parse(body(R"j([
        {"method":"PATCH","path":"/Groups/g1","data":[{"op":"add","path":"members","value":[{"value":"bulkId:u"}]}]},
        {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"u"}},
        {"method":"DELETE","path":"/Users/x"}
    ])j"));
    std::vector<Result> results = {
        {1, Outcome{201, kBase + "/Users/id-1", "W/\"1\"", "id-1", Json::Value()}},
        {0, Outcome{200, kBase + "/Groups/g1", "W/\"2\"", "", Json::Value()}},
    };
    const Json::Value entries = scim::bulk::bulk_response(request, results)["Operations"];
    BOOST_TEST_REQUIRE(entries.size() == 2u);
    BOOST_TEST(entries[0]["method"].asString() == "POST");
    BOOST_TEST(entries[0]["bulkId"].asString() == "u");
    BOOST_TEST(entries[1]["method"].asString() == "PATCH");
    BOOST_TEST(entries[1]["location"].asString() == kBase + "/Groups/g1");
}

BOOST_AUTO_TEST_SUITE_END()
