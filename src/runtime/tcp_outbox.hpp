// The frames a sequenced writer keeps until its reader acknowledges them (spec/channels.md §7
// "tcp"): the tcp transport's egress end, and the ws transport's egress end when both sides
// speak `cae.v1`, which carries the same frames in WebSocket messages. The kept frames are what
// a new connection sends again; they are bounded by the channel's queue bounds (full()), which
// is how a slow far reader pauses the local writers.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "cae/channel.hpp"
#include "runtime/entry_queue.hpp"
#include "runtime/tcp_wire.hpp"

namespace cae::runtime::tcp {

struct Frame {
  Header header;
  Message payload;
  std::uint64_t sequence = 0;
};

class Outbox {
 public:
  // Keeps `chunk` as frames; a chunk of a stream above `limit` travels in several. A plain
  // message above `limit` is refused: returns false and keeps nothing.
  [[nodiscard]] bool push_chunk(Chunk chunk, std::uint64_t limit);
  // End of stream, or an error close with `error` as its reason.
  void push_close(const std::optional<std::string>& error);
  [[nodiscard]] bool closing() const noexcept { return close_sequence_ != 0; }

  [[nodiscard]] bool has_unsent() const noexcept { return sent_ < frames_.size(); }
  // The next frame not yet sent on this connection, now counted as sent.
  const Frame& take_unsent() noexcept { return frames_[sent_++]; }
  // A new connection: every kept frame goes again.
  void rewind() noexcept { sent_ = 0; }
  // The reader has every frame up to `sequence`. True once that includes the close.
  bool acknowledge(std::uint64_t sequence) noexcept;

  [[nodiscard]] bool full(const QueueBounds& bounds) const noexcept {
    return frames_.size() >= bounds.messages || bytes_ >= bounds.bytes;
  }
  void clear() noexcept;

 private:
  void push(FrameType type, Message payload);

  std::deque<Frame> frames_;  // in sequence order
  std::uint64_t bytes_ = 0;
  std::size_t sent_ = 0;      // frames at the front sent on this connection
  std::uint64_t next_sequence_ = 1;
  std::uint64_t close_sequence_ = 0;  // of the end-of-stream or error-close frame, once kept
};

}  // namespace cae::runtime::tcp
