// One run of a pipeline: owns the loop and everything on it, drives the phases of
// spec/channels.md §4, and ends the run as §4–§6 say (finish, fatal error, signal drain).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runtime/byte_source.hpp"
#include "runtime/channel.hpp"
#include "runtime/handle.hpp"
#include "runtime/host.hpp"
#include "runtime/host_services.hpp"
#include "runtime/log.hpp"
#include "runtime/loop.hpp"
#include "runtime/output_stream.hpp"
#include "runtime/run.hpp"
#include "runtime/scheduler.hpp"
#include "runtime/transport_end.hpp"

namespace cae::runtime {

class Lifecycle final : public HostServices, public TransportServices {
 public:
  Lifecycle(const model::Pipeline& pipeline, const Registry& registry, const RunOptions& options);
  ~Lifecycle();
  Lifecycle(const Lifecycle&) = delete;
  Lifecycle& operator=(const Lifecycle&) = delete;

  RunResult execute();

  // HostServices
  uv_loop_t* loop() noexcept override { return loop_.get(); }
  Scheduler& scheduler() noexcept override { return scheduler_; }
  [[nodiscard]] const Logger& logger() const noexcept override { return logger_; }
  [[nodiscard]] std::string_view file_root() const noexcept override { return options_.file_root; }
  [[nodiscard]] bool allow_exec() const noexcept override { return options_.allow_exec; }
  OutputStream& standard_output() override;
  SourceBase& standard_input(EndHost& reader) override;
  void processor_failed(ProcessorHost& host, Phase phase,
                        const std::string& message) noexcept override;
  void phase_call_done() noexcept override;
  void processor_finished(ProcessorHost& host) noexcept override;

  // TransportServices (loop, scheduler and logger are shared with HostServices)
  [[nodiscard]] const RunOptions& options() const noexcept override { return options_; }
  [[nodiscard]] std::string display(std::string_view iri) const override;
  void transport_failed(TransportEnd& end, const std::string& message) noexcept override;
  void transport_finished(TransportEnd& end) noexcept override;

 private:
  enum class State : std::uint8_t { running, draining, failing, ending, ended };

  // A Task that calls a member function of the run.
  struct Step final : Task {
    Step(Lifecycle& run, void (Lifecycle::*step)()) : run_(run), step_(step) {}
    void run() noexcept override { (run_.*step_)(); }
    Lifecycle& run_;
    void (Lifecycle::*step_)();
  };

  // lifecycle.cpp: setting up and the phases.
  void open();
  void open_channel(const model::Channel& model);
  void start_signals();
  void start_stats();
  void start_phase(Phase phase);
  void advance() noexcept;
  void open_transport(const model::Channel& model, Channel& channel);
  [[nodiscard]] bool transports_done() const noexcept;
  [[nodiscard]] std::string unfinished() const;

  // lifecycle_end.cpp: failures, signals and the end.
  void fail_run(Diagnostic error) noexcept;
  void stop_sources() noexcept;
  void on_signal(int signal) noexcept;
  void arm_deadline(std::chrono::milliseconds after, std::string reason) noexcept;
  void check_end() noexcept;
  void output_flushed() noexcept;
  void abort(const std::string& reason) noexcept;
  void stop() noexcept;
  void shutdown() noexcept;
  void report_stats() noexcept;
  RunResult result();
  static std::string summary(std::string_view what, const RunResult& result);

  const model::Pipeline& pipeline_;
  const Registry& registry_;
  const RunOptions& options_;
  Loop loop_;  // first: destroyed after everything that lives on it
  Scheduler scheduler_{loop_.get()};
  Logger logger_;
  ChannelEnv env_{scheduler_, logger_};
  std::vector<std::unique_ptr<Channel>> channels_;
  std::vector<std::unique_ptr<ProcessorHost>> hosts_;
  // After channels_: the ends hold channel ends, so they go first.
  std::vector<std::unique_ptr<TransportEnd>> transports_;
  std::unique_ptr<OutputStream> stdout_;
  std::unique_ptr<StreamSource> stdin_stream_;
  std::unique_ptr<FileSource> stdin_file_;
  Handle<uv_signal_t> sigint_;
  Handle<uv_signal_t> sigterm_;
  Handle<uv_timer_t> deadline_;
  Handle<uv_timer_t> stats_timer_;
  Step advance_step_{*this, &Lifecycle::advance};
  Step check_end_step_{*this, &Lifecycle::check_end};
  Step flushed_step_{*this, &Lifecycle::output_flushed};
  std::string deadline_reason_;
  std::vector<std::uint64_t> stats_last_;  // messages per channel at the previous report
  std::vector<std::uint64_t> stats_last_bytes_;
  State state_ = State::running;
  Phase phase_ = Phase::open;
  std::size_t pending_calls_ = 0;
  std::optional<Diagnostic> error_;  // the first fatal error: the run exits 1
  int signal_exit_ = 0;  // 130 or 143 once a signal started a drain
  std::optional<std::string> aborted_;  // why the run was aborted, if it was
  std::uint64_t started_ = 0;  // uv_hrtime at start
  double seconds_ = 0;
};

}  // namespace cae::runtime
