// `cae run PIPELINE`: load and resolve the pipeline, run it on the event loop, and turn the run's
// end into one report and an exit code (spec/channels.md §4–§6).
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/load_pipeline.hpp"
#include "cli/run_permissions.hpp"
#include "processors/builtins.hpp"
#include "resolve/naming.hpp"
#include "runtime/log.hpp"
#include "runtime/plugins.hpp"
#include "runtime/run.hpp"

namespace cae::cli {
namespace {

// The final table of --stats: one row per channel.
void print_summary(const runtime::RunResult& result) {
  std::size_t width = 7;
  for (const auto& channel : result.channels) width = std::max(width, channel.name.size());
  fmt::print(stderr, "{:<{}}  {:>12}  {:>14}  {:>7}  {:>10}\n", "channel", width, "messages",
             "bytes", "readers", "peak queue");
  for (const auto& channel : result.channels) {
    fmt::print(stderr, "{:<{}}  {:>12}  {:>14}  {:>7}  {:>10}\n", channel.name, width,
               channel.messages, channel.bytes, channel.readers, channel.peak_queue);
  }
  fmt::print(stderr, "run took {:.3f} s\n", result.seconds);
}

class RunCommand final : public Command {
 public:
  void configure(CLI::App& sub) override {
    sub.add_option("pipeline", pipeline_, "Pipeline document (Turtle, TriG, N-Triples, N-Quads)")
        ->required();
    sub.add_option("--log-level", log_level_,
                   "error, warn, info, debug or trace (default: info)")
        ->check([](const std::string& text) {
          return runtime::parse_level(text) ? std::string{} : "unknown log level: " + text;
        });
    sub.add_flag("--stats", run_.stats,
                 "Print per-channel rates every second on stderr, and a final summary table");
    sub.add_option("--queue-messages", run_.queue.messages,
                   "Messages each reader queue holds (default: 256)")
        ->check(CLI::PositiveNumber);
    sub.add_option("--queue-bytes", run_.queue.bytes,
                   "Bytes each reader queue holds (default: 16 MiB)")
        ->check(CLI::PositiveNumber);
    sub.add_option("--max-message-bytes", run_.max_message_bytes,
                   "Largest plain message a transport carries (a whole file, for a file reader "
                   "in replace mode), and largest stream gathered into one message (default: "
                   "64 MiB)")
        ->check(CLI::PositiveNumber);
    sub.add_option("--connect-timeout", connect_seconds_,
                   "Seconds an egress transport end keeps trying to reach its far side at the "
                   "start, every 250 ms (default: 30)")
        ->check(CLI::NonNegativeNumber);
    sub.add_option("--reconnect-timeout", reconnect_seconds_,
                   "Seconds a transport end waits for a lost connection to come back before the "
                   "run fails (default: 30)")
        ->check(CLI::NonNegativeNumber);
    sub.add_option("--drain-timeout", drain_seconds_,
                   "Seconds a drain after SIGINT or SIGTERM may take (default: 30)")
        ->check(CLI::NonNegativeNumber);
    options_.configure(sub);
    permissions_.configure(sub);
  }

  int run() override {
    const auto loaded = load_pipeline(pipeline_, options_);
    fmt::print(stderr, "{}", loaded.diagnostics.format(loaded.document.sources));
    if (loaded.diagnostics.has_errors()) return exit_invalid;

    const resolve::Naming naming{loaded.document.graph, loaded.document.entry_iri,
                                 loaded.document.prefixes};
    run_.display_iri = [&naming](std::string_view iri) { return naming.iri(iri); };
    if (!permitted(loaded)) return exit_invalid;
    run_.log_level = runtime::parse_level(log_level_).value_or(LogLevel::info);
    run_.log_sink = [](std::string_view line) { fmt::print(stderr, "{}", line); };
    run_.drain_timeout = std::chrono::milliseconds{static_cast<long>(drain_seconds_ * 1000)};
    run_.connect_timeout = std::chrono::milliseconds{static_cast<long>(connect_seconds_ * 1000)};
    run_.reconnect_timeout =
        std::chrono::milliseconds{static_cast<long>(reconnect_seconds_ * 1000)};
    run_.file_root = file_root();
    run_.allow_exec = permissions_.allow_exec;

    runtime::PluginLibraries libraries;  // destroyed last: the registry holds their code
    Registry registry;
    processors::register_builtins(registry);
    const auto not_loaded = runtime::load_plugins(loaded.pipeline, registry, libraries,
                                                  run_.display_iri);
    if (not_loaded) {
      fmt::print(stderr, "{}", format_diagnostic(*not_loaded, loaded.document.sources));
      return exit_runtime;
    }
    const runtime::RunResult result = runtime::run_pipeline(loaded.pipeline, registry, run_);
    if (result.error) {
      fmt::print(stderr, "{}", format_diagnostic(*result.error, loaded.document.sources));
    }
    if (!result.summary.empty()) fmt::print(stderr, "{}\n", result.summary);
    // A handle left open is a bug of cae itself; said out loud, so that the end-to-end tests,
    // which compare stderr exactly, catch it in every run.
    if (!result.loop_closed) fmt::print(stderr, "cae: internal error: a loop handle leaked\n");
    if (run_.stats) print_summary(result);
    return result.exit_code;
  }

 private:
  // Libraries and programs need the operator's permission; refusals are printed here.
  [[nodiscard]] bool permitted(const LoadedPipeline& loaded) const {
    Diagnostics refused;
    check_permissions(loaded.pipeline, permissions_, run_.display_iri, refused);
    fmt::print(stderr, "{}", refused.format(loaded.document.sources));
    return !refused.has_errors();
  }

  [[nodiscard]] std::string file_root() const {
    if (!options_.file_root.empty()) return std::filesystem::absolute(options_.file_root);
    return std::filesystem::absolute(pipeline_).parent_path();
  }

  std::string pipeline_;
  std::string log_level_ = "info";
  double drain_seconds_ = 30;
  double connect_seconds_ = 30;
  double reconnect_seconds_ = 30;
  runtime::RunOptions run_;
  PipelineOptions options_;
  RunPermissions permissions_;
};

}  // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace cae::cli
