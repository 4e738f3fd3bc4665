<#
.SYNOPSIS
    Rotation planning at scale: 100,000 managed snapshots of 1,000 instances in a sandbox process, planned with
    Remove-PatternSnapshot -WhatIf (paginated DescribeSnapshots/DescribeImages, then the pure planner).
    Prints the times and peak working set beside the targets (<= 1 s, <= 300 MB) and writes out/bench-rotation.json.
.DESCRIPTION
    Two fresh pwsh processes: the sandbox (seeded straight into its state with Ec2Service.SeedManagedFleet, then made to
    serve every page once, as a warm EC2 would), and the planner, set up as Start-PatternSandbox -AsProcess would set it
    up (endpoint, region, IMDS role credentials), so the planner's working set is the module's alone. The planning runs
    in a runspace with no host, so 93,000 "What if:" lines cost what ShouldProcess costs, not console output.
    Planning time and the part of it spent waiting for EC2 come from the cmdlet's verbose plan line; the module's share
    is the difference (the next page is requested while the last one is parsed, so parsing hides behind waiting). The
    first full run in the process is the figure; a second run shows the cost once the runtime has compiled its paths.
    The process's CPU time, GC pauses and JIT time over the command are printed beside them. The planning process is
    started -Rounds times against the same sandbox (each a fresh process): the figures shown are those of the round with
    the median module share, and every round's module share is listed, because a fresh process's first run shares its
    two cores with the runtime's background compiling, whose amount varies from run to run.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $Instances = 1000,
    [int] $SetsPerInstance = 100,
    [int] $KeepGenerations = 7,
    [ValidateRange(1, 15)][int] $Rounds = 3,
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
$seedMs = [Math]::Round($watch.Elapsed.TotalMilliseconds)
# Warm the stand-in: EC2 answers its first page as fast as its hundredth, so the sandbox serves every page once before
# the measurement. A cold sandbox compiles its rendering while the planner parses, on the same two cores.
$env:AWS_EC2_METADATA_DISABLED = 'false'; $env:AWS_EC2_METADATA_SERVICE_ENDPOINT = $info.EndpointUrl.TrimEnd('/')
$null = Get-PatternSnapshot -Policy nightly -Region $info.Region -EndpointUrl $info.EndpointUrl
"READY $seeded $seedMs $($info.Region)"
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

# Returns the command's wall time, the planning time the cmdlet reports in its verbose plan line (the read and the
# decisions, before the -WhatIf lines), and the process's CPU time over the command (all threads: parsing, GC, runtime).
function Invoke-Plan([string] $Policy) {
    $ps = [PowerShell]::Create(); $ps.Runspace = $runspace
    $null = $ps.AddCommand('Remove-PatternSnapshot').AddParameter('Policy', $Policy).AddParameter('KeepGenerations', $KeepGenerations).AddParameter('WhatIf', $true).AddParameter('Verbose', $true)
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $cpu = $process.TotalProcessorTime
    $gcPause = [GC]::GetTotalPauseDuration(); $gcCounts = 0..2 | ForEach-Object { [GC]::CollectionCount($_) }
    $jit = [Runtime.JitInfo]::GetCompilationTime($false); $jitMethods = [Runtime.JitInfo]::GetCompiledMethodCount($false)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = $ps.Invoke()
    $ms = $watch.Elapsed.TotalMilliseconds
    $process.Refresh()
    $gc = (0..2 | ForEach-Object { [GC]::CollectionCount($_) - $gcCounts[$_] }) -join '/'
    $gcPauseMs = ([GC]::GetTotalPauseDuration() - $gcPause).TotalMilliseconds
    $jitMs = ([Runtime.JitInfo]::GetCompilationTime($false) - $jit).TotalMilliseconds; $jitMethods = [Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitMethods
    if ($ps.HadErrors) { throw "planning failed: $($ps.Streams.Error | Select-Object -First 1)" }
    $planLine = @($ps.Streams.Verbose | Where-Object { $_.Message -match 'read and planned in ([0-9.]+) s, ([0-9.]+) s of it waiting for EC2' })[-1]
    if (-not $planLine) { throw 'The plan line (verbose "read and planned in … s, … s of it waiting for EC2") is missing.' }
    $ps.Dispose()
    [pscustomobject]@{
        WallMs = $ms; PlanMs = 1000 * [double]$Matches[1]; WaitMs = 1000 * [double]$Matches[2]; CpuMs = ($process.TotalProcessorTime - $cpu).TotalMilliseconds
        Gc = $gc; GcPauseMs = $gcPauseMs; JitMs = $jitMs; JitMethods = $jitMethods
    }
}

# Warm up the code paths (JIT, client, connection) on an empty policy, then measure the full plan.
$null = Invoke-Plan 'warmup'
$null = Invoke-Plan 'warmup'
[GC]::Collect(); [GC]::WaitForPendingFinalizers()
$process = [Diagnostics.Process]::GetCurrentProcess()
$before = $process.WorkingSet64
$calls = @(Get-PatternSandboxCall -EndpointUrl $Endpoint -Last 1)[0].Sequence
$run = Invoke-Plan 'nightly'
$describes = @(Get-PatternSandboxCall -EndpointUrl $Endpoint -After $calls | Where-Object Service -eq 'ec2')
# The same again in the same process: what the planning costs once the runtime has compiled its paths.
[GC]::Collect()
$again = Invoke-Plan 'nightly'
$process.Refresh()
@{
    WallMs = $run.WallMs; PlanMs = $run.PlanMs; WaitMs = $run.WaitMs; CpuMs = $run.CpuMs; Gc = $run.Gc; GcPauseMs = $run.GcPauseMs; JitMs = $run.JitMs; JitMethods = $run.JitMethods;
    AgainPlanMs = $again.PlanMs; AgainWaitMs = $again.WaitMs; AgainWallMs = $again.WallMs; AgainJitMs = $again.JitMs; PeakWorkingSetMB = $process.PeakWorkingSet64 / 1MB; WorkingSetBeforePlanMB = $before / 1MB
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
# The stand-in for AWS yields the cores to the planner (lowest priority): AWS's own servers do not share the operator's
# machine. It still gets every cycle the planner leaves, and the time the planner waits for it is measured, not hidden.
try { $sandboxProcess.PriorityClass = [Diagnostics.ProcessPriorityClass]::Idle } catch { Write-Warning "The benchmark sandbox keeps normal priority: $_" }
try {
    $ready = $null
    while (-not $sandboxProcess.HasExited -and ($line = $sandboxProcess.StandardOutput.ReadLine()) -ne $null) { if ($line -like 'READY *') { $ready = $line -split ' '; break } }
    if (-not $ready) { throw 'The benchmark sandbox did not start.' }
    $measured = foreach ($round in 1..$Rounds) {
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $script $manifest "http://127.0.0.1:$port/" $ready[3] $KeepGenerations
        if ($LASTEXITCODE -ne 0) { throw "rotation benchmark failed:`n$($output -join "`n")" }
        $r = ($output | Where-Object { "$_".TrimStart().StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
        $r | Add-Member ModuleMs ($r.PlanMs - $r.WaitMs) -PassThru
    }
}
finally {
    $sandboxProcess.StandardInput.Close()
    if (-not $sandboxProcess.WaitForExit(10000)) { $sandboxProcess.Kill() }
    Remove-Item $script, $serverScript -ErrorAction SilentlyContinue
}
# The module's own time: the planning time less the time it spent waiting for the stand-in for AWS to answer (real EC2
# answers slower still; the next page is asked for while the last is parsed, so parsing hides behind that wait). The
# sandbox shares this machine's two cores with the planner, so each carries some of the other's load. The round shown
# is the one with the median module share.
$sorted = @($measured | Sort-Object ModuleMs)
$m = $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
$roundShares = ($measured | ForEach-Object { [Math]::Round($_.ModuleMs) }) -join ' / '
$peakMB = ($measured | Measure-Object PeakWorkingSetMB -Maximum).Maximum # the memory target holds in every round, not the median
$m | Add-Member Snapshots ([int]$ready[1]); $m | Add-Member Instances $Instances; $m | Add-Member SeedMs ([double]$ready[2])
$m | Add-Member AgainModuleMs ($m.AgainPlanMs - $m.AgainWaitMs)

$results = [ordered]@{
    'managed snapshots / instances'                           = "$($m.Snapshots) / $($m.Instances)"
    'seed (ms, not part of the target)'                       = [Math]::Round($m.SeedMs)
    'planning, first full run: read + decide, wall (ms)'      = [Math]::Round($m.PlanMs)
    'of which waiting for EC2 answers (ms)'                   = [Math]::Round($m.WaitMs)
    'module share (ms, planning less waiting; target <= 1000)' = [Math]::Round($m.ModuleMs)
    "module share of each fresh process ($Rounds rounds, ms)"  = "$roundShares (median shown)"
    'sandbox process busy answering the 101 calls (ms)'       = [Math]::Round($m.SandboxMs)
    'whole -WhatIf command incl. 93,000 what-if lines (ms)'   = [Math]::Round($m.WallMs)
    'CPU time of the planning process over the command (ms)'  = [Math]::Round($m.CpuMs)
    'of which: GC pauses (ms; gen0/gen1/gen2 collections)'    = "$([Math]::Round($m.GcPauseMs)) ($($m.Gc))"
    'of which: JIT compiling (ms; methods)'                   = "$([Math]::Round($m.JitMs)) ($($m.JitMethods))"
    'peak working set, highest of the rounds (MB, target <= 300)' = [Math]::Round($peakMB)
    'working set before planning (MB)'                        = [Math]::Round($m.WorkingSetBeforePlanMB)
    'second full run: planning / waiting / module share (ms)' = "$([Math]::Round($m.AgainPlanMs)) / $([Math]::Round($m.AgainWaitMs)) / $([Math]::Round($m.AgainModuleMs))"
    'second full run: whole command, JIT (ms)'                = "$([Math]::Round($m.AgainWallMs)), $([Math]::Round($m.AgainJitMs))"
    'EC2 calls while planning (all describes)'                = "$($m.DescribeCalls) ($($m.Mutating) mutating)"
}
$results.GetEnumerator() | ForEach-Object { '{0,-60} {1}' -f $_.Key, $_.Value }
[ordered]@{
    Snapshots = [int]$m.Snapshots; Instances = [int]$m.Instances; KeepGenerations = $KeepGenerations
    PlanMs = [Math]::Round($m.PlanMs, 1); WaitMs = [Math]::Round($m.WaitMs, 1); ModuleMs = [Math]::Round($m.ModuleMs, 1); PlanTargetMs = 1000
    Rounds = $Rounds; ModuleMsEachRound = @($measured | ForEach-Object { [Math]::Round($_.ModuleMs, 1) })
    SecondRunPlanMs = [Math]::Round($m.AgainPlanMs, 1); SecondRunWaitMs = [Math]::Round($m.AgainWaitMs, 1); SecondRunModuleMs = [Math]::Round($m.AgainModuleMs, 1)
    CommandMs = [Math]::Round($m.WallMs, 1); CpuMs = [Math]::Round($m.CpuMs); GcPauseMs = [Math]::Round($m.GcPauseMs); GcCollections = $m.Gc
    JitMs = [Math]::Round($m.JitMs); JitMethods = $m.JitMethods
    PeakWorkingSetMB = [Math]::Round($peakMB, 1); PeakWorkingSetTargetMB = 300
    WorkingSetBeforePlanMB = [Math]::Round($m.WorkingSetBeforePlanMB, 1)
    DescribeCalls = $m.DescribeCalls; SandboxMs = [Math]::Round($m.SandboxMs); MutatingCalls = $m.Mutating; SeedMs = [Math]::Round($m.SeedMs)
} | ConvertTo-Json | Set-Content -Path $OutFile -Encoding utf8
"Written: $OutFile"
