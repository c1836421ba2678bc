// Secrets: bearer-token generation and hashing (OpenSSL), password hashing (argon2id).
#pragma once

#include <string>
#include <string_view>

namespace util {

// A new bearer token: "scim_" + 43 base64url characters carrying 256 random bits.
std::string generate_token();

// A new random (version 4) UUID, lower-case canonical text: the id of a resource being created,
// known before its row is written so that the write can claim its request first.
std::string random_uuid();

// Lower-case hex SHA-256 of text; tokens are stored and looked up only by this digest.
std::string sha256_hex(std::string_view text);

// An argon2id PHC string ("$argon2id$v=19$m=...") with a fresh random salt.
std::string hash_password(std::string_view password);

// True when password matches a hash made by hash_password.
bool verify_password(std::string_view password, const std::string& encoded_hash);

}  // namespace util
