#include "runtime/reader_end.hpp"

#include <fmt/format.h>

#include "runtime/channel.hpp"

namespace cae::runtime {

std::string_view ReaderEnd::channel() const noexcept {
  return channel_.id();
}

void ReaderEnd::on_message(MessageHandler handler) {
  on_message_ = std::move(handler);
  on_chunk_ = nullptr;
}

void ReaderEnd::on_chunk(ChunkHandler handler) {
  on_chunk_ = std::move(handler);
  on_message_ = nullptr;
}

void ReaderEnd::on_close(CloseHandler handler) {
  on_close_ = std::move(handler);
}

void ReaderEnd::activate() {
  if (detached_ || active_) return;
  active_ = true;
  if (!on_message_ && !on_chunk_ && !on_close_) {
    env_.logger.write(LogLevel::debug, host_.name(),
                      fmt::format("nothing reads channel {}; detached", channel_.name()));
    detach();
    return;
  }
  if (!queue_.empty() || close_arrived_) env_.scheduler.schedule(*this);
}

void ReaderEnd::detach() {
  if (detached_) return;
  detached_ = true;
  env_.discarded += queue_.clear();
  channel_.reader_detached(*this);
  finish();
}

std::uint64_t ReaderEnd::abandon() noexcept {
  detached_ = true;
  return queue_.clear();
}

void ReaderEnd::close_arrived(const std::optional<std::string>& error) {
  close_arrived_ = true;
  close_error_ = error;
  if (active_) env_.scheduler.schedule(*this);
}

void ReaderEnd::run() noexcept {
  if (detached_ || paused_ || !active_) return;
  run_guarded(host_, Phase::transform, [this] { deliver_batch(); });
}

void ReaderEnd::deliver_batch() {
  for (std::size_t budget = batch; budget > 0; --budget) {
    if (queue_.empty()) {
      if (close_arrived_ && !close_delivered_) deliver_close();
      return;
    }
    Entry entry = queue_.pop();
    channel_.entry_taken();
    const Flow flow = deliver(entry);
    if (detached_ || !host_.alive()) return;
    if (flow.pending()) {
      wait_for(flow);
      return;
    }
    if (flow.outcome() == Outcome::cancelled) {
      detach();
      return;
    }
  }
  env_.scheduler.schedule(*this);  // more to do: let other tasks and I/O have a turn
}

// Moves the bytes out of `entry` into the handler.
Flow ReaderEnd::deliver(Entry& entry) {
  if (on_chunk_) {
    const bool first = entry.part == Part::whole || entry.part == Part::begin;
    const bool last = entry.part == Part::whole || entry.part == Part::end;
    return on_chunk_(Chunk{std::move(entry.bytes), first, last});
  }
  if (!on_message_) return Flow::done();  // only a close handler: messages are not wanted
  if (entry.part == Part::whole) return on_message_(std::move(entry.bytes));
  return gather(std::move(entry));
}

Flow ReaderEnd::gather(Entry entry) {
  switch (entry.part) {
    case Part::begin:
      gathering_ = true;
      gathered_.clear();
      return Flow::done();
    case Part::chunk:
      if (gathered_.size() + entry.bytes.size() > env_.gather_limit) {
        throw std::runtime_error(fmt::format(
            "a stream on channel {} exceeds {} bytes and cannot be gathered into one message; "
            "read it in chunks (Reader::on_chunk)",
            channel_.name(), env_.gather_limit));
      }
      gathered_.append(entry.bytes.text());
      return Flow::done();
    default: gathering_ = false; return on_message_(Message{std::move(gathered_)});
  }
}

void ReaderEnd::deliver_close() {
  close_delivered_ = true;
  const Flow flow = on_close_ ? on_close_(close_error_) : Flow::done();
  if (flow.pending()) {
    paused_ = true;
    flow.then([this](Outcome) { finish(); });
    return;
  }
  finish();
}

void ReaderEnd::wait_for(const Flow& flow) {
  paused_ = true;
  flow.then([this](Outcome outcome) {
    paused_ = false;
    if (outcome == Outcome::cancelled) {
      detach();
    } else if (!detached_) {
      env_.scheduler.schedule(*this);
    }
  });
}

void ReaderEnd::finish() noexcept {
  if (done_) return;
  done_ = true;
  host_.reader_done(detached_ ? std::nullopt : close_error_);
}

}  // namespace cae::runtime
