#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/write_queue.hpp"

using cae::Flow;
using cae::Message;
using cae::Outcome;
using cae::Promise;
using cae::runtime::WriteQueue;

namespace {

// Records what is written; `hold` makes the next write pending until release() is called.
class RecordingWriter final : public cae::Writer {
 public:
  [[nodiscard]] std::string_view channel() const noexcept override { return "test"; }
  Flow write(Message message) override { return record("message " + std::string{message.text()}); }
  Flow begin_stream() override { return record("begin"); }
  Flow write_chunk(Message chunk) override { return record("chunk " + std::string{chunk.text()}); }
  Flow end_stream() override { return record("end"); }
  void close() override { closed_ = true; }
  void fail(std::string /*error*/) override { closed_ = true; }
  [[nodiscard]] bool closed() const noexcept override { return closed_; }

  void release(Outcome outcome = Outcome::done) { held_.complete(outcome); }

  std::vector<std::string> log;
  bool hold = false;
  Outcome next_outcome = Outcome::done;

 private:
  Flow record(std::string entry) {
    log.push_back(std::move(entry));
    if (hold) {
      hold = false;
      return held_.flow();
    }
    if (next_outcome == Outcome::cancelled) return Flow::cancelled();
    return next_outcome == Outcome::failed ? Flow::failed() : Flow::done();
  }

  Promise held_;
  bool closed_ = false;
};

}  // namespace

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
