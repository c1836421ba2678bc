// Fuzz target: the router (app::route) and the request-target splitting under it
// (http::split_path, http::percent_decode, http::parse_query). The input is
// "<method> <target>": the bytes before the first space are the method, the rest the raw
// request target, whose query string (after the first '?') goes to parse_query as the
// FastCGI worker's QUERY_STRING would. The router never throws; its answers are checked.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "app/router.h"
#include "http/uri.h"

namespace {

[[noreturn]] void finding(const char* what) {
    std::fprintf(stderr, "router_fuzz: contract violated: %s\n", what);
    std::abort();
}

// Whether the Allow header value ("GET, POST") names `method`.
bool lists(std::string_view allow, std::string_view method) {
    while (!allow.empty()) {
        const std::size_t comma = allow.find(", ");
        if (allow.substr(0, comma) == method) return true;
        if (comma == std::string_view::npos) break;
        allow.remove_prefix(comma + 2);
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t space = input.find(' ');
    const std::string_view method = input.substr(0, space);
    const std::string_view target = space == std::string_view::npos ? std::string_view{} : input.substr(space + 1);
    const std::size_t question = target.find('?');
    const std::string_view path = target.substr(0, question);

    const app::Route route = app::route(method, path);
    switch (route.outcome) {
        case app::Route::Outcome::Found:
            if (!route.allow.empty()) finding("found with an Allow header");
            break;
        case app::Route::Outcome::MethodNotAllowed:
            if (route.allow.empty()) finding("405 without an Allow header");
            if (lists(route.allow, method)) finding("405 for a method the Allow header lists");
            break;
        case app::Route::Outcome::NotFound:
            break;
    }
    if (route.outcome != app::Route::Outcome::NotFound) {
        if (!route.template_.starts_with("/")) finding("an endpoint without a template");
        // The SCIM API is per organisation; only the operational endpoints (/healthz, ...) are not.
        if (path.starts_with("/orgs/") && route.org_id.empty()) finding("a SCIM endpoint without an org id");
        if (!path.starts_with("/orgs/") && !route.org_id.empty()) finding("an org id outside /orgs/");
        const bool templated_id = route.template_.find("{id}") != std::string::npos;
        if (templated_id == route.resource_id.empty()) finding("resource id and template disagree");
    }
    if (question != std::string_view::npos) (void)http::parse_query(target.substr(question + 1));
    return 0;
}
