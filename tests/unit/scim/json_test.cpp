#include "scim/json.h"

#include <boost/test/unit_test.hpp>

#include "scim/error.h"

namespace {

std::string syntax_error_of(const std::string& body) {
    try {
        scim::json::parse_body(body);
    } catch (const scim::ScimError& e) {
        BOOST_TEST(e.status() == 400);
        return e.scim_type();
    }
    return "accepted";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_test)

BOOST_AUTO_TEST_CASE(accepts_well_formed_objects) {
    auto value = scim::json::parse_body(R"({"userName":"bjensen","name":{"givenName":"Barbara"},"n":[1,2.5,true,null]})");
    BOOST_TEST(value["name"]["givenName"].asString() == "Barbara");
    BOOST_TEST(scim::json::parse_body("{\"s\":\"caf\xC3\xA9 \\u00e9\"}")["s"].asString() == "caf\xC3\xA9 \xC3\xA9");
}

BOOST_AUTO_TEST_CASE(refuses_malformed_bodies_as_invalid_syntax) {
    for (std::string body : {"", "{", "}", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "[1,]", "{\"a\":1} x", "nul",
                             "{\"a\":1}{", "{\"a\" 1}", "// c\n{}", "{\"a\":NaN}", "\"just a string\"", "42"}) {
        BOOST_TEST(syntax_error_of(body) == "invalidSyntax", body);
    }
}

BOOST_AUTO_TEST_CASE(refuses_duplicate_keys) {
    BOOST_TEST(syntax_error_of(R"({"userName":"a","userName":"b"})") == "invalidSyntax");
}

BOOST_AUTO_TEST_CASE(refuses_invalid_utf8) {
    for (std::string body : {std::string("{\"a\":\"\xC3\x28\"}"), std::string("{\"a\":\"\xED\xA0\x80\"}"),
                             std::string("{\"a\":\"\xC0\xAF\"}"), std::string("{\"a\":\"\xF4\x90\x80\x80\"}"),
                             std::string("{\"a\":\"\xE2\x82\"}")}) {
        BOOST_TEST(syntax_error_of(body) == "invalidSyntax");
    }
    BOOST_TEST(scim::json::is_valid_utf8("\xF0\x9F\x98\x80 ok"));
}

BOOST_AUTO_TEST_CASE(refuses_deep_nesting_before_parsing) {
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    BOOST_TEST(syntax_error_of(deep) == "invalidSyntax");
    std::string ok = std::string(scim::json::kMaxDepth, '[') + std::string(scim::json::kMaxDepth, ']');
    BOOST_TEST(syntax_error_of(ok) == "accepted");
    // Brackets inside strings do not count.
    BOOST_TEST(syntax_error_of("{\"a\":\"" + std::string(1000, '[') + "\"}") == "accepted");
}

BOOST_AUTO_TEST_CASE(refuses_raw_nul_and_malformed_surrogate_escapes) {
    BOOST_TEST(syntax_error_of(std::string("{\"a\":\"x\0y\"}", 12)) == "invalidSyntax");
    BOOST_TEST(syntax_error_of(std::string("{\"a\":1}\0", 8)) == "invalidSyntax");
    for (std::string body : {R"({"a":"\udc00"})", R"({"a":"\ud800"})", R"({"a":"\ud800\u0041"})", R"({"a":"\udbff\udbff"})",
                             R"({"a":"\ud800x"})"}) {
        BOOST_TEST(syntax_error_of(body) == "invalidSyntax", body);
    }
    // A well-formed pair is U+1F600; an escaped NUL is valid JSON, refused later by its consumer.
    BOOST_TEST(scim::json::parse_body(R"({"a":"\ud83d\ude00"})")["a"].asString() == "\xF0\x9F\x98\x80");
    BOOST_TEST(syntax_error_of(R"({"a":"\u0000"})") == "accepted");
}

BOOST_AUTO_TEST_CASE(refuses_keys_that_differ_only_in_case) {
    BOOST_TEST(syntax_error_of(R"({"userName":"a","USERNAME":"b"})") == "invalidSyntax");
    BOOST_TEST(syntax_error_of(R"({"name":{"givenName":"a","GIVENNAME":"b"}})") == "invalidSyntax");
    BOOST_TEST(syntax_error_of(R"({"emails":[{"value":"a","Value":"b"}]})") == "invalidSyntax");
    BOOST_TEST(syntax_error_of(R"({"userName":"a","name":{"userName":"b"}})") == "accepted");
}

BOOST_AUTO_TEST_CASE(member_lookup_is_case_insensitive) {
    auto value = scim::json::parse_body(R"({"UserName":"x"})");
    BOOST_TEST_REQUIRE(scim::json::find_member(value, "username") != nullptr);
    BOOST_TEST(scim::json::find_member(value, "username")->asString() == "x");
    BOOST_TEST(scim::json::find_member(value, "name") == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
