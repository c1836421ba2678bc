#include "store/db.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

namespace store {
namespace {

// Serializes concurrent migration runs (two hosts starting at once).
constexpr long long kMigrationLockKey = 7364205183;

// Runs one or more statements without parameters (a simple query: one round trip).
void exec_native(soci::session& session, const std::string& sql) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
    PGresult* result = PQexec(backend->conn_, sql.c_str());
    ExecStatusType status = PQresultStatus(result);
    std::string message = PQresultErrorMessage(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        throw StoreError(StoreError::Kind::Other, "statement failed: " + message);
    }
}

}  // namespace

Db::Db(std::string connection_string) : connection_string_(std::move(connection_string)) {}

namespace {

// The connection's state as libpq last saw it, without a round trip (soci's is_connected()
// sends a statement to find out). A connection broken since shows itself on the next
// statement, which the dispatcher then runs again on a new one (failed_on_first_reuse).
bool connection_ok(soci::session& session) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
    return backend != nullptr && backend->conn_ != nullptr && PQstatus(backend->conn_) == CONNECTION_OK;
}

}  // namespace

void Db::ensure_connected() {
    reused_ = connected_ && connection_ok(session_);
    answered_ = false;
    if (reused_) return;
    // Prepared statements belong to the old connection: drop them before it is replaced.
    statements_.clear();
    try {
        if (session_.get_backend() == nullptr) {
            session_.open(soci::postgresql, connection_string_);
        } else {
            session_.reconnect();
        }
        // Zone-less dateTime values in filters mean UTC, whatever the server's setting. No JIT:
        // it compiles for tens of milliseconds to save microseconds on statements this short
        // (the generic plan of a list query is estimated far above jit_above_cost).
        std::string settings = "SET TIME ZONE 'UTC'; SET jit = off";
        if (statement_timeout_ms_ > 0) {
            // A statement that waits on a lock gives up at the same bound, with its own
            // SQLSTATE (55P03), so that waiting is told apart from working (57014).
            const std::string ms = std::to_string(statement_timeout_ms_);
            settings += "; SET statement_timeout = " + ms + "; SET lock_timeout = " + ms;
        }
        exec_native(session_, settings);
        count_round_trips(1);
        connected_ = true;
    } catch (const std::exception& e) {
        connected_ = false;
        throw StoreError(StoreError::Kind::Unavailable, std::string("database unavailable: ") + e.what());
    }
}

StoreError Db::translate(const soci::soci_error& error) {
    std::string state;
    if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) state = pg->sqlstate();
    if (state == "23505") return StoreError(StoreError::Kind::Uniqueness, error.what(), state);
    // 54000 program_limit_exceeded: "index row size ... exceeds maximum" for a very long value.
    if (state == "54000") return StoreError(StoreError::Kind::TooLarge, error.what(), state);
    // 40001 serialization_failure, 40P01 deadlock_detected: PostgreSQL rolled the transaction back.
    if (state == "40001" || state == "40P01") return StoreError(StoreError::Kind::Contention, error.what(), state);
    // 57014 query_canceled: statement_timeout (the only canceller here). 55P03: lock_timeout.
    if (state == "57014") return StoreError(StoreError::Kind::Timeout, error.what(), state);
    if (state == "55P03") return StoreError(StoreError::Kind::LockTimeout, error.what(), state);
    bool lost = error.get_error_category() == soci::soci_error::connection_error || state.rfind("08", 0) == 0 ||
                state.rfind("57P", 0) == 0 || !connection_ok(session_);
    if (lost) {
        connected_ = false;
        return StoreError(StoreError::Kind::Unavailable, error.what(), state);
    }
    return StoreError(StoreError::Kind::Other, error.what(), state);
}

void Db::count_round_trips(int n) {
    if (metrics_ != nullptr) metrics_->record_database_round_trips(n);
}

PreparedStatement& Db::statement(const std::string& sql, const Params& params, bool returns_rows) {
    bool prepared = false;
    PreparedStatement& statement = statements_.get(sql, params, returns_rows, prepared);
    count_round_trips(prepared ? 2 : 1);
    if (metrics_ != nullptr && prepared) metrics_->record_database_prepare();
    return statement;
}

bool Db::past_deadline() const {
    return deadline_ != std::chrono::steady_clock::time_point{} && std::chrono::steady_clock::now() > deadline_;
}

void Db::check_deadline() const {
    if (deadline_ != std::chrono::steady_clock::time_point{} && std::chrono::steady_clock::now() > deadline_) {
        throw StoreError(StoreError::Kind::Timeout, "the request ran past its deadline");
    }
}

void Db::query(const std::string& sql, const Params& params, const RowVisitor& on_row) {
    check_deadline();
    run([&] {
        PreparedStatement& statement = this->statement(sql, params, true);
        try {
            for (bool more = statement.execute(params); more; more = statement.next()) on_row(statement.row());
        } catch (const soci::soci_error&) {
            // soci keeps state of a failed execution that the next one would trip over.
            statements_.forget(sql);
            throw;
        }
    });
}

long long Db::execute(const std::string& sql, const Params& params) {
    check_deadline();
    return run([&] {
        PreparedStatement& statement = this->statement(sql, params, false);
        try {
            statement.execute(params);
            return statement.affected_rows();
        } catch (const soci::soci_error&) {
            statements_.forget(sql);
            throw;
        }
    });
}

int Db::apply_migrations(const std::string& dir) {
    ensure_connected();
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() == ".sql") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return run([&] {
        int applied = 0;
        exec_native(session_,
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        for (const auto& file : files) {
            const std::string version = file.filename().string();
            exec_native(session_, "BEGIN");
            try {
                session_ << "SELECT pg_advisory_xact_lock(" << kMigrationLockKey << ")";
                int already = 0;
                session_ << "SELECT count(*) FROM schema_migrations WHERE version = :v", soci::use(version),
                    soci::into(already);
                if (already == 0) {
                    std::ifstream in(file);
                    std::stringstream text;
                    text << in.rdbuf();
                    exec_native(session_, text.str());
                    session_ << "INSERT INTO schema_migrations (version) VALUES (:v)", soci::use(version);
                    ++applied;
                }
                exec_native(session_, "COMMIT");
            } catch (...) {
                exec_native(session_, "ROLLBACK");
                throw;
            }
        }
        return applied;
    });
}

Transaction::Transaction(Db& db) : db_(db), depth_(db.transaction_depth_) {
    if (depth_ == 0) {
        db_.run([&] { db_.session().begin(); });
    } else {
        db_.run([&] { db_.session() << "SAVEPOINT s" + std::to_string(depth_); });
    }
    db_.count_round_trips(1);
    ++db_.transaction_depth_;
}

Transaction::~Transaction() {
    if (done_) return;
    --db_.transaction_depth_;
    try {
        db_.count_round_trips(1);
        if (depth_ == 0) {
            db_.session().rollback();
        } else {
            const std::string name = "s" + std::to_string(depth_);
            db_.session() << "ROLLBACK TO SAVEPOINT " + name;
            db_.session() << "RELEASE SAVEPOINT " + name;
        }
    } catch (...) {
        // A lost connection has rolled the transaction back already.
    }
}

void Transaction::commit() {
    db_.count_round_trips(1);
    // Ended either way: a failed COMMIT leaves no transaction open.
    done_ = true;
    --db_.transaction_depth_;
    if (depth_ == 0) {
        db_.run([&] { db_.session().commit(); });
    } else {
        db_.run([&] { db_.session() << "RELEASE SAVEPOINT s" + std::to_string(depth_); });
    }
}

}  // namespace store
