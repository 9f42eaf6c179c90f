// cae:Print: writes each input message to standard output, after a prefix and followed by a
// newline (spec/vocabulary.md §4). The message's buffer goes to the sink as it is: no copy.
#include <initializer_list>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "processors/failure_watch.hpp"

namespace cae::processors {
namespace {

class Print final : public Processor {
 public:
  explicit Print(Context& context)
      : Processor(context),
        input_(args().reader("input")),
        prefix_(Message{args().string("prefix")}),
        newline_(Message::copy("\n")) {}

  Flow transform() override {
    // Chunks, not whole messages: a stream is printed as it arrives, in bounded memory. Its
    // chunks are separate writes, so another processor's output may land inside its line.
    input_.on_chunk([this](const Chunk& chunk) { return watched_(print(chunk)); });
    return Flow::done();
  }

 private:
  // The sink's Flow: the reader takes nothing more until standard output has room.
  Flow print(const Chunk& chunk) {
    if (chunk.first && chunk.last) return write({prefix_, chunk.bytes, newline_});
    if (chunk.first) return prefix_.empty() ? Flow::done() : write({prefix_});
    if (chunk.last) return write({newline_});
    return write({chunk.bytes});
  }

  Flow write(std::initializer_list<Message> parts) {
    return context().standard_output().write(parts);
  }

  // Standard output closed early, for example: the run fails.
  void report(std::string_view error) {
    context().fail(
        fmt::format("cannot write standard output: {}", error.empty() ? "failed" : error));
  }

  Reader& input_;
  Message prefix_;
  Message newline_;
  FailureWatch watched_{[this](std::string_view error) { report(error); }};
};

}  // namespace

void register_print(Registry& registry) {
  registry.add("https://w3id.org/cae#Print", make_processor<Print>);
}

}  // namespace cae::processors
