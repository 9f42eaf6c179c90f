// cae:Emit: writes a fixed list of texts, one message each, in order, then closes its output;
// the smallest source, used by the specification's examples (spec/vocabulary.md §4).
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "processors/paced_writer.hpp"

namespace cae::processors {
namespace {

// One buffer per text, made once: a write only hands its handle to the channel.
std::vector<Message> messages_of(std::vector<std::string> texts) {
  std::vector<Message> out;
  out.reserve(texts.size());
  for (auto& text : texts) out.emplace_back(std::move(text));
  return out;
}

std::chrono::milliseconds interval(std::int64_t milliseconds) {
  if (milliseconds < 0) throw ArgumentError("intervalMs must not be negative");
  return std::chrono::milliseconds{milliseconds};
}

class Emit final : public Processor {
 public:
  explicit Emit(Context& context)
      : Processor(context),
        texts_(messages_of(args().strings("text"))),
        writer_(context, args().writer("output"), texts_.size(),
                interval(args().integer("intervalMs")),
                [this](std::uint64_t index) { return texts_[index]; }) {}

  Flow produce() override { return writer_.start(); }
  void stop() noexcept override { writer_.stop(); }

 private:
  std::vector<Message> texts_;
  PacedWriter writer_;
};

}  // namespace

void register_emit(Registry& registry) {
  registry.add("https://w3id.org/cae#Emit", make_processor<Emit>);
}

}  // namespace cae::processors
