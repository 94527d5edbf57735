# Warnings and sanitizers applied to every paja target (through paja_target_defaults).
set(PAJA_WARNINGS
    -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wstrict-prototypes
    -Wmissing-prototypes -Wold-style-definition -Wvla -Wundef
    -Wpointer-arith -Wcast-align -Wwrite-strings -Wimplicit-fallthrough)
if(PAJA_WERROR)
    list(APPEND PAJA_WARNINGS -Werror)
endif()

if(PAJA_SANITIZE)
    string(REPLACE ";" "," _paja_san "${PAJA_SANITIZE}")
    add_compile_options(-fsanitize=${_paja_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${_paja_san})
endif()

function(paja_target_defaults target)
    target_compile_options(${target} PRIVATE ${PAJA_WARNINGS})
    # POSIX 2008 for clock_gettime, fsync, strdup and friends; nothing GNU-only.
    target_compile_definitions(${target} PRIVATE _POSIX_C_SOURCE=200809L)
endfunction()
