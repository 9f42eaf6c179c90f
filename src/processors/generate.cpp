// cae:Generate: writes `count` messages, each `size` bytes or a text with its index, optionally
// one every `intervalMs`; the source of benchmarks and tests.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "processors/paced_writer.hpp"

namespace cae::processors {
namespace {

constexpr std::string_view index_placeholder = "{i}";

// A text with "{i}" standing for the message index, split once so each message is cheap.
class IndexTemplate {
 public:
  explicit IndexTemplate(std::string_view text) {
    std::size_t at = 0;
    for (std::size_t found; (found = text.find(index_placeholder, at)) != std::string_view::npos;
         at = found + index_placeholder.size()) {
      parts_.emplace_back(text.substr(at, found - at));
    }
    parts_.emplace_back(text.substr(at));
  }

  [[nodiscard]] std::string expand(std::int64_t index) const {
    const std::string number = std::to_string(index);
    std::string out = parts_.front();
    for (std::size_t i = 1; i < parts_.size(); ++i) out.append(number).append(parts_[i]);
    return out;
  }

 private:
  std::vector<std::string> parts_;
};

// `size` bytes of repeating digits: readable when printed, identical in every message.
Message filler(std::int64_t size) {
  std::string bytes(static_cast<std::size_t>(size), '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>('0' + i % 10);
  return Message{std::move(bytes)};
}

std::int64_t not_negative(std::int64_t value, const char* field) {
  if (value < 0) throw ArgumentError(fmt::format("{} must not be negative", field));
  return value;
}

class Generate final : public Processor {
 public:
  explicit Generate(Context& context)
      : Processor(context),
        text_(args().optional_string("text").value_or(std::string{index_placeholder})),
        writer_(context, args().writer("output"),
                static_cast<std::uint64_t>(not_negative(args().integer("count"), "count")),
                std::chrono::milliseconds{not_negative(args().integer("intervalMs"), "intervalMs")},
                [this](std::uint64_t index) { return next_message(index); }) {
    const auto size = args().optional_integer("size");
    if (size && args().has("text")) throw ArgumentError("give either size or text, not both");
    // Messages are immutable, so all of them can share one buffer.
    if (size) fixed_ = filler(not_negative(*size, "size"));
  }

  Flow produce() override { return writer_.start(); }
  void stop() noexcept override { writer_.stop(); }

 private:
  [[nodiscard]] Message next_message(std::uint64_t index) const {
    if (fixed_) return *fixed_;
    return Message{text_.expand(static_cast<std::int64_t>(index))};
  }

  IndexTemplate text_;
  std::optional<Message> fixed_;
  PacedWriter writer_;
};

}  // namespace

void register_generate(Registry& registry) {
  registry.add("https://w3id.org/cae#Generate", make_processor<Generate>);
}

}  // namespace cae::processors
