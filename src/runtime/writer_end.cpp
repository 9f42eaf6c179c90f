#include "runtime/writer_end.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "runtime/channel.hpp"

namespace cae::runtime {

std::string_view WriterEnd::channel() const noexcept {
  return channel_.id();
}

Flow WriterEnd::send(Entry entry) {
  if (closed_) {
    host_.fail(host_.phase(), fmt::format("write after close on channel {}", channel_.name()));
    return Flow::failed();
  }
  if (parked_) {
    throw std::logic_error(
        fmt::format("write on channel {} while the previous write is pending; wait for its Flow",
                    channel_.name()));
  }
  return channel_.offer(*this, std::move(entry));
}

Flow WriterEnd::write(Message message) {
  if (in_stream_) {
    throw std::logic_error(
        fmt::format("write on channel {} while a stream is open", channel_.name()));
  }
  return send(Entry{std::move(message), Part::whole});
}

Flow WriterEnd::begin_stream() {
  if (in_stream_) {
    throw std::logic_error(fmt::format("a stream is already open on channel {}", channel_.name()));
  }
  Flow flow = send(Entry{Message{}, Part::begin});
  in_stream_ = !closed_;
  return flow;
}

Flow WriterEnd::write_chunk(Message chunk) {
  if (!in_stream_ && !closed_) {
    throw std::logic_error(
        fmt::format("write_chunk on channel {} outside a stream", channel_.name()));
  }
  return send(Entry{std::move(chunk), Part::chunk});
}

Flow WriterEnd::end_stream() {
  if (!in_stream_ && !closed_) {
    throw std::logic_error(
        fmt::format("end_stream on channel {} outside a stream", channel_.name()));
  }
  Flow flow = send(Entry{Message{}, Part::end});
  in_stream_ = false;
  return flow;
}

void WriterEnd::close() {
  if (closed_) return;
  if (in_stream_) {
    // Readers must not take a truncated stream for a whole one.
    close_with_error("the writer closed in the middle of a stream");
    return;
  }
  closed_ = true;
  channel_.writer_closed(*this);
}

void WriterEnd::fail(std::string error) {
  if (closed_) return;
  if (in_stream_) {
    host_.fail(host_.phase(),
               fmt::format("stream on channel {} ended with an error: {}", channel_.name(), error));
  }
  close_with_error(error);
}

void WriterEnd::forward_close(const std::optional<std::string>& error) {
  if (error) {
    close_with_error(*error);
  } else {
    close();
  }
}

void WriterEnd::close_with_error(const std::string& error) {
  if (closed_ && !parked_) return;
  closed_ = true;
  in_stream_ = false;
  channel_.writer_failed(*this, error);
}

Flow WriterEnd::park(Entry entry) {
  pending_ = std::move(entry);
  parked_ = true;
  write_phase_ = host_.phase();
  return promise_.flow();
}

Entry WriterEnd::unpark() noexcept {
  parked_ = false;
  return std::move(pending_);
}

void WriterEnd::resume(Outcome outcome) noexcept {
  outcome_ = outcome;
  env_.scheduler.schedule(*this);
}

void WriterEnd::run() noexcept {
  // The continuation is the processor's code, in the phase that wrote.
  run_guarded(host_, write_phase_, [this] { promise_.complete(outcome_); });
}

}  // namespace cae::runtime
