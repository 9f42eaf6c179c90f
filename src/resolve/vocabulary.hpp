// The terms argument resolution reads, interned once per graph and reused by every query
// (spec/vocabulary.md §3-§7).
#pragma once

#include "rdf/graph.hpp"

namespace cae::resolve {

struct Vocabulary {
  // Interns every term in `graph`; the terms stay valid as long as the graph lives.
  explicit Vocabulary(rdf::Graph& graph);

  // rdf:, rdfs:
  rdf::Term rdf_type, rdf_first, rdf_rest, rdf_nil, rdf_lang_string;
  rdf::Term rdfs_sub_class_of, rdfs_comment;
  // xsd: datatypes with a JSON mapping of their own (spec/arguments.md §3)
  rdf::Term xsd_string, xsd_integer, xsd_long, xsd_int, xsd_double, xsd_float, xsd_decimal;
  rdf::Term xsd_boolean, xsd_iri, xsd_any_uri;
  // sh:
  rdf::Term sh_node_shape, sh_target_class, sh_target_subjects_of, sh_property, sh_path;
  rdf::Term sh_inverse_path, sh_alternative_path, sh_zero_or_more_path, sh_one_or_more_path;
  rdf::Term sh_zero_or_one_path, sh_code_identifier, sh_name, sh_class, sh_datatype;
  rdf::Term sh_min_count, sh_max_count, sh_default_value, sh_description;
  // rdfc:
  rdf::Term rdfc_pipeline, rdfc_consists_of, rdfc_instantiates, rdfc_processor;
  rdf::Term rdfc_handles_subjects_of, rdfc_processor_class, rdfc_js_implementation_of;
  rdf::Term rdfc_py_implementation_of, rdfc_java_implementation_of, rdfc_reader, rdfc_writer;
  rdf::Term rdfc_log_level;
  // cae:
  rdf::Term cae_cpp_implementation_of, cae_cpp_runner, cae_library;
  // conn:, js: channel ends, pairing nodes and legacy environment spellings
  rdf::Term conn_reader_channel, conn_writer_channel, conn_channel, conn_js_channel;
  rdf::Term conn_reader, conn_writer, js_js_channel, js_js_process;
  rdf::Term conn_env_variable, conn_env_key, conn_env_default;
  // rdfl:
  rdf::Term rdfl_env_variable, rdfl_env_key, rdfl_env_default, rdfl_datatype;
  rdf::Term rdfl_typed_extract, rdfl_cbd, rdfl_path, rdfl_path_lens, rdfl_context;
};

}  // namespace cae::resolve
