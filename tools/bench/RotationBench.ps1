<#
.SYNOPSIS
    Rotation planning at scale: 100,000 managed snapshots of 1,000 instances in the in-process sandbox, planned with
    Remove-PatternSnapshot -WhatIf (paginated DescribeSnapshots/DescribeImages, then the pure planner).
    Prints the time and peak working set beside the targets (<= 1 s, <= 300 MB) and writes out/bench-rotation.json.
.DESCRIPTION
    The measurement runs in a fresh pwsh so the working set is this benchmark's alone. The snapshots are seeded
    straight into the sandbox state (Ec2Service.SeedManagedFleet) through the engine and sandbox assemblies the module
    loaded in its own load context, found with [AppDomain]::CurrentDomain.GetAssemblies(). The planning run uses a
    runspace with no host, so 93,000 "What if:" lines cost what ShouldProcess costs, not console output. The time spent
    inside the sandbox (its recorded call durations) is reported beside the total.
    The peak working set is the process's, so it includes pwsh itself and the sandbox's 100,000 records; the JSON also
    records the working set just before planning, to show what planning added.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $Instances = 1000,
    [int] $SetsPerInstance = 100,
    [int] $KeepGenerations = 7,
    [string] $OutFile
)

$ErrorActionPreference = 'Stop'
$manifest = (Resolve-Path (Join-Path $ModulePath 'CloudDesignPatterns.psd1')).Path
if (-not $OutFile) { $OutFile = Join-Path (Split-Path (Resolve-Path $ModulePath).Path -Parent) 'bench-rotation.json' }

$measure = @'
param($Manifest, $Instances, $SetsPerInstance, $KeepGenerations)
$ErrorActionPreference = 'Stop'
$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module $Manifest
Start-PatternSandbox | Out-Null
$region = (Get-PatternDefault).Region

# The running sandbox's EC2 state: the cmdlet assembly's session list holds the in-process host.
$sessionType = (Get-Command Start-PatternSandbox).ImplementingType.Assembly.GetType('CloudDesignPatterns.Commands.Sandbox.SandboxSession', $true)
$entry = $sessionType.GetProperty('InProcess', [Reflection.BindingFlags]'Public,NonPublic,Static').GetValue($null)
$ec2 = $entry.GetType().GetProperty('Host').GetValue($entry).Ec2
$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'CloudDesignPatterns.Engine', 'CloudDesignPatterns.Sandbox' }
if (@($loaded).Count -lt 2) { throw 'The engine and sandbox assemblies are not loaded.' }

$seedWatch = [Diagnostics.Stopwatch]::StartNew()
$seeded = $ec2.SeedManagedFleet($region, $Instances, $SetsPerInstance, 'nightly', [DateTime]::UtcNow.AddHours(-1))
$seedMs = $seedWatch.Elapsed.TotalMilliseconds

# A runspace of its own with no host: -WhatIf lines then cost what ShouldProcess costs, not console output.
$runspace = [RunspaceFactory]::CreateRunspace()
$runspace.Open()
$init = [PowerShell]::Create(); $init.Runspace = $runspace
$null = $init.AddCommand('Import-Module').AddParameter('Name', $Manifest).Invoke(); $init.Dispose()

function Invoke-Plan([string] $Policy) {
    $ps = [PowerShell]::Create(); $ps.Runspace = $runspace
    $null = $ps.AddCommand('Remove-PatternSnapshot').AddParameter('Policy', $Policy).AddParameter('KeepGenerations', $KeepGenerations).AddParameter('WhatIf', $true).AddParameter('Debug', $false)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $out = $ps.Invoke()
    $ms = $watch.Elapsed.TotalMilliseconds
    if ($ps.HadErrors) { throw "planning failed: $($ps.Streams.Error | Select-Object -First 1)" }
    $ps.Dispose()
    $ms
}

# Warm up the code paths (JIT, client, connection) on an empty policy, then measure the full plan.
$null = Invoke-Plan 'warmup'
$null = Invoke-Plan 'warmup'
[GC]::Collect(); [GC]::WaitForPendingFinalizers()
$process = [Diagnostics.Process]::GetCurrentProcess()
$before = $process.WorkingSet64
$calls = @(Get-PatternSandboxCall -Last 1)[0].Sequence
$planMs = Invoke-Plan 'nightly'
$process.Refresh()
$describes = @(Get-PatternSandboxCall -After $calls | Where-Object Service -eq 'ec2')
@{
    Snapshots = $seeded; Instances = $Instances; SeedMs = $seedMs; PlanMs = $planMs
    PeakWorkingSetMB = $process.PeakWorkingSet64 / 1MB; WorkingSetBeforePlanMB = $before / 1MB
    DescribeCalls = $describes.Count; SandboxMs = ($describes | Measure-Object DurationMs -Sum).Sum; Mutating = @($describes | Where-Object { $_.Action -notlike 'Describe*' }).Count
} | ConvertTo-Json -Compress
'@

$script = Join-Path ([IO.Path]::GetTempPath()) "cdp-rotation-bench-$([guid]::NewGuid().ToString('n')).ps1"
Set-Content -Path $script -Value $measure -Encoding utf8
try {
    $pwshPath = [Environment]::ProcessPath
    $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($pwshPath) -eq 'dotnet') { @($pwshPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($pwshPath) }
    $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $script $manifest $Instances $SetsPerInstance $KeepGenerations
    if ($LASTEXITCODE -ne 0) { throw "rotation benchmark failed:`n$($output -join "`n")" }
}
finally { Remove-Item $script -ErrorAction SilentlyContinue }
$m = ($output | Where-Object { "$_".TrimStart().StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json

$results = [ordered]@{
    'managed snapshots / instances'                        = "$($m.Snapshots) / $($m.Instances)"
    'seed (ms, not part of the target)'                    = [Math]::Round($m.SeedMs)
    'rotation planning, -WhatIf (ms, target <= 1000)'      = [Math]::Round($m.PlanMs)
    'peak working set of the process (MB, target <= 300)'  = [Math]::Round($m.PeakWorkingSetMB)
    'working set before planning (MB)'                     = [Math]::Round($m.WorkingSetBeforePlanMB)
    'EC2 calls while planning (all describes)'             = "$($m.DescribeCalls) ($($m.Mutating) mutating)"
    'of which inside the sandbox (ms)'                     = [Math]::Round($m.SandboxMs)
}
$results.GetEnumerator() | ForEach-Object { '{0,-56} {1}' -f $_.Key, $_.Value }
[ordered]@{
    Snapshots = [int]$m.Snapshots; Instances = [int]$m.Instances; KeepGenerations = $KeepGenerations
    PlanMs = [Math]::Round($m.PlanMs, 1); PlanTargetMs = 1000
    PeakWorkingSetMB = [Math]::Round($m.PeakWorkingSetMB, 1); PeakWorkingSetTargetMB = 300
    WorkingSetBeforePlanMB = [Math]::Round($m.WorkingSetBeforePlanMB, 1)
    DescribeCalls = $m.DescribeCalls; SandboxMs = [Math]::Round($m.SandboxMs); MutatingCalls = $m.Mutating; SeedMs = [Math]::Round($m.SeedMs)
} | ConvertTo-Json | Set-Content -Path $OutFile -Encoding utf8
"Written: $OutFile"
