// Stream messages (spec/channels.md §1): chunks in order, gathered or read as chunks, one
// place in the channel order, chunks bounded like messages.
#include "channel_harness.hpp"

using namespace cae;
using runtime::Channel;
using runtime::QueueBounds;
using test::FakeHost;

namespace {

std::string describe(const Chunk& chunk) {
  return std::string{chunk.first ? "[" : ""} + std::string{chunk.bytes.text()} +
         (chunk.last ? "]" : "");
}

// Writes "plain", then the stream "ab" "cd", then closes.
void write_plain_and_stream(Writer& writer) {
  CHECK(writer.write(Message::copy("plain")).ready());
  CHECK(writer.begin_stream().ready());
  CHECK(writer.write_chunk(Message::copy("ab")).ready());
  CHECK(writer.write_chunk(Message::copy("cd")).ready());
  CHECK(writer.end_stream().ready());
  writer.close();
}

}  // namespace

TEST_CASE("a message reader gets a stream gathered into one message") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  test::Collector sink{reader};
  reader.activate();
  write_plain_and_stream(writer);
  h.run();
  CHECK(sink.got == std::vector<std::string>{"plain", "abcd"});
  CHECK(channel.counts().messages == 2);
  CHECK(channel.counts().bytes == 9);
}

TEST_CASE("a chunk reader gets streams in chunks and a plain message as one chunk") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  std::vector<std::string> chunks;
  reader.on_chunk([&](Chunk chunk) {
    chunks.push_back(describe(chunk));
    return Flow::done();
  });
  reader.activate();
  write_plain_and_stream(writer);
  h.run();
  CHECK(chunks == std::vector<std::string>{"[plain]", "[", "ab", "cd", "]"});
}

TEST_CASE("a stream takes one place in the channel order: other writers wait for its end") {
  test::Harness h;
  FakeHost streamer;
  FakeHost other;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& stream_writer = channel.add_writer(streamer);
  auto& plain_writer = channel.add_writer(other);
  auto& reader = channel.add_reader(consumer);
  test::Collector sink{reader};
  reader.activate();
  CHECK(stream_writer.begin_stream().ready());
  CHECK(stream_writer.write_chunk(Message::copy("a")).ready());
  const Flow waiting = plain_writer.write(Message::copy("between?"));
  CHECK(waiting.pending());
  CHECK(stream_writer.write_chunk(Message::copy("b")).ready());
  CHECK(stream_writer.end_stream().ready());
  stream_writer.close();
  plain_writer.close();
  h.run();
  CHECK(waiting.outcome() == Outcome::done);
  CHECK(sink.got == std::vector<std::string>{"ab", "between?"});
}

TEST_CASE("chunks count against the queue bounds") {
  test::Harness h;
  FakeHost producer;
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{3, 1 << 20}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  CHECK(writer.begin_stream().ready());
  CHECK(writer.write_chunk(Message::copy("1")).ready());
  CHECK(writer.write_chunk(Message::copy("2")).ready());
  const Flow third = writer.write_chunk(Message::copy("3"));
  CHECK(third.pending());
  test::Collector sink{reader};
  reader.activate();
  h.run();
  CHECK(third.outcome() == Outcome::done);
  CHECK(writer.end_stream().ready());
  writer.close();
  h.run();
  CHECK(sink.got == std::vector<std::string>{"123"});
  CHECK(reader.peak_entries() == 3);
}

TEST_CASE("a stream ending in an error is a fatal error of its writer") {
  test::Harness h;
  FakeHost producer{"<gen>"};
  FakeHost consumer;
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  test::Collector sink{reader};
  reader.activate();
  CHECK(writer.begin_stream().ready());
  CHECK(writer.write_chunk(Message::copy("half")).ready());
  writer.fail("source vanished");
  h.run();
  CHECK(producer.failures ==
        std::vector<std::string>{
            "produce: stream on channel <c> ended with an error: source vanished"});
  CHECK(sink.got.empty());
  CHECK(sink.closes == std::vector<std::string>{"source vanished"});
}

TEST_CASE("a stream larger than the gather limit fails the reader that gathers it") {
  test::Harness h;
  h.env.gather_limit = 4;
  FakeHost producer;
  FakeHost consumer{"<whole>"};
  Channel channel{"urn:c", "<c>", QueueBounds{}, h.env};
  auto& writer = channel.add_writer(producer);
  auto& reader = channel.add_reader(consumer);
  test::Collector sink{reader};
  reader.activate();
  CHECK(writer.begin_stream().ready());
  CHECK(writer.write_chunk(Message::copy("abc")).ready());
  CHECK(writer.write_chunk(Message::copy("de")).ready());
  h.run();
  REQUIRE(consumer.failures.size() == 1);
  CHECK(consumer.failures[0] ==
        "transform: a stream on channel <c> exceeds 4 bytes and cannot be gathered into one "
        "message; read it in chunks (Reader::on_chunk)");
  reader.detach();
}
