// Secrets: bearer-token generation and hashing, message authentication and base64url
// (OpenSSL), password hashing (argon2id).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace util {

// A new bearer token: "scim_" + 43 base64url characters carrying 256 random bits. An OAuth
// 2.0 access token has the prefix kAccessTokenPrefix instead, so that a request's token is
// looked up where it lives.
inline constexpr const char* kAccessTokenPrefix = "scimat_";
std::string generate_token(const char* prefix = "scim_");

// A new random (version 4) UUID, lower-case canonical text: the id of a resource being created,
// known before its row is written so that the write can claim its request first.
std::string random_uuid();

// Lower-case hex SHA-256 of text; tokens are stored and looked up only by this digest.
std::string sha256_hex(std::string_view text);

// base64url (RFC 4648 §5) without padding, of any bytes.
std::string base64url_encode(std::string_view bytes);
// The bytes of base64url text; nullopt when it is not canonical unpadded base64url.
std::optional<std::string> base64url_decode(std::string_view text);

// The bytes of standard base64 text (RFC 4648 §4, padded), as HTTP Basic credentials carry
// them; nullopt when it is not that.
std::optional<std::string> base64_decode(std::string_view text);

// HMAC-SHA-256 (RFC 2104) of data under key: 32 raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view data);

// Equality of two byte strings in time that depends on their length only (MACs, digests).
bool equal_in_constant_time(std::string_view a, std::string_view b);

// An argon2id PHC string ("$argon2id$v=19$m=...") with a fresh random salt.
std::string hash_password(std::string_view password);

// True when password matches a hash made by hash_password.
bool verify_password(std::string_view password, const std::string& encoded_hash);

}  // namespace util
