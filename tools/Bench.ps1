<#
.SYNOPSIS
    Benchmarks, measured side by side in one run and reported as ratios (docs/performance.md records the figures).
    Run through build.ps1 Bench, which builds the module and isolates this process from real AWS.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $Rounds = 7,
    # Also the fleet schedule benchmark (slow: one child pwsh per instance on this machine's cores).
    [switch] $ScheduleFleet
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BuildHelpers.ps1')
$pwsh = Get-PwshCommand
$manifest = Join-Path $ModulePath 'CloudDesignPatterns.psd1'

function Measure-Process([string] $Command) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Command | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "benchmark command failed: $Command" }
    $watch.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $sorted[[int][Math]::Floor($sorted.Count / 2)]
}

# 1. Import-Module cost: fresh pwsh -NoProfile with and without the import, interleaved so both see the same machine load.
Measure-Process 'exit' | Out-Null; Measure-Process "Import-Module '$manifest'; exit" | Out-Null   # warm the disk cache
# Control: the first command of any kind costs pwsh JIT time that `exit` alone never pays, so importing PowerShell's
# own Microsoft.PowerShell.Utility is measured beside ours; the difference between the two is what our module adds.
$bare = @(); $withImport = @(); $withControl = @()
for ($i = 0; $i -lt $Rounds; $i++) {
    $bare += Measure-Process 'exit'
    $withImport += Measure-Process "Import-Module '$manifest'; exit"
    $withControl += Measure-Process 'Import-Module Microsoft.PowerShell.Utility; exit'
}
$bareMedian = Get-Median $bare; $importMedian = Get-Median $withImport; $controlMedian = Get-Median $withControl
$importRatio = $importMedian / $bareMedian

# 2. Sandbox start: in-process Start-PatternSandbox, beside a no-op cmdlet call in the same process.
$script = @"
Import-Module '$manifest'
`$null = Get-PatternDefault
`$noop = @(); `$start = @()
for (`$i = 0; `$i -lt $Rounds; `$i++) {
    `$w = [Diagnostics.Stopwatch]::StartNew(); `$null = Get-PatternDefault; `$noop += `$w.Elapsed.TotalMilliseconds
    `$w = [Diagnostics.Stopwatch]::StartNew(); `$s = Start-PatternSandbox -NoDefault; `$start += `$w.Elapsed.TotalMilliseconds
    Stop-PatternSandbox
}
@{ Start = `$start; Noop = `$noop } | ConvertTo-Json -Compress
"@
$sandboxJson = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script | Select-Object -Last 1
$sandbox = $sandboxJson | ConvertFrom-Json
$firstStart = $sandbox.Start[0]
$warmStart = Get-Median ($sandbox.Start | Select-Object -Skip 1)

$results = [ordered]@{
    'pwsh -NoProfile exit (median ms)'                = [Math]::Round($bareMedian)
    'pwsh -NoProfile + Import-Module (median ms)'     = [Math]::Round($importMedian)
    'Import-Module overhead (ratio, target <= 1.25)'  = [Math]::Round($importRatio, 3)
    'control: pwsh + Import-Module Microsoft.PowerShell.Utility (median ms)' = [Math]::Round($controlMedian)
    'our import / control import (ratio)'             = [Math]::Round($importMedian / $controlMedian, 3)
    'Start-PatternSandbox, first in process (ms)'     = [Math]::Round($firstStart)
    'Start-PatternSandbox, later starts (median ms)'  = [Math]::Round($warmStart)
    'Sandbox first start / pwsh startup (ratio)'      = [Math]::Round($firstStart / $bareMedian, 3)
}
$results.GetEnumerator() | ForEach-Object { [pscustomobject]@{ Measure = $_.Key; Value = $_.Value } } | Format-Table -AutoSize | Out-Host
$out = Join-Path (Split-Path $ModulePath) 'bench.json'
$results | ConvertTo-Json | Set-Content $out
Write-Host "Written to $out"
if ($importRatio -gt 1.25) { Write-Warning "Import-Module adds $([Math]::Round(($importRatio - 1) * 100))% to pwsh startup; the target is at most 25%." }
if ($firstStart -gt 1000) { Write-Warning "The sandbox took $([Math]::Round($firstStart)) ms to start; the target is under 1 s." }

# 3. Snapshot pattern: rotation planning at scale, and a fleet backup under EC2-like throttling (issue 4).
& (Join-Path $PSScriptRoot 'bench/RotationBench.ps1') -ModulePath $ModulePath
& (Join-Path $PSScriptRoot 'bench/SnapshotFleetBench.ps1') -ModulePath $ModulePath

# 4. Routing-based HA: failover for N route tables beside Debian's aws-vpc-move-ip, in a namespace of its own (issue 11).
& (Join-Path $PSScriptRoot 'bench/RoutingBench.ps1') -ModulePath $ModulePath

# 5. DNS failover: Route 53 calls and time to INSYNC beside a fixed 20 s GetChange poll (issue 12).
& (Join-Path $PSScriptRoot 'bench/Route53Bench.ps1') -ModulePath $ModulePath

# 6. GameDay: RTO per mechanism from the sample drills, 50 ms sandbox latency, -Repeat 5 (issue 14).
& (Join-Path $PSScriptRoot 'bench/GameDayBench.ps1') -ModulePath $ModulePath

# 7. Scheduled runs: a fleet backup through a State Manager association against New-PatternSnapshot -ThrottleLimit 16
# from one machine (issue 15). Optional (-ScheduleFleet): 50 child pwsh processes take minutes on 2 cores.
if ($ScheduleFleet) { & (Join-Path $PSScriptRoot 'bench/ScheduleFleetBench.ps1') -ModulePath $ModulePath }
