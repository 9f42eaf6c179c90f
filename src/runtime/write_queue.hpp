// Ordered writes with backpressure for processors that make several writes from one input (a
// chunk that holds many lines, a block of input that converts to several blocks of output).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

#include "cae/channel.hpp"
#include "cae/flow.hpp"
#include "cae/message.hpp"

namespace cae::runtime {

// Queues writes to one Writer and makes them one at a time, each once the previous one's Flow
// is ready, as the Writer requires. Refers to the writer, which must outlive it; the queue must
// outlive its pending Flow. Loop thread only.
class WriteQueue {
 public:
  explicit WriteQueue(Writer& writer) : writer_{writer} {}
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  void write(Message message) { entries_.push_back({Op::message, std::move(message)}); }
  void begin_stream() { entries_.push_back({Op::begin, {}}); }
  void write_chunk(Message chunk) { entries_.push_back({Op::chunk, std::move(chunk)}); }
  void end_stream() { entries_.push_back({Op::end, {}}); }

  // Makes the queued writes. The Flow is ready once all are done; at the first write that is
  // cancelled or fails, it is ready with that outcome and the rest of the queue is dropped.
  // Queue nothing more until it is ready.
  Flow flush();

  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

 private:
  enum class Op : std::uint8_t { message, begin, chunk, end };
  struct Entry {
    Op op;
    Message bytes;
  };

  Flow start(Entry entry);
  // Writes until one write is pending (nullopt: resume() continues once it is ready) or until
  // the queue is empty or a write did not succeed (that outcome).
  std::optional<Outcome> write_until_pending();
  void resume(Outcome outcome);

  Writer& writer_;
  std::deque<Entry> entries_;
  Promise drained_;
};

}  // namespace cae::runtime
