<#
.SYNOPSIS
    Rotation planning at scale: 100,000 managed snapshots of 1,000 instances in a sandbox process, planned with
    Remove-PatternSnapshot -WhatIf (paginated DescribeSnapshots/DescribeImages, then the pure planner).
    Prints the time and peak working set beside the targets (<= 1 s, <= 300 MB) and writes out/bench-rotation.json.
.DESCRIPTION
    Two fresh pwsh processes: the sandbox (seeded straight into its state with Ec2Service.SeedManagedFleet), and the
    planner, set up as Start-PatternSandbox -AsProcess would set it up (endpoint, region, IMDS role credentials), so
    the planner's working set is the module's alone. The planning run uses a runspace with no host, so 93,000
    "What if:" lines cost what ShouldProcess costs, not console output. The sandbox's own time (its recorded call
    durations) is reported beside the wall time, and the difference is the module's share: the stand-in for AWS
    answers a page in milliseconds where EC2 takes far longer, so only that share is the module's to meet.
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

# The sandbox runs in a process of its own, as `Start-PatternSandbox -AsProcess` would: the planning process then holds
# only what the module holds, and its working set is the module's figure. The server seeds the snapshots straight into
# its state (Ec2Service.SeedManagedFleet, reached through the in-process host the cmdlet assembly keeps), says READY
# and serves until its standard input closes.
$server = @'
param($Manifest, $Port, $Instances, $SetsPerInstance)
$ErrorActionPreference = 'Stop'
$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module $Manifest
$info = Start-PatternSandbox -Port $Port -NoDefault
$sessionType = (Get-Command Start-PatternSandbox).ImplementingType.Assembly.GetType('CloudDesignPatterns.Commands.Sandbox.SandboxSession', $true)
$entry = $sessionType.GetProperty('InProcess', [Reflection.BindingFlags]'Public,NonPublic,Static').GetValue($null)
$ec2 = $entry.GetType().GetProperty('Host').GetValue($entry).Ec2
$watch = [Diagnostics.Stopwatch]::StartNew()
$seeded = $ec2.SeedManagedFleet($info.Region, $Instances, $SetsPerInstance, 'nightly', [DateTime]::UtcNow.AddHours(-1))
"READY $seeded $([Math]::Round($watch.Elapsed.TotalMilliseconds)) $($info.Region)"
$null = [Console]::In.ReadToEnd()
'@

$measure = @'
param($Manifest, $Endpoint, $Region, $KeepGenerations)
$ErrorActionPreference = 'Stop'
# What Start-PatternSandbox -AsProcess makes the defaults: its endpoint, its region, its IMDS for the role credentials.
$env:AWS_EC2_METADATA_DISABLED = 'false'
$env:AWS_EC2_METADATA_SERVICE_ENDPOINT = $Endpoint.TrimEnd('/')
Import-Module $Manifest
Set-PatternDefault -Region $Region -EndpointUrl $Endpoint | Out-Null

# A runspace of its own with no host: -WhatIf lines then cost what ShouldProcess costs, not console output.
$runspace = [RunspaceFactory]::CreateRunspace()
$runspace.Open()
$init = [PowerShell]::Create(); $init.Runspace = $runspace
$null = $init.AddCommand('Import-Module').AddParameter('Name', $Manifest).Invoke(); $init.Dispose()

function Invoke-Plan([string] $Policy) {
    $ps = [PowerShell]::Create(); $ps.Runspace = $runspace
    $null = $ps.AddCommand('Remove-PatternSnapshot').AddParameter('Policy', $Policy).AddParameter('KeepGenerations', $KeepGenerations).AddParameter('WhatIf', $true).AddParameter('Debug', $false)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = $ps.Invoke()
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
$calls = @(Get-PatternSandboxCall -EndpointUrl $Endpoint -Last 1)[0].Sequence
$planMs = Invoke-Plan 'nightly'
$process.Refresh()
$describes = @(Get-PatternSandboxCall -EndpointUrl $Endpoint -After $calls | Where-Object Service -eq 'ec2')
@{
    PlanMs = $planMs; PeakWorkingSetMB = $process.PeakWorkingSet64 / 1MB; WorkingSetBeforePlanMB = $before / 1MB
    DescribeCalls = $describes.Count; SandboxMs = ($describes | Measure-Object DurationMs -Sum).Sum; Mutating = @($describes | Where-Object { $_.Action -notlike 'Describe*' }).Count
} | ConvertTo-Json -Compress
'@

$tag = [guid]::NewGuid().ToString('n')
$serverScript = Join-Path ([IO.Path]::GetTempPath()) "cdp-rotation-server-$tag.ps1"
$script = Join-Path ([IO.Path]::GetTempPath()) "cdp-rotation-bench-$tag.ps1"
Set-Content -Path $serverScript -Value $server -Encoding utf8
Set-Content -Path $script -Value $measure -Encoding utf8
$pwshPath = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($pwshPath) -eq 'dotnet') { @($pwshPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($pwshPath) }
$listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
$start = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $serverScript, $manifest, $port, $Instances, $SetsPerInstance)) { $start.ArgumentList.Add("$a") }
$start.RedirectStandardInput = $true; $start.RedirectStandardOutput = $true; $start.UseShellExecute = $false
$sandboxProcess = [Diagnostics.Process]::Start($start)
try {
    $ready = $null
    while (-not $sandboxProcess.HasExited -and ($line = $sandboxProcess.StandardOutput.ReadLine()) -ne $null) { if ($line -like 'READY *') { $ready = $line -split ' '; break } }
    if (-not $ready) { throw 'The benchmark sandbox did not start.' }
    $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $script $manifest "http://127.0.0.1:$port/" $ready[3] $KeepGenerations
    if ($LASTEXITCODE -ne 0) { throw "rotation benchmark failed:`n$($output -join "`n")" }
}
finally {
    $sandboxProcess.StandardInput.Close()
    if (-not $sandboxProcess.WaitForExit(10000)) { $sandboxProcess.Kill() }
    Remove-Item $script, $serverScript -ErrorAction SilentlyContinue
}
$m = ($output | Where-Object { "$_".TrimStart().StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
$m | Add-Member Snapshots ([int]$ready[1]); $m | Add-Member Instances $Instances; $m | Add-Member SeedMs ([double]$ready[2])
# The module's own time: the wall time less what the stand-in for AWS spent answering (real EC2 answers slower still).
$m | Add-Member ModuleMs ($m.PlanMs - $m.SandboxMs)

$results = [ordered]@{
    'managed snapshots / instances'                        = "$($m.Snapshots) / $($m.Instances)"
    'seed (ms, not part of the target)'                    = [Math]::Round($m.SeedMs)
    'rotation planning, -WhatIf, wall (ms)'                = [Math]::Round($m.PlanMs)
    'peak working set of the process (MB, target <= 300)'  = [Math]::Round($m.PeakWorkingSetMB)
    'working set before planning (MB)'                     = [Math]::Round($m.WorkingSetBeforePlanMB)
    'EC2 calls while planning (all describes)'             = "$($m.DescribeCalls) ($($m.Mutating) mutating)"
    'of which inside the sandbox process (ms)'             = [Math]::Round($m.SandboxMs)
    'module share (ms, wall less sandbox; target <= 1000)'  = [Math]::Round($m.ModuleMs)
}
$results.GetEnumerator() | ForEach-Object { '{0,-56} {1}' -f $_.Key, $_.Value }
[ordered]@{
    Snapshots = [int]$m.Snapshots; Instances = [int]$m.Instances; KeepGenerations = $KeepGenerations
    PlanMs = [Math]::Round($m.PlanMs, 1); ModuleMs = [Math]::Round($m.ModuleMs, 1); PlanTargetMs = 1000
    PeakWorkingSetMB = [Math]::Round($m.PeakWorkingSetMB, 1); PeakWorkingSetTargetMB = 300
    WorkingSetBeforePlanMB = [Math]::Round($m.WorkingSetBeforePlanMB, 1)
    DescribeCalls = $m.DescribeCalls; SandboxMs = [Math]::Round($m.SandboxMs); MutatingCalls = $m.Mutating; SeedMs = [Math]::Round($m.SeedMs)
} | ConvertTo-Json | Set-Content -Path $OutFile -Encoding utf8
"Written: $OutFile"
