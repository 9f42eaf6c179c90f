// IRIs of the vocabularies cae reads (spec/vocabulary.md §1).
#pragma once

#include <string_view>

namespace cae::rdf::ns {

inline constexpr std::string_view rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view rdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view owl = "http://www.w3.org/2002/07/owl#";
inline constexpr std::string_view xsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view sh = "http://www.w3.org/ns/shacl#";
inline constexpr std::string_view rdfc = "https://w3id.org/rdf-connect#";
inline constexpr std::string_view cae = "https://w3id.org/cae#";
inline constexpr std::string_view conn = "https://w3id.org/conn#";
inline constexpr std::string_view js = "https://w3id.org/conn/js#";
inline constexpr std::string_view rdfl = "https://w3id.org/rdf-lens/ontology#";

}  // namespace cae::rdf::ns
