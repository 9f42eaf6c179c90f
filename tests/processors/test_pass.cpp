#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"

using cae::Flow;
using cae::Message;
using cae::Outcome;
using cae::Promise;
using cae::test::Feeder;
using cae::test::ProcessorHarness;
using nlohmann::json;

namespace {

const std::string pass = "https://w3id.org/cae#Pass";

json arguments() {
  return {{"input", {{"reader", "in"}}}, {"output", {{"writer", "out"}}}};
}

// A downstream reader that keeps every message it gets and, while `holding`, takes nothing
// more until release().
struct SlowReader {
  SlowReader(ProcessorHarness& run, const std::string& channel) {
    auto& reader = run.reader(channel);
    reader.on_message([this](Message message) {
      got.push_back(std::move(message));
      return holding ? hold.flow() : Flow::done();
    });
    reader.on_close([this](const std::optional<std::string>& error) {
      close = error.value_or("closed");
      return Flow::done();
    });
    reader.activate();
  }
  void release() {
    holding = false;
    hold.complete();
  }

  std::vector<Message> got;
  std::optional<std::string> close;
  bool holding = false;
  Promise hold;
};

}  // namespace

TEST_CASE("Pass forwards each message in order as the same buffer, then closes") {
  ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  SlowReader out{run, "out"};
  run.start(pass);
  const std::vector<Message> sent{Message::copy("alpha"), Message{}, Message::copy("gamma")};
  for (const auto& message : sent) CHECK(in.write(message).ready());
  in.close();
  run.run();
  CHECK(run.failures().empty());
  REQUIRE(out.got.size() == 3);
  CHECK(out.got[0].data() == sent[0].data());
  CHECK(out.got[0].shares_buffer_with(sent[0]));
  CHECK(out.got[1].empty());
  CHECK(out.got[2].data() == sent[2].data());
  CHECK(out.close == "closed");
}

TEST_CASE("Pass with no messages only closes its output") {
  ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(pass);
  in.close();
  run.run();
  CHECK(out == std::vector<std::string>{"closed"});
}

TEST_CASE("Pass forwards a stream as a stream, chunk buffers unchanged") {
  ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  auto& raw = run.reader("out");
  std::vector<Message> chunks;
  raw.on_chunk([&](cae::Chunk chunk) {
    chunks.push_back(std::move(chunk.bytes));
    return Flow::done();
  });
  raw.activate();
  run.start(pass);
  const Message ab = Message::copy("ab");
  CHECK(in.write(Message::copy("before")).ready());
  CHECK(in.begin_stream().ready());
  CHECK(in.write_chunk(ab).ready());
  CHECK(in.write_chunk(Message::copy("c")).ready());
  CHECK(in.end_stream().ready());
  in.close();
  run.run();
  CHECK(out == std::vector<std::string>{"message before", "begin", "chunk ab", "chunk c", "end",
                                        "closed"});
  REQUIRE(chunks.size() == 5);
  CHECK(chunks[2].shares_buffer_with(ab));
}

TEST_CASE("Pass closes its output with the error its input closed with") {
  ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(pass);
  CHECK(in.write(Message::copy("a")).ready());
  in.fail("upstream broke");
  run.run();
  CHECK(run.failures().empty());
  CHECK(out == std::vector<std::string>{"message a", "upstream broke"});
}

TEST_CASE("Pass forwards an error that cuts a stream short without failing itself") {
  ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  const auto& out = run.collect("out");
  run.start(pass);
  CHECK(in.begin_stream().ready());
  CHECK(in.write_chunk(Message::copy("half")).ready());
  in.fail("upstream broke");  // a failure of the feeding end's host, not of Pass
  run.run();
  CHECK(run.failures().empty());
  CHECK(out == std::vector<std::string>{"begin", "chunk half", "upstream broke"});
}

TEST_CASE("Pass holds back its input while its output is full, and resumes") {
  ProcessorHarness run{arguments()};
  SlowReader out{run, "out"};
  out.holding = true;
  Feeder feeder{run.feed("in"), cae::test::numbered(600)};
  run.start(pass);
  feeder.start();
  run.run();
  // The reader holds its first message; Pass fills the output queue (256), parks one write,
  // and stops reading, so the input queue (256) fills and the feeder waits.
  CHECK(out.got.size() == 1);
  CHECK(run.channel("out").counts().messages == 257);
  CHECK(run.channel("in").counts().messages < 600);
  CHECK_FALSE(run.channel("in").closed());
  out.release();
  run.run();
  CHECK(run.failures().empty());
  REQUIRE(out.got.size() == 600);
  CHECK(out.got[599].text() == "m599");
  CHECK(out.close == "closed");
}

TEST_CASE("Pass detaches its input once every reader of its output has detached") {
  ProcessorHarness run{arguments()};
  auto& in = run.feed("in");
  auto& out = run.reader("out");
  out.on_message([](const Message&) { return Flow::cancelled(); });
  out.activate();
  run.start(pass);
  CHECK(in.write(Message::copy("a")).ready());
  run.run();  // the output's only reader takes "a" and detaches
  CHECK(in.write(Message::copy("b")).ready());
  run.run();  // forwarding "b" is cancelled: Pass detaches its input
  CHECK(in.write(Message::copy("c")).outcome() == Outcome::cancelled);
  CHECK(run.failures().empty());
}
