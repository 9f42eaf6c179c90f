// A processor at run time: its Context, its channel ends, and its place in the lifecycle
// (spec/channels.md §4): phase calls, the finish rule, and what happens when it fails.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "model/pipeline.hpp"
#include "runtime/child_process.hpp"
#include "runtime/end_host.hpp"
#include "runtime/files.hpp"

namespace cae::runtime {

class ReaderEnd;
class WriterEnd;
class SinkPort;
class HostServices;

class ProcessorHost final : public Context,
                            public ChannelEnds,
                            public EndHost,
                            public FileRoot,
                            public Spawner,
                            private Task {
 public:
  ProcessorHost(const model::Processor& model, std::string name, const Factory* factory,
                HostServices& services);
  ~ProcessorHost() override;

  void add_reader(const std::string& channel, ReaderEnd& end);
  void add_writer(const std::string& channel, WriterEnd& end);

  // Lifecycle, driven by the run.
  void begin(Phase phase);
  // A drain or a failure began before produce: produce is not called and counts as completed.
  void skip_produce() noexcept;
  void stop_producing() noexcept;
  // The processor failed: no more calls into it, its readers detach and its writers close
  // with `error`.
  void abandon(const std::string& error) noexcept;
  // The run is over: the processor is destroyed (its timers and files close with it).
  void release() noexcept;

  [[nodiscard]] const model::Processor& model() const noexcept { return model_; }
  [[nodiscard]] bool finished() const noexcept { return finished_; }
  [[nodiscard]] bool failed() const noexcept { return failed_; }
  [[nodiscard]] bool producing() const noexcept { return produce_called_ && !produce_done_; }
  [[nodiscard]] bool can_finish() const noexcept { return produce_called_ && !failed_; }

  // Context
  [[nodiscard]] std::string_view id() const noexcept override { return model_.id; }
  [[nodiscard]] std::string_view type() const noexcept override { return model_.type; }
  [[nodiscard]] std::string_view name() const noexcept override { return name_; }
  [[nodiscard]] const Arguments& args() const noexcept override { return args_; }
  [[nodiscard]] bool logs(LogLevel level) const noexcept override;
  void log(LogLevel level, std::string_view message) override;
  Timer start_timer(std::chrono::milliseconds delay, std::chrono::milliseconds repeat,
                    std::function<void()> callback) override;
  void post(std::function<void()> callback) override;
  ByteSink& standard_output() override;
  ByteSource& standard_input() override;
  std::unique_ptr<ByteSource> open_file_source(const std::string& path) override;
  std::unique_ptr<FileSink> open_file_sink(const std::string& path, bool append) override;
  void fail(std::string message) override { fail(phase_, std::move(message)); }

  // ChannelEnds
  Reader* find_reader(std::string_view channel) override;
  Writer* find_writer(std::string_view channel) override;

  // EndHost
  [[nodiscard]] bool alive() const noexcept override { return !failed_ && !released_; }
  [[nodiscard]] Phase phase() const noexcept override { return phase_; }
  Phase enter(Phase phase) noexcept override { return std::exchange(phase_, phase); }
  void fail(Phase phase, std::string message) noexcept override;
  void reader_done(const std::optional<std::string>& error) noexcept override;

  // FileRoot
  [[nodiscard]] std::string_view file_root() const noexcept override;

  // Spawner (child_process.cpp)
  std::unique_ptr<ChildProcess> spawn(const ChildSpec& spec) override;

 private:
  Flow call(Phase phase);
  void phase_done(Phase phase, Outcome outcome, std::string_view error) noexcept;
  void check_finished() noexcept;
  void run() noexcept override;  // posted callbacks

  const model::Processor& model_;
  std::string name_;
  const Factory* factory_;
  HostServices& services_;
  Arguments args_;
  std::unique_ptr<Processor> processor_;
  std::vector<std::pair<std::string, ReaderEnd*>> readers_;
  std::vector<std::pair<std::string, WriterEnd*>> writers_;
  std::unique_ptr<SinkPort> stdout_port_;
  std::deque<std::pair<Phase, std::function<void()>>> posted_;
  std::size_t open_readers_ = 0;
  Phase phase_ = Phase::open;
  bool produce_called_ = false;
  bool produce_done_ = false;
  bool stop_asked_ = false;
  bool finished_ = false;
  bool failed_ = false;
  bool released_ = false;
};

}  // namespace cae::runtime
