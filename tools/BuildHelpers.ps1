# Helpers for build.ps1: running native tools, running each test runner, and keeping test processes
# away from real AWS (no metadata probe, no developer profiles, no endpoint variables).

function Write-Step([string] $Message) {
    Write-Host "==> $Message" -ForegroundColor Cyan
}

# A plain function on purpose: its arguments (-o, -c …) go to the native command untouched.
function Invoke-Native {
    $command, $arguments = $args
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "'$command $($arguments -join ' ')' failed with exit code $LASTEXITCODE" }
}

# The pwsh that runs this script: an apphost, or 'dotnet pwsh.dll' when it runs as a local dotnet tool.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return @($process, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($process)
}

# Environment of every test, demo and benchmark process: nothing reaches 169.254.169.254 or a developer's AWS account.
function Get-IsolatedEnvironment {
    $testHome = Join-Path ([IO.Path]::GetTempPath()) "cdp-test-home-$PID"
    New-Item -ItemType Directory -Path $testHome -Force | Out-Null
    $config = Join-Path $testHome 'config'; $credentials = Join-Path $testHome 'credentials'
    foreach ($f in $config, $credentials) { if (-not (Test-Path $f)) { Set-Content -Path $f -Value '' } }
    $set = @{
        AWS_EC2_METADATA_DISABLED   = 'true'
        AWS_CONFIG_FILE             = $config
        AWS_SHARED_CREDENTIALS_FILE = $credentials
        DOTNET_CLI_TELEMETRY_OPTOUT = '1'
        POWERSHELL_TELEMETRY_OPTOUT = '1'
        POWERSHELL_UPDATECHECK      = 'Off'
    }
    $unset = 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
        'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_EC2', 'AWS_ENDPOINT_URL_ROUTE_53',
        'AWS_ENDPOINT_URL_STS', 'AWS_EC2_METADATA_SERVICE_ENDPOINT'
    [pscustomobject]@{ Set = $set; Unset = $unset }
}

# [Environment]::SetEnvironmentVariable(name, $null) from PowerShell sets "" (PowerShell passes $null as an empty string),
# and an empty AWS_PROFILE makes the AWS CLI look for a profile named "": remove variables through the Env: drive.
function Set-EnvironmentValue([string] $Name, [string] $Value) {
    if ($null -eq $Value -or $Value -eq '') { Remove-Item "Env:$Name" -ErrorAction SilentlyContinue }
    else { Set-Item "Env:$Name" -Value $Value }
}

function Use-IsolatedEnvironment([scriptblock] $Body) {
    $isolated = Get-IsolatedEnvironment
    $saved = @{}
    foreach ($name in @($isolated.Set.Keys) + $isolated.Unset) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    try {
        foreach ($name in $isolated.Set.Keys) { Set-EnvironmentValue $name $isolated.Set[$name] }
        foreach ($name in $isolated.Unset) { Set-EnvironmentValue $name $null }
        & $Body
    }
    finally {
        foreach ($name in $saved.Keys) { Set-EnvironmentValue $name $saved[$name] }
    }
}

function Invoke-IsolatedPwsh([string] $Script, [string[]] $Arguments) {
    $pwsh = Get-PwshCommand
    Use-IsolatedEnvironment {
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $Script @Arguments
    }
    if ($LASTEXITCODE -ne 0) { throw "$Script failed with exit code $LASTEXITCODE" }
}

function Invoke-XunitTests([string] $Root, [string] $Configuration, [string] $Filter, [string] $ResultsDirectory) {
    $trx = Join-Path $ResultsDirectory 'xunit.trx'
    Remove-Item $trx -ErrorAction SilentlyContinue
    $filterArguments = if ($Filter) { @('--filter', $Filter) } else { @() }
    Use-IsolatedEnvironment {
        & dotnet test (Join-Path $Root 'tests/CloudDesignPatterns.Tests/CloudDesignPatterns.Tests.csproj') -c $Configuration --nologo `
            --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' @filterArguments | Out-Host
    }
    $exit = $LASTEXITCODE
    if (-not (Test-Path $trx)) { return [pscustomobject]@{ Runner = 'xunit'; Passed = 0; Failed = 1; Skipped = 0; Completed = $false } }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Runner    = 'xunit'
        Passed    = [int]$counters.passed
        Failed    = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$(if ($exit -ne 0 -and [int]$counters.failed -eq 0) { 1 } else { 0 })
        Skipped   = [int]$counters.notExecuted
        Completed = $true
    }
}

function Get-PesterModulePath([string] $Version) {
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $path = Join-Path $packages "pester/$Version/tools/Pester.psd1"
    if (-not (Test-Path $path)) { throw "Pester $Version is not in $packages; 'dotnet restore tools/Packages.proj' downloads it." }
    $path
}

# Each test file runs in a fresh pwsh: a file that loads another AWSSDK.Core, or starts a sandbox, cannot affect the next.
function Invoke-PesterTests([string] $Root, [string] $PesterPath, [string] $ModulePath, [string] $Filter, [string] $ResultsDirectory) {
    New-Item -ItemType Directory -Path $ResultsDirectory -Force | Out-Null
    $pwsh = Get-PwshCommand
    $total = [pscustomobject]@{ Runner = 'Pester'; Passed = 0; Failed = 0; Skipped = 0; Completed = $true }
    $files = Get-ChildItem (Join-Path $Root 'tests') -Filter '*.Tests.ps1' | Where-Object Name -Like $Filter | Sort-Object Name
    foreach ($file in $files) {
        $summary = Join-Path $ResultsDirectory "$($file.BaseName).json"
        Remove-Item $summary -ErrorAction SilentlyContinue
        $runner = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$PesterPath'
`$env:CDP_MODULE_PATH = '$ModulePath'
`$config = New-PesterConfiguration
`$config.Run.Path = '$($file.FullName)'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$r = Invoke-Pester -Configuration `$config
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount } | ConvertTo-Json | Set-Content '$summary'
"@
        Use-IsolatedEnvironment {
            & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $runner | Out-Host
        }
        if (Test-Path $summary) {
            $s = Get-Content $summary -Raw | ConvertFrom-Json
            $total.Passed += $s.Passed; $total.Failed += $s.Failed; $total.Skipped += $s.Skipped
        }
        else {
            Write-Host "Pester run of $($file.Name) ended without a result (exit $LASTEXITCODE)" -ForegroundColor Red
            $total.Failed += 1
        }
    }
    $total
}
