// Times loading and argument resolution of a generated pipeline: N processors (10,000 by
// default) with 5 arguments each, joined in a ring of in-memory channels.
//
//   bench_resolve [PROCESSORS]
//
// Prints the size of the document and the time of each phase; exits 1 if resolution reports
// any diagnostic (the generated pipeline is valid).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <fmt/format.h>

#include "rdf/loader.hpp"
#include "resolve/resolver.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::string_view header = R"(@prefix rdfc: <https://w3id.org/rdf-connect#> .
@prefix cae: <https://w3id.org/cae#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/bench#> .

ex:Step cae:cppImplementationOf rdfc:Processor ; cae:library <libbench.so> .
[] a sh:NodeShape ; sh:targetClass ex:Step ; sh:property
  [ sh:path ex:in ; sh:name "in" ; sh:class rdfc:Reader ; sh:minCount 1 ; sh:maxCount 1 ] ,
  [ sh:path ex:out ; sh:name "out" ; sh:class rdfc:Writer ; sh:minCount 1 ; sh:maxCount 1 ] ,
  [ sh:path ex:text ; sh:name "text" ; sh:datatype xsd:string ; sh:maxCount 1 ] ,
  [ sh:path ex:count ; sh:name "count" ; sh:datatype xsd:integer ; sh:maxCount 1 ] ,
  [ sh:path ex:flag ; sh:name "flag" ; sh:datatype xsd:boolean ; sh:maxCount 1 ] .
)";

// Processor i reads channel i and writes channel i+1; the last one closes the ring.
void write_pipeline(const fs::path& path, std::size_t processors) {
  std::ofstream out{path};
  out << header << "\n<> a rdfc:Pipeline ; rdfc:consistsOf [ rdfc:instantiates cae:CppRunner ;\n"
      << "  rdfc:processor";
  for (std::size_t i = 0; i < processors; ++i) out << (i == 0 ? " " : " , ") << "<p" << i << ">";
  out << " ] .\n\n";
  for (std::size_t i = 0; i < processors; ++i) {
    out << fmt::format(
        "<p{}> a ex:Step ; ex:in <c{}> ; ex:out <c{}> ; ex:text \"step {}\" ; "
        "ex:count {} ; ex:flag {} .\n",
        i, i, (i + 1) % processors, i, i, i % 2 == 0 ? "true" : "false");
  }
}

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t processors = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
  const fs::path dir = fs::temp_directory_path() / fmt::format("cae-bench-{}", ::getpid());
  fs::create_directories(dir);
  std::ofstream{dir / "libbench.so"};
  const fs::path pipeline = dir / "pipeline.ttl";
  write_pipeline(pipeline, processors);

  cae::Diagnostics diagnostics;
  const auto start = Clock::now();
  auto document = cae::rdf::load_document(pipeline.string(), diagnostics);
  const double load_ms = milliseconds_since(start);
  const auto resolve_start = Clock::now();
  const auto result = cae::resolve::resolve_pipeline(document, {}, diagnostics);
  const double resolve_ms = milliseconds_since(resolve_start);

  fmt::print("{} processors x 5 arguments, {} channels, {} triples, {} bytes\n",
             result.processors.size(), result.channels.size(), document.graph.size(),
             fs::file_size(pipeline));
  fmt::print("load {:.0f} ms, resolve {:.0f} ms, total {:.0f} ms\n", load_ms, resolve_ms,
             load_ms + resolve_ms);
  fs::remove_all(dir);
  if (!diagnostics.empty()) {
    diagnostics.sort();
    fmt::print(stderr, "{}", diagnostics.format(document.sources));
    return 1;
  }
  return 0;
}
