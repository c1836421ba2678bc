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
    const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    std::string state = sqlstate != nullptr ? sqlstate : "";
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const bool lost = PQstatus(backend->conn_) != CONNECTION_OK || state.rfind("08", 0) == 0;
        throw StoreError(lost ? StoreError::Kind::Unavailable : StoreError::Kind::Other, "statement failed: " + message,
                         state);
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
    if (transaction_depth_ > 0) transaction_failed_ = true;
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
    release_savepoint();
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
    release_savepoint();
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

void Db::transaction_control(const std::string& sql) {
    count_round_trips(1);
    try {
        exec_native(session_, sql);
    } catch (const StoreError&) {
        if (transaction_depth_ > 0) transaction_failed_ = true;
        throw;
    }
}

void Db::release_savepoint() {
    if (pending_release_ == 0) return;
    const std::string name = "s" + std::to_string(pending_release_);
    pending_release_ = 0;
    transaction_control("RELEASE SAVEPOINT " + name);
}

Transaction::Transaction(Db& db) : db_(db), depth_(db.transaction_depth_) {
    if (depth_ == 0) {
        db_.pending_release_ = 0;
        db_.run([&] { db_.session().begin(); });
        db_.count_round_trips(1);
        db_.transaction_failed_ = false;
    } else if (db_.pending_release_ == depth_) {
        // The savepoint a moment ago at this depth, released with the new one made: one round trip.
        const std::string name = "s" + std::to_string(depth_);
        db_.pending_release_ = 0;
        db_.transaction_control("RELEASE SAVEPOINT " + name + "; SAVEPOINT " + name);
    } else {
        db_.release_savepoint();
        db_.transaction_control("SAVEPOINT s" + std::to_string(depth_));
    }
    ++db_.transaction_depth_;
}

Transaction::~Transaction() {
    if (done_) return;
    --db_.transaction_depth_;
    try {
        if (depth_ == 0) {
            db_.pending_release_ = 0;
            db_.count_round_trips(1);
            db_.session().rollback();
        } else {
            // Undoes the savepoints inside this one too, released or not.
            if (db_.pending_release_ > depth_) db_.pending_release_ = 0;
            db_.release_savepoint();
            db_.transaction_control("ROLLBACK TO SAVEPOINT s" + std::to_string(depth_));
            // What failed inside the savepoint is undone with it; the savepoint itself is
            // released with the next statement (or the COMMIT).
            db_.transaction_failed_ = false;
            db_.pending_release_ = depth_;
        }
    } catch (...) {
        // A lost connection has rolled the transaction back already; a savepoint that could
        // not be rolled back leaves the transaction failed (transaction_failed_ stays set).
        if (depth_ > 0) db_.transaction_failed_ = true;
    }
}

void Transaction::plan_statements_once() {
    db_.release_savepoint();
    db_.transaction_control("SET LOCAL plan_cache_mode = force_generic_plan");
}

void Transaction::commit() {
    if (db_.transaction_failed_) {
        throw StoreError(StoreError::Kind::Other, "a statement of the transaction failed; it cannot commit");
    }
    if (depth_ == 0) {
        // Ended either way: a failed COMMIT leaves no transaction open. COMMIT releases
        // every savepoint, so one still to release needs no statement.
        done_ = true;
        --db_.transaction_depth_;
        db_.pending_release_ = 0;
        db_.count_round_trips(1);
        db_.run([&] { db_.session().commit(); });
    } else {
        // RELEASE goes with the next statement that needs it gone, or not at all (COMMIT,
        // or the next savepoint at this depth, sent with it).
        done_ = true;
        --db_.transaction_depth_;
        if (db_.pending_release_ == 0 || db_.pending_release_ > depth_) db_.pending_release_ = depth_;
    }
}

}  // namespace store
