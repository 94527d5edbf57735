# Third-party libraries, all from Debian 12 packages (tools/deps.sh installs them).
# Imported targets here are the only way a module can reach a library, so the
# module table in DESIGN.md is enforced by which module links which target.
find_package(PkgConfig REQUIRED)
find_package(SDL2 REQUIRED)
find_package(OpenGL REQUIRED)
find_package(GLEW REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(CURL REQUIRED)
find_package(PNG REQUIRED)
# The live delivery worker (engine/app/app_delivery.c).
find_package(Threads REQUIRED)
find_package(OpenXR REQUIRED)
pkg_check_modules(CGLM REQUIRED IMPORTED_TARGET cglm)
pkg_check_modules(CJSON REQUIRED IMPORTED_TARGET libcjson)
pkg_check_modules(YAML REQUIRED IMPORTED_TARGET yaml-0.1)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
# Settings files (engine/app/app_settings.c): Debian's libinih.
pkg_check_modules(INIH REQUIRED IMPORTED_TARGET inih)

# stb_truetype needs a font with full Finnish and Swedish glyphs; DejaVu Sans
# from fonts-dejavu-core is found here, never copied into the tree.
find_file(PAJA_FONT_PATH DejaVuSans.ttf
    PATHS /usr/share/fonts/truetype/dejavu /usr/share/fonts/dejavu
    NO_DEFAULT_PATH)
if(NOT PAJA_FONT_PATH)
    message(FATAL_ERROR "DejaVuSans.ttf not found: install fonts-dejavu-core (tools/deps.sh does)")
endif()

# libm for cglm's and our own float maths.
find_library(PAJA_LIBM m REQUIRED)
