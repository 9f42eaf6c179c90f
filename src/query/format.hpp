// Writing query results: solutions as an aligned table, SPARQL 1.1 CSV, TSV or JSON; graphs as
// Turtle or N-Triples; booleans as yes/no or SPARQL JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "query/names.hpp"
#include "query/query.hpp"

namespace cae::query {

enum class Format : std::uint8_t { table, csv, tsv, json, turtle, ntriples };

// The format named `name` ("table", "csv", …), or none for an unknown name.
std::optional<Format> parse_format(std::string_view name);
std::string_view format_name(Format format);
// The format a result of `form` prints in when none is asked for.
Format default_format(Form form);
// SELECT and ASK results print as table, csv, tsv or json; graphs as turtle or ntriples.
bool format_fits(Form form, Format format);

// The whole output for `result`, ending in a newline; `format` must fit the result's form.
// Table and Turtle output names IRIs with `names`; the other formats write them in full.
std::string format_result(const Result& result, Format format, const Names& names);

namespace detail {
std::string format_table(const Solutions& solutions, const Names& names);
std::string format_csv(const Solutions& solutions);
std::string format_tsv(const Solutions& solutions);
std::string format_json(const Result& result);
std::string format_turtle(const std::vector<Statement>& statements, const Names& names);
std::string format_ntriples(const std::vector<Statement>& statements);
}  // namespace detail

}  // namespace cae::query
