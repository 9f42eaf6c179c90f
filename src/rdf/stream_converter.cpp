#include "rdf/stream_converter.hpp"

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "rdf/owners.hpp"
#include "rdf/statement_ends.hpp"

namespace cae::rdf {
namespace {

// Input is converted in slices of at most this size, which bounds the output held at once.
constexpr std::size_t slice_size = std::size_t{256} * 1024;
// Serd copies its input into pages of this size.
constexpr std::size_t page_size = std::size_t{64} * 1024;

SerdSyntax serd_syntax(Syntax syntax) {
  switch (syntax) {
    case Syntax::turtle: return SERD_TURTLE;
    case Syntax::trig: return SERD_TRIG;
    case Syntax::ntriples: return SERD_NTRIPLES;
    case Syntax::nquads: return SERD_NQUADS;
  }
  return SERD_TURTLE;
}

// serdi's choice of style, so that both give the same bytes: N-Triples is ASCII, Turtle is
// abbreviated with prefixed names, TriG and N-Quads are written as they come. Bulk output only
// batches the writer's calls to our sink into pages; it does not change what is written.
SerdStyle writer_style(const ConvertOptions& options) {
  unsigned style = SERD_STYLE_BULK;
  if (options.output == Syntax::ntriples) style |= SERD_STYLE_ASCII;
  if (options.output == Syntax::turtle) style |= SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED;
  const bool base_may_change = options.input == Syntax::turtle || options.input == Syntax::trig;
  if (base_may_change || options.output == Syntax::turtle) style |= SERD_STYLE_RESOLVED;
  return static_cast<SerdStyle>(style);
}

std::string format_serd_message(const SerdError& error) {
  std::va_list args;
  // Serd hands over a started va_list, which the analyzer cannot see.
  va_copy(args, *error.args);  // NOLINT(clang-analyzer-valist.Uninitialized)
  std::array<char, 512> text{};
  std::vsnprintf(text.data(), text.size(), error.fmt, args);
  va_end(args);
  std::string message{text.data()};
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
  return message;
}

// Serd calls back into C++ code that may throw (allocation); nothing may cross back into C.
template <typename Body>
SerdStatus guarded(Body body) noexcept {
  try {
    return body();
  } catch (...) {
    return SERD_ERR_UNKNOWN;
  }
}

}  // namespace

std::string ConvertError::text() const {
  if (line == 0) return message;
  return fmt::format("{}:{}: {}", line, col, message);
}

namespace detail {

// A Serd reader feeding a Serd writer. The input is held until statements end; each run of
// whole statements is read as a source of its own by the same reader, so blank node labels and
// the writer's prefixes, base and abbreviation carry on from one run to the next.
class Conversion {
 public:
  explicit Conversion(const ConvertOptions& options);
  Conversion(const Conversion&) = delete;
  Conversion& operator=(const Conversion&) = delete;
  ~Conversion() = default;

  void hold(std::string_view input) { held_.append(input); }
  // Reads the held input up to its last statement end, or all of it when `all`. Returns false
  // once the input has an error.
  bool read(bool all);
  // Ends the output: the writer closes what it has open and empties its buffer.
  void finish() { serd_writer_finish(writer_.get()); }

  [[nodiscard]] std::string& output() { return output_; }
  [[nodiscard]] const std::optional<ConvertError>& error() const { return error_; }

 private:
  void read_prefix(std::size_t length);
  void count_position(std::string_view text);
  void record_error(ConvertError error);

  // Serd's source: the statements being read.
  static std::size_t lend(void* buf, std::size_t size, std::size_t nmemb, void* stream) noexcept;
  static int lend_error(void* stream) noexcept;
  static std::size_t write(const void* buf, std::size_t len, void* stream) noexcept;
  static SerdStatus on_error(void* handle, const SerdError* error) noexcept;
  static SerdStatus on_base(void* handle, const SerdNode* uri) noexcept;
  static SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) noexcept;
  static SerdStatus on_statement(void* handle, SerdStatementFlags flags, const SerdNode* graph,
                                 const SerdNode* subject, const SerdNode* predicate,
                                 const SerdNode* object, const SerdNode* datatype,
                                 const SerdNode* lang) noexcept;
  static SerdStatus on_end(void* handle, const SerdNode* node) noexcept;

  StatementEnds ends_;
  std::string held_;
  std::string_view lent_;  // what Serd has yet to read of the statements it is reading
  // Where held_ starts in the whole input: Serd counts from 1:1 in each source it reads.
  std::uint32_t line_ = 1;
  std::uint32_t col_ = 0;  // bytes before it on its line
  std::string output_;
  std::optional<ConvertError> error_;
  // Last, so that they are freed first: freeing the writer flushes it into output_.
  EnvPtr env_;
  WriterPtr writer_;
  ReaderPtr reader_;
};

Conversion::Conversion(const ConvertOptions& options) : ends_{options.input} {
  std::optional<SerdNodeOwner> base;
  if (!options.base_iri.empty()) {
    base.emplace(serd_node_new_uri_from_string(
        reinterpret_cast<const uint8_t*>(options.base_iri.c_str()), nullptr, nullptr));
  }
  env_.reset(serd_env_new(base ? base->get() : nullptr));
  SerdURI base_uri = SERD_URI_NULL;
  serd_env_get_base_uri(env_.get(), &base_uri);  // points into the env's own copy
  writer_.reset(serd_writer_new(serd_syntax(options.output), writer_style(options), env_.get(),
                                &base_uri, write, this));
  serd_writer_set_error_sink(writer_.get(), on_error, this);
  reader_.reset(serd_reader_new(serd_syntax(options.input), this, nullptr, on_base, on_prefix,
                                on_statement, on_end));
  serd_reader_set_strict(reader_.get(), true);
  serd_reader_set_error_sink(reader_.get(), on_error, this);
  output_.reserve(StreamConverter::block_size + slice_size);
}

bool Conversion::read(bool all) {
  if (error_) return false;
  const std::size_t end = all ? held_.size() : ends_.scan(held_);
  if (end > 0) {
    read_prefix(end);
    if (!all) ends_.drop(end);
  }
  return !error_;
}

// Serd reads the text as a source of its own, which ends where the text does. (Not as a string:
// Serd would take a NUL byte in a literal for the end.)
void Conversion::read_prefix(std::size_t length) {
  lent_ = std::string_view{held_}.substr(0, length);
  const SerdStatus status = serd_reader_read_source(reader_.get(), lend, lend_error, this,
                                                    reinterpret_cast<const uint8_t*>("input"),
                                                    page_size);
  if (status > SERD_FAILURE) {
    record_error(ConvertError{0, 0, reinterpret_cast<const char*>(serd_strerror(status))});
  }
  count_position(std::string_view{held_}.substr(0, length));
  held_.erase(0, length);
}

// memchr finds the line ends several times faster than a loop over the bytes (whose cost was
// 7 % of a conversion in callgrind).
void Conversion::count_position(std::string_view text) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* line_start = nullptr;
  for (const char* at = begin; at != end;) {
    const auto* newline = static_cast<const char*>(std::memchr(at, '\n', end - at));
    if (newline == nullptr) break;
    ++line_;
    line_start = at = newline + 1;
  }
  if (line_start == nullptr) {
    col_ += static_cast<std::uint32_t>(text.size());
  } else {
    col_ = static_cast<std::uint32_t>(end - line_start);
  }
}

void Conversion::record_error(ConvertError error) {
  if (!error_) error_ = std::move(error);
}

std::size_t Conversion::lend(void* buf, std::size_t size, std::size_t nmemb,
                             void* stream) noexcept {
  auto* self = static_cast<Conversion*>(stream);
  const std::size_t n = std::min(size * nmemb, self->lent_.size());
  std::memcpy(buf, self->lent_.data(), n);
  self->lent_.remove_prefix(n);
  return n;
}

int Conversion::lend_error(void* /*stream*/) noexcept { return 0; }

std::size_t Conversion::write(const void* buf, std::size_t len, void* stream) noexcept {
  auto* self = static_cast<Conversion*>(stream);
  const SerdStatus status = guarded([&] {
    self->output_.append(static_cast<const char*>(buf), len);
    return SERD_SUCCESS;
  });
  return status == SERD_SUCCESS ? len : 0;
}

SerdStatus Conversion::on_error(void* handle, const SerdError* error) noexcept {
  auto* self = static_cast<Conversion*>(handle);
  return guarded([&] {
    ConvertError converted{0, 0, format_serd_message(*error)};
    // The writer's errors have no place. Serd counts columns from 1 on the first line of the
    // string but from 0 after each newline.
    if (error->line > 0) {
      converted.line = self->line_ + error->line - 1;
      converted.col = error->line == 1 ? self->col_ + error->col : error->col + 1;
    }
    self->record_error(std::move(converted));
    return SERD_SUCCESS;
  });
}

SerdStatus Conversion::on_base(void* handle, const SerdNode* uri) noexcept {
  return serd_writer_set_base_uri(static_cast<Conversion*>(handle)->writer_.get(), uri);
}

SerdStatus Conversion::on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) noexcept {
  return serd_writer_set_prefix(static_cast<Conversion*>(handle)->writer_.get(), name, uri);
}

SerdStatus Conversion::on_statement(void* handle, SerdStatementFlags flags, const SerdNode* graph,
                                    const SerdNode* subject, const SerdNode* predicate,
                                    const SerdNode* object, const SerdNode* datatype,
                                    const SerdNode* lang) noexcept {
  return serd_writer_write_statement(static_cast<Conversion*>(handle)->writer_.get(), flags,
                                     graph, subject, predicate, object, datatype, lang);
}

SerdStatus Conversion::on_end(void* handle, const SerdNode* node) noexcept {
  return serd_writer_end_anon(static_cast<Conversion*>(handle)->writer_.get(), node);
}

}  // namespace detail

StreamConverter::StreamConverter(const ConvertOptions& options, Sink sink)
    : conversion_{std::make_unique<detail::Conversion>(options)}, sink_{std::move(sink)} {}

StreamConverter::~StreamConverter() = default;

bool StreamConverter::feed(std::string_view chunk) {
  if (finished_) return false;
  while (!chunk.empty()) {
    const std::size_t n = std::min(chunk.size(), slice_size);
    conversion_->hold(chunk.substr(0, n));
    chunk.remove_prefix(n);
    if (!convert_held(false)) return false;
  }
  return true;
}

bool StreamConverter::finish() {
  if (finished_) return !conversion_->error();
  return convert_held(true);
}

const std::optional<ConvertError>& StreamConverter::error() const {
  return conversion_->error();
}

bool StreamConverter::convert_held(bool last) {
  const bool ok = conversion_->read(last);
  // After an error, the output of the statements before it still goes out.
  if (!ok || last) {
    finished_ = true;
    conversion_->finish();
  }
  hand_on(finished_);
  return ok;
}

void StreamConverter::hand_on(bool last) {
  std::string& output = conversion_->output();
  if (output.size() < block_size && !(last && !output.empty())) return;
  std::string block = std::move(output);
  output = std::string{};
  if (!last) output.reserve(block_size + slice_size);
  sink_(std::move(block));
}

std::optional<ConvertError> convert_document(const ConvertOptions& options,
                                             std::string_view document,
                                             const StreamConverter::Sink& sink) {
  StreamConverter converter{options, [&sink](std::string&& block) { sink(std::move(block)); }};
  if (converter.feed(document)) converter.finish();
  return converter.error();
}

}  // namespace cae::rdf
