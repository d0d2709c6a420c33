# NanoGate build script for machines with the nanoFramework toolchain (Windows, Visual Studio or
# the nanoFramework MSBuild components, nanoff). The Linux host build needs none of this: see README.md.
#
#   ./build.ps1 test            host build and every test (same as tests/run.sh; needs bash)
#   ./build.ps1 device          nuget restore + msbuild of nanoFramework.sln (the .nfproj projects;
#                               the application is firmware/Device, NanoGate.Device.nfproj)
#   ./build.ps1 flash -Port COM5 [-Board ESP32_WT32_ETH01|ESP32_OLIMEX]
#                               nanoff: flash the board's official nanoFramework firmware image, then
#                               deploy the application (firmware/Device/bin/<cfg>/NanoGate.Device.bin,
#                               which holds it and every assembly it references). boards/esp32/README.md
#                               says which target fits which board and how to build a custom image.
param(
    [Parameter(Position = 0)][ValidateSet('test', 'device', 'flash')][string]$Target = 'test',
    [string]$Configuration = 'Release',
    [string]$Port = '',
    [ValidateSet('ESP32_WT32_ETH01', 'ESP32_OLIMEX')][string]$Board = 'ESP32_WT32_ETH01'
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
        $image = "firmware/Device/bin/$Configuration/NanoGate.Device.bin"
        if (-not (Test-Path $image)) { throw "no ${image}: run ./build.ps1 device first" }
        nanoff --target $Board --serialport $Port --update
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
        nanoff --target $Board --serialport $Port --deploy --image $image
        exit $LASTEXITCODE
    }
}
