#include "runtime/tcp_outbox.hpp"

namespace cae::runtime::tcp {

bool Outbox::push_chunk(Chunk chunk, std::uint64_t limit) {
  if (chunk.first && chunk.last) {
    if (chunk.bytes.size() > limit) return false;
    push(FrameType::message, std::move(chunk.bytes));
  } else if (chunk.first) {
    push(FrameType::stream_begin, Message{});
  } else if (chunk.last) {
    push(FrameType::stream_end, Message{});
  } else if (chunk.bytes.size() <= limit) {
    push(FrameType::chunk, std::move(chunk.bytes));
  } else {
    // A chunk travels in frames the far reader accepts.
    for (std::size_t at = 0; at < chunk.bytes.size(); at += limit) {
      push(FrameType::chunk, Message::copy(chunk.bytes.text().substr(at, limit)));
    }
  }
  return true;
}

void Outbox::push_close(const std::optional<std::string>& error) {
  close_sequence_ = next_sequence_;
  push(error ? FrameType::error_close : FrameType::end_of_stream,
       error ? Message::copy(*error) : Message{});
}

void Outbox::push(FrameType type, Message payload) {
  const std::uint64_t sequence = next_sequence_++;
  const auto length = static_cast<std::uint32_t>(payload.size());
  bytes_ += payload.size();
  frames_.push_back(Frame{encode_header(type, sequence, length), std::move(payload), sequence});
}

bool Outbox::acknowledge(std::uint64_t sequence) noexcept {
  while (!frames_.empty() && frames_.front().sequence <= sequence) {
    bytes_ -= frames_.front().payload.size();
    frames_.pop_front();
    if (sent_ > 0) --sent_;
  }
  return close_sequence_ != 0 && sequence >= close_sequence_;
}

void Outbox::clear() noexcept {
  frames_.clear();
  bytes_ = 0;
  sent_ = 0;
}

}  // namespace cae::runtime::tcp
