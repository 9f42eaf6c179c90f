#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "recording_writer.hpp"
#include "runtime/write_queue.hpp"

using cae::Flow;
using cae::Message;
using cae::Outcome;
using cae::runtime::WriteQueue;
using cae::test::RecordingWriter;

TEST_CASE("queued writes go out in order and the flush is ready at once when nothing waits") {
  RecordingWriter writer;
  WriteQueue queue{writer};
  queue.write(Message::copy("a"));
  queue.begin_stream();
  queue.write_chunk(Message::copy("b"));
  queue.end_stream();
  const Flow flushed = queue.flush();
  CHECK(flushed.ready());
  CHECK(flushed.outcome() == Outcome::done);
  CHECK(writer.log == std::vector<std::string>{"message a", "begin", "chunk b", "end"});
  CHECK(queue.empty());
}

TEST_CASE("a pending write holds back the rest until it is ready") {
  RecordingWriter writer;
  WriteQueue queue{writer};
  queue.write(Message::copy("1"));
  queue.write(Message::copy("2"));
  queue.write(Message::copy("3"));
  writer.hold = true;
  const Flow flushed = queue.flush();
  CHECK(flushed.pending());
  CHECK(writer.log == std::vector<std::string>{"message 1"});
  writer.hold = true;
  writer.release();
  CHECK(flushed.pending());
  CHECK(writer.log == std::vector<std::string>{"message 1", "message 2"});
  Outcome seen = Outcome::failed;
  flushed.then([&](Outcome outcome) { seen = outcome; });
  writer.release();
  CHECK(seen == Outcome::done);
  CHECK(writer.log == std::vector<std::string>{"message 1", "message 2", "message 3"});
}

TEST_CASE("a cancelled write ends the flush with that outcome and drops the rest") {
  RecordingWriter writer;
  WriteQueue queue{writer};
  queue.write(Message::copy("1"));
  queue.write(Message::copy("2"));
  writer.next_outcome = Outcome::cancelled;
  const Flow flushed = queue.flush();
  CHECK(flushed.outcome() == Outcome::cancelled);
  CHECK(writer.log == std::vector<std::string>{"message 1"});
  CHECK(queue.empty());
}

TEST_CASE("a pending write that fails fails the flush") {
  RecordingWriter writer;
  WriteQueue queue{writer};
  queue.write(Message::copy("1"));
  queue.write(Message::copy("2"));
  writer.hold = true;
  const Flow flushed = queue.flush();
  Outcome seen = Outcome::done;
  flushed.then([&](Outcome outcome) { seen = outcome; });
  writer.release(Outcome::failed);
  CHECK(seen == Outcome::failed);
  CHECK(writer.log == std::vector<std::string>{"message 1"});
  CHECK(queue.empty());
}
