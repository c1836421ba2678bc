#include "stack.h"

#include <curl/curl.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include <boost/test/unit_test.hpp>
#include <json/reader.h>

namespace itest {
namespace {

size_t collect_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* user) {
    std::string line(data, size * count);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
        (*static_cast<std::map<std::string, std::string>*>(user))[name] = value;
    }
    return size * count;
}

struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};

}  // namespace

std::string HttpResult::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

std::string env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) throw std::runtime_error(std::string("environment variable ") + name + " is not set");
    return value;
}

std::string origin() { return "https://127.0.0.1:" + env("SCIM_HTTPS_PORT"); }

const Tenant& demo_tenant() {
    static const Tenant tenant{env("SCIM_ORG_ID"), env("SCIM_TOKEN"), env("SCIM_BASE_URL")};
    return tenant;
}

std::string last_line(const std::string& text) {
    std::string trimmed = text;
    while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == '\r')) trimmed.pop_back();
    auto newline = trimmed.rfind('\n');
    return newline == std::string::npos ? trimmed : trimmed.substr(newline + 1);
}

long long metric(const std::string& series) {
    std::string text = request("GET", origin() + "/metrics", "").body;
    // At the start of a line: not the series' name in its # HELP or # TYPE comment.
    auto at = text.find("\n" + series + " ");
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, series << " is not exported");
    return std::stoll(text.substr(at + series.size() + 2));
}

std::string psql() {
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql")) {
        auto candidate = entry.path() / "bin" / "psql";
        if (std::filesystem::exists(candidate)) return candidate.string();
    }
    return "psql";
}

std::vector<std::string> psql_lines(const std::string& sql) {
    const std::string command = "'" + psql() + "' -X -q -A -t '" + env("SCIM_DB") + "' -c \"" + sql + "\" 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    BOOST_REQUIRE(pipe);
    std::string output;
    std::array<char, 4096> buffer{};
    while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe.get())) output.append(buffer.data(), n);
    BOOST_REQUIRE_MESSAGE(pclose(pipe.release()) == 0, "psql failed: " + output);
    std::vector<std::string> lines;
    std::istringstream stream(output);
    for (std::string line; std::getline(stream, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

void seed_users(const Tenant& tenant, int count) {
    const auto script = std::filesystem::path(env("SCIM_STACK_SCRIPT")).parent_path().parent_path() / "bench" /
                        "seed_users.sql";
    const std::string command = "'" + psql() + "' -X -q '" + env("SCIM_DB") + "' -v org=" + tenant.org_id +
                                " -v users=" + std::to_string(count) + " -f '" + script.string() + "' >/dev/null 2>&1";
    BOOST_REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
}

CommandResult scimctl_result(const std::string& arguments) {
    std::string command = "SCIM_DB='" + env("SCIM_DB") + "' " + env("SCIMCTL") + " " + arguments + " 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    BOOST_REQUIRE(pipe);
    CommandResult result;
    std::array<char, 4096> buffer{};
    while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe.get())) result.output.append(buffer.data(), n);
    result.status = pclose(pipe.release());
    return result;
}

std::string scimctl(const std::string& arguments) {
    CommandResult result = scimctl_result(arguments);
    BOOST_REQUIRE_MESSAGE(result.status == 0, "scimctl " + arguments + " failed: " + result.output);
    return result.output;
}

Tenant new_tenant(const std::string& name) {
    Tenant tenant;
    tenant.org_id = last_line(scimctl("org create " + name));
    std::string app_id = last_line(scimctl("app create " + tenant.org_id + " " + name + "-app"));
    tenant.token = last_line(scimctl("token create " + app_id));
    tenant.base_url = origin() + "/orgs/" + tenant.org_id + "/api/v1/scim/v2";
    return tenant;
}

std::string url_encode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

std::string unique(const std::string& prefix) {
    static std::atomic<int> counter{0};
    auto now = std::chrono::system_clock::now().time_since_epoch().count();
    return prefix + std::to_string(now) + "x" + std::to_string(++counter);
}

HttpResult request(const std::string& method, const std::string& url, const std::string& token,
                   const std::string& body, std::vector<std::string> headers) {
    return request_with(RequestOptions{}, method, url, token, body, std::move(headers));
}

namespace {
// Boost.Test's assertions are not thread-safe: off the main thread a request reports a
// transport failure as status 0, for the test to check once its threads are joined.
const std::thread::id kMainThread = std::this_thread::get_id();
}  // namespace

HttpResult request_with(const RequestOptions& options, const std::string& method, const std::string& url,
                        const std::string& token, const std::string& body, std::vector<std::string> headers) {
    static CurlGlobal global;
    bool may_assert = options.require_response && std::this_thread::get_id() == kMainThread;
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        if (may_assert) BOOST_FAIL("curl_easy_init failed");
        return HttpResult{};
    }
    HttpResult result;
    std::string ca = env("SCIM_VAR_DIR") + "/nginx/cert.pem";
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_CAINFO, ca.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &result.body);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &result.headers);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 60L);
    if (options.http1) curl_easy_setopt(curl.get(), CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    if (options.path_as_is) curl_easy_setopt(curl.get(), CURLOPT_PATH_AS_IS, 1L);
    if (method == "HEAD") curl_easy_setopt(curl.get(), CURLOPT_NOBODY, 1L);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    if (!token.empty()) headers.push_back("Authorization: Bearer " + token);
    headers.push_back("Expect:");
    curl_slist* list = nullptr;
    for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, list);
    CURLcode code = curl_easy_perform(curl.get());
    curl_slist_free_all(list);
    if (code != CURLE_OK && !may_assert) {
        result.body = curl_easy_strerror(code);
        return result;
    }
    BOOST_REQUIRE_MESSAGE(code == CURLE_OK, std::string("HTTP request failed: ") + curl_easy_strerror(code));
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &result.status);
    if (!result.body.empty()) {
        Json::CharReaderBuilder builder;
        std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
        std::string errors;
        if (!reader->parse(result.body.data(), result.body.data() + result.body.size(), &result.json, &errors)) {
            result.json = Json::Value();
        }
    }
    return result;
}

HttpResult get(const Tenant& tenant, const std::string& path, std::vector<std::string> headers) {
    return request("GET", tenant.base_url + path, tenant.token, "", std::move(headers));
}

HttpResult post(const Tenant& tenant, const std::string& path, const std::string& body) {
    return request("POST", tenant.base_url + path, tenant.token, body, {"Content-Type: application/scim+json"});
}

HttpResult put(const Tenant& tenant, const std::string& path, const std::string& body,
               std::vector<std::string> headers) {
    headers.push_back("Content-Type: application/scim+json");
    return request("PUT", tenant.base_url + path, tenant.token, body, std::move(headers));
}

HttpResult del(const Tenant& tenant, const std::string& path, std::vector<std::string> headers) {
    return request("DELETE", tenant.base_url + path, tenant.token, "", std::move(headers));
}

HttpResult patch(const Tenant& tenant, const std::string& path, const std::string& operations,
                 std::vector<std::string> headers) {
    headers.push_back("Content-Type: application/scim+json");
    return request("PATCH", tenant.base_url + path, tenant.token,
                   R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)" + operations + "}",
                   std::move(headers));
}

HttpResult threaded(const Tenant& tenant, const std::string& method, const std::string& path, const std::string& body) {
    RequestOptions options;
    options.require_response = false;
    std::vector<std::string> headers;
    if (!body.empty()) headers.push_back("Content-Type: application/scim+json");
    return request_with(options, method, tenant.base_url + path, tenant.token, body, headers);
}

std::string user_body(const std::string& user_name) {
    return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + user_name + R"("})";
}

pid_t master_pid() {
    std::ifstream in(env("SCIM_VAR_DIR") + "/run/scim-server.pid");
    pid_t pid = 0;
    in >> pid;
    BOOST_REQUIRE(pid > 0);
    return pid;
}

std::set<pid_t> worker_pids(pid_t master) {
    std::set<pid_t> children;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        std::string name = entry.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        if (!std::getline(stat, line)) continue;
        // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
        auto close = line.rfind(')');
        if (close == std::string::npos || close + 2 >= line.size()) continue;
        std::istringstream rest(line.substr(close + 2));
        char state;
        pid_t parent;
        rest >> state >> parent;
        if (parent == master && state != 'Z') children.insert(std::stoi(name));
    }
    return children;
}

void check_scim_error(const HttpResult& result, long status, const std::string& scim_type) {
    BOOST_TEST(result.status == status, "status " << result.status << " body " << result.body);
    BOOST_TEST(result.header("content-type").find("application/scim+json") == 0);
    BOOST_TEST(result.json["schemas"][0].asString() == "urn:ietf:params:scim:api:messages:2.0:Error");
    BOOST_TEST(result.json["status"].asString() == std::to_string(status));
    if (!scim_type.empty()) BOOST_TEST(result.json["scimType"].asString() == scim_type, "body " << result.body);
}

}  // namespace itest
