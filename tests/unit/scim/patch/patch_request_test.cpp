// The PatchOp message of RFC 7644 §3.5.2 read into operations: RFC and IdP shapes first,
// then every structural error, each invalidSyntax naming the operation at fault.
#include "scim/patch/patch_request.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "scim/error.h"
#include "scim/json.h"

namespace {

using scim::ScimError;
using scim::patch::Operation;
using scim::patch::parse_patch_request;
using Kind = Operation::Kind;

const std::string kPatchOp = R"("schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"])";

std::vector<Operation> parse(const std::string& body) { return parse_patch_request(scim::json::parse_body(body)); }

std::vector<Operation> parse_operations(const std::string& operations) {
    return parse("{" + kPatchOp + R"(,"Operations":)" + operations + "}");
}

struct Invalid {
    std::string body;
    std::string fragment;
};

void check_invalid(const std::vector<Invalid>& cases) {
    for (const Invalid& c : cases) {
        try {
            parse(c.body);
            BOOST_ERROR("no error for: " << c.body);
        } catch (const ScimError& e) {
            BOOST_TEST(e.scim_type() == "invalidSyntax", c.body << " -> " << e.detail());
            BOOST_TEST(e.status() == 400, c.body);
            BOOST_TEST(e.detail().find(c.fragment) != std::string::npos, c.body << " -> " << e.detail());
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(patch_request_test)

BOOST_AUTO_TEST_CASE(rfc7644_add_member_example_is_read) {
    // RFC 7644 §3.5.2.1.
    auto ops = parse_operations(R"([{"op":"add","path":"members","value":[{"display":"Babs Jensen",
        "$ref":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
        "value":"2819c223-7f76-453a-919d-413861904646"}]}])");
    BOOST_TEST_REQUIRE(ops.size() == 1u);
    BOOST_TEST((ops[0].kind == Kind::Add));
    BOOST_TEST(ops[0].path.value() == "members");
    BOOST_TEST_REQUIRE(ops[0].value.has_value());
    BOOST_TEST(ops[0].value->isArray());
    BOOST_TEST((*ops[0].value)[0]["display"].asString() == "Babs Jensen");
    BOOST_TEST(ops[0].index == 0);
}

BOOST_AUTO_TEST_CASE(operations_keep_their_order_and_index) {
    auto ops = parse_operations(R"([{"op":"remove","path":"members[value eq \"2819c223\"]"},
        {"op":"add","path":"members","value":[{"value":"08e1d05d"}]},
        {"op":"replace","value":{"displayName":"x"}}])");
    BOOST_TEST_REQUIRE(ops.size() == 3u);
    BOOST_TEST((ops[0].kind == Kind::Remove));
    BOOST_TEST(!ops[0].value.has_value());
    BOOST_TEST((ops[1].kind == Kind::Add));
    BOOST_TEST((ops[2].kind == Kind::Replace));
    BOOST_TEST(!ops[2].path.has_value());
    for (int i = 0; i < 3; ++i) BOOST_TEST(ops[i].index == i);
}

BOOST_AUTO_TEST_CASE(entra_capitalized_ops_and_member_names_are_accepted) {
    // Microsoft Entra ID sends "Add", "Replace", "Remove"; member names are case-insensitive.
    auto ops = parse("{" + kPatchOp + R"(,"operations":[{"op":"Add","path":"displayName","value":"a"},
        {"Op":"Replace","Path":"active","Value":"False"},{"OP":"REMOVE","PATH":"nickName"}]})");
    BOOST_TEST_REQUIRE(ops.size() == 3u);
    BOOST_TEST((ops[0].kind == Kind::Add));
    BOOST_TEST((ops[1].kind == Kind::Replace));
    BOOST_TEST(ops[1].path.value() == "active");
    BOOST_TEST(ops[1].value->asString() == "False");
    BOOST_TEST((ops[2].kind == Kind::Remove));
    BOOST_TEST(ops[2].path.value() == "nickName");
}

BOOST_AUTO_TEST_CASE(schemas_may_list_other_urns_in_any_case) {
    auto ops = parse(R"({"schemas":["urn:x","URN:IETF:PARAMS:SCIM:API:MESSAGES:2.0:PATCHOP"],
        "Operations":[{"op":"remove","path":"nickName"}]})");
    BOOST_TEST(ops.size() == 1u);
}

BOOST_AUTO_TEST_CASE(remove_keeps_a_value_and_replace_keeps_null) {
    // Entra removes members by a value list; replace with null is a removal for the engine.
    auto ops = parse_operations(R"([{"op":"Remove","path":"members","value":[{"value":"id1"}]},
        {"op":"replace","path":"nickName","value":null},{"op":"remove","path":"nickName","value":null}])");
    BOOST_TEST_REQUIRE(ops[0].value.has_value());
    BOOST_TEST((*ops[0].value)[0]["value"].asString() == "id1");
    BOOST_TEST_REQUIRE(ops[1].value.has_value());
    BOOST_TEST(ops[1].value->isNull());
    BOOST_TEST(!ops[2].value.has_value());
}

BOOST_AUTO_TEST_CASE(unknown_members_are_ignored_and_null_path_is_absent) {
    auto ops = parse(
        "{" + kPatchOp +
        R"(,"id":"x","Operations":[{"op":"replace","path":null,"value":{"active":false},"comment":"okta"}],"extra":1})");
    BOOST_TEST_REQUIRE(ops.size() == 1u);
    BOOST_TEST(!ops[0].path.has_value());
    BOOST_TEST((*ops[0].value)["active"].asBool() == false);
}

BOOST_AUTO_TEST_CASE(a_thousand_operations_are_accepted) {
    std::string operations = "[";
    for (std::size_t i = 0; i < scim::patch::kMaxOperations; ++i) {
        operations += std::string(i == 0 ? "" : ",") + R"({"op":"remove","path":"nickName"})";
    }
    BOOST_TEST(parse_operations(operations + "]").size() == scim::patch::kMaxOperations);
}

BOOST_AUTO_TEST_CASE(structural_errors_are_invalid_syntax) {
    const std::string one_op = R"("Operations":[{"op":"remove","path":"nickName"}])";
    std::string too_many = "[";
    for (std::size_t i = 0; i <= scim::patch::kMaxOperations; ++i) {
        too_many += std::string(i == 0 ? "" : ",") + R"({"op":"remove","path":"nickName"})";
    }
    too_many += "]";
    check_invalid({
        {"[]", "must be a JSON object"},
        {"{" + one_op + "}", "'schemas' must list urn:ietf:params:scim:api:messages:2.0:PatchOp"},
        {R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],)" + one_op + "}", "'schemas' must list"},
        {R"({"schemas":"urn:ietf:params:scim:api:messages:2.0:PatchOp",)" + one_op + "}", "'schemas' must list"},
        {"{" + kPatchOp + "}", "'Operations' must be an array"},
        {"{" + kPatchOp + R"(,"Operations":{"op":"add"}})", "'Operations' must be an array"},
        {"{" + kPatchOp + R"(,"Operations":[]})", "'Operations' must hold at least one operation"},
        {"{" + kPatchOp + R"(,"Operations":)" + too_many + "}", "more than 1000 operations"},
        {"{" + kPatchOp + R"(,"Operations":["add"]})", "Operations[0]: an operation must be a JSON object"},
        {"{" + kPatchOp + R"(,"Operations":[{"path":"nickName"}]})", "Operations[0]: 'op' is missing"},
        {"{" + kPatchOp + R"(,"Operations":[{"op":"remove","path":"a"},{"op":"move","path":"a"}]})",
         R"(Operations[1]: 'op' must be "add", "remove" or "replace", not "move")"},
        {"{" + kPatchOp + R"(,"Operations":[{"op":1,"path":"a"}]})", "Operations[0]: 'op' must be a string"},
        {"{" + kPatchOp + R"(,"Operations":[{"op":"remove","path":5}]})", "Operations[0]: 'path' must be a string"},
        {"{" + kPatchOp + R"(,"Operations":[{"op":"add","path":"nickName"}]})",
         "Operations[0]: 'add' requires a non-null 'value'"},
        {"{" + kPatchOp + R"(,"Operations":[{"op":"add","path":"nickName","value":null}]})",
         "Operations[0]: 'add' requires a non-null 'value'"},
        {"{" + kPatchOp + R"(,"Operations":[{"op":"remove","path":"a"},{"op":"replace","path":"nickName"}]})",
         "Operations[1]: 'replace' requires a 'value'"},
    });
}

BOOST_AUTO_TEST_SUITE_END()
