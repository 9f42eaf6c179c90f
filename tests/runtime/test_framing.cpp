#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "recording_writer.hpp"
#include "runtime/framing.hpp"

using cae::Message;
using cae::Outcome;
using cae::runtime::Framer;
using cae::runtime::Framing;
using cae::runtime::FramingOptions;
using cae::test::RecordingWriter;

namespace {

// Frames two sources of two chunks each and returns what was written.
std::vector<std::string> frame(const FramingOptions& options) {
  RecordingWriter writer;
  Framer framer{writer, options};
  for (const auto& source :
       {std::vector<std::string>{"ab\ncd", "ef\n"}, std::vector<std::string>{"gh", "\r\nij"}}) {
    CHECK(framer.begin_source().outcome() == Outcome::done);
    for (const auto& chunk : source) CHECK(framer.add(Message::copy(chunk)).ready());
    CHECK(framer.end_source().outcome() == Outcome::done);
  }
  return writer.log;
}

}  // namespace

TEST_CASE("mode names") {
  CHECK(cae::runtime::framing_named("whole") == Framing::whole);
  CHECK(cae::runtime::framing_named("lines") == Framing::lines);
  CHECK(cae::runtime::framing_named("chunks") == Framing::chunks);
  CHECK(cae::runtime::framing_named("stream") == Framing::stream);
  CHECK_FALSE(cae::runtime::framing_named("line").has_value());
}

TEST_CASE("whole: one message per source") {
  CHECK(frame({Framing::whole}) ==
        std::vector<std::string>{"message ab\ncdef\n", "message gh\r\nij"});
}

TEST_CASE("lines: one message per line, the last line of each source at its end") {
  CHECK(frame({Framing::lines}) ==
        std::vector<std::string>{"message ab", "message cdef", "message gh", "message ij"});
  CHECK(frame({Framing::lines, true}) ==
        std::vector<std::string>{"message ab\n", "message cdef\n", "message gh\r\n", "message ij"});
}

TEST_CASE("chunks: one message per chunk, cut to the limit") {
  CHECK(frame({Framing::chunks, false, 3}) ==
        std::vector<std::string>{"message ab\n", "message cd", "message ef\n", "message gh",
                                 "message \r\ni", "message j"});
}

TEST_CASE("stream: one stream per source") {
  CHECK(frame({Framing::stream}) == std::vector<std::string>{"begin", "chunk ab\ncd", "chunk ef\n",
                                                             "end", "begin", "chunk gh",
                                                             "chunk \r\nij", "end"});
}

TEST_CASE("a chunk within the limit is passed on without a copy") {
  RecordingWriter writer;
  Framer framer{writer, {Framing::chunks, false, 64}};
  const Message chunk = Message::copy("shared");
  CHECK(framer.add(chunk).ready());
  CHECK(writer.log == std::vector<std::string>{"message shared"});
  REQUIRE(writer.kept.size() == 1);
  CHECK(writer.kept[0].shares_buffer_with(chunk));
}
