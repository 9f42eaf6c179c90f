#include "rdf/stream_converter.hpp"

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <exception>
#include <semaphore>
#include <thread>

#include <fmt/format.h>

#include "rdf/owners.hpp"

namespace cae::rdf {
namespace {

// Serd asks for whole pages; a larger page means fewer hand-overs between the two threads.
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

// A Serd reader feeding a Serd writer: input is lent in pieces, output collected in a block.
// What happens when the input runs dry or a block is full is up to the driver.
class Conversion {
 public:
  Conversion(const Conversion&) = delete;
  Conversion& operator=(const Conversion&) = delete;

  [[nodiscard]] std::string& output() { return output_; }
  [[nodiscard]] const std::optional<ConvertError>& error() const { return error_; }

 protected:
  explicit Conversion(const ConvertOptions& options);
  ~Conversion() = default;

  // Reads until the input ends and flushes the writer; records an error unless aborted.
  void convert() noexcept;
  // input_ is used up and not ended: lend more, or end it (input_ended_ or aborted_).
  virtual void wait_for_input() noexcept = 0;
  // output_ holds at least a block: hand it on and clear it, unless aborted.
  virtual void output_ready() noexcept = 0;

  std::string_view input_;
  bool input_ended_ = false;
  bool aborted_ = false;  // stop as soon as possible and drop the output
  std::string output_;
  std::optional<ConvertError> error_;

 private:
  void record_error(ConvertError error);

  static std::size_t read(void* buf, std::size_t size, std::size_t nmemb, void* stream) noexcept;
  static int read_error(void* stream) noexcept;
  static std::size_t write(const void* buf, std::size_t len, void* stream) noexcept;
  static SerdStatus on_error(void* handle, const SerdError* error) noexcept;
  static SerdStatus on_base(void* handle, const SerdNode* uri) noexcept;
  static SerdStatus on_prefix(void* handle, const SerdNode* name, const SerdNode* uri) noexcept;
  static SerdStatus on_statement(void* handle, SerdStatementFlags flags, const SerdNode* graph,
                                 const SerdNode* subject, const SerdNode* predicate,
                                 const SerdNode* object, const SerdNode* datatype,
                                 const SerdNode* lang) noexcept;
  static SerdStatus on_end(void* handle, const SerdNode* node) noexcept;

  detail::EnvPtr env_;
  detail::WriterPtr writer_;
  detail::ReaderPtr reader_;
};

Conversion::Conversion(const ConvertOptions& options) {
  std::optional<detail::SerdNodeOwner> base;
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
  output_.reserve(StreamConverter::block_size + page_size);
}

void Conversion::convert() noexcept {
  const SerdStatus status = serd_reader_read_source(
      reader_.get(), read, read_error, this, reinterpret_cast<const uint8_t*>("input"), page_size);
  serd_writer_finish(writer_.get());
  if (status > SERD_FAILURE && !aborted_) {
    guarded([&] {
      record_error(ConvertError{0, 0, reinterpret_cast<const char*>(serd_strerror(status))});
      return SERD_SUCCESS;
    });
  }
}

void Conversion::record_error(ConvertError error) {
  if (!error_) error_ = std::move(error);
}

std::size_t Conversion::read(void* buf, std::size_t size, std::size_t nmemb,
                             void* stream) noexcept {
  auto* self = static_cast<Conversion*>(stream);
  auto* out = static_cast<char*>(buf);
  const std::size_t wanted = size * nmemb;
  std::size_t filled = 0;
  // A short page means end of input to Serd, so wait for more input until the page is full.
  while (filled < wanted) {
    if (self->input_.empty()) {
      if (self->input_ended_ || self->aborted_) break;
      self->wait_for_input();
      continue;
    }
    const std::size_t n = std::min(wanted - filled, self->input_.size());
    std::memcpy(out + filled, self->input_.data(), n);
    self->input_.remove_prefix(n);
    filled += n;
  }
  return filled;
}

int Conversion::read_error(void* stream) noexcept {
  return static_cast<Conversion*>(stream)->aborted_ ? 1 : 0;
}

std::size_t Conversion::write(const void* buf, std::size_t len, void* stream) noexcept {
  auto* self = static_cast<Conversion*>(stream);
  if (self->aborted_) return len;
  const SerdStatus status = guarded([&] {
    self->output_.append(static_cast<const char*>(buf), len);
    return SERD_SUCCESS;
  });
  if (status != SERD_SUCCESS) return 0;
  if (self->output_.size() >= StreamConverter::block_size) self->output_ready();
  return len;
}

SerdStatus Conversion::on_error(void* handle, const SerdError* error) noexcept {
  auto* self = static_cast<Conversion*>(handle);
  return guarded([&] {
    // Serd counts columns from 1 on the first line but from 0 after each newline.
    const std::uint32_t col = error->line <= 1 ? error->col : error->col + 1;
    self->record_error(ConvertError{error->line, col, format_serd_message(*error)});
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
  auto* self = static_cast<Conversion*>(handle);
  if (self->aborted_) return SERD_ERR_UNKNOWN;  // stops the reader at once
  return serd_writer_write_statement(self->writer_.get(), flags, graph, subject, predicate, object,
                                     datatype, lang);
}

SerdStatus Conversion::on_end(void* handle, const SerdNode* node) noexcept {
  return serd_writer_end_anon(static_cast<Conversion*>(handle)->writer_.get(), node);
}

}  // namespace detail

using detail::Conversion;

// Why the worker handed control back to the caller.
enum class Pause : std::uint8_t { need_input, output_ready, done };

// A Serd reader pulls its input, but the converter is pushed to. The reader therefore runs on its
// own thread, as a coroutine: it reads from the chunk the caller lent it and, when that is used
// up, hands control back and waits for the next. Only one of the two threads runs at a time (two
// semaphores pass control back and forth), so the state they share needs no lock, and memory
// stays bounded whatever the statement boundaries. The alternative, cutting the input at
// statement boundaries and parsing each piece with a restarted reader, would need a second
// Turtle lexer to find the boundaries and would hold a whole TriG graph block in memory.
class StreamConverter::Worker final : public Conversion {
 public:
  explicit Worker(const ConvertOptions& options) : Conversion{options} {
    thread_ = std::thread{[this] { main(); }};
  }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker();

  // Caller side: lends the worker input, or tells it there is no more.
  void lend_input(std::string_view chunk) { input_ = chunk; }
  void end_input() { input_ended_ = true; }
  // Runs the worker until it pauses, and says why.
  Pause run();
  [[nodiscard]] bool done() const { return pause_ == Pause::done; }

 private:
  void main() noexcept;
  void pause(Pause why) noexcept;
  void wait_for_input() noexcept override { pause(Pause::need_input); }
  void output_ready() noexcept override { pause(Pause::output_ready); }

  Pause pause_ = Pause::need_input;
  std::binary_semaphore to_worker_{0};
  std::binary_semaphore to_caller_{0};
  std::thread thread_;
};

StreamConverter::Worker::~Worker() {
  if (!done()) {
    aborted_ = true;
    while (run() != Pause::done) {
    }
  }
  thread_.join();
}

Pause StreamConverter::Worker::run() {
  to_worker_.release();
  to_caller_.acquire();
  return pause_;
}

void StreamConverter::Worker::pause(Pause why) noexcept {
  pause_ = why;
  to_caller_.release();
  to_worker_.acquire();
}

void StreamConverter::Worker::main() noexcept {
  to_worker_.acquire();  // the first run()
  convert();
  pause_ = Pause::done;
  to_caller_.release();
}

StreamConverter::StreamConverter(const ConvertOptions& options, Sink sink)
    : worker_{std::make_unique<Worker>(options)}, sink_{std::move(sink)} {}

StreamConverter::~StreamConverter() = default;

bool StreamConverter::feed(std::string_view chunk) {
  if (worker_->done()) return false;
  worker_->lend_input(chunk);
  return run_until_paused();
}

bool StreamConverter::finish() {
  if (worker_->done()) return !worker_->error();
  worker_->end_input();
  return run_until_paused();
}

const std::optional<ConvertError>& StreamConverter::error() const {
  return worker_->error();
}

bool StreamConverter::run_until_paused() {
  for (;;) {
    const Pause why = worker_->run();
    if (why == Pause::need_input) return true;
    std::string& output = worker_->output();
    if (!output.empty()) {
      sink_(output);
      output.clear();
    }
    if (why == Pause::done) return !worker_->error();
  }
}

namespace {

// The whole input is at hand, so the reader never waits and runs on the calling thread. Serd is
// C: an exception from the sink is kept and thrown again once the reader has returned.
class InlineConversion final : public Conversion {
 public:
  InlineConversion(const ConvertOptions& options, std::string_view document,
                   const StreamConverter::Sink& sink)
      : Conversion{options}, sink_{sink} {
    input_ = document;
    input_ended_ = true;
  }

  std::optional<ConvertError> run() {
    convert();
    if (thrown_) std::rethrow_exception(thrown_);
    if (!output_.empty()) sink_(output_);
    return error_;
  }

 private:
  void wait_for_input() noexcept override {}
  void output_ready() noexcept override {
    try {
      sink_(output_);
      output_.clear();
    } catch (...) {
      thrown_ = std::current_exception();
      aborted_ = true;
    }
  }

  const StreamConverter::Sink& sink_;
  std::exception_ptr thrown_;
};

}  // namespace

std::optional<ConvertError> convert_document(const ConvertOptions& options,
                                             std::string_view document,
                                             const StreamConverter::Sink& sink) {
  return InlineConversion{options, document, sink}.run();
}

}  // namespace cae::rdf
