// SELECT and ASK results: the aligned table people read, and the three SPARQL 1.1 result formats
// other tools read.
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "query/format.hpp"

namespace cae::query::detail {
namespace {

// Columns are aligned by code points, so that non-ASCII text lines up in a terminal.
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::string pad(std::string_view text, std::size_t width) {
  return std::string{text} + std::string(width - display_width(text), ' ');
}

std::string format_row(const std::vector<std::string>& cells,
                       const std::vector<std::size_t>& widths) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    line += i + 1 < cells.size() ? pad(cells[i], widths[i]) + "  " : cells[i];
  }
  return line + "\n";
}

// CSV after RFC 4180, as SPARQL 1.1 asks: quoted when needed, CRLF line ends.
std::string csv_field(std::string_view text) {
  if (text.find_first_of("\",\r\n") == std::string_view::npos) return std::string{text};
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string{"\"\""} : std::string(1, c);
  return out + "\"";
}

std::string csv_value(const std::optional<Value>& cell) {
  if (!cell) return {};
  return csv_field(cell->kind == rdf::TermKind::blank ? "_:" + cell->text : cell->text);
}

nlohmann::ordered_json json_term(const Value& value) {
  nlohmann::ordered_json term;
  switch (value.kind) {
    case rdf::TermKind::iri: term["type"] = "uri"; break;
    case rdf::TermKind::blank: term["type"] = "bnode"; break;
    case rdf::TermKind::literal: term["type"] = "literal"; break;
  }
  term["value"] = value.text;
  if (!value.lang.empty()) term["xml:lang"] = value.lang;
  if (!value.datatype.empty()) term["datatype"] = value.datatype;
  return term;
}

}  // namespace

std::string format_table(const Solutions& solutions, const Names& names) {
  std::vector<std::vector<std::string>> lines{solutions.variables};
  for (const auto& row : solutions.rows) {
    auto& line = lines.emplace_back();
    for (const auto& cell : row) line.push_back(cell ? names.term(*cell) : std::string{});
  }
  std::vector<std::size_t> widths(solutions.variables.size(), 0);
  for (const auto& line : lines) {
    for (std::size_t i = 0; i < line.size(); ++i)
      widths[i] = std::max(widths[i], display_width(line[i]));
  }
  std::vector<std::string> rule;
  rule.reserve(widths.size());
  for (const std::size_t width : widths) rule.emplace_back(width, '-');
  std::string out = format_row(lines.front(), widths) + format_row(rule, widths);
  for (std::size_t i = 1; i < lines.size(); ++i) out += format_row(lines[i], widths);
  return out;
}

std::string format_csv(const Solutions& solutions) {
  std::vector<std::string> header;
  for (const auto& name : solutions.variables) header.push_back(csv_field(name));
  std::string out = fmt::format("{}\r\n", fmt::join(header, ","));
  for (const auto& row : solutions.rows) {
    std::vector<std::string> fields;
    fields.reserve(row.size());
    for (const auto& cell : row) fields.push_back(csv_value(cell));
    out += fmt::format("{}\r\n", fmt::join(fields, ","));
  }
  return out;
}

std::string format_tsv(const Solutions& solutions) {
  std::vector<std::string> header;
  for (const auto& name : solutions.variables) header.push_back("?" + name);
  std::string out = fmt::format("{}\n", fmt::join(header, "\t"));
  for (const auto& row : solutions.rows) {
    std::vector<std::string> fields;
    fields.reserve(row.size());
    for (const auto& cell : row) fields.push_back(cell ? ntriples(*cell) : std::string{});
    out += fmt::format("{}\n", fmt::join(fields, "\t"));
  }
  return out;
}

std::string format_json(const Result& result) {
  nlohmann::ordered_json out;
  out["head"] = nlohmann::ordered_json::object();
  if (result.form == Form::ask) {
    out["boolean"] = result.boolean;
  } else {
    out["head"]["vars"] = result.solutions.variables;
    auto& bindings = out["results"]["bindings"] = nlohmann::ordered_json::array();
    for (const auto& row : result.solutions.rows) {
      nlohmann::ordered_json binding = nlohmann::ordered_json::object();
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (row[i]) binding[result.solutions.variables[i]] = json_term(*row[i]);
      }
      bindings.push_back(std::move(binding));
    }
  }
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace cae::query::detail
