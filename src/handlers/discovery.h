// Discovery endpoints (RFC 7644 §4): ServiceProviderConfig, Schemas, ResourceTypes,
// all read from the schema registry and the server's limits, so discovery never lies.
#pragma once

#include <string>

#include "app/context.h"
#include "http/response.h"

namespace handlers {

http::Response service_provider_config(const app::Context& ctx);
http::Response list_schemas(const app::Context& ctx);
http::Response get_schema(const app::Context& ctx, const std::string& urn);
http::Response list_resource_types(const app::Context& ctx);
http::Response get_resource_type(const app::Context& ctx, const std::string& name);

}  // namespace handlers
