// scim-server: the master process. Opens (or inherits from systemd) the FastCGI socket,
// pre-forks single-threaded workers, respawns any that die, and drains them on SIGTERM.
#include <fcgiapp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <set>
#include <thread>

#include "app/dispatcher.h"
#include "config.h"
#include "fcgi/worker.h"
#include "scim/schema/registry.h"
#include "store/db.h"
#include "util/log.h"

namespace {

constexpr auto kDrainTimeout = std::chrono::seconds(20);

// systemd socket activation (sd_listen_fds(3)): the socket is fd 3 when LISTEN_PID is us.
int inherited_socket() {
    const char* pid = std::getenv("LISTEN_PID");
    const char* fds = std::getenv("LISTEN_FDS");
    if (pid == nullptr || fds == nullptr || std::atoi(pid) != getpid() || std::atoi(fds) < 1) return -1;
    return 3;
}

int open_socket(const config::Config& config) {
    int fd = inherited_socket();
    if (fd >= 0) return fd;
    if (config.socket_path.empty()) throw std::invalid_argument("--socket (or SCIM_SOCKET) is required");
    unlink(config.socket_path.c_str());
    fd = FCGX_OpenSocket(config.socket_path.c_str(), 256);
    if (fd < 0) throw std::runtime_error("cannot listen on " + config.socket_path);
    // nginx runs as the same user or in the socket's group.
    chmod(config.socket_path.c_str(), 0660);
    return fd;
}

pid_t spawn_worker(int listen_fd, const config::Config& config, const scim::schema::Registry& registry,
                   const sigset_t& original_mask) {
    pid_t master = getpid();
    pid_t pid = fork();
    if (pid != 0) return pid;
    // A worker must not outlive its master (a SIGKILLed master would leave it serving).
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != master) std::_Exit(0);
    sigprocmask(SIG_SETMASK, &original_mask, nullptr);
    int status = 0;
    try {
        store::Db db(config.database);
        app::Limits limits{config.max_body_bytes, config.max_results};
        app::Dispatcher dispatcher(registry, limits, db);
        try {
            db.ensure_connected();
        } catch (const store::StoreError& e) {
            // Serve anyway: requests get 503 until the database is back.
            util::log::error("database not reachable at worker start", {{"error", e.what()}});
        }
        fcgi::run_worker(listen_fd, config.max_body_bytes,
                         [&](const http::Request& request) { return dispatcher.handle(request); });
    } catch (const std::exception& e) {
        util::log::error("worker failed", {{"error", e.what()}});
        status = 1;
    }
    std::_Exit(status);
}

}  // namespace

int main(int argc, char** argv) {
    config::Config config;
    try {
        config = config::load(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "scim-server: " << e.what() << "\n";
        return 2;
    }
    const scim::schema::Registry registry = scim::schema::Registry::standard();
    int listen_fd;
    try {
        listen_fd = open_socket(config);
    } catch (const std::exception& e) {
        std::cerr << "scim-server: " << e.what() << "\n";
        return 1;
    }
    int workers = config.workers > 0 ? config.workers : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

    // The master handles signals synchronously with sigtimedwait: no handler races.
    sigset_t handled, original;
    sigemptyset(&handled);
    for (int s : {SIGTERM, SIGINT, SIGCHLD, SIGHUP}) sigaddset(&handled, s);
    sigprocmask(SIG_BLOCK, &handled, &original);

    std::set<pid_t> children;
    for (int i = 0; i < workers; ++i) children.insert(spawn_worker(listen_fd, config, registry, original));
    util::log::info("started", {{"workers", std::to_string(workers)}, {"socket", config.socket_path}});

    bool stopping = false;
    auto deadline = std::chrono::steady_clock::now();
    while (!children.empty()) {
        timespec timeout{1, 0};
        siginfo_t info;
        int sig = sigtimedwait(&handled, &info, &timeout);
        if ((sig == SIGTERM || sig == SIGINT) && !stopping) {
            stopping = true;
            deadline = std::chrono::steady_clock::now() + kDrainTimeout;
            util::log::info("stopping: draining workers");
            for (pid_t child : children) kill(child, SIGTERM);
        }
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            children.erase(pid);
            if (!stopping) {
                util::log::error("worker exited; respawning", {{"worker_pid", std::to_string(pid)}});
                children.insert(spawn_worker(listen_fd, config, registry, original));
            }
        }
        if (stopping && std::chrono::steady_clock::now() > deadline) {
            for (pid_t child : children) kill(child, SIGKILL);
        }
    }
    if (inherited_socket() < 0 && !config.socket_path.empty()) unlink(config.socket_path.c_str());
    util::log::info("stopped");
    return 0;
}
