// cae:SplitLines: each input message, plain or stream, becomes one message per line.
#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "runtime/framing.hpp"

namespace cae::processors {
namespace {

class SplitLines final : public Processor {
 public:
  explicit SplitLines(Context& context)
      : Processor(context),
        input_(args().reader("input")),
        lines_(args().writer("output"),
               runtime::FramingOptions{runtime::Framing::lines, args().boolean("keepLineEnds")}) {}

  Flow transform() override {
    // Chunks, not whole messages: a stream of any length splits in bounded memory.
    input_.on_chunk([this](const Chunk& chunk) { return split(chunk); });
    return Flow::done();
  }

 private:
  // Lines never span two messages: the end of each message ends its last line.
  Flow split(const Chunk& chunk) {
    lines_.add(chunk.bytes);
    if (chunk.last) lines_.end_source();
    return lines_.flush();
  }

  Reader& input_;
  runtime::Framer lines_;
};

}  // namespace

void register_split_lines(Registry& registry) {
  registry.add("https://w3id.org/cae#SplitLines", make_processor<SplitLines>);
}

}  // namespace cae::processors
