// The application: routes a request, authenticates it, runs its handler, and is the ONE
// place where errors become responses (ScimError → its JSON; database down → 503;
// anything else → 500 with the request id logged and no internals shown).
#pragma once

#include <exception>
#include <string>

#include "app/context.h"
#include "app/org_registry.h"
#include "app/router.h"
#include "http/request.h"
#include "http/response.h"
#include "scim/schema/registry.h"
#include "store/db.h"
#include "util/metrics.h"

namespace app {

class Dispatcher {
public:
    // The registry, limits, db and metrics (nullable) outlive the dispatcher.
    Dispatcher(const scim::schema::Registry& registry, const Limits& limits, store::Db& db,
               util::Metrics* metrics = nullptr);

    // Never throws.
    http::Response handle(const http::Request& request);

private:
    // What the request log line and the metrics say about a request besides its status.
    struct Outline {
        std::string route_template = "-";
        std::string org_id = "-";
        std::string app_id = "-";
        bool query = false;  // a list or search: a statement that ran out of time was its filter's doing
    };

    http::Response dispatch(const http::Request& request, Outline& outline);
    // The handler of a resource endpoint (everything but discovery, Bulk and the operational ones).
    http::Response resource(Context& ctx, Endpoint endpoint, const std::string& method, const std::string& id,
                            const http::Request& request);
    // What the client is told of a failure (the one mapping of errors to responses).
    http::Response failure_response(const std::exception_ptr& failure, const http::Request& request,
                                    const Outline& outline);
    http::Response operational(const struct Route& route);

    const scim::schema::Registry& registry_;
    OrgRegistries org_registries_{registry_};
    const Limits& limits_;
    store::Db& db_;
    util::Metrics* metrics_;
    std::string cursor_key_;  // read from the database on first use (store/signing_key_store.h)
};

}  // namespace app
