// Byte I/O the runtime performs on the loop for processors: standard output and input, and
// files. Processors never block the loop and never include uv.h; they use these instead.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>

#include "cae/flow.hpp"
#include "cae/message.hpp"

namespace cae {

// An ordered byte sink. A write keeps the parts' buffers alive until they are sent, without
// copying them; its Flow is pending while too many bytes are unsent (backpressure), and fails
// with the system's reason when the sink cannot be written.
class ByteSink {
 public:
  virtual Flow write(std::span<const Message> parts) = 0;
  Flow write(std::initializer_list<Message> parts) { return write({parts.begin(), parts.size()}); }

 protected:
  ~ByteSink() = default;
};

// A file being written. Owned by the processor that opened it.
class FileSink : public ByteSink {
 public:
  virtual ~FileSink() = default;
  // Writes what is pending, then closes the file; ready once that is done. Writes after close
  // fail.
  virtual Flow close() = 0;
};

// Receives the next chunk read from a source; the next read starts once the Flow is ready.
using ChunkReceiver = std::function<Flow(Message chunk)>;
// Called once when the source ends: at end of input or after stop() with no error, else with
// the system's reason.
using EndReceiver = std::function<void(const std::optional<std::string>& error)>;

// A byte source read on the loop in chunks of at most 64 KiB, in order, with backpressure.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Starts reading; a source is started once.
  virtual void start(ChunkReceiver on_chunk, EndReceiver on_end) = 0;
  // Stops reading early; on_end follows (without an error) unless the source already ended.
  virtual void stop() = 0;
};

}  // namespace cae
