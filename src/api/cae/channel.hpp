// The two ends of a channel as a processor sees them (spec/channels.md §2–§3). The runtime owns
// every end; processors hold references obtained from their Arguments, valid for the whole run.
// All calls happen on the loop thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cae/flow.hpp"
#include "cae/message.hpp"

namespace cae {

// One piece of a message as chunk readers see it. A plain message is one chunk, first and
// last. A stream is an empty first chunk, its chunks in order, and an empty last chunk.
struct Chunk {
  Message bytes;
  bool first = false;
  bool last = false;
};

// Handlers return the Flow of their work: Flow::done() when finished, or a pending Flow (for
// example a write's) to take nothing more until it is ready. A handler that returns a Flow
// completing with Outcome::cancelled detaches its reader, so cancellation travels upstream.
using MessageHandler = std::function<Flow(Message message)>;
using ChunkHandler = std::function<Flow(Chunk chunk)>;
// `error` is empty after a normal close and holds the reason after a close with an error.
using CloseHandler = std::function<Flow(const std::optional<std::string>& error)>;

class Reader {
 public:
  virtual ~Reader() = default;

  [[nodiscard]] virtual std::string_view channel() const noexcept = 0;

  // Attach a consumer during transform. on_message gets each message whole; a stream is
  // gathered into one message first (a fatal error past the run's size limit). on_chunk gets
  // every message as chunks instead. Setting one replaces the other.
  virtual void on_message(MessageHandler handler) = 0;
  virtual void on_chunk(ChunkHandler handler) = 0;
  // Called once, after the last message, when the channel closes. Optional.
  virtual void on_close(CloseHandler handler) = 0;

  // Stops reading early: the queue is discarded and nothing more arrives, not even the close.
  virtual void detach() = 0;
};

class Writer {
 public:
  virtual ~Writer() = default;

  [[nodiscard]] virtual std::string_view channel() const noexcept = 0;

  // Hands `message` to every reader queue without copying it. Ready with Outcome::done once it
  // is in every queue; pending while a queue is full: the writer is then paused and must not
  // write again until the Flow is ready. Outcome::cancelled: every reader has detached and the
  // message was discarded. Outcome::failed: the channel was closed with an error. Writing after
  // close() is a fatal error of this writer's processor.
  virtual Flow write(Message message) = 0;

  // A stream takes one place in the channel order; its chunks count against the queues like
  // messages. No write() while a stream is open.
  virtual Flow begin_stream() = 0;
  virtual Flow write_chunk(Message chunk) = 0;
  virtual Flow end_stream() = 0;

  // Closes this end; the channel closes when its last writer has. A second close is a no-op.
  // A pending write is still delivered first. Unclosed writers are closed when their processor
  // finishes.
  virtual void close() = 0;
  // Closes the channel with an error: readers get `error` after the messages already queued,
  // and other writers' writes fail. Within an open stream this is a stream ending in error: a
  // fatal error of this writer's processor.
  virtual void fail(std::string error) = 0;
  // Closes this end the way an input of this processor closed: normally when `error` is
  // empty, else with that error. For processors that pass a close on (cae:Pass): the error
  // stays the upstream processor's, so unlike fail() forwarding it is never a failure of this
  // processor, not even within an open stream.
  virtual void forward_close(const std::optional<std::string>& error) = 0;

  [[nodiscard]] virtual bool closed() const noexcept = 0;
};

}  // namespace cae
