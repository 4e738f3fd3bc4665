#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks the CloudDesignPatterns module.
.DESCRIPTION
    Build  an importable module folder out/CloudDesignPatterns (manifest, cmdlet and model assemblies, dependencies/,
           format and MAML help files).
    Test   Build, then the xunit tests, then the Pester tests against out/ (each Pester file in a fresh pwsh).
           Exits non-zero on any failure; the last line is "N passed, N failed" over both runners.
    Demo   Build, start the sandbox, run every pattern end to end, print what a user would see.
    Bench  Build, then the benchmarks; ratios measured side by side (see docs/performance.md).
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Only run Pester files whose name matches (Test task).
    [string] $PesterFilter = '*',

    # Only run xunit tests matching this dotnet test --filter expression (Test task), e.g. 'FullyQualifiedName~Routing';
    # 'none' skips xunit. For a quick loop on one pattern; CI and the README command run everything.
    [string] $XunitFilter = '',

    # Bench task: also the fleet schedule benchmark (tools/bench/ScheduleFleetBench.ps1), one child pwsh per instance:
    # minutes on 2 cores, so it is a step of its own.
    [switch] $ScheduleFleet
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'CloudDesignPatterns'
$PesterVersion = '5.7.1'

. (Join-Path $Root 'tools/BuildHelpers.ps1')

function Invoke-Build {
    Write-Step 'Restoring packages (module, tests, Pester and the side-by-side AWSSDK.Core builds)'
    Invoke-Native dotnet restore (Join-Path $Root 'CloudDesignPatterns.sln') --nologo '--verbosity=quiet'
    Invoke-Native dotnet restore (Join-Path $Root 'tools/Packages.proj') --nologo '--verbosity=quiet'

    Write-Step "Building ($Configuration)"
    $publish = Join-Path $Out 'publish'
    Remove-Item $publish, $ModuleOut -Recurse -Force -ErrorAction SilentlyContinue
    Invoke-Native dotnet publish (Join-Path $Root 'src/CloudDesignPatterns/CloudDesignPatterns.csproj') -c $Configuration -o $publish --nologo '--verbosity=quiet'

    Write-Step "Assembling $ModuleOut"
    $dependencies = Join-Path $ModuleOut 'dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null
    # The default load context sees only the cmdlets and the model; everything else is isolated (docs/dependency-isolation.md).
    $rootAssemblies = 'CloudDesignPatterns.dll', 'CloudDesignPatterns.Model.dll'
    foreach ($file in Get-ChildItem $publish -Filter *.dll) {
        $target = if ($file.Name -in $rootAssemblies) { $ModuleOut } else { $dependencies }
        Copy-Item $file.FullName $target
    }
    Copy-Item (Join-Path $Root 'CloudDesignPatterns.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'src/CloudDesignPatterns/CloudDesignPatterns.format.ps1xml') $ModuleOut
    # The Pacemaker resource agent ships in the module folder (docs/patterns/pacemaker.md installs it into the OCF directory).
    $agents = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'resource-agents') -Force
    Copy-Item (Join-Path $Root 'resource-agents/*') $agents -Force

    Write-Step 'Converting docs/cmdlets/*.md to MAML help'
    $helpDir = Join-Path $ModuleOut 'en-US'
    New-Item -ItemType Directory -Path $helpDir -Force | Out-Null
    # tests/Help.Tests.ps1 proves every exported cmdlet has help; the converter fails on a malformed page.
    & (Join-Path $Root 'tools/ConvertTo-MamlHelp.ps1') -Path (Join-Path $Root 'docs/cmdlets') -OutputPath (Join-Path $helpDir 'CloudDesignPatterns.dll-Help.xml') | Out-Null
    Write-Host "Module ready: $ModuleOut"
}

function Invoke-Test {
    Invoke-Build
    $results = [System.Collections.Generic.List[object]]::new()

    if ($XunitFilter -ne 'none') {
        Write-Step 'xunit'
        $results.Add((Invoke-XunitTests -Root $Root -Configuration $Configuration -Filter $XunitFilter -ResultsDirectory (Join-Path $Out 'test-results')))
    }

    Write-Step 'Pester (against out/, each file in a fresh pwsh)'
    $pester = Get-PesterModulePath -Version $PesterVersion
    $results.Add((Invoke-PesterTests -Root $Root -PesterPath $pester -ModulePath $ModuleOut -Filter $PesterFilter -ResultsDirectory (Join-Path $Out 'test-results')))

    $passed = ($results | Measure-Object -Property Passed -Sum).Sum
    $failed = ($results | Measure-Object -Property Failed -Sum).Sum
    foreach ($r in $results) { Write-Host ("{0,-7} {1} passed, {2} failed, {3} skipped" -f $r.Runner, $r.Passed, $r.Failed, $r.Skipped) }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0 -or ($results | Where-Object { -not $_.Completed })) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Invoke-IsolatedPwsh -Script (Join-Path $Root 'tools/Demo.ps1') -Arguments @('-ModulePath', $ModuleOut)
}

function Invoke-Bench {
    Invoke-Build
    $arguments = @('-ModulePath', $ModuleOut)
    if ($ScheduleFleet) { $arguments += '-ScheduleFleet' }
    Invoke-IsolatedPwsh -Script (Join-Path $Root 'tools/Bench.ps1') -Arguments $arguments
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
}
