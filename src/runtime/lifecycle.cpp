#include "runtime/lifecycle.hpp"

#include <csignal>

#include <fmt/format.h>

#include "runtime/reader_end.hpp"
#include "runtime/transports.hpp"
#include "runtime/writer_end.hpp"

namespace cae::runtime {

Lifecycle::Lifecycle(const model::Pipeline& pipeline, const Registry& registry,
                     const RunOptions& options)
    : pipeline_(pipeline),
      registry_(registry),
      options_(options),
      logger_(options.log_level, options.log_sink) {
  env_.gather_limit = options.max_message_bytes;
}

Lifecycle::~Lifecycle() { shutdown(); }

std::string Lifecycle::display(std::string_view iri) const {
  if (options_.display_iri) return options_.display_iri(iri);
  return iri.starts_with("_:") ? std::string{iri} : fmt::format("<{}>", iri);
}

RunResult Lifecycle::execute() {
  started_ = uv_hrtime();
  start_signals();
  open();
  if (state_ == State::running) {
    start_phase(Phase::init);
    check_end();
  } else {
    abort("the pipeline could not be opened");
  }
  if (state_ != State::ended) loop_.run();  // returns after stop(), or when nothing can move
  if (state_ != State::ended) {
    const std::string waiting = unfinished();
    fail_run(Diagnostic{Severity::error, Code::runtime, Location{},
                        fmt::format("the run cannot go on: nothing is scheduled, yet {} "
                                    "have not finished (a cycle of full queues, or a processor "
                                    "that never completes)",
                                    waiting),
                        {}});
    abort("stalled");
  }
  auto out = result();
  shutdown();
  out.loop_closed = loop_.close() == 0;
  return out;
}

void Lifecycle::open() {
  phase_ = Phase::open;
  for (const auto& model : pipeline_.processors) {
    const Factory* factory = registry_.find(model.type);
    hosts_.push_back(std::make_unique<ProcessorHost>(model, display(model.id), factory, *this));
    if (factory == nullptr) {
      fail_run(Diagnostic{Severity::error, Code::runtime, model.where,
                          fmt::format("processor {} ({}) failed in open: no implementation of "
                                      "{} is registered",
                                      display(model.id), display(model.type), display(model.type)),
                          {}});
    }
  }
  for (const auto& model : pipeline_.channels) open_channel(model);
}

void Lifecycle::open_channel(const model::Channel& model) {
  const QueueBounds bounds{model.queue.messages.value_or(options_.queue.messages),
                           model.queue.bytes.value_or(options_.queue.bytes)};
  channels_.push_back(std::make_unique<Channel>(model.id, display(model.id), bounds, env_));
  Channel& channel = *channels_.back();
  if (const auto level = parse_level(model.log_level)) channel.log_messages(*level);
  const auto host_of = [&](const std::string& id) -> ProcessorHost* {
    for (auto& host : hosts_) {
      if (host->model().id == id) return host.get();
    }
    return nullptr;
  };
  for (const auto& id : model.writers) {
    if (auto* host = host_of(id)) host->add_writer(model.id, channel.add_writer(*host));
  }
  for (const auto& id : model.readers) {
    if (auto* host = host_of(id)) host->add_reader(model.id, channel.add_reader(*host));
  }
  if (model.transport != model::Transport::memory) open_transport(model, channel);
}

// The channel's outside side (transport_end.hpp): bound or connecting once this returns.
void Lifecycle::open_transport(const model::Channel& model, Channel& channel) {
  std::unique_ptr<TransportEnd> end;
  try {
    end = make_transport_end(model, display(model.id), *this);
  } catch (const std::exception& error) {
    fail_run(Diagnostic{Severity::error, Code::runtime, model.where,
                        fmt::format("channel {} ({}): {}", display(model.id),
                                    model::transport_name(model.transport), error.what()),
                        {}});
    return;
  }
  TransportEnd& opened = *transports_.emplace_back(std::move(end));
  opened.attach(channel);
  try {
    opened.open();
  } catch (const std::exception& error) {
    fail_run(Diagnostic{Severity::error, Code::runtime, model.where,
                        fmt::format("{}: {}", opened.label(), error.what()), {}});
  }
}

void Lifecycle::start_signals() {
  for (auto* handle : {&sigint_, &sigterm_}) {
    uv_signal_init(loop_.get(), handle->get());
    handle->initialized();
    handle->get()->data = this;
    // Unreferenced: waiting for a signal alone does not keep a finished run alive.
    uv_unref(handle->base());
  }
  const auto on_signal = [](uv_signal_t* handle, int signal) {
    static_cast<Lifecycle*>(handle->data)->on_signal(signal);
  };
  uv_signal_start(sigint_.get(), on_signal, SIGINT);
  uv_signal_start(sigterm_.get(), on_signal, SIGTERM);
  uv_timer_init(loop_.get(), deadline_.get());
  deadline_.initialized();
  deadline_.get()->data = this;
  if (options_.stats) start_stats();
}

void Lifecycle::start_stats() {
  uv_timer_init(loop_.get(), stats_timer_.get());
  stats_timer_.initialized();
  stats_timer_.get()->data = this;
  uv_unref(stats_timer_.base());
  const auto every = static_cast<std::uint64_t>(options_.stats_interval.count());
  uv_timer_start(
      stats_timer_.get(),
      [](uv_timer_t* timer) { static_cast<Lifecycle*>(timer->data)->report_stats(); }, every,
      every);
}

void Lifecycle::start_phase(Phase phase) {
  phase_ = phase;
  pending_calls_ = hosts_.size() + 1;  // one more, released below, so that no call ends it early
  for (auto& host : hosts_) {
    if (phase == Phase::produce && state_ != State::running) {
      host->skip_produce();
      --pending_calls_;
    } else {
      host->begin(phase);
    }
  }
  phase_call_done();
}

void Lifecycle::phase_call_done() noexcept {
  if (pending_calls_ > 0 && --pending_calls_ == 0) scheduler_.schedule(advance_step_);
}

// The phases go on after a drain began or a processor failed, so that every processor attaches
// its consumers and receives its inputs' closes, the error ones included, and can finish:
// unaffected branches drain normally (spec/channels.md §5). Only produce is skipped then.
void Lifecycle::advance() noexcept {
  const bool going =
      state_ == State::running || state_ == State::draining || state_ == State::failing;
  if (going && phase_ == Phase::init) {
    start_phase(Phase::transform);
  } else if (going && phase_ == Phase::transform) {
    start_phase(Phase::produce);
  }
  check_end();
}

void Lifecycle::transport_failed(TransportEnd& end, const std::string& message) noexcept {
  fail_run(Diagnostic{Severity::error, Code::runtime, end.model().where,
                      fmt::format("{}: {}", end.label(), message), {}});
  scheduler_.schedule(check_end_step_);
}

void Lifecycle::transport_finished(TransportEnd& end) noexcept {
  logger_.write(LogLevel::debug, end.name(), "transport end finished");
  scheduler_.schedule(check_end_step_);
}

void Lifecycle::processor_finished(ProcessorHost& host) noexcept {
  logger_.write(LogLevel::debug, host.name(), "finished");
  scheduler_.schedule(check_end_step_);
}

OutputStream& Lifecycle::standard_output() {
  if (!stdout_) {
    stdout_ = std::make_unique<OutputStream>(loop_.get(), scheduler_, options_.stdout_fd, false);
  }
  return *stdout_;
}

SourceBase& Lifecycle::standard_input(EndHost& reader) {
  SourceBase* source = stdin_stream_ ? static_cast<SourceBase*>(stdin_stream_.get())
                                     : static_cast<SourceBase*>(stdin_file_.get());
  if (source != nullptr) {
    throw std::runtime_error("standard input is already read by another processor");
  }
  const uv_handle_type type = uv_guess_handle(options_.stdin_fd);
  if (type == UV_TTY || type == UV_NAMED_PIPE || type == UV_TCP) {
    stdin_stream_ = std::make_unique<StreamSource>(loop_.get(), options_.stdin_fd);
    source = stdin_stream_.get();
  } else {
    const int fd = ::dup(options_.stdin_fd);
    if (fd < 0) throw std::runtime_error("cannot read standard input: it is closed");
    stdin_file_ = std::make_unique<FileSource>(fd, scheduler_);
    source = stdin_file_.get();
  }
  source->bind(reader);
  return *source;
}


RunResult run_pipeline(const model::Pipeline& pipeline, const Registry& registry,
                       const RunOptions& options) {
  Lifecycle run{pipeline, registry, options};
  return run.execute();
}

}  // namespace cae::runtime
