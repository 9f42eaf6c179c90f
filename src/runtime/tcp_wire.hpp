// The cae tcp wire format, version CAE1 (spec/channels.md §7 "tcp"; docs/transports.md has
// the byte layout). The writer opens with the magic and its stream id, then sends frames; the
// reader answers with ack frames only. Integers are big-endian.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cae::runtime::tcp {

inline constexpr std::string_view magic = "CAE1";
inline constexpr std::size_t stream_id_bytes = 16;
inline constexpr std::size_t opening_bytes = 4 + stream_id_bytes;
inline constexpr std::size_t header_bytes = 1 + 8 + 4;  // type, sequence number, length

enum class FrameType : std::uint8_t {
  message = 1,
  stream_begin = 2,
  chunk = 3,
  stream_end = 4,
  end_of_stream = 5,
  error_close = 6,
  ack = 7,
};

using Header = std::array<char, header_bytes>;

Header encode_header(FrameType type, std::uint64_t sequence, std::uint32_t length) noexcept;

struct FrameHead {
  FrameType type = FrameType::message;
  std::uint64_t sequence = 0;
  std::uint32_t length = 0;
};

// Reads a header from the first header_bytes of `bytes`. Unknown types come back as they
// are: the caller checks them.
FrameHead decode_header(std::string_view bytes) noexcept;
[[nodiscard]] bool known_type(FrameType type) noexcept;

// Where a writer's frame stands against the last sequence number the reader took: frames sent
// again after a reconnect are dropped, a gap means frames are lost (spec/channels.md §7).
enum class Arrival : std::uint8_t { next, again, unknown_type, gap };
[[nodiscard]] Arrival arrival_of(const FrameHead& head, std::uint64_t taken) noexcept;
// The report for unknown_type and gap.
[[nodiscard]] std::string arrival_error(Arrival arrival, const FrameHead& head,
                                        std::uint64_t taken);

// Bytes arriving in pieces, taken frame by frame. Frames are views into the buffer, valid
// until the next append().
class FrameBuffer {
 public:
  void append(const char* data, std::size_t size);
  // Takes `count` raw bytes (the opening) when they are all there.
  std::optional<std::string_view> take(std::size_t count);
  // The next whole frame's head and payload, if it has fully arrived.
  std::optional<std::pair<FrameHead, std::string_view>> next();
  // The head of the frame that is arriving, once its header is there (to refuse a payload
  // that is too large before waiting for it).
  [[nodiscard]] std::optional<FrameHead> peek() const noexcept;
  // The bytes not taken yet.
  [[nodiscard]] std::string_view rest() const noexcept {
    return std::string_view{bytes_}.substr(at_);
  }
  void clear() noexcept {
    bytes_.clear();
    at_ = 0;
  }

 private:
  std::string bytes_;
  std::size_t at_ = 0;  // start of what has not been taken yet
};

}  // namespace cae::runtime::tcp
