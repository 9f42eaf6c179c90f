// cae:Pass: forwards every message unchanged. Each handle goes on as it came (no copy), a
// stream stays a stream, and the write's Flow is the handler's, so backpressure and
// cancellation travel upstream; the input's close, normal or with an error, closes the output.
#include <optional>
#include <string>

#include "cae/processor.hpp"
#include "cae/registry.hpp"

namespace cae::processors {
namespace {

class Pass final : public Processor {
 public:
  explicit Pass(Context& context)
      : Processor(context), input_(args().reader("input")), output_(args().writer("output")) {}

  Flow transform() override {
    // Chunks, not whole messages: a stream is forwarded as it arrives, never gathered.
    input_.on_chunk([this](Chunk chunk) { return forward(std::move(chunk)); });
    input_.on_close([this](const std::optional<std::string>& error) { return close(error); });
    return Flow::done();
  }

 private:
  // A cancelled write (every reader downstream has detached) detaches the input in turn.
  Flow forward(Chunk chunk) {
    if (chunk.first && chunk.last) return output_.write(std::move(chunk.bytes));
    if (chunk.first) return output_.begin_stream();
    if (chunk.last) return output_.end_stream();
    return output_.write_chunk(std::move(chunk.bytes));
  }

  // forward_close, not fail: an upstream error, even one that cuts a stream short, is the
  // upstream processor's, and the run's report must not blame this one for passing it on.
  Flow close(const std::optional<std::string>& error) {
    output_.forward_close(error);
    return Flow::done();
  }

  Reader& input_;
  Writer& output_;
};

}  // namespace

void register_pass(Registry& registry) {
  registry.add("https://w3id.org/cae#Pass", make_processor<Pass>);
}

}  // namespace cae::processors
