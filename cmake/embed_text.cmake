# Writes OUTPUT, a C++ source defining `const std::string_view NAME` in
# namespace NAMESPACE with the text of INPUT: data shipped inside the binary
# so that pure modules need not read files. Run with cmake -P.
file(READ "${INPUT}" text)
string(FIND "${text}" ")jigsaw\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw string delimiter )jigsaw\"")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_text.cmake: edit that file.\n"
  "#include <string_view>\n"
  "namespace ${NAMESPACE} {\n"
  "extern const std::string_view ${NAME};\n"
  "const std::string_view ${NAME} = R\"jigsaw(${text})jigsaw\";\n"
  "}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
