// Datatype conversion and the JSON encoding of spec/arguments.md §3.
#include <doctest/doctest.h>

#include "fixture.hpp"

using cae::test::compact;
using cae::test::resolve_example;

namespace {

// Every path has the same length, so that each value below starts at column 19.
constexpr std::string_view shape = R"([] a sh:NodeShape; sh:targetClass ex:P; sh:property
  [ sh:path ex:i4; sh:name "int"; sh:datatype xsd:int ], [ sh:path ex:i8; sh:name "long"; sh:datatype xsd:long ],
  [ sh:path ex:ii; sh:name "integer"; sh:datatype xsd:integer ], [ sh:path ex:db; sh:name "double"; sh:datatype xsd:double ],
  [ sh:path ex:de; sh:name "decimal"; sh:datatype xsd:decimal ], [ sh:path ex:fl; sh:name "float"; sh:datatype xsd:float ],
  [ sh:path ex:bo; sh:name "boolean"; sh:datatype xsd:boolean ], [ sh:path ex:st; sh:name "string"; sh:datatype xsd:string ],
  [ sh:path ex:ir; sh:name "iri"; sh:datatype xsd:iri ], [ sh:path ex:au; sh:name "anyURI"; sh:datatype xsd:anyURI ],
  [ sh:path ex:ra; sh:name "raw"; sh:datatype ex:Code ].
)";

}  // namespace

TEST_CASE("accepted lexical forms and their JSON") {
  const auto r = resolve_example(std::string{shape} + R"(<p> a ex:P;
  ex:i4 "2147483647", " -2147483648 ", "+7";
  ex:i8 "9223372036854775807", "-9223372036854775808";
  ex:ii 0, "-5"^^xsd:string;
  ex:db 0.1, "1e3", "-.5", " 2.50 ", "5.";
  ex:de "12.000"; ex:fl "0.5"^^xsd:float;
  ex:bo true, "false", 1, "0", " true ";
  ex:st "x"@en, ex:z, 42;
  ex:ir ex:z, "urn:a:b";
  ex:au <rel>;
  ex:ra "A-1"^^ex:Code, "plain", "hi"@en, ex:z.)");
  CHECK(r.errors() == "");
  CHECK(r.arguments_text("file:///demo/p") == compact(R"({
    "int": [2147483647, -2147483648, 7],
    "long": [9223372036854775807, -9223372036854775808],
    "integer": [0, -5],
    "double": [0.1, 1000.0, -0.5, 2.5, 5.0],
    "decimal": [12.0], "float": [0.5],
    "boolean": [true, false, true, false, true],
    "string": ["x", "http://ex.org/z", "42"],
    "iri": [{"iri": "http://ex.org/z"}, {"iri": "urn:a:b"}],
    "anyURI": [{"iri": "file:///demo/rel"}],
    "raw": [{"literal": "A-1", "datatype": "http://ex.org/Code"},
            {"literal": "plain", "datatype": "http://ex.org/Code"},
            {"literal": "hi", "datatype": "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "lang": "en"},
            {"iri": "http://ex.org/z"}]})"));
}

TEST_CASE("rejected values name the datatype and the term found") {
  const auto r = resolve_example(std::string{shape} + R"(<a> a ex:P; ex:i4 "2147483648".
<b> a ex:P; ex:i8 "9223372036854775808".
<c> a ex:P; ex:ii "1.0".
<d> a ex:P; ex:db "INF".
<e> a ex:P; ex:db "1e999".
<f> a ex:P; ex:bo "yes".
<g> a ex:P; ex:ii ex:z.
<h> a ex:P; ex:st [ ].
<i> a ex:P; ex:ir "relative/x".
<j> a ex:P; ex:de "NaN".
<k> a ex:P; ex:bo 2.)");
  CHECK(r.errors() ==
        "demo/p.ttl:9:19: error: processor <a> (ex:P): argument 'int[0]' (ex:i4): expected an "
        "xsd:int, found \"2147483648\" (outside the 32-bit range) [bad-value]\n"
        "demo/p.ttl:10:19: error: processor <b> (ex:P): argument 'long[0]' (ex:i8): expected an "
        "xsd:long, found \"9223372036854775808\" (outside the 64-bit range) [bad-value]\n"
        "demo/p.ttl:11:19: error: processor <c> (ex:P): argument 'integer[0]' (ex:ii): expected "
        "an xsd:integer, found \"1.0\" [bad-value]\n"
        "demo/p.ttl:12:19: error: processor <d> (ex:P): argument 'double[0]' (ex:db): expected an "
        "xsd:double, found \"INF\" [bad-value]\n"
        "demo/p.ttl:13:19: error: processor <e> (ex:P): argument 'double[0]' (ex:db): expected an "
        "xsd:double, found \"1e999\" (too large for a double) [bad-value]\n"
        "demo/p.ttl:14:19: error: processor <f> (ex:P): argument 'boolean[0]' (ex:bo): expected "
        "an xsd:boolean, found \"yes\" [bad-value]\n"
        "demo/p.ttl:15:19: error: processor <g> (ex:P): argument 'integer[0]' (ex:ii): expected "
        "an xsd:integer, found ex:z [bad-value]\n"
        "demo/p.ttl:16:19: error: processor <h> (ex:P): argument 'string[0]' (ex:st): expected an "
        "xsd:string, found a blank node [bad-value]\n"
        "demo/p.ttl:17:19: error: processor <i> (ex:P): argument 'iri[0]' (ex:ir): expected an "
        "xsd:iri, found \"relative/x\" [bad-value]\n"
        "demo/p.ttl:18:19: error: processor <j> (ex:P): argument 'decimal[0]' (ex:de): expected "
        "an xsd:decimal, found \"NaN\" [bad-value]\n"
        "demo/p.ttl:19:19: error: processor <k> (ex:P): argument 'boolean[0]' (ex:bo): expected "
        "an xsd:boolean, found 2 [bad-value]\n");
}

TEST_CASE("doubles print as the shortest text that reads back to the same value") {
  const auto r =
      resolve_example(std::string{shape} +
                      R"(<p> a ex:P; ex:db "0.30000000000000004", "1e-7", "123456789012345678".)");
  CHECK(r.errors() == "");
  CHECK(r.arguments("file:///demo/p")["double"].dump() ==
        "[0.30000000000000004,1e-07,1.2345678901234568e+17]");
}
