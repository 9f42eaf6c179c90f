// How a run ends (spec/channels.md §4–§6): every processor finished, a fatal error, a signal
// drain, a deadline, or a stall; and what the run reports afterwards.
#include <csignal>

#include <fmt/format.h>

#include "runtime/lifecycle.hpp"

namespace cae::runtime {

void Lifecycle::processor_failed(ProcessorHost& host, Phase phase,
                                 const std::string& message) noexcept {
  if (host.failed()) return;
  const std::string what = fmt::format("processor {} ({}) failed in {}: {}", host.name(),
                                       display(host.model().type), phase_name(phase), message);
  // Downstream readers see which processor broke their input.
  host.abandon(fmt::format("{} failed: {}", host.name(), message));
  fail_run(Diagnostic{Severity::error, Code::runtime, host.model().where, what, {}});
  scheduler_.schedule(check_end_step_);
}

void Lifecycle::fail_run(Diagnostic error) noexcept {
  if (error_ || state_ == State::ending || state_ == State::ended) {
    // Only the first fatal error is the run's; later ones are mostly its consequences.
    logger_.write(LogLevel::debug, "cae", error.message);
    return;
  }
  error_ = std::move(error);
  if (state_ == State::running || state_ == State::draining) state_ = State::failing;
  stop_sources();
  arm_deadline(options_.abort_grace, "the remaining processors did not finish in time");
}

void Lifecycle::stop_sources() noexcept {
  for (auto& host : hosts_) host->stop_producing();
  for (auto& end : transports_) end->stop_accepting();
}

bool Lifecycle::transports_done() const noexcept {
  for (const auto& end : transports_) {
    if (!end->finished() && !end->failed()) return false;
  }
  return true;
}

// What keeps the run from ending, by name: processors, then transport ends.
std::string Lifecycle::unfinished() const {
  std::string waiting;
  for (const auto& host : hosts_) {
    if (host->finished() || host->failed()) continue;
    waiting += fmt::format("{}{}", waiting.empty() ? "" : ", ", host->name());
  }
  for (const auto& end : transports_) {
    if (end->finished() || end->failed()) continue;
    waiting += fmt::format("{}{}", waiting.empty() ? "" : ", ", end->label());
  }
  return waiting;
}

void Lifecycle::on_signal(int signal) noexcept {
  const char* name = signal == SIGINT ? "SIGINT" : "SIGTERM";
  if (signal_exit_ != 0 || state_ == State::failing) {
    if (signal_exit_ == 0) signal_exit_ = signal == SIGINT ? 130 : 143;
    abort(fmt::format("a second signal ({}) arrived", name));
    return;
  }
  signal_exit_ = signal == SIGINT ? 130 : 143;
  logger_.write(LogLevel::info, "cae", fmt::format("{}: stopping the sources and draining", name));
  if (state_ == State::running) state_ = State::draining;
  stop_sources();
  arm_deadline(options_.drain_timeout, "the drain did not end within --drain-timeout");
}

void Lifecycle::arm_deadline(std::chrono::milliseconds after, std::string reason) noexcept {
  deadline_reason_ = std::move(reason);
  uv_timer_start(
      deadline_.get(),
      [](uv_timer_t* timer) {
        auto* self = static_cast<Lifecycle*>(timer->data);
        self->abort(self->deadline_reason_);
      },
      static_cast<std::uint64_t>(after.count()), 0);
  // The deadline alone does not keep the loop turning: with nothing else to do the run has
  // stalled, and execute() ends it at once.
  uv_unref(deadline_.base());
}

void Lifecycle::check_end() noexcept {
  if (state_ == State::ending || state_ == State::ended) return;
  for (const auto& host : hosts_) {
    if (!host->finished() && !host->failed()) return;
  }
  if (!transports_done()) return;
  state_ = State::ending;
  // Everything printed reaches stdout before the run ends.
  if (stdout_ && stdout_->unsent() > 0 && !stdout_->error()) {
    stdout_->wait_empty(flushed_step_);
    return;
  }
  stop();
}

void Lifecycle::output_flushed() noexcept { stop(); }

void Lifecycle::abort(const std::string& reason) noexcept {
  if (state_ == State::ended) return;
  logger_.write(LogLevel::debug, "cae", fmt::format("aborting: {}", reason));
  aborted_ = reason;
  if (!error_ && !signal_exit_) {
    error_ = Diagnostic{Severity::error, Code::runtime, Location{}, reason, {}};
  }
  for (auto& channel : channels_) channel->abort();
  stop();
}

void Lifecycle::stop() noexcept {
  seconds_ = static_cast<double>(uv_hrtime() - started_) / 1e9;
  state_ = State::ended;
  uv_stop(loop_.get());
}

void Lifecycle::shutdown() noexcept {
  for (auto* handle : {&sigint_, &sigterm_}) handle->close();
  deadline_.close();
  stats_timer_.close();
  for (auto& host : hosts_) host->release();
  for (auto& end : transports_) end->close();
  if (stdout_) {
    stdout_->flush_now();
    stdout_->close();
  }
  if (stdin_stream_) stdin_stream_->close();
  stdin_file_.reset();
  scheduler_.clear();
  scheduler_.close();
}

void Lifecycle::report_stats() noexcept {
  const double seconds = static_cast<double>(options_.stats_interval.count()) / 1000.0;
  stats_last_.resize(channels_.size());
  stats_last_bytes_.resize(channels_.size());
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    const ChannelCounts& counts = channels_[i]->counts();
    const double rate = static_cast<double>(counts.messages - stats_last_[i]) / seconds;
    const double byte_rate = static_cast<double>(counts.bytes - stats_last_bytes_[i]) / seconds;
    stats_last_[i] = counts.messages;
    stats_last_bytes_[i] = counts.bytes;
    logger_.raw(fmt::format("stats: {}: {:.0f} msg/s, {:.1f} MB/s, {} queued, {} messages total\n",
                            channels_[i]->name(), rate, byte_rate / 1e6, channels_[i]->queued(),
                            counts.messages));
  }
}

RunResult Lifecycle::result() {
  RunResult out;
  out.exit_code = error_ ? 1 : signal_exit_;
  out.seconds = seconds_;
  out.discarded = env_.discarded;
  for (const auto& host : hosts_) {
    // The error already names the processor that failed (spec/channels.md §5 example).
    if (!host->finished() && !host->failed()) out.not_finished.emplace_back(host->name());
  }
  for (const auto& channel : channels_) {
    out.channels.push_back(ChannelSummary{channel->name(), channel->counts().messages,
                                          channel->counts().bytes, channel->reader_count(),
                                          channel->peak_queue()});
  }
  if (error_) {
    out.error = error_;
    out.summary = summary(fmt::format("run failed after {:.1f} s", out.seconds), out);
  } else if (aborted_) {
    // A drain cut short (spec/channels.md §6) is no error, but what it discarded is reported.
    out.summary = summary(fmt::format("drain aborted after {:.1f} s: {}", out.seconds, *aborted_),
                          out);
  }
  return out;
}

std::string Lifecycle::summary(std::string_view what, const RunResult& result) {
  std::string out = fmt::format("cae: {}; {} message{} discarded", what, result.discarded,
                                result.discarded == 1 ? "" : "s");
  if (!result.not_finished.empty()) {
    out += fmt::format("; not finished: {}", fmt::join(result.not_finished, ", "));
  }
  return out;
}

}  // namespace cae::runtime
