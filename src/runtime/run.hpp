// Running a resolved pipeline (spec/channels.md): channels, the lifecycle, failures, signals.
// The command line turns the result into its report and exit code.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "cae/context.hpp"
#include "cae/registry.hpp"
#include "model/pipeline.hpp"
#include "runtime/entry_queue.hpp"

namespace cae::runtime {

struct RunOptions {
  // Bounds of every reader queue; a channel's own cae:queueMessages / cae:queueBytes win.
  QueueBounds queue{};
  std::chrono::milliseconds drain_timeout{30'000};
  std::chrono::milliseconds abort_grace{5'000};  // after a fatal error (spec §5 step 4)
  LogLevel log_level = LogLevel::info;
  // Live per-channel rates on the log sink every stats_interval.
  bool stats = false;
  std::chrono::milliseconds stats_interval{1'000};
  // The largest plain message a network transport carries, and stream gathered whole.
  std::uint64_t max_message_bytes = std::uint64_t{64} << 20;
  // Transports (spec/channels.md §7–§8): how long an egress end tries to reach its far side at
  // the start, and to get it back after losing it; the pause between first attempts.
  std::chrono::milliseconds connect_timeout{30'000};
  std::chrono::milliseconds reconnect_timeout{30'000};
  std::chrono::milliseconds connect_retry{250};
  int stdout_fd = 1;
  int stdin_fd = 0;
  std::string file_root;  // where file processors' relative paths start and must stay beneath
  bool allow_exec = false;  // processors may start programs (--allow-exec)
  // Receives log lines (each ending in '\n'), as stderr would.
  std::function<void(std::string_view line)> log_sink;
  // How messages print an IRI or blank node id (spec/arguments.md §5); default: <IRI>.
  std::function<std::string(std::string_view iri)> display_iri;
};

struct ChannelSummary {
  std::string name;
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  std::size_t readers = 0;
  std::size_t peak_queue = 0;  // the largest backlog of any of its reader queues
};

struct RunResult {
  int exit_code = 0;                 // 0, 1, 130 or 143 (spec/arguments.md §5)
  std::optional<Diagnostic> error;   // the one report's error (code runtime), if any
  // "cae: run failed after …" when there is an error, "cae: drain aborted after …" when a
  // second signal or the drain timeout cut the drain short; else empty.
  std::string summary;
  double seconds = 0;
  std::uint64_t discarded = 0;       // messages dropped by failures, cancellation and aborts
  std::vector<std::string> not_finished;  // neither finished nor failed, by name
  std::vector<ChannelSummary> channels;
  bool loop_closed = false;          // uv_loop_close succeeded: no handle leaked
};

// Runs `pipeline` with processors from `registry` on a loop of its own; returns when it has
// ended and every handle is closed.
RunResult run_pipeline(const model::Pipeline& pipeline, const Registry& registry,
                       const RunOptions& options);

}  // namespace cae::runtime
