#include "store/filter_sql.h"

#include <algorithm>

#include <boost/test/unit_test.hpp>

#include "scim/filter/parser.h"
#include "scim/list_query.h"
#include "scim/schema/registry.h"

namespace {

const scim::schema::Registry& registry() {
    static const auto r = scim::schema::Registry::standard();
    return r;
}

struct Translated {
    std::string sql;
    std::vector<std::string> params;
};

Translated translate(const std::string& filter) {
    auto ast = scim::filter::parse_filter(filter, registry(), *registry().resource_type("User"));
    store::FilterSql sql(store::ColumnMap::users(), "https://h/Users/");
    Translated t;
    t.sql = sql.predicate(*ast);
    t.params = sql.params();
    return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(filter_sql_test)

BOOST_AUTO_TEST_CASE(user_values_are_bound_never_spliced) {
    const std::string hostile = "x' OR '1'='1'; DROP TABLE scim_users; --";
    for (std::string path : {"userName", "title", "emails.value", "name.formatted", "externalId",
                             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"}) {
        for (std::string op : {"eq", "ne", "co", "sw", "ew", "gt"}) {
            std::string filter = path + " " + op + " \"x' OR '1'='1'; DROP TABLE scim_users; --\"";
            Translated t = translate(filter);
            BOOST_TEST(t.sql.find("DROP") == std::string::npos, filter);
            BOOST_TEST(t.sql.find("'1'='1'") == std::string::npos, filter);
            bool bound = false;
            for (const auto& p : t.params) bound = bound || p.find("DROP TABLE") != std::string::npos;
            BOOST_TEST(bound, filter);
        }
    }
}

BOOST_AUTO_TEST_CASE(like_patterns_escape_metacharacters) {
    BOOST_TEST(store::escape_like("100%_\\x") == "100\\%\\_\\\\x");
    Translated t = translate(R"(userName co "50%_off")");
    BOOST_TEST_REQUIRE(t.params.size() == 1u);
    BOOST_TEST(t.params[0] == "50\\%\\_off");
    BOOST_TEST(t.sql.find("ESCAPE") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(indexed_columns_serve_the_common_filters) {
    BOOST_TEST(translate(R"(userName eq "a")").sql.find("lower(u.user_name)") != std::string::npos);
    BOOST_TEST(translate(R"(externalId eq "a")").sql.find("(u.external_id) = :p1") != std::string::npos);
    BOOST_TEST(translate(R"(emails.value eq "a@b.c")").sql.find("u.email_values @>") != std::string::npos);
    BOOST_TEST(translate(R"(id eq "2819c223-7f76-453a-919d-413861904646")").sql.find("u.id = (:p1)::uuid") !=
               std::string::npos);
    // A user's lastModified includes its membership changes (sql/0015).
    BOOST_TEST(translate(R"(meta.lastModified gt "2011-05-13T04:42:34Z")").sql.find("greatest(u.last_modified, ") !=
               std::string::npos);
}

// Entra ID's matching query, in both spellings: the lower-cased e-mail index finds the rows,
// the element check keeps "work" and the value on the same e-mail.
BOOST_AUTO_TEST_CASE(work_email_match_uses_the_email_index) {
    for (std::string filter : {R"(emails[type eq "work" and value eq "X@acme.com"])",
                               R"(emails[type eq "work"].value eq "X@acme.com")"}) {
        Translated t = translate(filter);
        BOOST_TEST(t.sql.find("u.email_values @> ARRAY[lower(") != std::string::npos, t.sql);
        BOOST_TEST(t.sql.find("EXISTS (SELECT 1 FROM jsonb_array_elements(") != std::string::npos, t.sql);
        BOOST_TEST(std::count(t.params.begin(), t.params.end(), "X@acme.com") == 2);
    }
    // Without an equality on the value there is nothing for the index to narrow.
    BOOST_TEST(translate(R"(emails[type eq "work"])").sql.find("email_values") == std::string::npos);
    BOOST_TEST(translate(R"(emails[type eq "work" or value eq "x"])").sql.find("email_values") == std::string::npos);
}

// RFC 7643 §3.1: id is caseExact; ids are issued lower-case, so another spelling matches nothing.
BOOST_AUTO_TEST_CASE(id_is_compared_case_exact) {
    Translated upper = translate(R"(id eq "2819C223-7F76-453A-919D-413861904646")");
    BOOST_TEST(upper.sql.find("::uuid") == std::string::npos, upper.sql);
    BOOST_TEST(upper.sql.find("lower(") == std::string::npos, upper.sql);
    BOOST_TEST(upper.params.at(0) == "2819C223-7F76-453A-919D-413861904646");
}

BOOST_AUTO_TEST_CASE(case_exact_attributes_are_not_folded) {
    BOOST_TEST(translate(R"(externalId eq "A")").sql.find("lower(") == std::string::npos);
    BOOST_TEST(translate(R"(title eq "A")").sql.find("lower(") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sort_terms_end_with_the_id_for_stable_pages) {
    const auto& type = *registry().resource_type("User");
    store::FilterSql sql(store::ColumnMap::users(), "");
    std::string order = sql.order_by(scim::resolve_sort_by("name.familyName", registry(), type), true);
    BOOST_TEST(order.find("DESC NULLS FIRST") != std::string::npos);
    BOOST_TEST(order.substr(order.size() - 11) == ", u.id DESC");
    std::string ascending = sql.order_by(scim::resolve_sort_by("name.familyName", registry(), type), false);
    BOOST_TEST(ascending.substr(ascending.size() - 6) == ", u.id");
}

BOOST_AUTO_TEST_SUITE_END()
