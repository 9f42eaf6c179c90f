// How cae:RunCommand turns messages into a program's input and its output back into messages:
// one message per line, length-prefixed frames (4-byte big-endian length, then the bytes), or
// the whole output as one message.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/line_splitter.hpp"
#include "cae/message.hpp"

namespace cae::processors {

enum class CommandFraming : std::uint8_t { lines, length_prefixed, whole };

// The framing a `framing` argument names ("lines", "length-prefixed", "whole"), if any.
std::optional<CommandFraming> command_framing_named(std::string_view name);

// The bytes that give `message` to the program: lines end with "\n", frames start with their
// length, whole messages pass as they are. Throws std::runtime_error for a message too long for
// a frame's 4-byte length.
std::vector<Message> encode_for_program(CommandFraming framing, const Message& message);

// Cuts the program's output into messages.
class OutputDecoder {
 public:
  using Emit = std::function<void(Message message)>;

  explicit OutputDecoder(CommandFraming framing) : framing_(framing) {}

  void feed(const Message& chunk, const Emit& emit);
  // At the end of the output. Returns the problem when the output ended inside a frame.
  std::optional<std::string> finish(const Emit& emit);

 private:
  void feed_frames(std::string_view bytes, const Emit& emit);

  CommandFraming framing_;
  LineSplitter lines_;
  std::string pending_;  // whole: the output so far; length-prefixed: an incomplete frame
};

}  // namespace cae::processors
