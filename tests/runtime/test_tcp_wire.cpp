// The tcp wire format's header layout and the frame buffer that reassembles frames from reads
// of any size (spec/channels.md §7 "tcp", docs/transports.md).
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "runtime/tcp_wire.hpp"

using namespace cae::runtime::tcp;

TEST_CASE("a frame header is type, sequence number and length, big-endian") {
  const Header header = encode_header(FrameType::chunk, 0x0102030405060708, 0x0a0b0c0d);
  const std::string bytes{header.data(), header.size()};
  CHECK(bytes == std::string{"\x03\x01\x02\x03\x04\x05\x06\x07\x08\x0a\x0b\x0c\x0d", 13});
  const FrameHead head = decode_header(bytes);
  CHECK(head.type == FrameType::chunk);
  CHECK(head.sequence == 0x0102030405060708);
  CHECK(head.length == 0x0a0b0c0d);
}

TEST_CASE("only types 1 to 7 are known") {
  CHECK_FALSE(known_type(static_cast<FrameType>(0)));
  CHECK(known_type(FrameType::message));
  CHECK(known_type(FrameType::ack));
  CHECK_FALSE(known_type(static_cast<FrameType>(8)));
}

TEST_CASE("frames arriving a byte at a time come out whole, after the opening") {
  std::string wire = std::string{"CAE1"} + std::string(16, 'i');
  for (const std::string payload : {"one", "", "three"}) {
    const Header header = encode_header(FrameType::message, wire.size(),
                                        static_cast<std::uint32_t>(payload.size()));
    wire += std::string{header.data(), header.size()} + payload;
  }
  FrameBuffer buffer;
  std::string opening;
  std::vector<std::string> payloads;
  for (const char byte : wire) {
    buffer.append(&byte, 1);
    if (opening.empty()) {
      if (const auto taken = buffer.take(opening_bytes)) opening = std::string{*taken};
      continue;
    }
    if (const auto frame = buffer.next()) payloads.emplace_back(frame->second);
  }
  CHECK(opening == std::string{"CAE1"} + std::string(16, 'i'));
  CHECK(payloads == std::vector<std::string>{"one", "", "three"});
  CHECK_FALSE(buffer.next());
}

TEST_CASE("a header is visible before its payload has arrived") {
  FrameBuffer buffer;
  const Header header = encode_header(FrameType::message, 1, 1000);
  buffer.append(header.data(), header.size());
  REQUIRE(buffer.peek());
  CHECK(buffer.peek()->length == 1000);
  CHECK_FALSE(buffer.next());
}

TEST_CASE("a frame is the next one, one sent again, or one after a gap") {
  const auto head = [](FrameType type, std::uint64_t sequence) {
    return FrameHead{type, sequence, 0};
  };
  CHECK(arrival_of(head(FrameType::message, 5), 4) == Arrival::next);
  CHECK(arrival_of(head(FrameType::message, 3), 4) == Arrival::again);
  CHECK(arrival_of(head(FrameType::message, 4), 4) == Arrival::again);
  CHECK(arrival_of(head(FrameType::message, 7), 4) == Arrival::gap);
  CHECK(arrival_error(Arrival::gap, head(FrameType::message, 7), 4)
            .starts_with("frames 5 to 6 of the stream never arrived"));
  CHECK(arrival_of(head(FrameType::ack, 5), 4) == Arrival::unknown_type);
  CHECK(arrival_of(head(static_cast<FrameType>(9), 5), 4) == Arrival::unknown_type);
  CHECK(arrival_error(Arrival::unknown_type, head(static_cast<FrameType>(9), 5), 4) ==
        "the writer sent a frame of unknown type 9");
}
