// Diagnostics are values: collected while a document is loaded, resolved or run, sorted, and
// printed by the command line only. Library code never writes to stderr itself.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cae {

// Stable error codes of spec/arguments.md §5; their text is part of cae's interface.
enum class Code : std::uint8_t {
  syntax,
  import,
  unknown_type,
  missing_argument,
  too_many_values,
  bad_value,
  no_shape,
  not_an_iri,
  env_unset,
  cycle,
  channel,
  usage,
  runtime,
  rule,      // a violation found by a `cae validate --rules` query
  topology,  // `cae validate`: who runs a processor, channels between runners
};

std::string_view code_name(Code code);

enum class Severity : std::uint8_t { error, warning };

// A place in a loaded file. `file` indexes SourceMap; line and column are 1-based, columns count
// bytes. A default Location means "no place" (command-line and run-wide problems).
struct Location {
  static constexpr std::uint32_t no_file = UINT32_MAX;
  std::uint32_t file = no_file;
  std::uint32_t line = 0;
  std::uint32_t col = 0;

  [[nodiscard]] bool known() const { return file != no_file; }
  friend bool operator==(const Location&, const Location&) = default;
  friend auto operator<=>(const Location&, const Location&) = default;
};

struct Note {
  Location where;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::error;
  Code code = Code::runtime;
  Location where;
  std::string message;
  std::vector<Note> notes;
};

// The files a run has read, in load order; Location::file indexes this list.
class SourceMap {
 public:
  struct File {
    std::string display;  // as printed: relative to the working directory when below it
    std::string iri;      // the document IRI (file: URL or bundled vocabulary IRI)
  };

  // Registers a file and returns its index. `path` is an absolute filesystem path or, for
  // bundled vocabularies, a display name such as "<bundled>/cae.ttl".
  std::uint32_t add(std::string path, std::string iri);
  [[nodiscard]] const File& file(std::uint32_t index) const { return files_.at(index); }
  [[nodiscard]] std::size_t size() const { return files_.size(); }

 private:
  std::vector<File> files_;
};

// Turns an absolute path into the form diagnostics print: relative to the current directory
// when the file lies below it, else unchanged.
std::string display_path(std::string_view absolute_path);

class Diagnostics {
 public:
  static constexpr std::size_t print_limit = 50;

  Diagnostic& error(Code code, Location where, std::string message);
  Diagnostic& warning(Code code, Location where, std::string message);
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void append(const Diagnostics& other);

  [[nodiscard]] bool has_errors() const { return count_errors() > 0; }
  [[nodiscard]] std::size_t error_count() const { return count_errors(); }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] bool empty() const { return items_.empty(); }

  // Stable sort by file load order, line, column; unlocated diagnostics come last.
  void sort();

  // GCC style, at most print_limit diagnostics, notes after their error.
  [[nodiscard]] std::string format(const SourceMap& sources) const;

 private:
  [[nodiscard]] std::size_t count_errors() const;
  std::vector<Diagnostic> items_;
};

std::string format_diagnostic(const Diagnostic& diagnostic, const SourceMap& sources);

}  // namespace cae
