// scim-server: the master process. Opens (or inherits from systemd) the FastCGI socket,
// pre-forks single-threaded workers, respawns any that die, replaces them all on SIGHUP
// (after re-reading its configuration) and drains them on SIGTERM.
#include <fcgiapp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "app/dispatcher.h"
#include "config.h"
#include "fcgi/worker.h"
#include "scim/schema/registry.h"
#include "store/db.h"
#include "util/log.h"
#include "util/metrics.h"

namespace {

constexpr auto kDrainTimeout = std::chrono::seconds(20);
// A worker that dies sooner than this after its start is replaced after a pause, so that
// a worker that cannot start (bad configuration) does not become a fork loop.
constexpr auto kMinimumWorkerLife = std::chrono::seconds(1);

// systemd socket activation (sd_listen_fds(3)): the socket is fd 3 when LISTEN_PID is us.
int inherited_socket() {
    const char* pid = std::getenv("LISTEN_PID");
    const char* fds = std::getenv("LISTEN_FDS");
    if (pid == nullptr || fds == nullptr || std::atoi(pid) != getpid() || std::atoi(fds) < 1) return -1;
    return SD_LISTEN_FDS_START;
}

// listen(2) silently truncates the backlog to net.core.somaxconn: say so where it happens.
void warn_if_somaxconn_below(int backlog) {
    std::ifstream file("/proc/sys/net/core/somaxconn");
    long long somaxconn = 0;
    if (file >> somaxconn && somaxconn < backlog) {
        util::log::error("listen backlog capped by net.core.somaxconn",
                         {{"backlog", std::to_string(backlog)}, {"somaxconn", std::to_string(somaxconn)}});
    }
}

int open_socket(const config::Config& config) {
    int fd = inherited_socket();
    if (fd >= 0) return fd;
    if (config.socket_path.empty()) throw std::invalid_argument("--socket (or SCIM_SOCKET) is required");
    unlink(config.socket_path.c_str());
    // A burst of requests waits in this queue for a worker instead of being refused by
    // the kernel (nginx would answer 502 at once); the kernel caps it at net.core.somaxconn.
    fd = FCGX_OpenSocket(config.socket_path.c_str(), config.listen_backlog);
    if (fd < 0) throw std::runtime_error("cannot listen on " + config.socket_path);
    warn_if_somaxconn_below(config.listen_backlog);
    // nginx runs as the same user or in the socket's group.
    chmod(config.socket_path.c_str(), 0660);
    return fd;
}

// SCIM_CONFIG_FILE: KEY=VALUE lines (the systemd EnvironmentFile form) applied to the
// environment before the settings are read, at start and on every SIGHUP.
void apply_config_file() {
    const char* path = std::getenv("SCIM_CONFIG_FILE");
    if (path == nullptr || *path == '\0') return;
    std::ifstream in(path);
    if (!in) throw std::runtime_error(std::string("cannot read SCIM_CONFIG_FILE ") + path);
    std::string line;
    while (std::getline(in, line)) {
        auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        auto eq = line.find('=', first);
        if (eq == std::string::npos) continue;
        std::string key = line.substr(first, eq - first);
        std::string value = line.substr(eq + 1);
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
            value = value.substr(1, value.size() - 2);
        }
        setenv(key.c_str(), value.c_str(), 1);
    }
}

pid_t spawn_worker(int listen_fd, const config::Config& config, const scim::schema::Registry& registry,
                   util::Metrics* metrics, const sigset_t& original_mask) {
    pid_t master = getpid();
    pid_t pid = fork();
    if (pid != 0) return pid;
    // A worker must not outlive its master (a SIGKILLed master would leave it serving).
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != master) std::_Exit(0);
    signal(SIGHUP, SIG_IGN);
    // Only the master talks to systemd.
    unsetenv("NOTIFY_SOCKET");
    sigprocmask(SIG_SETMASK, &original_mask, nullptr);
    int status = 0;
    try {
        store::Db db(config.database);
        db.set_metrics(metrics);
        db.set_statement_timeout_ms(config.statement_timeout_ms);
        app::Limits limits{config.max_body_bytes,         config.max_results,
                           config.request_timeout_ms,     config.statement_timeout_ms,
                           config.cursor_timeout_seconds, config.bulk_max_operations,
                           config.bulk_max_payload_bytes, config.access_token_seconds};
        app::Dispatcher dispatcher(registry, limits, db, metrics);
        try {
            db.ensure_connected();
        } catch (const store::StoreError& e) {
            // Serve anyway: requests get 503 until the database is back.
            util::log::error("database not reachable at worker start", {{"error", e.what()}});
        }
        fcgi::run_worker(
            listen_fd, config.max_body_bytes, [&](const http::Request& request) { return dispatcher.handle(request); },
            [&] {
                if (metrics != nullptr) metrics->record_fastcgi_connection();
            });
    } catch (const std::exception& e) {
        util::log::error("worker failed", {{"error", e.what()}});
        status = 1;
    }
    std::_Exit(status);
}

// Two workers per CPU unless configured: measured with bench/run.sh (bench/README.md,
// "Number of workers"), one per CPU serves reads best, but writes wait on commits and row
// locks and want more; four per CPU cost more CPU per request for both.
int worker_count(const config::Config& config) {
    return config.workers > 0 ? config.workers : 2 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

struct Worker {
    int generation;
    std::chrono::steady_clock::time_point started;
};

}  // namespace

int main(int argc, char** argv) {
    config::Config config;
    try {
        apply_config_file();
        config = config::load(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "scim-server: " << e.what() << "\n";
        return 2;
    }
    const scim::schema::Registry registry = scim::schema::Registry::standard();
    util::Metrics* metrics = util::Metrics::create_shared();
    int listen_fd;
    try {
        listen_fd = open_socket(config);
    } catch (const std::exception& e) {
        std::cerr << "scim-server: " << e.what() << "\n";
        return 1;
    }

    // The master handles signals synchronously with sigtimedwait: no handler races.
    sigset_t handled, original;
    sigemptyset(&handled);
    for (int s : {SIGTERM, SIGINT, SIGCHLD, SIGHUP}) sigaddset(&handled, s);
    sigprocmask(SIG_BLOCK, &handled, &original);

    std::map<pid_t, Worker> workers;
    int generation = 0;
    auto spawn = [&] {
        pid_t pid = spawn_worker(listen_fd, config, registry, metrics, original);
        if (pid > 0) workers[pid] = Worker{generation, std::chrono::steady_clock::now()};
    };
    for (int i = 0; i < worker_count(config); ++i) spawn();
    util::log::info("started", {{"workers", std::to_string(worker_count(config))}, {"socket", config.socket_path}});
    sd_notify(0, "READY=1");

    bool stopping = false;
    auto deadline = std::chrono::steady_clock::now();
    while (!workers.empty()) {
        timespec timeout{1, 0};
        siginfo_t info;
        int sig = sigtimedwait(&handled, &info, &timeout);
        if ((sig == SIGTERM || sig == SIGINT) && !stopping) {
            stopping = true;
            sd_notify(0, "STOPPING=1");
            deadline = std::chrono::steady_clock::now() + kDrainTimeout;
            util::log::info("stopping: draining workers");
            for (const auto& [pid, worker] : workers) kill(pid, SIGTERM);
        } else if (sig == SIGHUP && !stopping) {
            // New workers with the new settings start accepting on the same socket before the
            // old ones are asked to finish their request and leave: no request is dropped.
            sd_notify(0, "RELOADING=1");
            try {
                apply_config_file();
                config::Config reloaded = config::load(argc, argv);
                reloaded.socket_path = config.socket_path;  // the socket stays; moving it needs a restart
                config = reloaded;
            } catch (const std::exception& e) {
                util::log::error("reload failed; keeping the running settings", {{"error", e.what()}});
            }
            ++generation;
            std::vector<pid_t> old;
            for (const auto& [pid, worker] : workers) old.push_back(pid);
            for (int i = 0; i < worker_count(config); ++i) spawn();
            for (pid_t pid : old) kill(pid, SIGTERM);
            util::log::info("reloaded: workers replaced", {{"workers", std::to_string(worker_count(config))}});
            sd_notify(0, "READY=1");
        }
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            auto found = workers.find(pid);
            if (found == workers.end()) continue;
            Worker worker = found->second;
            workers.erase(found);
            if (stopping || worker.generation != generation) continue;
            util::log::error("worker exited; respawning", {{"worker_pid", std::to_string(pid)}});
            metrics->record_worker_restart();
            if (std::chrono::steady_clock::now() - worker.started < kMinimumWorkerLife) {
                std::this_thread::sleep_for(kMinimumWorkerLife);
            }
            spawn();
        }
        if (stopping && std::chrono::steady_clock::now() > deadline) {
            for (const auto& [child, worker] : workers) kill(child, SIGKILL);
        }
    }
    if (inherited_socket() < 0 && !config.socket_path.empty()) unlink(config.socket_path.c_str());
    util::log::info("stopped");
    return 0;
}
