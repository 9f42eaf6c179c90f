#include "runtime/framing.hpp"

#include <array>
#include <utility>

namespace cae::runtime {

std::optional<Framing> framing_named(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, Framing>, 4> names = {{
      {"whole", Framing::whole},
      {"lines", Framing::lines},
      {"chunks", Framing::chunks},
      {"stream", Framing::stream},
  }};
  for (const auto& [text, framing] : names) {
    if (text == name) return framing;
  }
  return std::nullopt;
}

Framer::Framer(Writer& writer, const FramingOptions& options)
    : options_{options}, queue_{writer}, lines_{options.keep_line_ends} {}

Flow Framer::begin_source() {
  if (options_.framing == Framing::stream) queue_.begin_stream();
  return queue_.flush();
}

Flow Framer::add(const Message& chunk) {
  switch (options_.framing) {
    case Framing::whole: whole_.append(chunk.text()); break;
    case Framing::lines:
      lines_.feed(chunk.text(),
                  [this](std::string_view line) { queue_.write(Message::copy(line)); });
      break;
    case Framing::chunks:
    case Framing::stream: add_split(chunk); break;
  }
  return queue_.flush();
}

Flow Framer::end_source() {
  switch (options_.framing) {
    case Framing::whole: queue_.write(Message{std::exchange(whole_, {})}); break;
    case Framing::lines:
      lines_.finish([this](std::string_view line) { queue_.write(Message::copy(line)); });
      break;
    case Framing::chunks: break;
    case Framing::stream: queue_.end_stream(); break;
  }
  return queue_.flush();
}

// A chunk within the limit passes as it is, sharing its buffer; a larger one is cut.
void Framer::add_split(const Message& chunk) {
  const auto put = [this](Message part) {
    if (options_.framing == Framing::stream) {
      queue_.write_chunk(std::move(part));
    } else {
      queue_.write(std::move(part));
    }
  };
  const std::size_t limit = options_.max_chunk_bytes;
  if (chunk.empty()) return;
  if (limit == 0 || chunk.size() <= limit) {
    put(chunk);
    return;
  }
  const std::string_view bytes = chunk.text();
  for (std::size_t at = 0; at < bytes.size(); at += limit)
    put(Message::copy(bytes.substr(at, limit)));
}

}  // namespace cae::runtime
