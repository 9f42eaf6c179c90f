#include "resolve/vocabulary.hpp"

#include <string>

#include "rdf/vocab.hpp"

namespace cae::resolve {
namespace {

// Interns `local` in namespace `ns`.
class Interner {
 public:
  explicit Interner(rdf::Graph& graph) : graph_{graph} {}
  rdf::Term operator()(std::string_view ns, std::string_view local) {
    std::string iri{ns};
    iri += local;
    return graph_.iri(iri);
  }

 private:
  rdf::Graph& graph_;
};

}  // namespace

Vocabulary::Vocabulary(rdf::Graph& graph) {
  namespace ns = rdf::ns;
  Interner in{graph};
  rdf_type = in(ns::rdf, "type");
  rdf_first = in(ns::rdf, "first");
  rdf_rest = in(ns::rdf, "rest");
  rdf_nil = in(ns::rdf, "nil");
  rdf_lang_string = in(ns::rdf, "langString");
  rdfs_sub_class_of = in(ns::rdfs, "subClassOf");
  rdfs_comment = in(ns::rdfs, "comment");

  xsd_string = in(ns::xsd, "string");
  xsd_integer = in(ns::xsd, "integer");
  xsd_long = in(ns::xsd, "long");
  xsd_int = in(ns::xsd, "int");
  xsd_double = in(ns::xsd, "double");
  xsd_float = in(ns::xsd, "float");
  xsd_decimal = in(ns::xsd, "decimal");
  xsd_boolean = in(ns::xsd, "boolean");
  xsd_iri = in(ns::xsd, "iri");
  xsd_any_uri = in(ns::xsd, "anyURI");

  sh_node_shape = in(ns::sh, "NodeShape");
  sh_target_class = in(ns::sh, "targetClass");
  sh_target_subjects_of = in(ns::sh, "targetSubjectsOf");
  sh_property = in(ns::sh, "property");
  sh_path = in(ns::sh, "path");
  sh_inverse_path = in(ns::sh, "inversePath");
  sh_alternative_path = in(ns::sh, "alternativePath");
  sh_zero_or_more_path = in(ns::sh, "zeroOrMorePath");
  sh_one_or_more_path = in(ns::sh, "oneOrMorePath");
  sh_zero_or_one_path = in(ns::sh, "zeroOrOnePath");
  sh_code_identifier = in(ns::sh, "codeIdentifier");
  sh_name = in(ns::sh, "name");
  sh_class = in(ns::sh, "class");
  sh_datatype = in(ns::sh, "datatype");
  sh_min_count = in(ns::sh, "minCount");
  sh_max_count = in(ns::sh, "maxCount");
  sh_default_value = in(ns::sh, "defaultValue");
  sh_description = in(ns::sh, "description");

  rdfc_pipeline = in(ns::rdfc, "Pipeline");
  rdfc_consists_of = in(ns::rdfc, "consistsOf");
  rdfc_instantiates = in(ns::rdfc, "instantiates");
  rdfc_processor = in(ns::rdfc, "processor");
  rdfc_handles_subjects_of = in(ns::rdfc, "handlesSubjectsOf");
  rdfc_processor_class = in(ns::rdfc, "Processor");
  rdfc_js_implementation_of = in(ns::rdfc, "jsImplementationOf");
  rdfc_py_implementation_of = in(ns::rdfc, "pyImplementationOf");
  rdfc_java_implementation_of = in(ns::rdfc, "javaImplementationOf");
  rdfc_reader = in(ns::rdfc, "Reader");
  rdfc_writer = in(ns::rdfc, "Writer");
  rdfc_log_level = in(ns::rdfc, "logLevel");

  cae_cpp_implementation_of = in(ns::cae, "cppImplementationOf");
  cae_cpp_runner = in(ns::cae, "CppRunner");
  cae_library = in(ns::cae, "library");

  conn_reader_channel = in(ns::conn, "ReaderChannel");
  conn_writer_channel = in(ns::conn, "WriterChannel");
  conn_channel = in(ns::conn, "Channel");
  conn_js_channel = in(ns::conn, "JsChannel");
  conn_reader = in(ns::conn, "reader");
  conn_writer = in(ns::conn, "writer");
  js_js_channel = in(ns::js, "JsChannel");
  js_js_process = in(ns::js, "JsProcess");
  conn_env_variable = in(ns::conn, "EnvVariable");
  conn_env_key = in(ns::conn, "envKey");
  conn_env_default = in(ns::conn, "envDefault");

  rdfl_env_variable = in(ns::rdfl, "EnvVariable");
  rdfl_env_key = in(ns::rdfl, "envKey");
  rdfl_env_default = in(ns::rdfl, "envDefault");
  rdfl_datatype = in(ns::rdfl, "datatype");
  rdfl_typed_extract = in(ns::rdfl, "TypedExtract");
  rdfl_cbd = in(ns::rdfl, "CBD");
  rdfl_path = in(ns::rdfl, "Path");
  rdfl_path_lens = in(ns::rdfl, "PathLens");
  rdfl_context = in(ns::rdfl, "Context");
}

}  // namespace cae::resolve
