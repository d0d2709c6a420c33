#
# nf-interpreter CMake module for NanoGate's native crypto interop assembly
# (NanoGate.Crypto.Native.Interop, the repository's native/). nf-interpreter's FindNF_NativeAssemblies
# calls find_package(INTEROP-<name>) for each name in NF_INTEROP_ASSEMBLIES and compiles
# <name>_SOURCES with <name>_INCLUDE_DIRS into the image. Copy this file into nf-interpreter's
# CMake/Modules and set NANOGATE_REPO to this repository's root (boards/esp32/README.md,
# "Firmware image with the native crypto").
#

if(NOT NANOGATE_REPO)
    message(FATAL_ERROR "NanoGate.Crypto.Native.Interop: set NANOGATE_REPO to the NanoGate repository root")
endif()

set(NANOGATE_CRYPTO_DIR ${NANOGATE_REPO}/native)

# nanoCLR's interop headers, the stubs, and the C component (mbedTLS comes with ESP-IDF's
# mbedtls component, which nf-interpreter's ESP32 build already links for its TLS support).
list(APPEND NanoGate.Crypto.Native.Interop_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Core)
list(APPEND NanoGate.Crypto.Native.Interop_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Include)
list(APPEND NanoGate.Crypto.Native.Interop_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/HAL/Include)
list(APPEND NanoGate.Crypto.Native.Interop_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/PAL/Include)
list(APPEND NanoGate.Crypto.Native.Interop_INCLUDE_DIRS ${NANOGATE_CRYPTO_DIR}/device)
list(APPEND NanoGate.Crypto.Native.Interop_INCLUDE_DIRS ${NANOGATE_CRYPTO_DIR}/c)

set(NanoGate.Crypto.Native.Interop_SOURCES
    ${NANOGATE_CRYPTO_DIR}/device/NanoGate_Crypto_Native_Interop.cpp
    ${NANOGATE_CRYPTO_DIR}/device/NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods_mshl.cpp
    ${NANOGATE_CRYPTO_DIR}/device/NanoGate_Crypto_Native_Interop_NanoGate_Hal_Crypto_Native_NativeMethods.cpp
    ${NANOGATE_CRYPTO_DIR}/c/nanogate_crypto.c
)

# The device's slot table: 48 keys and states (each SA: 2 ciphers or AEADs and 2 HMACs; each
# IKE SA: a few hashes and one DH).
set_source_files_properties(${NANOGATE_CRYPTO_DIR}/c/nanogate_crypto.c PROPERTIES COMPILE_DEFINITIONS "NGC_SLOTS=48")

# The interop checksum is in NanoGate_Crypto_Native_Interop.cpp, computed from the C# declarations
# by tests/DeviceBuild and kept in step with them by a test (device/README.md). Setting
# NANOGATE_CRYPTO_INTEROP_CHECKSUM replaces it, e.g. with the value the metadata processor printed
# for the .pe being deployed; the CLR refuses the assembly at boot when the .pe's and this differ.
file(STRINGS ${NANOGATE_CRYPTO_DIR}/device/NanoGate_Crypto_Native_Interop.cpp NANOGATE_CRYPTO_INTEROP_DEFINE
    REGEX "^#define NANOGATE_CRYPTO_INTEROP_CHECKSUM 0x[0-9A-Fa-f]+$")
string(REGEX REPLACE "^#define NANOGATE_CRYPTO_INTEROP_CHECKSUM " "" NANOGATE_CRYPTO_INTEROP_COMPUTED "${NANOGATE_CRYPTO_INTEROP_DEFINE}")
if(NANOGATE_CRYPTO_INTEROP_CHECKSUM)
    string(TOUPPER "${NANOGATE_CRYPTO_INTEROP_CHECKSUM}" NANOGATE_CRYPTO_INTEROP_GIVEN)
    string(REPLACE "0X" "0x" NANOGATE_CRYPTO_INTEROP_GIVEN "${NANOGATE_CRYPTO_INTEROP_GIVEN}")
    if(NOT NANOGATE_CRYPTO_INTEROP_GIVEN STREQUAL NANOGATE_CRYPTO_INTEROP_COMPUTED)
        message(WARNING "NanoGate.Crypto.Native.Interop: NANOGATE_CRYPTO_INTEROP_CHECKSUM=${NANOGATE_CRYPTO_INTEROP_CHECKSUM} "
            "differs from ${NANOGATE_CRYPTO_INTEROP_COMPUTED}, the checksum computed from the declarations; the CLR binds the "
            "assembly only if the deployed .pe carries ${NANOGATE_CRYPTO_INTEROP_CHECKSUM} (device/README.md)")
    endif()
    set_source_files_properties(${NANOGATE_CRYPTO_DIR}/device/NanoGate_Crypto_Native_Interop.cpp
        PROPERTIES COMPILE_DEFINITIONS "NANOGATE_CRYPTO_INTEROP_CHECKSUM=${NANOGATE_CRYPTO_INTEROP_CHECKSUM}")
elseif(NOT NANOGATE_CRYPTO_INTEROP_COMPUTED)
    message(FATAL_ERROR "NanoGate.Crypto.Native.Interop: no interop checksum in device/NanoGate_Crypto_Native_Interop.cpp")
endif()

foreach(SRC_FILE ${NanoGate.Crypto.Native.Interop_SOURCES})
    if(NOT EXISTS ${SRC_FILE})
        message(FATAL_ERROR "NanoGate.Crypto.Native.Interop: missing ${SRC_FILE}")
    endif()
endforeach()

include(FindPackageHandleStandardArgs)
FIND_PACKAGE_HANDLE_STANDARD_ARGS(INTEROP-NanoGate.Crypto.Native.Interop DEFAULT_MSG
    NanoGate.Crypto.Native.Interop_INCLUDE_DIRS NanoGate.Crypto.Native.Interop_SOURCES)
