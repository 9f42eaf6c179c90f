// The frames a sequenced writer keeps until they are acknowledged (tcp and ws cae.v1 egress
// ends): numbering, resending after a reconnect, bounds, and the acknowledged close.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/tcp_outbox.hpp"

using namespace cae;
using namespace cae::runtime::tcp;

namespace {

Chunk plain(std::string text) { return Chunk{Message{std::move(text)}, true, true}; }

// The sequence numbers and types taken as unsent, in order.
std::vector<std::pair<std::uint64_t, FrameType>> drain(Outbox& outbox) {
  std::vector<std::pair<std::uint64_t, FrameType>> frames;
  while (outbox.has_unsent()) {
    const Frame& frame = outbox.take_unsent();
    frames.emplace_back(frame.sequence, decode_header({frame.header.data(), frame.header.size()}).type);
  }
  return frames;
}

}  // namespace

TEST_CASE("kept frames are numbered in order and go again after a rewind until acknowledged") {
  Outbox outbox;
  REQUIRE(outbox.push_chunk(plain("a"), 100));
  REQUIRE(outbox.push_chunk(plain("b"), 100));
  REQUIRE(outbox.push_chunk(plain("c"), 100));
  CHECK(drain(outbox).size() == 3);
  CHECK_FALSE(outbox.acknowledge(2));
  outbox.rewind();  // a new connection
  const auto again = drain(outbox);
  REQUIRE(again.size() == 1);
  CHECK(again[0].first == 3);
}

TEST_CASE("a stream's chunk above the limit travels in several frames; a plain message is refused") {
  Outbox outbox;
  CHECK_FALSE(outbox.push_chunk(plain(std::string(11, 'x')), 10));
  CHECK_FALSE(outbox.has_unsent());
  REQUIRE(outbox.push_chunk(Chunk{Message{}, true, false}, 10));
  REQUIRE(outbox.push_chunk(Chunk{Message{std::string(25, 'x')}, false, false}, 10));
  REQUIRE(outbox.push_chunk(Chunk{Message{}, false, true}, 10));
  const auto frames = drain(outbox);
  REQUIRE(frames.size() == 5);
  CHECK(frames[0].second == FrameType::stream_begin);
  CHECK(frames[1].second == FrameType::chunk);
  CHECK(frames[3].second == FrameType::chunk);
  CHECK(frames[4].second == FrameType::stream_end);
}

TEST_CASE("the kept frames are bounded by count and bytes") {
  Outbox outbox;
  const cae::runtime::QueueBounds bounds{2, 1000};
  REQUIRE(outbox.push_chunk(plain("a"), 100));
  CHECK_FALSE(outbox.full(bounds));
  REQUIRE(outbox.push_chunk(plain("b"), 100));
  CHECK(outbox.full(bounds));
  outbox.acknowledge(1);
  CHECK_FALSE(outbox.full(bounds));
  REQUIRE(outbox.push_chunk(plain(std::string(1000, 'x')), 2000));
  CHECK(outbox.full(cae::runtime::QueueBounds{10, 1000}));
}

TEST_CASE("the close is done once its frame is acknowledged") {
  Outbox outbox;
  REQUIRE(outbox.push_chunk(plain("a"), 100));
  outbox.push_close(std::nullopt);
  CHECK(outbox.closing());
  CHECK_FALSE(outbox.acknowledge(1));
  CHECK(outbox.acknowledge(2));
}
