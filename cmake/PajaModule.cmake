# paja_module(NAME SOURCES ... USES ...)
#   Declares engine module NAME as the static library paja_NAME.
#   Its public include directory is engine/NAME only; modules it USES add
#   theirs through target_link_libraries, so a header of a module that is not
#   listed cannot be found and a forbidden dependency fails to compile.
function(paja_module name)
    cmake_parse_arguments(M "" "" "SOURCES;USES" ${ARGN})
    add_library(paja_${name} STATIC ${M_SOURCES})
    target_include_directories(paja_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(paja_${name} PUBLIC ${M_USES})
    paja_target_defaults(paja_${name})
endfunction()
