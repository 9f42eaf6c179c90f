#include "base/diagnostic.hpp"

#include <algorithm>
#include <array>
#include <filesystem>

#include <fmt/format.h>

namespace cae {

std::string_view code_name(Code code) {
  static constexpr std::array<std::string_view, 15> names = {
      "syntax",    "import",   "unknown-type", "missing-argument", "too-many-values",
      "bad-value", "no-shape", "not-an-iri",   "env-unset",        "cycle",
      "channel",   "usage",    "runtime",          "rule",
      "topology",
  };
  return names.at(static_cast<std::size_t>(code));
}

std::uint32_t SourceMap::add(std::string path, std::string iri) {
  files_.push_back(File{display_path(path), std::move(iri)});
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::string display_path(std::string_view absolute_path) {
  namespace fs = std::filesystem;
  const fs::path path{absolute_path};
  if (!path.is_absolute()) return std::string{absolute_path};
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return std::string{absolute_path};
  const fs::path relative = path.lexically_relative(cwd);
  if (relative.empty() || *relative.begin() == "..") return std::string{absolute_path};
  return relative.string();
}

Diagnostic& Diagnostics::error(Code code, Location where, std::string message) {
  items_.push_back(Diagnostic{Severity::error, code, where, std::move(message), {}});
  return items_.back();
}

Diagnostic& Diagnostics::warning(Code code, Location where, std::string message) {
  items_.push_back(Diagnostic{Severity::warning, code, where, std::move(message), {}});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::size_t Diagnostics::count_errors() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const auto& d) {
    return d.severity == Severity::error;
  }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.where < b.where;  // no_file is the largest index, so unlocated ones sort last
  });
}

namespace {

std::string format_location(Location where, const SourceMap& sources) {
  if (!where.known() || where.file >= sources.size()) return "cae";
  const auto& file = sources.file(where.file).display;
  if (where.line == 0) return file;
  return fmt::format("{}:{}:{}", file, where.line, where.col);
}

}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic, const SourceMap& sources) {
  const auto kind = diagnostic.severity == Severity::error ? "error" : "warning";
  std::string out = fmt::format("{}: {}: {} [{}]\n", format_location(diagnostic.where, sources),
                                kind, diagnostic.message, code_name(diagnostic.code));
  for (const auto& note : diagnostic.notes) {
    out += fmt::format("{}: note: {}\n", format_location(note.where, sources), note.message);
  }
  return out;
}

std::string Diagnostics::format(const SourceMap& sources) const {
  std::string out;
  const std::size_t shown = std::min(items_.size(), print_limit);
  for (std::size_t i = 0; i < shown; ++i) out += format_diagnostic(items_[i], sources);
  if (items_.size() > shown) {
    out += fmt::format("cae: note: {} more diagnostics not shown\n", items_.size() - shown);
  }
  return out;
}

}  // namespace cae
