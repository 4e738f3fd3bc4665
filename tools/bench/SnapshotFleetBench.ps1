<#
.SYNOPSIS
    New-PatternSnapshot over a fleet under EC2-like throttling, against the sandbox: 100 ms latency per call and a token
    bucket on mutating calls (burst 100, refill 20/s). Reports the elapsed time beside the bucket's own minimum
    ((fleet - burst) / refill), the same run at -ThrottleLimit 1, failures, and throttled attempts.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $FleetSize = 500,
    [int] $Burst = 100,
    [double] $RefillPerSecond = 20,
    [int] $LatencyMs = 100
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'CloudDesignPatterns.psd1')
$null = Start-PatternSandbox -FleetSize $FleetSize -SnapshotDelaySeconds 1
$ids = 1..$FleetSize | ForEach-Object { 'i-0f1ee7000000' + $_.ToString('x5') }

function Measure-Fleet([int] $ThrottleLimit, [string] $Policy) {
    Set-PatternSandbox -ClearFaults
    Set-PatternSandbox -LatencyMs $LatencyMs -ThrottleBurst $Burst -ThrottleRefillPerSecond $RefillPerSecond -ThrottleScope Mutating
    $last = Get-PatternSandboxCall -Last 1
    $mark = if ($last) { $last.Sequence } else { 0 }
    $errors = $null
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $sets = @($ids | New-PatternSnapshot -Policy $Policy -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -ErrorVariable errors)
    $elapsed = $watch.Elapsed.TotalSeconds
    $calls = Get-PatternSandboxCall -Service ec2 -After $mark
    [pscustomobject]@{
        ThrottleLimit      = $ThrottleLimit
        Seconds            = [Math]::Round($elapsed, 2)
        Sets               = $sets.Count
        Failed             = @($errors).Count
        CreateSnapshots    = @($calls | Where-Object { $_.Action -eq 'CreateSnapshots' -and $_.Outcome -eq 'Success' }).Count
        ThrottledAttempts  = @($calls | Where-Object Outcome -eq 'RequestLimitExceeded').Count
    }
}

$minimum = [Math]::Max(0, ($FleetSize - $Burst) / $RefillPerSecond)
$parallel = Measure-Fleet -ThrottleLimit 16 -Policy 'bench-parallel'
$serial = Measure-Fleet -ThrottleLimit 1 -Policy 'bench-serial'
Stop-PatternSandbox

$report = [ordered]@{
    'fleet size'                                  = $FleetSize
    'bucket minimum (s) = (fleet - burst) / refill' = $minimum
    'ThrottleLimit 16: elapsed (s)'               = $parallel.Seconds
    'ThrottleLimit 16: elapsed / bucket minimum'  = [Math]::Round($parallel.Seconds / $minimum, 3)
    'ThrottleLimit 16: sets made / failed'        = "$($parallel.Sets) / $($parallel.Failed)"
    'ThrottleLimit 16: throttled attempts'        = $parallel.ThrottledAttempts
    'ThrottleLimit 1: elapsed (s)'                = $serial.Seconds
    'ThrottleLimit 1: sets made / failed'         = "$($serial.Sets) / $($serial.Failed)"
    'ThrottleLimit 1: throttled attempts'         = $serial.ThrottledAttempts
    'speed-up of ThrottleLimit 16 over 1'         = [Math]::Round($serial.Seconds / $parallel.Seconds, 2)
}
$report.GetEnumerator() | ForEach-Object { [pscustomobject]@{ Measure = $_.Key; Value = $_.Value } } | Format-Table -AutoSize | Out-Host
$report | ConvertTo-Json | Set-Content (Join-Path (Split-Path $ModulePath) 'bench-snapshot-fleet.json')
if ($parallel.Failed -gt 0 -or $parallel.Sets -ne $FleetSize) { Write-Warning "$($parallel.Failed) instance(s) failed; the target is none." }
if ($parallel.Seconds -gt $minimum * 1.1) { Write-Warning "The fleet took $($parallel.Seconds) s; the target is within 10% of the bucket's minimum ($minimum s)." }
