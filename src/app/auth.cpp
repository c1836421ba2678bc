#include "app/auth.h"

#include <cctype>

#include "scim/error.h"
#include "util/crypto.h"

namespace app {
namespace {

// RFC 6750 §2.1 b64token characters.
bool is_b64token_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' ||
           c == '/' || c == '=';
}

constexpr std::size_t kMaxTokenLength = 512;

}  // namespace

std::string bearer_token(std::string_view authorization) {
    constexpr std::string_view kScheme = "bearer ";
    if (authorization.size() <= kScheme.size()) return {};
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) return {};
    }
    std::string_view token = authorization.substr(kScheme.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token.empty() || token.size() > kMaxTokenLength) return {};
    for (char c : token) {
        if (!is_b64token_char(c)) return {};
    }
    return std::string(token);
}

store::Tenant authenticate(std::string_view authorization, std::string_view url_org_id, store::TenantStore& tenants,
                           UserReadAhead* read_ahead) {
    // One message for every failure, so the answer tells nothing about other organisations.
    const auto refuse = [] { return scim::ScimError::unauthorized("A valid bearer token for this organisation is required"); };
    std::string token = bearer_token(authorization);
    if (token.empty()) throw refuse();
    // The digest is looked up through a unique index: no comparison over token bytes here.
    const bool access_token = token.rfind(util::kAccessTokenPrefix, 0) == 0;
    std::optional<store::Tenant> tenant;
    const bool reads_ahead = read_ahead != nullptr && !access_token;
    if (access_token) {
        tenant = tenants.find_tenant_by_access_token_hash(util::sha256_hex(token));
    } else if (reads_ahead) {
        tenant = tenants.find_tenant_and_user(util::sha256_hex(token), read_ahead->user_id, read_ahead->groups_base,
                                              read_ahead->user);
    } else {
        tenant = tenants.find_tenant_by_token_hash(util::sha256_hex(token));
    }
    // The organisation's id exactly as the server writes it (lower case): nginx's rate limits are
    // keyed by the URL's text, so another spelling would be another bucket.
    if (!tenant || url_org_id != tenant->org_id) {
        if (read_ahead != nullptr) read_ahead->user.reset();  // of another organisation: never used
        throw refuse();
    }
    if (reads_ahead) read_ahead->done = true;
    // At most once a minute per token, one write: what the token list shows as last used.
    if (tenant->token_use_unmarked) tenants.mark_token_used(tenant->token_id);
    return *tenant;
}

}  // namespace app
