// cae:Log: logs each message at a level and, when an output is given, passes it on unchanged.
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "runtime/log.hpp"

namespace cae::processors {
namespace {

// The level names of rdfc:logLevel, so a pipeline spells levels one way everywhere.
LogLevel level_named(std::string_view name) {
  if (const auto level = runtime::parse_level(name)) return *level;
  throw ArgumentError(
      fmt::format("level: expected error, warn, info, debug or trace, found '{}'", name));
}

// At most `limit` bytes of `bytes`, with line ends, tabs and other control bytes escaped so
// that one message stays one log line.
std::string printable(std::string_view bytes, std::size_t limit) {
  std::string out;
  for (const char c : bytes.substr(0, limit)) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  if (bytes.size() > limit) out += fmt::format("… ({} bytes)", bytes.size());
  return out;
}

class Log final : public Processor {
 public:
  explicit Log(Context& context)
      : Processor(context),
        input_(args().reader("input")),
        output_(args().optional_writer("output")),
        level_(level_named(args().string("level"))),
        prefix_(args().string("prefix")),
        max_bytes_(args().integer("maxBytes")) {
    if (max_bytes_ < 0) throw ArgumentError("maxBytes must not be negative");
  }

  Flow transform() override {
    // Chunks, not whole messages: a stream passes through without being gathered.
    input_.on_chunk([this](Chunk chunk) { return log_and_pass(std::move(chunk)); });
    return Flow::done();
  }

 private:
  Flow log_and_pass(Chunk chunk) {
    const bool plain = chunk.first && chunk.last;
    if (plain) {
      log_line(printable(chunk.bytes.text(), limit()));
      return output_ != nullptr ? output_->write(std::move(chunk.bytes)) : Flow::done();
    }
    if (chunk.first) return begin_stream();
    if (chunk.last) return end_stream();
    stream_bytes_ += chunk.bytes.size();
    log_line(fmt::format("chunk: {}", printable(chunk.bytes.text(), limit())));
    return output_ != nullptr ? output_->write_chunk(std::move(chunk.bytes)) : Flow::done();
  }

  Flow begin_stream() {
    stream_bytes_ = 0;
    log_line("stream begins");
    return output_ != nullptr ? output_->begin_stream() : Flow::done();
  }

  Flow end_stream() {
    log_line(fmt::format("stream ends after {} bytes", stream_bytes_));
    return output_ != nullptr ? output_->end_stream() : Flow::done();
  }

  void log_line(std::string_view text) const {
    if (context().logs(level_)) context().log(level_, fmt::format("{}{}", prefix_, text));
  }

  [[nodiscard]] std::size_t limit() const { return static_cast<std::size_t>(max_bytes_); }

  Reader& input_;
  Writer* output_;
  LogLevel level_;
  std::string prefix_;
  std::int64_t max_bytes_;
  std::uint64_t stream_bytes_ = 0;
};

}  // namespace

void register_log(Registry& registry) {
  registry.add("https://w3id.org/cae#Log", make_processor<Log>);
}

}  // namespace cae::processors
