#include <optional>
#include <string>
#include <utility>
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
    framer.begin_source();
    for (const auto& chunk : source) {
      framer.add(Message::copy(chunk));
      CHECK(framer.flush().outcome() == Outcome::done);
    }
    framer.end_source();
    CHECK(framer.flush().outcome() == Outcome::done);
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
  framer.add(chunk);
  CHECK(framer.flush().ready());
  CHECK(writer.log == std::vector<std::string>{"message shared"});
  REQUIRE(writer.kept.size() == 1);
  CHECK(writer.kept[0].shares_buffer_with(chunk));
}

namespace {

// A ByteSource the test drives by hand.
class ManualSource final : public cae::ByteSource {
 public:
  void start(cae::ChunkReceiver on_chunk, cae::EndReceiver on_end) override {
    on_chunk_ = std::move(on_chunk);
    on_end_ = std::move(on_end);
  }
  void stop() override {
    stopped = true;
    end();
  }

  [[nodiscard]] bool started() const { return static_cast<bool>(on_chunk_); }
  cae::Flow deliver(std::string_view bytes) { return on_chunk_(Message::copy(bytes)); }
  void end(std::optional<std::string> error = std::nullopt) {
    if (on_end_) std::exchange(on_end_, nullptr)(error);
  }

  bool stopped = false;

 private:
  cae::ChunkReceiver on_chunk_;
  cae::EndReceiver on_end_;
};

}  // namespace

TEST_CASE("a framed source writes each chunk's lines before it takes the next chunk") {
  RecordingWriter writer;
  Framer framer{writer, {Framing::lines}};
  ManualSource source;
  std::vector<std::string> ends;
  cae::runtime::FramedSource read{framer, source, [&](const std::optional<std::string>& error) {
                                    ends.push_back(error.value_or("ok"));
                                  }};
  read.start();
  REQUIRE(source.started());
  writer.hold = true;
  const cae::Flow first = source.deliver("a\nb\nc");
  CHECK(first.pending());
  CHECK(writer.log == std::vector<std::string>{"message a"});
  writer.release();
  CHECK(first.ready());
  CHECK(source.deliver("d\n").outcome() == Outcome::done);
  source.end();
  CHECK(writer.log == std::vector<std::string>{"message a", "message b", "message cd"});
  CHECK(ends == std::vector<std::string>{"ok"});
}

TEST_CASE("a framed source stops reading when its readers are gone, and passes on errors") {
  RecordingWriter writer;
  Framer framer{writer, {Framing::chunks}};
  ManualSource source;
  std::vector<std::string> ends;
  cae::runtime::FramedSource read{framer, source, [&](const std::optional<std::string>& error) {
                                    ends.push_back(error.value_or("ok"));
                                  }};
  read.start();
  writer.next_outcome = Outcome::cancelled;
  CHECK(source.deliver("x").outcome() == Outcome::cancelled);
  CHECK(source.stopped);
  CHECK(ends == std::vector<std::string>{"ok"});

  ManualSource failing;
  cae::runtime::FramedSource broken{framer, failing, [&](const std::optional<std::string>& error) {
                                      ends.push_back(error.value_or("ok"));
                                    }};
  writer.next_outcome = Outcome::done;
  broken.start();
  failing.end("Input/output error");
  CHECK(ends == std::vector<std::string>{"ok", "Input/output error"});
}
