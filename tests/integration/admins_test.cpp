// scimctl admin: an organisation's administrator accounts (e-mail, argon2id password hash).
#include <cctype>
#include <cstdio>
#include <fstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "stack.h"

using namespace itest;

namespace {

std::string upper_case(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(admins_test)

BOOST_AUTO_TEST_CASE(administrators_are_created_listed_and_disabled_and_their_passwords_only_hashed) {
    auto t = new_tenant(unique("admins"));
    const std::string email = unique("admin") + "@example.com";
    // No password on standard input: one is generated and printed once.
    std::string out = scimctl("admin create " + t.org_id + " " + email + " < /dev/null");
    const std::string generated = last_line(out);
    BOOST_TEST(generated.size() >= 12u);
    BOOST_TEST(out.find("shown only once") != std::string::npos);
    const std::string id = out.substr(std::string("administrator id ").size(), 36);

    // A password given on standard input is taken as it is, and never printed.
    const std::string file = "/tmp/" + unique("admin-password");
    std::ofstream(file) << "correct horse battery staple\n";
    std::string given = scimctl("admin create " + t.org_id + " second-" + email + " < " + file);
    BOOST_TEST(given.find("correct horse") == std::string::npos);
    // Too short a password, another organisation's id, an e-mail taken (without case): refused.
    std::ofstream(file) << "short\n";
    BOOST_TEST(scimctl_result("admin create " + t.org_id + " third-" + email + " < " + file).status != 0);
    std::remove(file.c_str());
    BOOST_TEST(scimctl_result("admin create 00000000-0000-4000-8000-000000000000 x@example.com < /dev/null").status != 0);
    auto taken = scimctl_result("admin create " + t.org_id + " " + upper_case(email) + " < /dev/null");
    BOOST_TEST(taken.status != 0);

    std::string listed = scimctl("admin list " + t.org_id);
    BOOST_TEST(listed.find(id) != std::string::npos);
    BOOST_TEST(listed.find(email) != std::string::npos);
    BOOST_TEST(listed.find("disabled=no") != std::string::npos);
    BOOST_TEST(listed.find(generated) == std::string::npos);
    // Stored as an argon2id PHC string, never as the password.
    auto hashes = psql_lines("SELECT password_hash FROM administrators WHERE id = '" + id + "'");
    BOOST_TEST_REQUIRE(hashes.size() == 1u);
    BOOST_TEST(hashes[0].rfind("$argon2id$", 0) == 0u);
    BOOST_TEST(hashes[0].find(generated) == std::string::npos);

    scimctl("admin disable " + id);
    BOOST_TEST(scimctl("admin list " + t.org_id).find(id + "\t" + email + "\tcreated=") != std::string::npos);
    BOOST_TEST(scimctl("admin list " + t.org_id).find("disabled=no") != std::string::npos);  // the second one
    BOOST_TEST(scimctl_result("admin disable " + id).status != 0);
    // Another organisation lists none of them.
    auto other = new_tenant(unique("admins-other"));
    BOOST_TEST(scimctl("admin list " + other.org_id).find(email) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
