#include "query/format.hpp"

#include <array>

namespace cae::query {
namespace {

constexpr std::array<std::string_view, 6> format_names = {"table", "csv",    "tsv",
                                                          "json",  "turtle", "ntriples"};

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  for (std::size_t i = 0; i < format_names.size(); ++i) {
    if (format_names.at(i) == name) return static_cast<Format>(i);
  }
  return std::nullopt;
}

std::string_view format_name(Format format) {
  return format_names.at(static_cast<std::size_t>(format));
}

Format default_format(Form form) {
  return form == Form::construct ? Format::turtle : Format::table;
}

bool format_fits(Form form, Format format) {
  const bool graph_format = format == Format::turtle || format == Format::ntriples;
  return graph_format == (form == Form::construct);
}

std::string format_result(const Result& result, Format format, const Names& names) {
  if (result.form == Form::ask && format != Format::json) return result.boolean ? "yes\n" : "no\n";
  switch (format) {
    case Format::table: return detail::format_table(result.solutions, names);
    case Format::csv: return detail::format_csv(result.solutions);
    case Format::tsv: return detail::format_tsv(result.solutions);
    case Format::json: return detail::format_json(result);
    case Format::turtle: return detail::format_turtle(result.statements, names);
    case Format::ntriples: return detail::format_ntriples(result.statements);
  }
  return {};
}

}  // namespace cae::query
