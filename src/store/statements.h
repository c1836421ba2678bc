// The prepared statements of one database session, keyed by their SQL text: PostgreSQL
// parses and plans each distinct statement once per session, and afterwards only executes
// it (one round trip). Bounded: past kCapacity statements the least recently used one is
// deallocated. The only place in the server that prepares a statement.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <soci/soci.h>

namespace store {

// One named parameter (":name" in the SQL), sent as text or NULL; the SQL casts it where the
// context does not give PostgreSQL its type. The value is copied before the call returns.
struct Param {
    std::string_view name;
    std::optional<std::string_view> value;
};
using Params = std::vector<Param>;

// A statement prepared on the session, with the storage its parameters and row are bound to.
class PreparedStatement {
public:
    // REQUIRES: params name every placeholder of sql, in the order every later call gives them.
    PreparedStatement(soci::session& session, const std::string& sql, const Params& params, bool returns_rows);
    PreparedStatement(const PreparedStatement&) = delete;
    PreparedStatement& operator=(const PreparedStatement&) = delete;

    // Binds the values and executes; true when a first row is in row().
    // REQUIRES: params have the names (and order) this statement was prepared with.
    bool execute(const Params& params);
    // The next row into row(); false after the last.
    bool next();
    const soci::row& row() const { return row_; }
    long long affected_rows() { return statement_.get_affected_rows(); }

private:
    std::vector<std::string> names_;
    std::vector<std::string> values_;
    std::vector<soci::indicator> indicators_;
    soci::row row_;
    bool returns_rows_;
    soci::statement statement_;
};

class Statements {
public:
    static constexpr std::size_t kCapacity = 256;

    explicit Statements(soci::session& session) : session_(session) {}

    // The statement for sql, prepared on first use. `prepared` is set when this call
    // prepared it (a round trip of its own).
    PreparedStatement& get(const std::string& sql, const Params& params, bool returns_rows, bool& prepared);

    // Deallocates the statement for sql, if cached (after its execution failed).
    void forget(const std::string& sql);
    // Forgets every statement (their connection is gone).
    void clear();
    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::string sql;
        std::unique_ptr<PreparedStatement> statement;
    };
    soci::session& session_;
    std::list<Entry> entries_;  // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
};

}  // namespace store
