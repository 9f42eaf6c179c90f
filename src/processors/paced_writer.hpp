// The writing loop of the source processors (cae:Emit, cae:Generate): a fixed number of
// messages to one output, in order, with backpressure and an optional pause between them.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "cae/channel.hpp"
#include "cae/context.hpp"
#include "cae/flow.hpp"
#include "cae/message.hpp"

namespace cae::processors {

// Each write waits for the previous one's Flow. The output is closed after the last message, as
// soon as a write is cancelled (every reader has left) or fails (the channel failed), or on
// stop(). Owned by its processor; refers to the processor's Context and output.
class PacedWriter {
 public:
  // Makes message `index` (from 0) when it is due.
  using Source = std::function<Message(std::uint64_t index)>;

  PacedWriter(Context& context, Writer& output, std::uint64_t count,
              std::chrono::milliseconds interval, Source source);

  // Starts writing, once, from produce(); ready when the output has been closed.
  Flow start();
  // Ends early. A pending write is delivered first, then the output closes.
  void stop() noexcept;

 private:
  void write_more();
  void after_write(Outcome outcome);
  bool continue_after(Outcome outcome);
  void finish();

  Context& context_;
  Writer& output_;
  std::uint64_t count_;
  std::chrono::milliseconds interval_;
  Source source_;
  std::uint64_t sent_ = 0;
  bool writing_ = false;
  bool stopped_ = false;
  Timer timer_;
  Promise finished_;
};

}  // namespace cae::processors
