// Text of `cae processors` and `cae describe`, for terminals and for docs/processors.md.
#include <algorithm>

#include <fmt/format.h>

#include "catalog/catalog.hpp"

namespace cae::catalog {
namespace {

// The first sentence of a comment, for one-line summaries.
std::string summary(std::string_view comment) {
  const auto end = comment.find(". ");
  return std::string{end == std::string_view::npos ? comment : comment.substr(0, end + 1)};
}

std::string how_many(const Argument& argument) {
  std::string out = argument.required ? "required" : "optional";
  out += argument.list ? fmt::format(", list ({})", argument.count) : ", one value";
  if (!argument.defaults.empty())
    out += fmt::format(", default {}", fmt::join(argument.defaults, " "));
  return out;
}

// Markdown table cells: a '|' would end the cell, a newline the row.
std::string cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c == '\n' ? ' ' : c;
    }
  }
  return out;
}

std::string code(std::string_view text) {
  return text.empty() ? "" : fmt::format("`{}`", cell(text));
}

}  // namespace

std::string format_classes(const std::vector<ProcessorClass>& classes) {
  std::size_t name_width = std::string_view{"class"}.size();
  std::size_t runs_width = std::string_view{"runs"}.size();
  for (const auto& cls : classes) {
    name_width = std::max(name_width, cls.name.size());
    runs_width = std::max(runs_width, cls.runs.size());
  }
  std::string out =
      fmt::format("{:<{}}  {:<{}}  summary\n", "class", name_width, "runs", runs_width);
  out +=
      fmt::format("{}  {}  -------\n", std::string(name_width, '-'), std::string(runs_width, '-'));
  for (const auto& cls : classes) {
    const auto line = fmt::format("{:<{}}  {:<{}}  {}", cls.name, name_width, cls.runs, runs_width,
                                  summary(cls.comment));
    out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
  }
  return out;
}

std::string format_names(const std::vector<ProcessorClass>& classes) {
  std::string out;
  for (const auto& cls : classes) out += cls.name + "\n";
  return out;
}

std::string format_description(const Description& description) {
  const auto& cls = description.cls;
  std::string out = fmt::format("{} ({})\n", cls.name, cls.runs);
  if (!cls.comment.empty()) out += cls.comment + "\n";
  out += fmt::format("runner: {}\n", description.runner);
  if (!description.has_shape) return out + "no SHACL shape: cae cannot tell its arguments\n";
  out += description.arguments.empty() ? "no arguments\n" : "\narguments:\n";
  for (const auto& argument : description.arguments) {
    out += fmt::format("  {} ({}): {}, {}\n", argument.name, argument.path, argument.type,
                       how_many(argument));
    if (!argument.description.empty()) out += fmt::format("      {}\n", argument.description);
  }
  return out;
}

std::string format_markdown(const Description& description) {
  const auto& cls = description.cls;
  std::string out = fmt::format("## {}\n\n", cls.name);
  if (!cls.comment.empty()) out += cls.comment + "\n\n";
  out += fmt::format("Runs: {}; runner: {}.\n\n", cls.runs, description.runner);
  if (!description.has_shape) return out + "No SHACL shape: cae cannot tell its arguments.\n";
  if (description.arguments.empty()) return out + "No arguments.\n";
  out += "| Argument | Path | Type | Required | List | Default | Description |\n";
  out += "|---|---|---|---|---|---|---|\n";
  for (const auto& a : description.arguments) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", code(a.name), code(a.path),
                       code(a.type), a.required ? "yes" : "no",
                       a.list ? fmt::format("yes ({})", a.count) : "no",
                       code(fmt::format("{}", fmt::join(a.defaults, " "))), cell(a.description));
  }
  return out;
}

}  // namespace cae::catalog
