// The running stack the integration tests talk to (started by scripts/check.sh through
// scripts/stack.sh), an HTTPS client for it, and helpers to provision tenants with scimctl.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>
#include <string>
#include <vector>

#include <json/value.h>

namespace itest {

struct HttpResult {
    long status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    Json::Value json;  // parsed body; null when the body is not JSON

    std::string header(const std::string& lower_name) const;
};

struct Tenant {
    std::string org_id;
    std::string token;
    std::string base_url;  // https://127.0.0.1:PORT/orgs/{org}/api/v1/scim/v2
};

// Values from the environment that scripts/check.sh exports from the stack's stack.env.
std::string env(const char* name);

// The demo tenant that the stack created on first start.
const Tenant& demo_tenant();

// A fresh organisation with an application and a token, made with scimctl.
Tenant new_tenant(const std::string& name);

// The value of one series of the stack's /metrics (summed over the workers); fails the test
// when it is not exported.
long long metric(const std::string& series);

// The psql of the installed PostgreSQL (for tests that hold locks or seed rows directly).
std::string psql();

// The rows psql prints for one statement (unaligned, no headers), one string each. The
// statement must not hold double quotes. Fails the test when psql fails.
std::vector<std::string> psql_lines(const std::string& sql);

// `count` users written straight into PostgreSQL for the tenant (bench/seed_users.sql:
// user<i>@example.com, ext-<i>), for tests that need many.
void seed_users(const Tenant& tenant, int count);

// Runs scimctl with SCIM_DB set; returns its standard output. Fails the test on non-zero exit.
std::string scimctl(const std::string& arguments);

// Runs scimctl with SCIM_DB set; its exit status (as pclose returns it) and its output,
// standard error included, whatever the status.
struct CommandResult {
    int status = 0;
    std::string output;
};
CommandResult scimctl_result(const std::string& arguments);

// The last non-empty line of text.
std::string last_line(const std::string& text);

// One HTTPS request, verifying the stack's certificate. `headers` are "Name: value" lines;
// no Authorization header is added unless `token` is non-empty.
HttpResult request(const std::string& method, const std::string& url, const std::string& token,
                   const std::string& body = "", std::vector<std::string> headers = {});

// Transport choices that request() does not make: HTTP/1.1 instead of HTTP/2 (nginx can only
// answer an over-long request line with a status on HTTP/1.1; on HTTP/2 it resets the
// connection), dot segments sent as they are ("/../" is otherwise resolved by libcurl), and
// whether a transport failure fails the test or comes back as status 0 with the reason in body.
struct RequestOptions {
    bool http1 = false;
    bool path_as_is = false;
    bool require_response = true;
};

HttpResult request_with(const RequestOptions& options, const std::string& method, const std::string& url,
                        const std::string& token, const std::string& body = "", std::vector<std::string> headers = {});

// Shorthands with the SCIM content type and the tenant's token.
HttpResult get(const Tenant& tenant, const std::string& path, std::vector<std::string> headers = {});
HttpResult post(const Tenant& tenant, const std::string& path, const std::string& body);
HttpResult put(const Tenant& tenant, const std::string& path, const std::string& body,
               std::vector<std::string> headers = {});
HttpResult del(const Tenant& tenant, const std::string& path, std::vector<std::string> headers = {});
// A PatchOp request (RFC 7644 §3.5.2); `operations` is the JSON array of its Operations.
HttpResult patch(const Tenant& tenant, const std::string& path, const std::string& operations,
                 std::vector<std::string> headers = {});

// A request made from a thread other than the test's: Boost.Test's assertions are not
// thread-safe, so a transport failure comes back as status 0, to be checked on the main thread.
HttpResult threaded(const Tenant& tenant, const std::string& method, const std::string& path,
                    const std::string& body = "");

// Polls predicate every 50 ms until it holds or limit has passed; what it returned last.
// For effects that follow a response without being part of it (a log line, a process exit).
template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (predicate()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return predicate();
}

// The origin of the stack: https://127.0.0.1:PORT
std::string origin();

// Percent-encodes everything but RFC 3986 unreserved characters (for query values).
std::string url_encode(const std::string& text);

// A unique suffix for names created by one test run.
std::string unique(const std::string& prefix);

// A minimal valid User body.
std::string user_body(const std::string& user_name);

// The scim-server master of the stack (its pid file) and its live workers (from /proc).
pid_t master_pid();
std::set<pid_t> worker_pids(pid_t master);

// Checks shared by every error: status, the SCIM error schema, status as a string, scimType.
void check_scim_error(const HttpResult& result, long status, const std::string& scim_type = "");

}  // namespace itest
