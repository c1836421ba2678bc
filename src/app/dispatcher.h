// The application: routes a request, authenticates it, runs its handler, and is the ONE
// place where errors become responses (ScimError → its JSON; database down → 503;
// anything else → 500 with the request id logged and no internals shown).
#pragma once

#include "app/context.h"
#include "http/request.h"
#include "http/response.h"
#include "scim/schema/registry.h"
#include "store/db.h"

namespace app {

class Dispatcher {
public:
    // The registry, limits and db outlive the dispatcher.
    Dispatcher(const scim::schema::Registry& registry, const Limits& limits, store::Db& db);

    // Never throws.
    http::Response handle(const http::Request& request);

private:
    http::Response dispatch(const http::Request& request, std::string& route_template, std::string& org_id);

    const scim::schema::Registry& registry_;
    const Limits& limits_;
    store::Db& db_;
};

}  // namespace app
