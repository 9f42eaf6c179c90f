// The worked examples E1-E8 of spec/arguments.md §6, with their exact JSON and messages.
#include <doctest/doctest.h>

#include "fixture.hpp"

using cae::test::compact;
using cae::test::resolve_example;

namespace {

constexpr std::string_view p = "file:///demo/p";

// A reader and writer of any channel, so that E4 and E6 have valid channels.
constexpr std::string_view other_ends =
    "[] a sh:NodeShape; sh:targetClass ex:Q; sh:property [ sh:path ex:r; sh:name \"r\"; "
    "sh:class rdfc:Reader ], [ sh:path ex:w; sh:name \"w\"; sh:class rdfc:Writer ].\n"
    "ex:Q cae:cppImplementationOf rdfc:Processor.\n";

constexpr std::string_view e1_shape = R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:s; sh:name "s"; sh:datatype xsd:string; sh:maxCount 1 ],
  [ sh:path ex:i; sh:codeIdentifier "count"; sh:name "Item count"; sh:datatype xsd:integer; sh:maxCount 1 ],
  [ sh:path ex:b; sh:name "b"; sh:datatype xsd:boolean; sh:maxCount 1 ], [ sh:path ex:d; sh:name "d"; sh:datatype xsd:double; sh:maxCount 1 ],
  [ sh:path ex:u; sh:name "u"; sh:datatype xsd:iri; sh:maxCount 1 ], [ sh:path ex:f; sh:name "file"; sh:datatype xsd:string; sh:maxCount 1 ],
  [ sh:path ex:o; sh:name "opt"; sh:datatype xsd:string; sh:maxCount 1 ].
)";

std::string with(std::string_view shape, std::string_view instance) {
  return std::string{shape} + std::string{instance};
}

}  // namespace

TEST_CASE("E1: scalars, conversion, sh:codeIdentifier") {
  const auto r = resolve_example(with(
      e1_shape,
      R"(<p> a ex:P; ex:s "x"; ex:i "42"; ex:b "1"^^xsd:boolean; ex:d 2.50; ex:u ex:z; ex:f <lib/x.so>.)"));
  CHECK(r.errors() == "");
  CHECK(
      r.arguments_text(p) ==
      compact(
          R"({"b": true, "count": 42, "d": 2.5, "file": "file:///demo/lib/x.so", "s": "x", "u": {"iri": "http://ex.org/z"}})"));
}

TEST_CASE("E1: a second value for a scalar is too-many-values, with a note at the first") {
  const auto r = resolve_example(with(e1_shape, R"(<p> a ex:P; ex:s "x", "y".)"));
  CHECK(r.errors() ==
        "demo/p.ttl:8:23: error: processor <p> (ex:P): argument 's' (ex:s): expected at most 1 "
        "value, found 2 [too-many-values]\n"
        "demo/p.ttl:8:18: note: first value \"x\" is here\n");
}

TEST_CASE("E1: a lexical form that is not an integer is bad-value") {
  const auto r = resolve_example(with(e1_shape, R"(<p> a ex:P; ex:s "x"; ex:i "4x".)"));
  CHECK(r.errors() ==
        "demo/p.ttl:8:28: error: processor <p> (ex:P): argument 'count' (ex:i): "
        "expected an xsd:integer, found \"4x\" [bad-value]\n");
}

constexpr std::string_view e2_shape = R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:tag; sh:name "tags"; sh:datatype xsd:string ], [ sh:path ex:none; sh:name "none"; sh:datatype xsd:string ],
  [ sh:path ex:n; sh:name "nums"; sh:datatype xsd:integer; sh:maxCount 3 ],
  [ sh:path ex:mode; sh:name "mode"; sh:datatype xsd:string; sh:maxCount 1; sh:defaultValue "fast" ],
  [ sh:path ex:w; sh:name "width"; sh:datatype xsd:integer; sh:minCount 1; sh:maxCount 1; sh:defaultValue 80 ].
)";

TEST_CASE("E2: lists given as repeated triples and as collections, defaults") {
  const auto r = resolve_example(
      with(e2_shape, R"(<p> a ex:P; ex:tag "b", "a"; ex:tag ( "c" "d" ); ex:n ( 1 2 ), 3 .)"));
  CHECK(r.errors() == "");
  CHECK(
      r.arguments_text(p) ==
      compact(
          R"({"mode": "fast", "none": [], "nums": [1, 2, 3], "tags": ["b", "a", "c", "d"], "width": 80})"));
}

TEST_CASE("E2: a list over its maxCount points at the first value too many") {
  const auto r = resolve_example(with(e2_shape, "<p> a ex:P; ex:n ( 1 2 3 4 )."));
  CHECK(r.errors() ==
        "demo/p.ttl:7:26: error: processor <p> (ex:P): argument 'nums' (ex:n): expected at most 3 "
        "values, found 4 [too-many-values]\n"
        "demo/p.ttl:7:20: note: first value 1 is here\n");
}

TEST_CASE("E2: a collection given to a scalar takes a single value") {
  const auto r = resolve_example(with(e2_shape, R"(<p> a ex:P; ex:mode ( "a" ).)"));
  CHECK(r.errors() ==
        "demo/p.ttl:7:21: error: processor <p> (ex:P): argument 'mode' (ex:mode): expected one "
        "literal, found an RDF list; this argument takes a single value [bad-value]\n");
}

TEST_CASE("E3: inverse, sequence, alternative, oneOrMore and identity paths") {
  const auto r = resolve_example(R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path [ sh:inversePath ex:owns ]; sh:name "owner"; sh:datatype xsd:iri; sh:maxCount 1 ],
  [ sh:path ( ex:address ex:city ); sh:name "city"; sh:datatype xsd:string; sh:maxCount 1 ],
  [ sh:path [ sh:alternativePath ( ex:name rdfs:label ) ]; sh:name "labels"; sh:datatype xsd:string ],
  [ sh:path [ sh:oneOrMorePath ex:parent ]; sh:name "ancestors"; sh:datatype xsd:iri ],
  [ sh:path ( ); sh:name "self"; sh:datatype xsd:iri; sh:minCount 1; sh:maxCount 1 ].
ex:o ex:owns <p>.  ex:q ex:parent ex:r.
<p> a ex:P; ex:address [ ex:city "Gent" ]; ex:name "P"; rdfs:label "Pee"; ex:parent ex:q.)");
  CHECK(r.errors() == "");
  CHECK(
      r.arguments_text(p) ==
      compact(
          R"({"ancestors": [{"iri": "http://ex.org/q"}, {"iri": "http://ex.org/r"}], "city": "Gent", "labels": ["P", "Pee"],
 "owner": {"iri": "http://ex.org/o"}, "self": {"iri": "file:///demo/p"}})"));
}

constexpr std::string_view e4_shape = R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:io; sh:name "io"; sh:class ex:Io; sh:minCount 1; sh:maxCount 1 ], [ sh:path ex:col; sh:name "cols"; sh:class ex:Col; sh:minCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:Io; sh:property
  [ sh:path ex:in; sh:name "in"; sh:class rdfc:Reader; sh:minCount 1; sh:maxCount 1 ], [ sh:path ex:out; sh:name "outs"; sh:class rdfc:Writer ].
[] a sh:NodeShape; sh:targetClass ex:Col; sh:property
  [ sh:path ex:head; sh:name "header"; sh:datatype xsd:string; sh:minCount 1; sh:maxCount 1 ],
  [ sh:path ex:pred; sh:name "pred"; sh:datatype xsd:iri; sh:minCount 1; sh:maxCount 1 ].
)";

TEST_CASE("E4: nested shapes without rdf:type, readers and writers") {
  const auto r = resolve_example(
      with(e4_shape, std::string{R"(<p> a ex:P; ex:io [ ex:in <a>; ex:out <b>, <c> ];
    ex:col [ ex:head "id"; ex:pred ex:id ], [ ex:head "name"; ex:pred rdfs:label ].
<q> a ex:Q; ex:w <a>; ex:r <b>, <c>.
)"} + std::string{other_ends}));
  CHECK(r.errors() == "");
  CHECK(r.arguments_text(p) ==
        compact(R"({"cols": [{"header": "id", "pred": {"iri": "http://ex.org/id"}},
          {"header": "name", "pred": {"iri": "http://www.w3.org/2000/01/rdf-schema#label"}}],
 "io": {"in": {"reader": "file:///demo/a"}, "outs": [{"writer": "file:///demo/b"}, {"writer": "file:///demo/c"}]}})"));
  REQUIRE(r.pipeline.channels.size() == 3);
  CHECK(r.pipeline.channels[0].id == "file:///demo/a");
  CHECK(r.pipeline.channels[0].writers == std::vector<std::string>{"file:///demo/q"});
  CHECK(r.pipeline.channels[0].readers == std::vector<std::string>{"file:///demo/p"});
}

TEST_CASE("E4: a missing field of a nested list element names its index") {
  const auto r = resolve_example(with(e4_shape, R"(<p> a ex:P; ex:io [ ex:in <a> ];
    ex:col [ ex:head "id"; ex:pred ex:id ], [ ex:head "name" ].)"));
  // <a> has no writer either, but after a failed processor that is not reported: its channel
  // ends may be unknown.
  CHECK(r.errors() ==
        "demo/p.ttl:10:45: error: processor <p> (ex:P): argument 'cols[1].pred' (ex:pred): "
        "expected at least 1 value, found 0 [missing-argument]\n"
        "demo/p.ttl:8:3: note: argument 'pred' is declared here\n");
}

TEST_CASE("E4: a blank node given to a reader is not-an-iri") {
  const auto r = resolve_example(with(e4_shape, R"(<p> a ex:P; ex:io [ ex:in [ ] ];
    ex:col [ ex:head "id"; ex:pred ex:id ].)"));
  CHECK(r.errors() ==
        "demo/p.ttl:9:27: error: processor <p> (ex:P): argument 'io.in' (ex:in): a "
        "reader must be a channel IRI, found a blank node [not-an-iri]\n");
}

TEST_CASE("E4: nested resolution that meets the same node and class again is a cycle") {
  const auto r = resolve_example(
      R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property [ sh:path ex:start; sh:name "start"; sh:class ex:Node; sh:maxCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:Node; sh:property [ sh:path ex:next; sh:name "next"; sh:class ex:Node; sh:maxCount 1 ].
<p> a ex:P; ex:start ex:n1.
ex:n1 ex:next ex:n2. ex:n2 ex:next ex:n1.)");
  CHECK(r.errors() ==
        "demo/p.ttl:5:36: error: processor <p> (ex:P): argument 'start.next.next' "
        "(ex:next): ex:n1 is already being resolved as ex:Node at 'start' [cycle]\n");
}

constexpr std::string_view e5_shapes = R"(ex:Hash rdfs:subClassOf ex:Strategy.
[] a sh:NodeShape; sh:targetClass ex:Strategy; sh:property [ sh:path ex:seed; sh:name "seed"; sh:datatype xsd:integer; sh:maxCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:Hash; sh:property [ sh:path ex:buckets; sh:name "buckets"; sh:datatype xsd:integer; sh:minCount 1; sh:maxCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:P; sh:property [ sh:path ex:strategy; sh:name "strategy"; sh:class rdfl:TypedExtract; sh:maxCount 1 ].
)";

TEST_CASE("E5: rdfl:TypedExtract merges the shape of a superclass") {
  const auto r = resolve_example(
      with(e5_shapes, "<p> a ex:P; ex:strategy [ a ex:Hash; ex:buckets 8; ex:seed 7 ]."));
  CHECK(r.errors() == "");
  CHECK(r.arguments_text(p) == compact(R"({"strategy": {"buckets": 8, "seed": 7}})"));
  REQUIRE(r.pipeline.processors.size() == 1);
  using Typed = std::vector<std::pair<std::string, std::string>>;
  CHECK(r.pipeline.processors[0].extracted_types == Typed{{"strategy", "http://ex.org/Hash"}});
}

TEST_CASE("E5: a TypedExtract value without a type is unknown-type") {
  const auto r = resolve_example(with(e5_shapes, "<p> a ex:P; ex:strategy [ ex:buckets 8 ]."));
  CHECK(r.errors() ==
        "demo/p.ttl:6:25: error: processor <p> (ex:P): argument 'strategy' "
        "(ex:strategy): rdfl:TypedExtract needs an rdf:type on the value, found none "
        "[unknown-type]\n");
}

constexpr std::string_view e6_shape = R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:delim; sh:name "delim"; sh:datatype xsd:string; sh:minCount 1; sh:maxCount 1 ],
  [ sh:path ex:port; sh:name "port"; sh:datatype xsd:integer; sh:minCount 1; sh:maxCount 1 ],
  [ sh:path ex:out; sh:name "out"; sh:class rdfc:Writer; sh:minCount 1; sh:maxCount 1 ].
<p> a ex:P; ex:delim [ a rdfl:EnvVariable; rdfl:envKey "DELIM"; rdfl:envDefault "," ];
  ex:port [ a rdfl:EnvVariable; rdfl:envKey "PORT" ]; ex:out [ a rdfl:EnvVariable; rdfl:envKey "OUT"; rdfl:datatype xsd:iri ].
<q> a ex:Q; ex:r <urn:ch:out>.
)";

TEST_CASE("E6: environment variables, defaults and rdfl:datatype xsd:iri") {
  const auto r =
      resolve_example(with(e6_shape, other_ends), {{"PORT", "8080"}, {"OUT", "urn:ch:out"}});
  CHECK(r.errors() == "");
  CHECK(r.arguments_text(p) ==
        compact(R"({"delim": ",", "out": {"writer": "urn:ch:out"}, "port": 8080})"));
}

TEST_CASE("E6: an unset variable without default is env-unset at its key") {
  const auto r = resolve_example(with(e6_shape, other_ends), {{"OUT", "urn:ch:out"}});
  CHECK(r.errors() ==
        "demo/p.ttl:7:45: error: processor <p> (ex:P): argument 'port' (ex:port): "
        "environment variable PORT is not set and has no rdfl:envDefault "
        "[env-unset]\n");
}

TEST_CASE("E6: a variable that does not convert names its origin") {
  const auto r =
      resolve_example(with(e6_shape, other_ends), {{"PORT", "80x"}, {"OUT", "urn:ch:out"}});
  CHECK(r.errors() ==
        "demo/p.ttl:7:45: error: processor <p> (ex:P): argument 'port' (ex:port): "
        "expected an xsd:integer, found \"80x\" (from environment variable PORT) "
        "[bad-value]\n");
}

TEST_CASE("E7: raw literals and rdfl:CBD") {
  const auto r = resolve_example(R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:since; sh:name "since"; sh:datatype xsd:date; sh:maxCount 1 ],
  [ sh:path ex:title; sh:name "title"; sh:datatype rdf:langString; sh:maxCount 1 ],
  [ sh:path ex:meta; sh:name "meta"; sh:class rdfl:CBD; sh:maxCount 1 ].
<p> a ex:P; ex:since "2024-05-01"^^xsd:date; ex:title "Hallo"@nl; ex:meta [ ex:c "x"; ex:a [ ex:b 2 ] ].)");
  CHECK(r.errors() == "");
  const auto json = cae::model::to_inspect_json(r.pipeline);
  CHECK(json["processors"][0]["arguments"].dump() == nlohmann::ordered_json::parse(R"(
{"meta": {"ntriples": "_:c0 <http://ex.org/a> _:c1 .\n_:c0 <http://ex.org/c> \"x\" .\n_:c1 <http://ex.org/b> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"},
 "since": {"literal": "2024-05-01", "datatype": "http://www.w3.org/2001/XMLSchema#date"},
 "title": {"literal": "Hallo", "datatype": "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "lang": "nl"}})")
                                                         .dump());
}
