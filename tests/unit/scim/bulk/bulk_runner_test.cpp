// run_bulk (RFC 7644 §3.7): the order operations run in, what each Call carries once its
// "bulkId:" references are replaced, §3.7.1 circles, §3.7.3 failOnErrors, and stop(). The
// Execute callback is a fake that records its Calls and answers with chosen Outcomes.
#include "scim/bulk/bulk_runner.h"

#include <boost/test/unit_test.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scim/bulk/bulk_request.h"
#include "scim/error.h"
#include "scim/json.h"

namespace {

using scim::ScimError;
using scim::bulk::BulkRequest;
using scim::bulk::Call;
using scim::bulk::Outcome;
using scim::bulk::Result;

const std::string kBase = "https://example.com/scim/v2";
const std::string kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const std::string kPatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

// A BulkRequest from the JSON text of its Operations array (and more members, each with a leading comma).
BulkRequest request(const std::string& operations, const std::string& more = "") {
    return scim::bulk::parse_bulk_request(
        scim::json::parse_body(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"])" + more +
                               R"(,"Operations":)" + operations + "}"),
        1000);
}

Outcome failed(const ScimError& error, const std::string& location = "") {
    return {error.status(), location, "", "", error.to_json()};
}

// Records every Call; a POST of operation n creates "id-<n>"; every success gets the version
// W/"v<k>" for the k-th call. failures answer an operation's own (not completion) call.
struct FakeExecute {
    std::vector<Call> calls;
    std::map<std::size_t, Outcome> failures;
    std::optional<Outcome> completion_failure;

    Outcome operator()(const Call& call) {
        calls.push_back(call);
        const std::string version = "W/\"v" + std::to_string(calls.size()) + "\"";
        if (call.completion && completion_failure) return *completion_failure;
        if (!call.completion) {
            if (auto it = failures.find(call.index); it != failures.end()) return it->second;
        }
        if (call.method == "POST") {
            const std::string id = "id-" + std::to_string(call.index);
            return {201, kBase + call.path + "/" + id, version, id, Json::Value()};
        }
        if (call.method == "DELETE") return {204, kBase + call.path, "", "", Json::Value()};
        return {200, kBase + call.path, version, "", Json::Value()};
    }

    std::vector<std::size_t> indices() const {
        std::vector<std::size_t> out;
        for (const Call& call : calls) out.push_back(call.index);
        return out;
    }
};

std::vector<Result> run(const BulkRequest& bulk, FakeExecute& fake,
                        const std::function<bool()>& stop = [] { return false; }) {
    return scim::bulk::run_bulk(
        bulk, kBase, [&fake](const Call& call) { return fake(call); }, stop);
}

std::vector<std::size_t> indices(const std::vector<Result>& results) {
    std::vector<std::size_t> out;
    for (const Result& result : results) out.push_back(result.index);
    return out;
}

const Outcome& outcome_of(const std::vector<Result>& results, std::size_t index) {
    for (const Result& result : results) {
        if (result.index == index) return result.outcome;
    }
    BOOST_FAIL("no result for operation " << index);
    throw;  // unreachable: BOOST_FAIL throws
}

std::string scim_type(const Outcome& outcome) { return outcome.error["scimType"].asString(); }

const Json::Value& data_of(const Call& call) {
    BOOST_REQUIRE(call.data.has_value());
    return *call.data;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bulk_runner_test)

BOOST_AUTO_TEST_CASE(operations_without_references_run_in_request_order) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"qwerty","data":{"userName":"alice"}},
        {"method":"PUT","path":"/Users/b7c14771","version":"W/\"3694e05e9dff591\"","data":{"userName":"bob"}},
        {"method":"PATCH","path":"/Groups/g1","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations":[{"op":"replace","path":"displayName","value":"G"}]}},
        {"method":"DELETE","path":"/Users/e9025315","version":"W/\"0ee8add0a938e1a\""}
    ])j"),
                       fake);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{0, 1, 2, 3}), boost::test_tools::per_element());
    BOOST_TEST(indices(results) == (std::vector<std::size_t>{0, 1, 2, 3}), boost::test_tools::per_element());
    BOOST_REQUIRE(fake.calls.size() == 4u);
    for (const Call& call : fake.calls) BOOST_TEST(!call.completion);

    BOOST_TEST(fake.calls[0].method == "POST");
    BOOST_TEST(fake.calls[0].path == "/Users");
    BOOST_TEST(data_of(fake.calls[0])["userName"].asString() == "alice");
    BOOST_TEST(fake.calls[1].method == "PUT");
    BOOST_TEST(fake.calls[1].path == "/Users/b7c14771");
    BOOST_TEST(fake.calls[1].version.value_or("") == "W/\"3694e05e9dff591\"");
    BOOST_TEST(data_of(fake.calls[1])["userName"].asString() == "bob");
    BOOST_TEST(fake.calls[2].method == "PATCH");
    BOOST_TEST(fake.calls[2].path == "/Groups/g1");
    BOOST_TEST(!fake.calls[2].version.has_value());
    BOOST_TEST(data_of(fake.calls[2])["Operations"][0]["value"].asString() == "G");
    BOOST_TEST(fake.calls[3].method == "DELETE");
    BOOST_TEST(fake.calls[3].path == "/Users/e9025315");
    BOOST_TEST(fake.calls[3].version.value_or("") == "W/\"0ee8add0a938e1a\"");
    BOOST_TEST(!fake.calls[3].data.has_value());

    BOOST_TEST(outcome_of(results, 0).status == 201);
    BOOST_TEST(outcome_of(results, 0).id == "id-0");
    BOOST_TEST(outcome_of(results, 0).location == kBase + "/Users/id-0");
    BOOST_TEST(outcome_of(results, 1).status == 200);
    BOOST_TEST(outcome_of(results, 3).status == 204);
}

BOOST_AUTO_TEST_CASE(a_post_referred_to_by_an_earlier_operation_runs_first_and_only_it_moves) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"a"}},
        {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":"G","members":[{"value":"bulkId:u"}]}},
        {"method":"DELETE","path":"/Users/x"},
        {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"u"}},
        {"method":"PUT","path":"/Users/y","data":{"userName":"y"}}
    ])j"),
                       fake);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{0, 3, 1, 2, 4}), boost::test_tools::per_element());
    BOOST_TEST(indices(results) == (std::vector<std::size_t>{0, 3, 1, 2, 4}), boost::test_tools::per_element());
    BOOST_REQUIRE(fake.calls.size() == 5u);
    BOOST_TEST(data_of(fake.calls[2])["members"][0]["value"].asString() == "id-3");
    for (const Result& result : results) BOOST_TEST(result.outcome.status < 300);
}

BOOST_AUTO_TEST_CASE(bulk_id_references_in_data_are_replaced_at_any_depth) {
    // RFC 7644 §3.7.2: members[].value and, for extensions, the enterprise manager.value.
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"u"}},
        {"method":"POST","path":"/Users","bulkId":"m","data":{"userName":"m"}},
        {"method":"POST","path":"/Users","bulkId":"e","data":{"userName":"e",
            "schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"HR","manager":{"value":"bulkId:m"}}}},
        {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":"see bulkId:u",
            "members":[{"type":"User","value":"bulkId:u"},{"value":"bulkId:e"},{"value":"2819c223"}]}},
        {"method":"PUT","path":"/Groups/g2","data":{"displayName":"G2","members":[{"value":"bulkId:g"}]}}
    ])j"),
                       fake);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{0, 1, 2, 3, 4}), boost::test_tools::per_element());
    BOOST_REQUIRE(fake.calls.size() == 5u);

    const Json::Value& enterprise = data_of(fake.calls[2])[kEnterprise];
    BOOST_TEST(enterprise["manager"]["value"].asString() == "id-1");
    BOOST_TEST(enterprise["department"].asString() == "HR");

    const Json::Value& group = data_of(fake.calls[3]);
    BOOST_TEST(group["members"][0]["value"].asString() == "id-0");
    BOOST_TEST(group["members"][0]["type"].asString() == "User");
    BOOST_TEST(group["members"][1]["value"].asString() == "id-2");
    BOOST_TEST(group["members"][2]["value"].asString() == "2819c223");
    BOOST_TEST(group["displayName"].asString() == "see bulkId:u");  // not a reference: not the whole value

    BOOST_TEST(data_of(fake.calls[4])["members"][0]["value"].asString() == "id-3");
    for (const Result& result : results) BOOST_TEST(result.outcome.status < 300);
}

BOOST_AUTO_TEST_CASE(bulk_id_in_a_patch_path_filter_is_replaced_and_runs_its_post_first) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"PATCH","path":"/Groups/g1","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations":[{"op":"remove","path":"members[value eq \"bulkId:u\"]"}]}},
        {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"u"}}
    ])j"),
                       fake);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{1, 0}), boost::test_tools::per_element());
    BOOST_REQUIRE(fake.calls.size() == 2u);
    BOOST_TEST(data_of(fake.calls[1])["Operations"][0]["path"].asString() == "members[value eq \"id-1\"]");
    BOOST_TEST(outcome_of(results, 0).status == 200);
}

BOOST_AUTO_TEST_CASE(bulk_id_in_an_operation_path_is_replaced) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"DELETE","path":"/Groups/bulkId:g"},
        {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"u"}},
        {"method":"PUT","path":"/Users/bulkId:u","data":{"userName":"u2"}},
        {"method":"PATCH","path":"/Users/bulkId:u","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations":[{"op":"replace","path":"active","value":false}]}},
        {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":"G"}}
    ])j"),
                       fake);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{4, 0, 1, 2, 3}), boost::test_tools::per_element());
    BOOST_REQUIRE(fake.calls.size() == 5u);
    BOOST_TEST(fake.calls[1].path == "/Groups/id-4");
    BOOST_TEST(fake.calls[3].path == "/Users/id-1");
    BOOST_TEST(fake.calls[4].path == "/Users/id-1");
    for (const Result& result : results) BOOST_TEST(result.outcome.status < 300);
}

BOOST_AUTO_TEST_CASE(patch_data_given_as_a_bare_array_is_wrapped_into_a_patch_op_message) {
    // RFC 7644 §3.7.3's example PATCH gives only the Operations array as "data".
    FakeExecute fake;
    run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"u"}},
        {"method":"PATCH","path":"/Groups/g1","data":[{"op":"add","path":"members","value":[{"value":"bulkId:u"}]},
            {"op":"replace","path":"displayName","value":"G"}]}
    ])j"),
        fake);
    BOOST_REQUIRE(fake.calls.size() == 2u);
    const Json::Value& message = data_of(fake.calls[1]);
    BOOST_TEST(message.isObject());
    BOOST_TEST_REQUIRE(message["schemas"].isArray());
    BOOST_TEST(message["schemas"].size() == 1u);
    BOOST_TEST(message["schemas"][0].asString() == kPatchOp);
    BOOST_TEST_REQUIRE(message["Operations"].isArray());
    BOOST_TEST(message["Operations"].size() == 2u);
    BOOST_TEST(message["Operations"][0]["op"].asString() == "add");
    BOOST_TEST(message["Operations"][0]["value"][0]["value"].asString() == "id-0");
    BOOST_TEST(message["Operations"][1]["value"].asString() == "G");
}

BOOST_AUTO_TEST_CASE(an_unknown_bulk_id_is_invalid_value_without_calling_execute) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"PATCH","path":"/Groups/g1","data":[{"op":"add","path":"members","value":[{"value":"bulkId:nope"}]}]},
        {"method":"PATCH","path":"/Groups/g2","data":[{"op":"remove","path":"members[value eq \"bulkId:nope\"]"}]},
        {"method":"DELETE","path":"/Users/bulkId:ghost"},
        {"method":"PUT","path":"/Users/p1","bulkId":"p","data":{"userName":"p"}},
        {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":"G","members":[{"value":"bulkId:p"}]}}
    ])j"),
                       fake);
    // Only the PUT (which refers to nothing) runs: a PUT's bulkId names no created resource.
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{3}), boost::test_tools::per_element());
    for (std::size_t index : {0u, 1u, 2u, 4u}) {
        BOOST_TEST(outcome_of(results, index).status == 400, "operation " << index);
        BOOST_TEST(scim_type(outcome_of(results, index)) == "invalidValue", "operation " << index);
        BOOST_TEST(outcome_of(results, index).error["status"].asString() == "400", "operation " << index);
    }
    // RFC 7644 §3.7.3: a location for every operation except a failed POST.
    BOOST_TEST(outcome_of(results, 0).location == kBase + "/Groups/g1");
    BOOST_TEST(outcome_of(results, 4).location == "");
}

BOOST_AUTO_TEST_CASE(a_reference_to_a_failed_post_is_409_without_running) {
    FakeExecute fake;
    fake.failures[0] = failed(ScimError::uniqueness("userName 'u' is taken"));
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"u"}},
        {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":"G","members":[{"value":"bulkId:u"}]}},
        {"method":"PATCH","path":"/Users/bulkId:u","data":[{"op":"replace","path":"active","value":false}]},
        {"method":"PATCH","path":"/Groups/g1","data":[{"op":"add","path":"members","value":[{"value":"bulkId:u"}]}]},
        {"method":"DELETE","path":"/Users/other"}
    ])j"),
                       fake);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{0, 4}), boost::test_tools::per_element());
    BOOST_TEST(indices(results) == (std::vector<std::size_t>{0, 1, 2, 3, 4}), boost::test_tools::per_element());
    BOOST_TEST(outcome_of(results, 0).status == 409);
    BOOST_TEST(scim_type(outcome_of(results, 0)) == "uniqueness");
    for (std::size_t index : {1u, 2u, 3u}) {
        BOOST_TEST(outcome_of(results, index).status == 409, "operation " << index);
        BOOST_TEST(outcome_of(results, index).error["status"].asString() == "409", "operation " << index);
        BOOST_TEST(outcome_of(results, index).version == "", "operation " << index);
    }
    BOOST_TEST(outcome_of(results, 1).location == "");  // a failed POST has none
    BOOST_TEST(outcome_of(results, 3).location == kBase + "/Groups/g1");
    BOOST_TEST(outcome_of(results, 4).status == 204);
}

BOOST_AUTO_TEST_CASE(users_managing_each_other_are_both_created_and_completed_by_a_patch) {
    // RFC 7644 §3.7.1: circular references MUST be tried; a manager can be set once both exist.
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"a",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:b"}}}},
        {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"b",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D","manager":{"value":"bulkId:a"}}}}
    ])j"),
                       fake);
    BOOST_REQUIRE(fake.calls.size() == 3u);

    const Call& post_b = fake.calls[0];
    BOOST_TEST(post_b.index == 1u);
    BOOST_TEST(!post_b.completion);
    BOOST_TEST(post_b.method == "POST");
    BOOST_TEST(data_of(post_b)["userName"].asString() == "b");
    BOOST_TEST(!data_of(post_b)[kEnterprise].isMember("manager"));
    BOOST_TEST(data_of(post_b)[kEnterprise]["department"].asString() == "R&D");

    const Call& post_a = fake.calls[1];
    BOOST_TEST(post_a.index == 0u);
    BOOST_TEST(!post_a.completion);
    BOOST_TEST(data_of(post_a)[kEnterprise]["manager"]["value"].asString() == "id-1");

    const Call& completion = fake.calls[2];
    BOOST_TEST(completion.index == 1u);
    BOOST_TEST(completion.completion);
    BOOST_TEST(completion.method == "PATCH");
    BOOST_TEST(completion.path == "/Users/id-1");
    const Json::Value& patch = data_of(completion);
    BOOST_TEST_REQUIRE(patch["schemas"].isArray());
    BOOST_TEST(patch["schemas"][0].asString() == kPatchOp);
    BOOST_TEST_REQUIRE(patch["Operations"].size() == 1u);
    const Json::Value& op = patch["Operations"][0];
    BOOST_TEST((op["op"].asString() == "replace" || op["op"].asString() == "add"));
    BOOST_TEST(op["path"].asString().find("manager") != std::string::npos);
    BOOST_TEST(op["value"]["value"].asString() == "id-0");

    BOOST_TEST(indices(results) == (std::vector<std::size_t>{1, 0}), boost::test_tools::per_element());
    BOOST_TEST(outcome_of(results, 0).status == 201);
    BOOST_TEST(outcome_of(results, 1).status == 201);
    BOOST_TEST(outcome_of(results, 1).location == kBase + "/Users/id-1");
    BOOST_TEST(outcome_of(results, 1).version == "W/\"v3\"");  // the completion's, the resource's latest
    BOOST_TEST(outcome_of(results, 1).error.isNull());
}

BOOST_AUTO_TEST_CASE(a_manager_circle_of_three_users_is_broken_once) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"a",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:b"}}}},
        {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"b",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:c"}}}},
        {"method":"POST","path":"/Users","bulkId":"c","data":{"userName":"c",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:a"}}}}
    ])j"),
                       fake);
    BOOST_REQUIRE(fake.calls.size() == 4u);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{2, 1, 0, 2}), boost::test_tools::per_element());
    BOOST_TEST(!data_of(fake.calls[0])[kEnterprise].isMember("manager"));
    BOOST_TEST(data_of(fake.calls[1])[kEnterprise]["manager"]["value"].asString() == "id-2");
    BOOST_TEST(data_of(fake.calls[2])[kEnterprise]["manager"]["value"].asString() == "id-1");
    BOOST_TEST(fake.calls[3].completion);
    BOOST_TEST(fake.calls[3].path == "/Users/id-2");
    BOOST_TEST(data_of(fake.calls[3])["Operations"][0]["value"]["value"].asString() == "id-0");
    BOOST_TEST(results.size() == 3u);
    for (const Result& result : results) BOOST_TEST(result.outcome.status == 201);
}

BOOST_AUTO_TEST_CASE(a_user_managing_itself_is_completed_after_its_post) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"a",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:a"}}}}
    ])j"),
                       fake);
    BOOST_REQUIRE(fake.calls.size() == 2u);
    BOOST_TEST(!data_of(fake.calls[0])[kEnterprise].isMember("manager"));
    BOOST_TEST(fake.calls[1].completion);
    BOOST_TEST(fake.calls[1].path == "/Users/id-0");
    BOOST_TEST(data_of(fake.calls[1])["Operations"][0]["value"]["value"].asString() == "id-0");
    BOOST_REQUIRE(results.size() == 1u);
    BOOST_TEST(results[0].outcome.status == 201);
    BOOST_TEST(results[0].outcome.version == "W/\"v2\"");
}

BOOST_AUTO_TEST_CASE(a_failed_completion_fails_the_post_it_completes) {
    FakeExecute fake;
    fake.completion_failure = failed(ScimError::invalid_value("manager is not a User"));
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"a",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:b"}}}},
        {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"b",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:a"}}}}
    ])j"),
                       fake);
    BOOST_TEST(fake.calls.size() == 3u);
    BOOST_TEST(outcome_of(results, 0).status == 201);
    BOOST_TEST(outcome_of(results, 1).status == 400);
    BOOST_TEST(scim_type(outcome_of(results, 1)) == "invalidValue");
    BOOST_TEST(outcome_of(results, 1).location == kBase + "/Users/id-1");  // it was created
}

BOOST_AUTO_TEST_CASE(when_the_other_post_of_a_manager_circle_fails_the_created_one_is_409) {
    FakeExecute fake;
    fake.failures[0] = failed(ScimError::uniqueness("userName 'a' is taken"));
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"a",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:b"}}}},
        {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"b",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:a"}}}}
    ])j"),
                       fake);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{1, 0}), boost::test_tools::per_element());
    for (const Call& call : fake.calls) BOOST_TEST(!call.completion);
    BOOST_TEST(outcome_of(results, 0).status == 409);
    BOOST_TEST(scim_type(outcome_of(results, 0)) == "uniqueness");
    BOOST_TEST(outcome_of(results, 1).status == 409);
    BOOST_TEST(!outcome_of(results, 1).error.isNull());
    BOOST_TEST(outcome_of(results, 1).location == kBase + "/Users/id-1");  // it was created
}

BOOST_AUTO_TEST_CASE(groups_members_of_each_other_are_both_409_and_nothing_runs) {
    // RFC 7644 §3.7.1 "MAY stop after a failed attempt and instead return HTTP status code 409".
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"POST","path":"/Groups","bulkId":"g1","data":{"displayName":"G1","members":[{"value":"bulkId:g2"}]}},
        {"method":"POST","path":"/Groups","bulkId":"g2","data":{"displayName":"G2","members":[{"value":"bulkId:g1"}]}}
    ])j"),
                       fake);
    BOOST_TEST(fake.calls.empty());
    BOOST_REQUIRE(results.size() == 2u);
    BOOST_TEST(outcome_of(results, 0).status == 409);
    BOOST_TEST(outcome_of(results, 1).status == 409);
    BOOST_TEST(outcome_of(results, 0).error["status"].asString() == "409");
    BOOST_TEST(outcome_of(results, 1).error["status"].asString() == "409");
    BOOST_TEST(outcome_of(results, 0).location == "");
    BOOST_TEST(outcome_of(results, 1).location == "");
}

BOOST_AUTO_TEST_CASE(without_fail_on_errors_every_operation_runs_despite_failures) {
    // RFC 7644 §3.7.3: "MUST continue performing as many changes as possible and disregard partial failures".
    FakeExecute fake;
    fake.failures[0] = failed(ScimError::not_found("no such user"), kBase + "/Users/u1");
    fake.failures[2] = failed(ScimError::not_found("no such user"), kBase + "/Users/u3");
    auto results = run(request(R"j([
        {"method":"DELETE","path":"/Users/u1"},
        {"method":"GET","path":"/Users/u2"},
        {"method":"DELETE","path":"/Users/u3"},
        {"method":"DELETE","path":"/Users/u4"}
    ])j"),
                       fake);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{0, 2, 3}), boost::test_tools::per_element());
    BOOST_TEST(indices(results) == (std::vector<std::size_t>{0, 1, 2, 3}), boost::test_tools::per_element());
    BOOST_TEST(outcome_of(results, 3).status == 204);
}

BOOST_AUTO_TEST_CASE(fail_on_errors_1_stops_after_the_first_failure) {
    // RFC 7644 §3.7.3 example: failOnErrors 1, the first error ends the job.
    FakeExecute fake;
    fake.failures[1] = failed(ScimError::uniqueness("userName 'b' is taken"));
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"a"}},
        {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"b"}},
        {"method":"POST","path":"/Users","bulkId":"c","data":{"userName":"c"}},
        {"method":"DELETE","path":"/Users/x"}
    ])j",
                               R"(,"failOnErrors":1)"),
                       fake);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{0, 1}), boost::test_tools::per_element());
    BOOST_TEST(indices(results) == (std::vector<std::size_t>{0, 1}), boost::test_tools::per_element());
    BOOST_TEST(outcome_of(results, 1).status == 409);
}

BOOST_AUTO_TEST_CASE(fail_on_errors_counts_failures_found_before_execution) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"GET","path":"/Users/x"},
        {"method":"DELETE","path":"/Users/y"}
    ])j",
                               R"(,"failOnErrors":1)"),
                       fake);
    BOOST_TEST(fake.calls.empty());
    BOOST_TEST(indices(results) == (std::vector<std::size_t>{0}), boost::test_tools::per_element());
    BOOST_TEST(outcome_of(results, 0).status == 400);
}

BOOST_AUTO_TEST_CASE(fail_on_errors_2_accepts_one_failure_and_stops_at_the_second) {
    FakeExecute fake;
    fake.failures[0] = failed(ScimError::not_found("no such user"), kBase + "/Users/u1");
    fake.failures[2] = failed(ScimError::not_found("no such user"), kBase + "/Users/u3");
    auto results = run(request(R"j([
        {"method":"DELETE","path":"/Users/u1"},
        {"method":"DELETE","path":"/Users/u2"},
        {"method":"DELETE","path":"/Users/u3"},
        {"method":"DELETE","path":"/Users/u4"}
    ])j",
                               R"(,"failOnErrors":2)"),
                       fake);
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{0, 1, 2}), boost::test_tools::per_element());
    BOOST_TEST(indices(results) == (std::vector<std::size_t>{0, 1, 2}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stop_returning_true_ends_the_run_before_the_next_call) {
    FakeExecute fake;
    const std::string operations = R"j([
        {"method":"DELETE","path":"/Users/u1"},
        {"method":"DELETE","path":"/Users/u2"},
        {"method":"DELETE","path":"/Users/u3"},
        {"method":"DELETE","path":"/Users/u4"}
    ])j";
    auto results = run(request(operations), fake, [&fake] { return fake.calls.size() >= 2; });
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{0, 1}), boost::test_tools::per_element());
    BOOST_TEST(indices(results) == (std::vector<std::size_t>{0, 1}), boost::test_tools::per_element());

    FakeExecute idle;
    BOOST_TEST(run(request(operations), idle, [] { return true; }).empty());
    BOOST_TEST(idle.calls.empty());
}

BOOST_AUTO_TEST_CASE(stop_after_a_moved_post_leaves_the_operation_that_waited_for_it_unrun) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"PATCH","path":"/Groups/g1","data":[{"op":"add","path":"members","value":[{"value":"bulkId:u"}]}]},
        {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"u"}},
        {"method":"DELETE","path":"/Users/x"}
    ])j"),
                       fake, [&fake] { return fake.calls.size() >= 1; });
    BOOST_TEST(fake.indices() == (std::vector<std::size_t>{1}), boost::test_tools::per_element());
    BOOST_TEST(indices(results) == (std::vector<std::size_t>{1}), boost::test_tools::per_element());
}

// The completion is the rest of a POST that ran: it runs even when nothing new is to start,
// so that no POST reports 201 without the reference it was sent with.
BOOST_AUTO_TEST_CASE(stop_before_a_completion_still_completes_the_post_that_ran) {
    FakeExecute fake;
    run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"a",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:b"}}}},
        {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"b",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:a"}}}}
    ])j"),
        fake, [&fake] { return fake.calls.size() >= 2; });
    BOOST_TEST_REQUIRE(fake.calls.size() == 3u);
    BOOST_TEST(!fake.calls[0].completion);
    BOOST_TEST(!fake.calls[1].completion);
    BOOST_TEST(fake.calls[2].completion);
    BOOST_TEST(fake.calls[2].method == "PATCH");
}

BOOST_AUTO_TEST_CASE(malformed_operations_fail_alone_with_400_without_running) {
    const std::vector<std::string> bad = {
        R"j({"method":"GET","path":"/Users/u1"})j",
        R"j({"path":"/Users/u1"})j",
        R"j({"method":7,"path":"/Users/u1"})j",
        R"j({"method":"DELETE"})j",
        R"j({"method":"DELETE","path":7})j",
        R"j({"method":"DELETE","path":"/Schemas/u1"})j",
        R"j({"method":"DELETE","path":"/Users/u1/emails"})j",
        R"j({"method":"DELETE","path":"/Users/"})j",
        R"j({"method":"DELETE","path":"/Users"})j",
        R"j({"method":"PUT","path":"/Groups","data":{"displayName":"G"}})j",
        R"j({"method":"POST","path":"/Users/u1","bulkId":"a","data":{"userName":"a"}})j",
        R"j({"method":"POST","path":"/Users","data":{"userName":"a"}})j",
        R"j({"method":"POST","path":"/Users","bulkId":"","data":{"userName":"a"}})j",
        R"j({"method":"POST","path":"/Users","bulkId":7,"data":{"userName":"a"}})j",
        R"j({"method":"POST","path":"/Users","bulkId":"a"})j",
        R"j({"method":"POST","path":"/Users","bulkId":"a","data":[{"userName":"a"}]})j",
        R"j({"method":"PUT","path":"/Users/u1"})j",
        R"j({"method":"PUT","path":"/Users/u1","data":"bob"})j",
        R"j({"method":"PATCH","path":"/Users/u1"})j",
        R"j({"method":"PATCH","path":"/Users/u1","data":"replace"})j",
        R"j({"method":"PUT","path":"/Users/u1","version":3,"data":{"userName":"b"}})j",
    };
    for (const std::string& operation : bad) {
        FakeExecute fake;
        auto results = run(request("[" + operation + R"j(,{"method":"DELETE","path":"/Users/other"}])j"), fake);
        BOOST_TEST(fake.indices() == (std::vector<std::size_t>{1}), boost::test_tools::per_element());
        BOOST_TEST_REQUIRE(results.size() == 2u, operation);
        const Outcome& outcome = outcome_of(results, 0);
        BOOST_TEST(outcome.status == 400, operation);
        BOOST_TEST((scim_type(outcome) == "invalidSyntax" || scim_type(outcome) == "invalidValue"),
                   operation << " -> " << scim_type(outcome));
        BOOST_TEST(outcome.error["status"].asString() == "400", operation);
        BOOST_TEST(!outcome.error["detail"].asString().empty(), operation);
        BOOST_TEST(outcome_of(results, 1).status == 204, operation);
    }
}

BOOST_AUTO_TEST_CASE(a_method_that_is_not_a_string_fails_that_operation_alone) {
    // The header: the method is "checked when the operation runs: a bad one fails it alone".
    for (const std::string method : {"{}", "[\"POST\"]"}) {
        FakeExecute fake;
        std::vector<Result> results;
        BOOST_CHECK_NO_THROW(results = run(request(R"j([{"method":)j" + method +
                                                   R"j(,"path":"/Users","bulkId":"a","data":{"userName":"a"}},
                                                       {"method":"DELETE","path":"/Users/other"}])j"),
                                               fake));
        BOOST_TEST(fake.indices() == (std::vector<std::size_t>{1}), boost::test_tools::per_element());
        BOOST_TEST_REQUIRE(results.size() == 2u, method);
        BOOST_TEST(outcome_of(results, 0).status == 400, method);
    }
}

BOOST_AUTO_TEST_CASE(failed_operations_other_than_post_keep_their_location) {
    // RFC 7644 §3.7.3: "A "location" attribute that includes the resource's endpoint MUST be
    // returned for all operations except for failed POST operations (which have no location)."
    for (const std::string operation : {
             R"j({"method":"PATCH","path":"/Users/u1"})j",
             R"j({"method":"PUT","path":"/Users/u1","data":"bob"})j",
             R"j({"method":"PUT","path":"/Users/u1","version":3,"data":{"userName":"b"}})j",
         }) {
        FakeExecute fake;
        auto results = run(request("[" + operation + "]"), fake);
        BOOST_TEST_REQUIRE(results.size() == 1u, operation);
        BOOST_TEST(results[0].outcome.status == 400, operation);
        BOOST_TEST(results[0].outcome.location == kBase + "/Users/u1", operation);
    }
}

// B's manager waits for A, which then fails before it runs (a reference to no POST): B was
// created, but not as sent, and its entry says so instead of a clean 201.
BOOST_AUTO_TEST_CASE(a_completion_whose_post_fails_before_running_fails_the_post_it_completes) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"a","data":{"userName":"a","title":"bulkId:nobody",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:b"}}}},
        {"method":"POST","path":"/Users","bulkId":"b","data":{"userName":"b",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:a"}}}}
    ])j"),
                       fake);
    BOOST_TEST(outcome_of(results, 0).status == 400);
    const Outcome& b = outcome_of(results, 1);
    BOOST_TEST(b.status == 409);
    BOOST_TEST(b.location == kBase + "/Users/id-1");
    for (const Call& call : fake.calls) BOOST_TEST(!call.completion);
}

// Text that merely holds "bulkId:..." inside a value is data, not a reference; only a whole
// value, a PATCH path's quoted filter value and an operation's path refer to a POST.
BOOST_AUTO_TEST_CASE(bulk_id_text_inside_a_value_is_left_alone) {
    FakeExecute fake;
    auto results = run(request(R"j([
        {"method":"POST","path":"/Users","bulkId":"u","data":{"userName":"u"}},
        {"method":"POST","path":"/Groups","bulkId":"g","data":{"displayName":"see \"bulkId:u\" and bulkId:u"}}
    ])j"),
                       fake);
    BOOST_TEST_REQUIRE(fake.calls.size() == 2u);
    BOOST_TEST(data_of(fake.calls[1])["displayName"].asString() == "see \"bulkId:u\" and bulkId:u");
    BOOST_TEST(outcome_of(results, 1).status == 201);
}

BOOST_AUTO_TEST_SUITE_END()
