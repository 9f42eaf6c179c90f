// cae:Generate: writes `count` messages, each `size` bytes or a text with its index, optionally
// one every `intervalMs`; the source of benchmarks and tests.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cae/processor.hpp"
#include "cae/registry.hpp"

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

class Generate final : public Processor {
 public:
  explicit Generate(Context& context)
      : Processor(context),
        output_(args().writer("output")),
        count_(args().integer("count")),
        interval_(args().integer("intervalMs")),
        text_(args().optional_string("text").value_or(std::string{index_placeholder})) {
    const auto size = args().optional_integer("size");
    if (size && args().has("text")) throw ArgumentError("give either size or text, not both");
    if (count_ < 0) throw ArgumentError("count must not be negative");
    if (interval_ < 0) throw ArgumentError("intervalMs must not be negative");
    if (size && *size < 0) throw ArgumentError("size must not be negative");
    // Messages are immutable, so all of them can share one buffer.
    if (size) fixed_ = filler(*size);
  }

  Flow produce() override {
    const Flow produced = produced_.flow();
    write_more();
    return produced;
  }

  void stop() noexcept override {
    stopped_ = true;
    timer_.cancel();
    if (!writing_) finish();
  }

 private:
  [[nodiscard]] Message next_message() const {
    if (fixed_) return *fixed_;
    return Message{text_.expand(sent_)};
  }

  // Writes until a write has to wait, a pause is due, or all is sent.
  void write_more() {
    while (!stopped_ && sent_ < count_) {
      const Flow written = output_.write(next_message());
      ++sent_;
      if (written.pending()) {
        writing_ = true;
        written.then([this](Outcome outcome) { after_write(outcome); });
        return;
      }
      if (!continue_after(written.outcome())) return;
    }
    finish();
  }

  void after_write(Outcome outcome) {
    writing_ = false;
    if (continue_after(outcome)) write_more();
  }

  // False when the loop must not go on at once: the run stopped, the readers left (a
  // cancelled write: nobody wants more), the channel failed, or a pause starts.
  bool continue_after(Outcome outcome) {
    if (stopped_ || outcome != Outcome::done || sent_ == count_) {
      finish();
      return false;
    }
    if (interval_ == 0) return true;
    timer_ =
        context().start_timer(std::chrono::milliseconds{interval_}, {}, [this] { write_more(); });
    return false;
  }

  void finish() {
    output_.close();
    produced_.complete();
  }

  Writer& output_;
  std::int64_t count_;
  std::int64_t interval_;
  IndexTemplate text_;
  std::optional<Message> fixed_;
  std::int64_t sent_ = 0;
  bool writing_ = false;
  bool stopped_ = false;
  Timer timer_;
  Promise produced_;
};

}  // namespace

void register_generate(Registry& registry) {
  registry.add("https://w3id.org/cae#Generate", make_processor<Generate>);
}

}  // namespace cae::processors
