// cae:ConvertRdf: converts each input message from one RDF syntax to another. A plain message
// becomes a plain message; a stream becomes a stream, converted chunk by chunk, so a document
// larger than memory converts.
#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "cae/processor.hpp"
#include "cae/registry.hpp"
#include "rdf/stream_converter.hpp"
#include "runtime/write_queue.hpp"

namespace cae::processors {
namespace {

// The names a user may give a syntax: ours, the short file extensions, the media types.
rdf::Syntax syntax_named(std::string_view field, std::string name) {
  static constexpr std::array<std::pair<std::string_view, rdf::Syntax>, 14> names = {{
      {"turtle", rdf::Syntax::turtle},
      {"ttl", rdf::Syntax::turtle},
      {"text/turtle", rdf::Syntax::turtle},
      {"trig", rdf::Syntax::trig},
      {"application/trig", rdf::Syntax::trig},
      {"ntriples", rdf::Syntax::ntriples},
      {"n-triples", rdf::Syntax::ntriples},
      {"nt", rdf::Syntax::ntriples},
      {"application/n-triples", rdf::Syntax::ntriples},
      {"nquads", rdf::Syntax::nquads},
      {"n-quads", rdf::Syntax::nquads},
      {"nq", rdf::Syntax::nquads},
      {"application/n-quads", rdf::Syntax::nquads},
      {"text/plain", rdf::Syntax::ntriples},
  }};
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [text, syntax] : names) {
    if (text == name) return syntax;
  }
  throw ArgumentError(
      fmt::format("{}: unknown RDF syntax '{}'; expected turtle, trig, ntriples "
                  "or nquads",
                  field, name));
}

class ConvertRdf final : public Processor {
 public:
  explicit ConvertRdf(Context& context)
      : Processor(context),
        input_(args().reader("input")),
        output_(args().writer("output")),
        options_{syntax_named("inputSyntax", args().string("inputSyntax")),
                 syntax_named("outputSyntax", args().string("outputSyntax")),
                 args().optional_string("baseIri").value_or("")} {}

  Flow transform() override {
    input_.on_chunk([this](const Chunk& chunk) { return convert(chunk); });
    return Flow::done();
  }

 private:
  Flow convert(const Chunk& chunk) {
    if (chunk.first && chunk.last) return convert_plain(chunk.bytes);
    if (chunk.first) start_stream();
    bool ok = converter_->feed(chunk.bytes.text());
    if (ok && chunk.last) ok = converter_->finish();
    if (!ok) return fail(converter_->error() ? converter_->error()->text() : "cannot convert");
    if (chunk.last) {
      converter_.reset();
      writes_.end_stream();
    }
    return writes_.flush();
  }

  // The input is whole in memory, so the output may be too.
  Flow convert_plain(const Message& message) {
    ++messages_;
    std::string converted;
    const auto error = rdf::convert_document(options_, message.text(), [&](std::string&& block) {
      if (converted.empty()) {
        converted = std::move(block);
      } else {
        converted += block;
      }
    });
    if (error) return fail(error->text());
    return output_.write(Message{std::move(converted)});
  }

  void start_stream() {
    ++messages_;
    writes_.begin_stream();
    // Each message is a document of its own: prefixes and blank nodes do not carry over.
    // Each block of output becomes a chunk as it is, without a copy.
    converter_.emplace(options_, [this](std::string&& block) {
      writes_.write_chunk(Message{std::move(block)});
    });
  }

  // What was written of a stream cannot be taken back, so a document that does not parse is
  // a fatal error of this processor; its writers then close with the error.
  Flow fail(const std::string& error) {
    converter_.reset();
    context().fail(fmt::format("message {} is not valid {}: {}", messages_,
                               rdf_syntax_name(options_.input), error));
    return Flow::done();
  }

  static std::string_view rdf_syntax_name(rdf::Syntax syntax) {
    switch (syntax) {
      case rdf::Syntax::turtle: return "Turtle";
      case rdf::Syntax::trig: return "TriG";
      case rdf::Syntax::ntriples: return "N-Triples";
      case rdf::Syntax::nquads: return "N-Quads";
    }
    return "RDF";
  }

  Reader& input_;
  Writer& output_;
  rdf::ConvertOptions options_;
  runtime::WriteQueue writes_{output_};
  std::optional<rdf::StreamConverter> converter_;
  std::uint64_t messages_ = 0;
};

}  // namespace

void register_convert_rdf(Registry& registry) {
  registry.add("https://w3id.org/cae#ConvertRdf", make_processor<ConvertRdf>);
}

}  // namespace cae::processors
