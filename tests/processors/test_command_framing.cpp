// The framings of cae:RunCommand, both ways. The processor itself is tested end to end by
// tests/cli/cases/command-*, with real programs.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processors/command_framing.hpp"

using cae::Message;
using cae::processors::CommandFraming;
using cae::processors::encode_for_program;
using cae::processors::OutputDecoder;

namespace {

std::string joined(const std::vector<Message>& parts) {
  std::string out;
  for (const auto& part : parts) out += part.text();
  return out;
}

// Feeds `output` in chunks of `size` bytes; returns the messages and, last, the end's problem.
std::vector<std::string> decode(CommandFraming framing, std::string_view output, std::size_t size) {
  OutputDecoder decoder{framing};
  std::vector<std::string> out;
  const auto emit = [&](Message message) { out.emplace_back(message.text()); };
  for (std::size_t at = 0; at < output.size(); at += size) {
    decoder.feed(Message::copy(output.substr(at, size)), emit);
  }
  if (auto problem = decoder.finish(emit)) out.push_back("error: " + *problem);
  return out;
}

const std::string frames = std::string{"\0\0\0\3abc\0\0\0\0\0\0\0\2\nz", 17};

}  // namespace

TEST_CASE("messages reach a program as lines, frames or as they are") {
  const Message message = Message::copy("a\nb");
  CHECK(joined(encode_for_program(CommandFraming::lines, message)) == "a\nb\n");
  CHECK(joined(encode_for_program(CommandFraming::whole, message)) == "a\nb");
  CHECK(joined(encode_for_program(CommandFraming::length_prefixed, message)) ==
        std::string{"\0\0\0\3a\nb", 7});
  // The message's own buffer goes to the pipe: nothing is copied.
  CHECK(encode_for_program(CommandFraming::lines, message).front().shares_buffer_with(message));
}

TEST_CASE("a program's output becomes one message per line, in chunks of any size") {
  for (const std::size_t size : {1, 2, 5, 100}) {
    CHECK(decode(CommandFraming::lines, "one\r\ntwo\n\nlast", size) ==
          std::vector<std::string>{"one", "two", "", "last"});
  }
}

TEST_CASE("length-prefixed output: frames across chunks, empty frames, a cut frame") {
  for (const std::size_t size : {1, 3, 4, 7, 100}) {
    CHECK(decode(CommandFraming::length_prefixed, frames, size) ==
          std::vector<std::string>{"abc", "", "\nz"});
  }
  CHECK(decode(CommandFraming::length_prefixed, frames.substr(0, 9), 4) ==
        std::vector<std::string>{
            "abc", "error: the program's output ended inside a frame (2 bytes of it)"});
}

TEST_CASE("whole output is one message, also when it is empty") {
  CHECK(decode(CommandFraming::whole, "a\nb\n", 1) == std::vector<std::string>{"a\nb\n"});
  CHECK(decode(CommandFraming::whole, "", 1) == std::vector<std::string>{""});
}
