#include "processors/command_framing.hpp"

#include <array>
#include <cstdint>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

namespace cae::processors {
namespace {

constexpr std::size_t header_bytes = 4;

std::uint32_t frame_length(std::string_view header) {
  std::uint32_t length = 0;
  for (std::size_t i = 0; i < header_bytes; ++i) {
    length = (length << 8U) | static_cast<unsigned char>(header[i]);
  }
  return length;
}

}  // namespace

std::optional<CommandFraming> command_framing_named(std::string_view name) {
  if (name == "lines") return CommandFraming::lines;
  if (name == "length-prefixed") return CommandFraming::length_prefixed;
  if (name == "whole") return CommandFraming::whole;
  return std::nullopt;
}

std::vector<Message> encode_for_program(CommandFraming framing, const Message& message) {
  switch (framing) {
    case CommandFraming::lines: return {message, Message::copy("\n")};
    case CommandFraming::length_prefixed: {
      if (message.size() > UINT32_MAX) {
        throw std::runtime_error(fmt::format(
            "a message of {} bytes does not fit a length-prefixed frame", message.size()));
      }
      const auto size = static_cast<std::uint32_t>(message.size());
      const std::array<char, header_bytes> header{
          static_cast<char>(size >> 24U), static_cast<char>(size >> 16U),
          static_cast<char>(size >> 8U), static_cast<char>(size)};
      return {Message::copy(std::string_view{header.data(), header.size()}), message};
    }
    case CommandFraming::whole: break;
  }
  return {message};
}

void OutputDecoder::feed(const Message& chunk, const Emit& emit) {
  switch (framing_) {
    case CommandFraming::lines:
      lines_.feed(chunk.text(), [&](std::string_view line) { emit(Message::copy(line)); });
      break;
    case CommandFraming::length_prefixed: feed_frames(chunk.text(), emit); break;
    case CommandFraming::whole: pending_.append(chunk.text()); break;
  }
}

// Frames inside the chunk are copied out of it; only a frame that spans chunks is gathered.
void OutputDecoder::feed_frames(std::string_view bytes, const Emit& emit) {
  while (!bytes.empty()) {
    if (pending_.size() < header_bytes) {
      const std::size_t take = std::min(header_bytes - pending_.size(), bytes.size());
      pending_.append(bytes.substr(0, take));
      bytes.remove_prefix(take);
      if (pending_.size() < header_bytes) return;
    }
    const std::size_t wanted = frame_length(pending_) + header_bytes - pending_.size();
    const std::size_t take = std::min(wanted, bytes.size());
    pending_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (take < wanted) return;
    emit(Message{pending_.substr(header_bytes)});
    pending_.clear();
  }
}

std::optional<std::string> OutputDecoder::finish(const Emit& emit) {
  switch (framing_) {
    case CommandFraming::lines:
      lines_.finish([&](std::string_view line) { emit(Message::copy(line)); });
      break;
    case CommandFraming::length_prefixed:
      if (!pending_.empty()) {
        return fmt::format("the program's output ended inside a frame ({} bytes of it)",
                           pending_.size());
      }
      break;
    case CommandFraming::whole: emit(Message{std::exchange(pending_, {})}); break;
  }
  return std::nullopt;
}

}  // namespace cae::processors
