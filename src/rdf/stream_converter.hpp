// A streaming RDF syntax converter: input pushed in chunks of any size, output handed out in
// blocks as it is produced. It runs Serd on the caller's thread, on whole statements only: input
// is held until a statement ends, so memory is bounded by a slice of input, the longest
// top-level statement (in TriG, the longest graph block) and the output of one slice, whatever
// the size of the document.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "rdf/syntax.hpp"

namespace cae::rdf {

struct ConvertOptions {
  Syntax input = Syntax::turtle;
  Syntax output = Syntax::ntriples;
  // Relative IRIs in the input resolve against this IRI; empty leaves them relative until the
  // input declares a base.
  std::string base_iri;
};

// The first problem in the input, at a 1-based line and column of the whole input.
struct ConvertError {
  std::uint32_t line = 0;
  std::uint32_t col = 0;
  std::string message;

  // "LINE:COL: MESSAGE", or just the message when it has no place.
  [[nodiscard]] std::string text() const;
};

namespace detail {
class Conversion;
}

// Converts one document. Output matches `serdi -i IN -o OUT` byte for byte: N-Triples escapes
// non-ASCII characters, Turtle is abbreviated with prefixed names, and Turtle and TriG keep the
// input's prefixes. Not thread-safe: feed and finish are called from one thread, and the sink
// runs on that thread inside them.
class StreamConverter {
 public:
  // Receives each block of output, which is the sink's to keep. An exception thrown by the sink
  // propagates out of feed or finish; the converter can then only be destroyed.
  using Sink = std::function<void(std::string&& block)>;

  StreamConverter(const ConvertOptions& options, Sink sink);
  StreamConverter(const StreamConverter&) = delete;
  StreamConverter& operator=(const StreamConverter&) = delete;
  ~StreamConverter();

  // Converts the next piece of input, split anywhere. The chunk is copied as it is read, so it
  // may be released when feed returns. Returns false once the input has an error (see error());
  // later calls do nothing and return false.
  bool feed(std::string_view chunk);

  // Ends the input and flushes the rest of the output. Returns false if the input has an error.
  bool finish();

  [[nodiscard]] const std::optional<ConvertError>& error() const;

  // Blocks handed to the sink hold at least this many bytes, except the last.
  static constexpr std::size_t block_size = std::size_t{64} * 1024;

 private:
  // Converts the input held so far up to its last statement end (all of it once `last`).
  bool convert_held(bool last);
  // Hands the output on once it fills a block (any output once `last`).
  void hand_on(bool last);

  std::unique_ptr<detail::Conversion> conversion_;
  Sink sink_;
  bool finished_ = false;
};

// Converts a document that is wholly in memory, handing the output to `sink` in blocks as
// StreamConverter does (same bytes). Returns the first error in the document, if any; an
// exception from the sink propagates.
std::optional<ConvertError> convert_document(const ConvertOptions& options,
                                             std::string_view document,
                                             const StreamConverter::Sink& sink);

}  // namespace cae::rdf
