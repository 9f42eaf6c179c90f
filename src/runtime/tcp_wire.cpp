#include "runtime/tcp_wire.hpp"

#include <fmt/format.h>

namespace cae::runtime::tcp {
namespace {

void put(char* out, std::uint64_t value, std::size_t bytes) noexcept {
  for (std::size_t i = 0; i < bytes; ++i) {
    out[bytes - 1 - i] = static_cast<char>((value >> (8 * i)) & 0xff);
  }
}

std::uint64_t get(const char* in, std::size_t bytes) noexcept {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    value = (value << 8) | static_cast<unsigned char>(in[i]);
  }
  return value;
}

}  // namespace

Header encode_header(FrameType type, std::uint64_t sequence, std::uint32_t length) noexcept {
  Header header{};
  header[0] = static_cast<char>(type);
  put(header.data() + 1, sequence, 8);
  put(header.data() + 9, length, 4);
  return header;
}

FrameHead decode_header(std::string_view bytes) noexcept {
  return FrameHead{static_cast<FrameType>(static_cast<unsigned char>(bytes[0])),
                   get(bytes.data() + 1, 8), static_cast<std::uint32_t>(get(bytes.data() + 9, 4))};
}

bool known_type(FrameType type) noexcept {
  const auto value = static_cast<std::uint8_t>(type);
  return value >= 1 && value <= 7;
}

Arrival arrival_of(const FrameHead& head, std::uint64_t taken) noexcept {
  if (!known_type(head.type) || head.type == FrameType::ack) return Arrival::unknown_type;
  if (head.sequence <= taken) return Arrival::again;
  return head.sequence == taken + 1 ? Arrival::next : Arrival::gap;
}

std::string arrival_error(Arrival arrival, const FrameHead& head, std::uint64_t taken) {
  if (arrival == Arrival::unknown_type) {
    return fmt::format("the writer sent a frame of unknown type {}", static_cast<int>(head.type));
  }
  return fmt::format("frames {} to {} of the stream never arrived: the writer resumed a stream "
                     "whose start an earlier reader took, and that is lost",
                     taken + 1, head.sequence - 1);
}

void FrameBuffer::append(const char* data, std::size_t size) {
  // Drop what was taken before growing, so the buffer holds at most one partial frame more
  // than a read brings.
  if (at_ > 0 && (at_ == bytes_.size() || at_ >= bytes_.size() / 2)) {
    bytes_.erase(0, at_);
    at_ = 0;
  }
  bytes_.append(data, size);
}

std::optional<std::string_view> FrameBuffer::take(std::size_t count) {
  if (bytes_.size() - at_ < count) return std::nullopt;
  const std::string_view out{bytes_.data() + at_, count};
  at_ += count;
  return out;
}

std::optional<FrameHead> FrameBuffer::peek() const noexcept {
  if (bytes_.size() - at_ < header_bytes) return std::nullopt;
  return decode_header(std::string_view{bytes_.data() + at_, header_bytes});
}

std::optional<std::pair<FrameHead, std::string_view>> FrameBuffer::next() {
  const auto head = peek();
  if (!head || bytes_.size() - at_ - header_bytes < head->length) return std::nullopt;
  const std::string_view payload{bytes_.data() + at_ + header_bytes, head->length};
  at_ += header_bytes + head->length;
  return std::pair{*head, payload};
}

}  // namespace cae::runtime::tcp
