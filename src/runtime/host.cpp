#include "runtime/host.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "runtime/byte_source.hpp"
#include "runtime/host_services.hpp"
#include "runtime/reader_end.hpp"
#include "runtime/sink_port.hpp"
#include "runtime/timer.hpp"
#include "runtime/writer_end.hpp"

namespace cae::runtime {

ProcessorHost::ProcessorHost(const model::Processor& model, std::string name,
                             const Factory* factory, HostServices& services)
    : model_(model),
      name_(std::move(name)),
      factory_(factory),
      services_(services),
      args_(model.arguments, *this) {}

ProcessorHost::~ProcessorHost() { release(); }

void ProcessorHost::add_reader(const std::string& channel, ReaderEnd& end) {
  readers_.emplace_back(channel, &end);
  ++open_readers_;
}

void ProcessorHost::add_writer(const std::string& channel, WriterEnd& end) {
  writers_.emplace_back(channel, &end);
}

Flow ProcessorHost::call(Phase phase) {
  switch (phase) {
    case Phase::init:
      if (factory_ == nullptr) throw std::runtime_error("no implementation is registered");
      processor_ = (*factory_)(*this);
      if (!processor_) throw std::runtime_error("the factory made no processor");
      return processor_->init();
    case Phase::transform: return processor_->transform();
    case Phase::produce: return processor_->produce();
    default: return Flow::done();
  }
}

void ProcessorHost::begin(Phase phase) {
  phase_ = phase;
  if (phase == Phase::produce) produce_called_ = true;
  std::optional<Flow> flow;
  run_guarded(*this, phase, [&] { flow = call(phase); });
  if (!flow) {  // not alive, or the call threw: the failure is reported
    services_.phase_call_done();
    return;
  }
  const Flow completion = *flow;
  completion.then([this, phase, completion](Outcome outcome) {
    phase_done(phase, outcome, completion.error());
  });
}

void ProcessorHost::skip_produce() noexcept {
  produce_called_ = true;
  produce_done_ = true;
  check_finished();
}

void ProcessorHost::phase_done(Phase phase, Outcome outcome, std::string_view error) noexcept {
  if (outcome == Outcome::failed && alive()) {
    fail(phase, error.empty() ? std::string{"its Flow completed as failed"} : std::string{error});
  }
  if (phase == Phase::transform && alive()) {
    for (auto& [channel, reader] : readers_) reader->activate();
  }
  if (phase == Phase::produce) {
    produce_done_ = true;
    check_finished();
  }
  services_.phase_call_done();
}

void ProcessorHost::stop_producing() noexcept {
  if (!producing() || stop_asked_ || !alive()) return;
  stop_asked_ = true;
  const Phase previous = enter(Phase::produce);
  processor_->stop();
  enter(previous);
}

void ProcessorHost::check_finished() noexcept {
  if (finished_ || !alive() || !produce_done_ || open_readers_ > 0) return;
  finished_ = true;
  for (auto& [channel, writer] : writers_) {
    try {
      writer->close();
    } catch (const std::exception& error) {  // only allocation can fail here
      services_.logger().write(LogLevel::debug, name_, error.what());
    }
  }
  services_.processor_finished(*this);
}

void ProcessorHost::reader_done(const std::optional<std::string>& error) noexcept {
  if (open_readers_ > 0) --open_readers_;
  if (error && alive()) {
    // The error travels downstream (spec/channels.md §5 step 3).
    for (auto& [channel, writer] : writers_) writer->close_with_error(*error);
  }
  check_finished();
}

void ProcessorHost::fail(Phase phase, std::string message) noexcept {
  services_.processor_failed(*this, phase, message);
}

void ProcessorHost::abandon(const std::string& error) noexcept {
  if (failed_) return;
  failed_ = true;
  for (auto& [channel, reader] : readers_) reader->detach();
  for (auto& [channel, writer] : writers_) writer->close_with_error(error);
}

void ProcessorHost::release() noexcept {
  if (released_) return;
  released_ = true;
  services_.scheduler().cancel(*this);
  posted_.clear();
  stdout_port_.reset();
  processor_.reset();
}

bool ProcessorHost::logs(LogLevel level) const noexcept {
  return services_.logger().admits(level);
}

void ProcessorHost::log(LogLevel level, std::string_view message) {
  services_.logger().write(level, name_, message);
}

Timer ProcessorHost::start_timer(std::chrono::milliseconds delay, std::chrono::milliseconds repeat,
                                 std::function<void()> callback) {
  return LoopTimer::start(services_.loop(), *this, delay, repeat, std::move(callback));
}

void ProcessorHost::post(std::function<void()> callback) {
  posted_.emplace_back(phase_, std::move(callback));
  services_.scheduler().schedule(*this);
}

void ProcessorHost::run() noexcept {
  // Callbacks posted while these run wait for the next turn.
  auto due = std::move(posted_);
  posted_.clear();
  for (auto& [phase, callback] : due) run_guarded(*this, phase, callback);
}

ByteSink& ProcessorHost::standard_output() {
  if (!stdout_port_) {
    stdout_port_ = std::make_unique<SinkPort>(services_.standard_output(), *this,
                                              services_.scheduler());
  }
  return *stdout_port_;
}

ByteSource& ProcessorHost::standard_input() { return services_.standard_input(*this); }

std::unique_ptr<ByteSource> ProcessorHost::open_file_source(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  auto source = std::make_unique<FileSource>(fd, services_.scheduler());
  source->bind(*this);
  return source;
}

std::unique_ptr<FileSink> ProcessorHost::open_file_sink(const std::string& path, bool append) {
  // A user who names out/result.nt expects out/ to appear. The path was confined to the file
  // root before it got here, so the directories made are inside it too.
  std::error_code ignored;  // a failure shows as open()'s error just below, which names the path
  std::filesystem::create_directories(std::filesystem::path{path}.parent_path(), ignored);
  const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
  const int fd = ::open(path.c_str(), flags, 0666);
  if (fd < 0) {
    throw std::runtime_error(fmt::format("cannot open {} for writing: {}", path, std::strerror(errno)));
  }
  auto stream = std::make_unique<OutputStream>(services_.loop(), services_.scheduler(), fd, true);
  return std::make_unique<FileSinkPort>(std::move(stream), *this, services_.scheduler());
}

Reader* ProcessorHost::find_reader(std::string_view channel) {
  for (auto& [id, reader] : readers_) {
    if (id == channel) return reader;
  }
  return nullptr;
}

Writer* ProcessorHost::find_writer(std::string_view channel) {
  for (auto& [id, writer] : writers_) {
    if (id == channel) return writer;
  }
  return nullptr;
}

std::string_view ProcessorHost::file_root() const noexcept { return services_.file_root(); }

}  // namespace cae::runtime
