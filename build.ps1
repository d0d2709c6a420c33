# NanoGate build script for machines with the nanoFramework toolchain (Windows, Visual Studio or
# the nanoFramework MSBuild components, nanoff). The Linux host build needs none of this: see README.md.
#
#   ./build.ps1 test            host build and every test (same as tests/run.sh; needs bash)
#   ./build.ps1 device          nuget restore + msbuild of nanoFramework.sln (the .nfproj projects)
#   ./build.ps1 flash -Port COM5 [-Target ESP32_ETHERNET_KIT_1.2]
#                               nanoff: flash the nanoFramework firmware image and deploy the build
param(
    [Parameter(Position = 0)][ValidateSet('test', 'device', 'flash')][string]$Target = 'test',
    [string]$Configuration = 'Release',
    [string]$Port = '',
    [string]$Board = 'ESP32_ETHERNET_KIT_1.2'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

switch ($Target) {
    'test' {
        bash tests/run.sh
        exit $LASTEXITCODE
    }
    'device' {
        nuget restore nanoFramework.sln
        msbuild nanoFramework.sln /p:Configuration=$Configuration /t:Build /m
        exit $LASTEXITCODE
    }
    'flash' {
        if (-not $Port) { throw 'flash needs -Port (e.g. COM5)' }
        nanoff --target $Board --serialport $Port --update
        nanoff --nanodevice --serialport $Port --deploy --image "firmware/Core/bin/$Configuration/NanoGate.Firmware.bin"
        exit $LASTEXITCODE
    }
}
