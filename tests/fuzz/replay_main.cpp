// A main() for fuzz targets built without libFuzzer (g++ -fsanitize=address,undefined):
// runs LLVMFuzzerTestOneInput once on each file named on the command line, or on each
// regular file in a named directory (sorted, not recursive). Exits 0 when every input ran;
// a crash, sanitizer report or uncaught exception ends the process (after naming the input
// that caused it), a leak (checked after each input) exits 1 after naming the input, and an
// unreadable file or directory exits 2 once all inputs ran. "-v" names each input as it
// runs. This is how `make check` replays the corpora without clang.
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>
// From <sanitizer/allocator_interface.h>, which g++ does not ship; its runtime has it.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

std::string current_input;  // the file being run, for the messages below

// Async-signal-safe: write(2) only.
void say(const char* text) {
    std::size_t length = 0;
    while (text[length] != '\0') ++length;
    [[maybe_unused]] ssize_t written = write(STDERR_FILENO, text, length);
}

void say_current(const char* what) {
    say(what);
    say(current_input.c_str());
    say("\n");
}

// An uncaught exception or a failed check aborts: name the input, then die as before.
void on_abort(int signal) {
    say_current("replay: aborted while running ");
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

#if defined(__SANITIZE_ADDRESS__)
void on_sanitizer_death() { say_current("replay: sanitizer report while running "); }
#endif

bool run_file(const std::filesystem::path& path, bool verbose) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
        return false;
    }
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (verbose) std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), bytes.size());
    current_input = path.string();
    // An owned copy of exactly `size` bytes, as libFuzzer passes them, so that ASan sees any
    // read past the end; never a null pointer, even for an empty input.
    std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    data.reserve(1);
#if defined(__SANITIZE_ADDRESS__)
    const std::size_t allocated = __sanitizer_get_current_allocated_bytes();
#endif
    LLVMFuzzerTestOneInput(data.data(), data.size());
#if defined(__SANITIZE_ADDRESS__)
    // A leak would be reported at exit; checking after an input that left memory allocated
    // names the input that leaked (as libFuzzer does). Stop there: later checks would report
    // the same leak again. A no-op when leak detection is off (ASAN_OPTIONS=detect_leaks=0).
    if (__sanitizer_get_current_allocated_bytes() > allocated && __lsan_do_recoverable_leak_check() != 0) {
        std::fprintf(stderr, "replay: memory leaked while running %s\n", path.c_str());
        std::_Exit(1);
    }
#endif
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGABRT, on_abort);
#if defined(__SANITIZE_ADDRESS__)
    __sanitizer_set_death_callback(on_sanitizer_death);
#endif
    if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
    bool verbose = false;
    std::size_t ran = 0;
    bool ok = true;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "-v") {
            verbose = true;
            continue;
        }
        const std::filesystem::path path(arg);
        std::error_code error;
        if (std::filesystem::is_directory(path, error)) {
            std::vector<std::filesystem::path> files;
            for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
                if (entry.is_regular_file(error)) files.push_back(entry.path());
            }
            if (error) {
                std::fprintf(stderr, "replay: cannot list %s: %s\n", path.c_str(), error.message().c_str());
                ok = false;
                continue;
            }
            std::sort(files.begin(), files.end());
            for (const auto& file : files) {
                if (run_file(file, verbose)) {
                    ++ran;
                } else {
                    ok = false;
                }
            }
        } else {
            if (run_file(path, verbose)) {
                ++ran;
            } else {
                ok = false;
            }
        }
    }
    std::fprintf(stderr, "replay: %zu inputs\n", ran);
    return ok ? 0 : 2;
}
