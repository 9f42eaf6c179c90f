// cae:Stdin: reads the process's standard input and writes it as lines, chunks or one stream.
#include <optional>
#include <string>

#include <fmt/format.h>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "runtime/framing.hpp"

namespace cae::processors {
namespace {

runtime::FramingOptions stdin_framing(const Arguments& args) {
  const std::string mode = args.string("mode");
  const auto framing = runtime::framing_named(mode);
  if (!framing || framing == runtime::Framing::whole) {
    throw ArgumentError(fmt::format("mode: expected lines, chunks or stream, found '{}'", mode));
  }
  const std::int64_t chunk_size = args.integer("chunkSize");
  if (chunk_size <= 0) throw ArgumentError("chunkSize must be positive");
  return {*framing, args.boolean("keepLineEnds"), static_cast<std::size_t>(chunk_size)};
}

class Stdin final : public Processor {
 public:
  explicit Stdin(Context& context)
      : Processor(context),
        output_(args().writer("output")),
        framer_(output_, stdin_framing(args())),
        read_(framer_, context.standard_input(),
              [this](const std::optional<std::string>& error) { finish(error); }) {}

  Flow produce() override {
    const Flow produced = produced_.flow();
    read_.start();
    return produced;
  }

  // A drain ends the input here; what was read is written out first.
  void stop() noexcept override { read_.stop(); }

 private:
  void finish(const std::optional<std::string>& error) {
    if (error) {
      produced_.fail(fmt::format("cannot read standard input: {}", *error));
      return;
    }
    output_.close();
    produced_.complete();
  }

  Writer& output_;
  runtime::Framer framer_;
  runtime::FramedSource read_;
  Promise produced_;
};

}  // namespace

void register_stdin(Registry& registry) {
  registry.add("https://w3id.org/cae#Stdin", make_processor<Stdin>);
}

}  // namespace cae::processors
