// cae:Count: the counting sink. Counts messages and bytes as they arrive (a stream counts as
// one message of all its chunks' bytes) and reports the totals when the input closes: in the
// log, optionally as a JSON message, and as a failure when an expected count is not met.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "cae/processor.hpp"
#include "cae/registry.hpp"

namespace cae::processors {
namespace {

class Count final : public Processor {
 public:
  explicit Count(Context& context)
      : Processor(context),
        input_(args().reader("input")),
        output_(args().optional_writer("output")),
        expect_(args().optional_integer("expect")),
        timing_(args().optional_boolean("timing").value_or(false)) {
    if (expect_ && *expect_ < 0) throw ArgumentError("expect must not be negative");
  }

  Flow transform() override {
    // Chunks, not whole messages: nothing is gathered, so a stream of any size is counted in
    // bounded memory.
    input_.on_chunk([this](const Chunk& chunk) {
      count(chunk);
      return Flow::done();
    });
    input_.on_close([this](const std::optional<std::string>& error) { return report(error); });
    return Flow::done();
  }

 private:
  // A message counts once it is complete: at its last chunk.
  void count(const Chunk& chunk) {
    if (timing_ && first_ns_ == 0) first_ns_ = monotonic_ns();
    bytes_ += chunk.bytes.size();
    if (chunk.last) ++messages_;
  }

  Flow report(const std::optional<std::string>& error) {
    log(LogLevel::info, "{} messages, {} bytes", messages_, bytes_);
    // After an error upstream the count is short by cause; the error itself travels on.
    if (error) {
      if (output_ != nullptr) output_->forward_close(error);
      return Flow::done();
    }
    if (expect_ && static_cast<std::uint64_t>(*expect_) != messages_) {
      const auto message = fmt::format("expected {} messages, received {}", *expect_, messages_);
      const Flow failed = fail_output(message);
      context().fail(message);
      return failed;
    }
    return write_summary();
  }

  // The clock of the benchmark tools (CLOCK_MONOTONIC on Linux), shared with the process that
  // started the run, so it can tell how long the first message took.
  static std::int64_t monotonic_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  [[nodiscard]] std::string summary() const {
    if (!timing_) return fmt::format(R"({{"messages":{},"bytes":{}}})", messages_, bytes_);
    // The close follows the last message at once, so its time stands for the last message's
    // without a clock read per message.
    return fmt::format(R"({{"messages":{},"bytes":{},"first_ns":{},"last_ns":{}}})", messages_,
                       bytes_, first_ns_, monotonic_ns());
  }

  Flow write_summary() {
    if (output_ == nullptr) return Flow::done();
    const Flow written = output_->write(Message{summary()});
    output_->close();  // a pending write is still delivered first
    return written;
  }

  Flow fail_output(const std::string& error) {
    if (output_ != nullptr) output_->fail(error);
    return Flow::done();
  }

  Reader& input_;
  Writer* output_;
  std::optional<std::int64_t> expect_;
  bool timing_;
  std::int64_t first_ns_ = 0;  // when the first chunk arrived, with timing
  std::uint64_t messages_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace

void register_count(Registry& registry) {
  registry.add("https://w3id.org/cae#Count", make_processor<Count>);
}

}  // namespace cae::processors
