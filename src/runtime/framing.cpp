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

void Framer::begin_source() {
  if (options_.framing == Framing::stream) queue_.begin_stream();
}

void Framer::add(const Message& chunk) {
  switch (options_.framing) {
    case Framing::whole: whole_.append(chunk.text()); break;
    case Framing::lines:
      lines_.feed(chunk.text(),
                  [this](std::string_view line) { queue_.write(Message::copy(line)); });
      break;
    case Framing::chunks:
    case Framing::stream: add_split(chunk); break;
  }
}

void Framer::end_source() {
  switch (options_.framing) {
    case Framing::whole: queue_.write(Message{std::exchange(whole_, {})}); break;
    case Framing::lines:
      lines_.finish([this](std::string_view line) { queue_.write(Message::copy(line)); });
      break;
    case Framing::chunks: break;
    case Framing::stream: queue_.end_stream(); break;
  }
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

void FramedSource::start() {
  framer_.begin_source();
  framer_.flush().then([this](Outcome outcome) {
    if (outcome != Outcome::done) {
      done_(std::nullopt);  // nobody reads the output any more
      return;
    }
    source_.start([this](const Message& chunk) { return add(chunk); },
                  [this](const std::optional<std::string>& error) { end(error); });
  });
}

Flow FramedSource::add(const Message& chunk) {
  framer_.add(chunk);
  const Flow written = framer_.flush();
  // Readers that went away want nothing more: stop reading, which ends the source.
  if (written.ready() && written.outcome() != Outcome::done) source_.stop();
  return written;
}

void FramedSource::end(const std::optional<std::string>& error) {
  if (error) {
    done_(error);
    return;
  }
  framer_.end_source();
  framer_.flush().then([this](Outcome) { done_(std::nullopt); });
}

}  // namespace cae::runtime
